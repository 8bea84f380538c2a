using Erasmus.Web.Data;

namespace Erasmus.Web.Features.Attainment;

public static class AttainmentSetup
{
    public static IServiceCollection AddAttainment(this IServiceCollection services)
    {
        services.AddScoped<AttainmentQueries>();
        services.AddScoped<AttainmentService>();
        services.AddScoped<CountyTileMaps>();
        services.AddDataCache();
        services.AddSingleton<AttainmentCache>();
        services.AddSingleton<TargetResultMemo>();
        services.AddHostedService<AttainmentWarmUp>();
        return services;
    }
}

using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Health;

namespace Erasmus.Web.Features.Attainment;

public static class AttainmentSetup
{
    public static IServiceCollection AddAttainment(this IServiceCollection services)
    {
        services.AddScoped<AttainmentSql>();
        services.AddScoped<AttainmentService>();
        services.AddScoped<CountyTileMaps>();
        services.AddScoped<InstitutionRateTables>();
        services.AddDataCache();
        services.AddSingleton<AttainmentCache>();
        services.AddSingleton<TargetResultMemo>();
        services.AddSingleton<WarmUpState>();
        services.AddHostedService<AttainmentWarmUp>();
        services.AddHealthChecks().AddCheck<DashboardsReadyCheck>("dashboards", tags: [HealthSetup.ReadyTag]);
        return services;
    }
}

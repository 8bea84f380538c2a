namespace Erasmus.Web.Features.Attainment;

public static class AttainmentSetup
{
    public static IServiceCollection AddAttainment(this IServiceCollection services)
    {
        services.AddScoped<AttainmentQueries>();
        services.AddScoped<AttainmentService>();
        services.AddOptions<AttainmentCacheOptions>().BindConfiguration("Attainment:Cache");
        services.AddSingleton<AttainmentInputsCache>();
        return services;
    }
}

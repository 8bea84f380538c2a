namespace Erasmus.Web.Features.Reports;

public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<StatusReport>();
        return services;
    }
}

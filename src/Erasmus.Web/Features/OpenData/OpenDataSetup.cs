namespace Erasmus.Web.Features.OpenData;

public static class OpenDataSetup
{
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddScoped<OpenDataService>();
        services.AddSingleton<OpenDataMemo>();
        return services;
    }
}

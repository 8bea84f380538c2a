using Erasmus.Web.Features.Import;

// In the DI namespace, as AddXxx extensions conventionally are, so Program.cs needs one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

public static class ImportSetup
{
    /// <summary>The import's options (limits, upload folder under DataFolder), its queue, progress and background worker.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>()
            .Configure<IConfiguration, IWebHostEnvironment>((o, configuration, environment) =>
            {
                configuration.GetSection("Import").Bind(o);
                var dataFolder = Path.GetFullPath(configuration["DataFolder"] ?? ".data/app", environment.ContentRootPath);
                o.Folder = Path.Combine(dataFolder, "imports");
            });
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<ImportProgress>();
        services.AddScoped<ImportProcessor>();
        services.AddHostedService<ImportWorker>();
        return services;
    }
}

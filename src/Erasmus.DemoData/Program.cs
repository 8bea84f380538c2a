using Erasmus.Web.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Erasmus.DemoData;

/// <summary>
/// Migrates the database of ConnectionStrings:Erasmus (the environment's ConnectionStrings__Erasmus, as
/// for the app), then seeds the reference data, the demo data set and the demo users. A second run
/// changes nothing. run.sh runs it before the app starts; docker-compose as a one-off service.
/// </summary>
/// <remarks>Not top-level statements: those would declare a second global Program beside the app's, which the tests name.</remarks>
internal static class DemoDataTool
{
    public static async Task<int> Main(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        if (string.Equals(environment, "Production", StringComparison.OrdinalIgnoreCase))
        {
            // Demo users have a published password: they must never exist in a production database.
            await Console.Error.WriteLineAsync("The environment is Production: demo data and demo users are never seeded there.");
            return 1;
        }

        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddErasmusDatabase(builder.Configuration);
        // The data cache AddErasmusDatabase registers counts its hits; nothing here reads it, but the host validates it.
        builder.Services.AddSingleton<ErasmusMetrics>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ErasmusDbContext>().Database.MigrateAsync();
        Console.WriteLine("Migrations applied.");
        await DemoSeeder.SeedAsync(scope.ServiceProvider);
        Console.WriteLine("Reference data, demo data and demo users seeded.");
        return 0;
    }
}

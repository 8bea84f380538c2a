using Erasmus.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Data;

public sealed class DatabaseOptions
{
    public bool MigrateOnStartup { get; set; }
    public bool SeedReferenceData { get; set; }
    public bool SeedDemoData { get; set; }
    public int CommandTimeoutSeconds { get; set; } = 30;
}

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Erasmus";

    public static IServiceCollection AddErasmusDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection("Database"));
        services.AddSingleton(TimeProvider.System);
        services.TryAddScoped<ICurrentUser, SystemUser>();
        services.AddScoped<AuditStampInterceptor>();
        // Read lazily so that settings added after start-up code runs (tests, environment) apply.
        services.AddDbContext<ErasmusDbContext>((provider, db) => Configure(
            db,
            provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName),
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            provider.GetRequiredService<AuditStampInterceptor>()));
        services.AddDataCache();
        return services;
    }

    /// <summary>Shared by the app and the tests so both talk to PostgreSQL the same way.</summary>
    public static void Configure(DbContextOptionsBuilder db, string? connectionString, DatabaseOptions options, params IInterceptor[] interceptors)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No connection string. Set ConnectionStrings__{ConnectionStringName} in the environment or appsettings.json.");
        }

        db.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(options.CommandTimeoutSeconds));
        db.AddInterceptors(interceptors);
        // Migrations are hand-written without a model snapshot, so EF always thinks changes are
        // pending; the schema-equality test proves the migrations match the model instead.
        db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>Applies migrations and seeds at start-up when configured (the run command does).</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup && !options.SeedReferenceData && !options.SeedDemoData)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<ErasmusDbContext>>();
        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
            logger.LogInformation("Database migrated");
        }

        var demo = options.SeedDemoData;
        if (demo && scope.ServiceProvider.GetRequiredService<IHostEnvironment>().IsProduction())
        {
            // Demo users have a published password: they must never exist in a production database.
            logger.LogError("Database:SeedDemoData is set in Production; demo data and demo users were not seeded");
            demo = false;
        }

        await DatabaseSeeder.SeedAsync(scope.ServiceProvider, options.SeedReferenceData || demo, demo);
    }
}

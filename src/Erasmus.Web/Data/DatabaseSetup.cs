using System.Data.Common;
using Erasmus.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Erasmus.Web.Data;

public sealed class DatabaseOptions
{
    public bool MigrateOnStartup { get; set; }
    public bool SeedReferenceData { get; set; }
    /// <summary>Read only to say that the app no longer does this: demo data is seeded by src/Erasmus.DemoData.</summary>
    public bool SeedDemoData { get; set; }
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>How often a command failing with a transient error (the server restarting, a dropped connection) is retried; 0 turns retries off.</summary>
    public int MaxRetryCount { get; set; } = 3;

    /// <summary>The longest wait between two retries.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 2;

    /// <summary>How long opening a connection may take, unless the connection string sets Timeout itself.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>How many statements each pooled connection keeps prepared (Npgsql's automatic preparation), unless the connection string sets it; 0 turns it off.</summary>
    public int MaxAutoPrepare { get; set; } = 64;
}

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Erasmus";

    /// <summary>The connection pool's name in metrics and traces.</summary>
    public const string DataSourceName = "erasmus";

    private static readonly string[] TimeoutKeywords = ["Timeout", "Connection Timeout", "ConnectTimeout", "Connect Timeout"];

    public static IServiceCollection AddErasmusDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection("Database"));
        services.AddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentUser, SystemUser>();
        services.AddSingleton<AuditStampInterceptor>();
        // Read lazily so that settings added after start-up code runs (tests, environment) apply.
        services.AddSingleton(provider => DataSource(
            provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName),
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        // Contexts are pooled: setting up a context's internal services cost a tenth of a cached page's processor
        // time. A pooled context keeps nothing of a request but the data versions it read, forgotten when it is leased
        // again (DataCache.Lease); the audit stamps' user comes from the request (HttpCurrentUser), not the context.
        services.AddPooledDbContextFactory<ErasmusDbContext>((provider, db) => Configure(
            db,
            provider.GetRequiredService<NpgsqlDataSource>(),
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            provider.GetRequiredService<AuditStampInterceptor>()), ContextPoolSize);
        services.AddScoped(provider => provider.GetRequiredService<DataCache>().Lease(
            provider.GetRequiredService<IDbContextFactory<ErasmusDbContext>>().CreateDbContext()));
        services.AddDataCache();
        return services;
    }

    /// <summary>How many idle contexts the pool keeps: about as many as requests run at once, with room to spare.</summary>
    public const int ContextPoolSize = 128;

    /// <summary>
    /// The app's one connection pool, disposed with the app. Named, so that metrics label it with the
    /// name: an unnamed pool is labelled with its connection string (host, database and user).
    /// </summary>
    public static NpgsqlDataSource DataSource(string? connectionString, DatabaseOptions options) =>
        new NpgsqlDataSourceBuilder(WithDefaults(Required(connectionString), options)) { Name = DataSourceName }.Build();

    /// <summary>Shared by the app and the tests so both talk to PostgreSQL the same way.</summary>
    public static void Configure(DbContextOptionsBuilder db, string? connectionString, DatabaseOptions options, params IInterceptor[] interceptors)
    {
        db.UseNpgsql(WithDefaults(Required(connectionString), options), npgsql => Configure(npgsql, options));
        Configure(db, interceptors);
    }

    /// <summary>As above, on the app's data source (an import's second DbContext uses it too).</summary>
    public static void Configure(DbContextOptionsBuilder db, NpgsqlDataSource dataSource, DatabaseOptions options, params IInterceptor[] interceptors)
    {
        db.UseNpgsql(dataSource, npgsql => Configure(npgsql, options));
        Configure(db, interceptors);
    }

    private static string Required(string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"No connection string. Set ConnectionStrings__{ConnectionStringName} in the environment or appsettings.json.")
            : connectionString;

    private static void Configure(NpgsqlDbContextOptionsBuilder npgsql, DatabaseOptions options)
    {
        npgsql.CommandTimeout(options.CommandTimeoutSeconds);
        // Transient failures are retried a few times with short delays, so a request gives up within
        // seconds while the database is down (and answers 503) instead of waiting indefinitely.
        // User-initiated transactions must then run inside Database.CreateExecutionStrategy().
        if (options.MaxRetryCount > 0)
        {
            npgsql.ExecutionStrategy(dependencies =>
                new NoTimeoutRetryingExecutionStrategy(dependencies, options.MaxRetryCount, TimeSpan.FromSeconds(options.MaxRetryDelaySeconds)));
        }
    }

    private static void Configure(DbContextOptionsBuilder db, IInterceptor[] interceptors)
    {
        // snake_case for every table, column, key, index and constraint, so analysts can query by hand.
        db.UseSnakeCaseNamingConvention();
        db.ReplaceService<IHistoryRepository, ErasmusHistoryRepository>();
        db.AddInterceptors(interceptors);
    }

    /// <summary>
    /// The connection string with the app's defaults where it sets none of its own:
    /// <list type="bullet">
    /// <item>Npgsql waits 15 s for a connection by default; times the retries that would keep a request hanging for a
    /// minute while the server is unreachable.</item>
    /// <item>Statements run often are prepared on each pooled connection (automatic preparation, kept across the pool's
    /// reuse), so PostgreSQL parses and plans the session check and the data versions once per connection rather than
    /// on every request: with readers and writers at once this halved the database's processor time per request (issue 19).</item>
    /// </list>
    /// </summary>
    public static string WithDefaults(string connectionString, DatabaseOptions options)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var timeout = !TimeoutKeywords.Any(given.ContainsKey);
        var prepare = !AutoPrepareKeywords.Any(given.ContainsKey);
        if (!timeout && !prepare)
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (timeout)
        {
            builder.Timeout = options.ConnectTimeoutSeconds;
        }

        if (prepare)
        {
            builder.MaxAutoPrepare = options.MaxAutoPrepare;
        }

        return builder.ConnectionString;
    }

    private static readonly string[] AutoPrepareKeywords = ["Max Auto Prepare", "MaxAutoPrepare"];

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

        if (options.SeedDemoData)
        {
            // The demo generator and the demo users (a published password) are not part of the app (decision 0012).
            logger.LogError("Database:SeedDemoData is set, but the app never seeds demo data or demo users; run src/Erasmus.DemoData (docs/demo-data.md)");
        }

        await DatabaseSeeder.SeedAsync(scope.ServiceProvider, options.SeedReferenceData);
    }
}

/// <summary>
/// Npgsql's retrying strategy, except that a timeout is not retried: a command or a connection
/// attempt that already waited its full timeout would make the user wait that long again, once per
/// retry. Refused and dropped connections (a restarting server) are retried as before.
/// </summary>
public sealed class NoTimeoutRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd: null)
{
    protected override bool ShouldRetryOn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException || e is PostgresException { SqlState: "57014" })
            {
                return false;
            }
        }

        return exception is not null && base.ShouldRetryOn(exception);
    }
}

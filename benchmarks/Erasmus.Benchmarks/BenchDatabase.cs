using System.Diagnostics;
using Erasmus.DemoData;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Seed;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Erasmus.Benchmarks;

/// <summary>The benchmark's own databases on the test cluster (or ERASMUS_BENCH_DB / ERASMUS_TEST_DB).</summary>
public static class BenchDatabase
{
    /// <summary>About 5 000 organisations, 30 000 projects and 1 000 000 mobility records (docs/benchmarks.md).</summary>
    public static DemoDataSize TenTimesNational(Options options) => new(
        options.Whole("--scale", 8), options.Fraction("--rounds", 2.45), options.Fraction("--participants", 3.45));

    public static string ConnectionString(Options options, string database) =>
        new NpgsqlConnectionStringBuilder(options.Server) { Database = database, CommandTimeout = 0, MaxPoolSize = 200 }.ConnectionString;

    /// <summary>A fresh database, migrated, with reference data, the demo data at the given size and the demo users.</summary>
    public static async Task<string> CreateDemoAsync(Options options, DemoDataSize size)
    {
        var database = options.Value("--name") ?? $"erasmus_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var connectionString = ConnectionString(options, database);
        Console.WriteLine($"Database {database}: migrating, seeding reference data and demo data (scale {size.Scale}, {size.ProjectRounds} project rounds, participants ×{size.ParticipantFactor})");
        await ExecuteAsync(options.Server, $"CREATE DATABASE {database}");
        var clock = Stopwatch.StartNew();
        await using (var services = Services(connectionString))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync();
            await ReferenceDataSeeder.SeedAsync(db);
            var summary = await new DemoDataGenerator(TimeProvider.System).SeedAsync(db, size);
            await DemoUsers.SeedAsync(db);
            Console.WriteLine($"  generated and written in {summary.Elapsed.TotalSeconds:F0} s");
        }

        await ExecuteAsync(connectionString, "VACUUM ANALYZE");
        Console.WriteLine($"Dataset ready in {clock.Elapsed.TotalSeconds:F0} s: {await DescribeAsync(connectionString)}");
        return database;
    }

    /// <summary>Brings a kept dataset to this branch's schema (new indexes, the data version's triggers).</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        await using var services = Services(connectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            Console.WriteLine($"Applying {string.Join(", ", pending)}");
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync();
            await ExecuteAsync(connectionString, "VACUUM ANALYZE");
        }
    }

    public static async Task<string> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM counties WHERE valid_to IS NULL), (SELECT count(*) FROM organisations),
                   (SELECT count(*) FROM organisations WHERE country_code = 'NO'), (SELECT count(*) FROM accreditations),
                   (SELECT count(*) FROM projects), (SELECT count(*) FROM awarded_mobilities), (SELECT count(*) FROM mobilities),
                   pg_size_pretty(pg_database_size(current_database()))
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"{reader.GetInt64(0)} counties (today's structure), {reader.GetInt64(1):N0} organisations ({reader.GetInt64(2):N0} Norwegian), "
               + $"{reader.GetInt64(3):N0} accreditations, {reader.GetInt64(4):N0} projects, {reader.GetInt64(5):N0} awarded lines, "
               + $"{reader.GetInt64(6):N0} mobility records; database {reader.GetString(7)}";
    }

    public static async Task DropAsync(Options options, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    /// <summary>Runs one statement; a server connection string (no Database=) runs it in "postgres".</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        builder.Database ??= "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <param name="settings">Configuration the app would read (e.g. <c>Cache:FollowProjects</c>), to compare designs in one run.</param>
    public static ServiceProvider Services(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build())
            .AddLogging()
            .AddMetrics()
            .AddSingleton<Erasmus.Web.Infrastructure.Observability.ErasmusMetrics>()
            .AddSingleton(TimeProvider.System)
            .AddScoped<ICurrentUser, SystemUser>()
            .AddDbContext<ErasmusDbContext>(o => DatabaseSetup.Configure(o, connectionString, new DatabaseOptions { CommandTimeoutSeconds = 3600 }))
            .AddAttainment()
            .AddReports()
            .BuildServiceProvider();
}

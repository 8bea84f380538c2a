using Erasmus.Web.Data;
using Erasmus.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// Databases on the real PostgreSQL that <see cref="TestServer"/> chooses (a container of this
/// process, ERASMUS_TEST_DB or test.sh's local cluster). One template database per test process is
/// migrated and seeded with reference data once; every test class then gets a fresh copy by
/// <c>CREATE DATABASE … TEMPLATE …</c>, which takes milliseconds.
/// </summary>
public static class TestDatabases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _templateName;

    /// <summary>The server connection string (no Database=); waits for the container on first use.</summary>
    public static string ServerConnectionString => TestServer.ConnectionStringAsync().GetAwaiter().GetResult();

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, IncludeErrorDetail = true }.ConnectionString;

    public static DbContextOptions<ErasmusDbContext> OptionsFor(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ErasmusDbContext>();
        DatabaseSetup.Configure(builder, connectionString, new DatabaseOptions(), new AuditStampInterceptor(TimeProvider.System, new SystemUser()));
        return builder.Options;
    }

    /// <summary>Creates a new database from the migrated, reference-seeded template.</summary>
    public static async Task<string> CreateFromTemplateAsync()
    {
        await TestServer.ConnectionStringAsync();
        await Gate.WaitAsync();
        try
        {
            _templateName ??= await CreateTemplateAsync();
            var name = $"erasmus_t_{Guid.NewGuid():N}"[..30];
            await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {_templateName}");
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database (no schema), for tests that build their own.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        await TestServer.ConnectionStringAsync();
        var name = $"erasmus_t_{Guid.NewGuid():N}"[..30];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return name;
    }

    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var name = $"erasmus_t_tpl_{Environment.ProcessId}";
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {name}");
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddScoped<ICurrentUser, SystemUser>()
            .AddScoped<AuditStampInterceptor>()
            .AddDbContext<ErasmusDbContext>((provider, o) => DatabaseSetup.Configure(o, ConnectionStringFor(name), new DatabaseOptions(), provider.GetRequiredService<AuditStampInterceptor>()))
            .BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ErasmusDbContext>().Database.MigrateAsync();
            await DatabaseSeeder.SeedAsync(scope.ServiceProvider, reference: true);
        }

        // A template must have no open connections when it is copied.
        NpgsqlConnection.ClearAllPools();
        // A container goes away with the process, and with it the template.
        if (!TestServer.IsOwnContainer)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
        }
        return name;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using System.Diagnostics;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Seed;

/// <summary>
/// The demo data tool (src/Erasmus.DemoData) as run.sh and docker-compose run it: a process of its own on
/// an empty database, which it migrates and seeds; a second run changes nothing; never in Production.
/// </summary>
public sealed class DemoDataToolTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_database);

    [Fact]
    public async Task Migrates_an_empty_database_and_seeds_demo_data_and_users_once()
    {
        var connection = TestDatabases.ConnectionStringFor(_database);

        var first = await RunAsync(connection, "Development");
        var projects = await DemoDataFixture.ScalarAsync(connection, "SELECT count(*) FROM projects");
        var second = await RunAsync(connection, "Development");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.True(projects > 1000, $"{projects} projects");
        Assert.Equal(projects, await DemoDataFixture.ScalarAsync(connection, "SELECT count(*) FROM projects"));
        Assert.Equal(17, await DemoDataFixture.ScalarAsync(connection, "SELECT count(*) FROM users WHERE email LIKE '%@demo.no'"));
        Assert.Equal(1, await DemoDataFixture.ScalarAsync(connection, "SELECT count(*) FROM app_settings WHERE key = 'demo_data_seeded_at'"));
    }

    [Fact]
    public async Task Refuses_a_production_environment_and_changes_nothing()
    {
        var connection = TestDatabases.ConnectionStringFor(_database);

        var refused = await RunAsync(connection, "Production");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Production", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, await DemoDataFixture.ScalarAsync(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string connection, string environment)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(AppProcess.RepositoryRoot(), "src", "Erasmus.DemoData", "bin", configuration, "net10.0", "Erasmus.DemoData.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__Erasmus"] = connection;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

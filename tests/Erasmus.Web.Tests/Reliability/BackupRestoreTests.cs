using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Seed;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh on a database holding the demo data set: the restored
/// copy must have the same rows and give the same dashboard figures through the API.
/// </summary>
public sealed class BackupRestoreTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] Dates = ["2021-09-30", "2023-06-30", "2025-12-31"];
    private static readonly string[] Bases = ["awarded", "realised"];

    [Fact]
    public async Task A_backup_restored_into_a_new_database_gives_identical_row_counts_and_dashboard_figures()
    {
        await using (var db = database.CreateDbContext())
        {
            await new DemoDataGenerator(new FixedTimeProvider(DemoDataFixture.Today)).SeedAsync(db);
        }

        var folder = Directory.CreateTempSubdirectory("erasmus-backup-").FullName;
        var restored = $"erasmus_t_{Guid.NewGuid():N}"[..30];
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Erasmus"] = database.ConnectionString,
                ["ERASMUS_PG_BIN"] = PostgresTools.BinDirectory,
            };
            var watch = Stopwatch.StartNew();
            var file = (await PostgresTools.RunAsync("bash", [Script("backup.sh"), folder], environment: environment)).Trim().Split('\n')[^1];
            var backupMs = watch.ElapsedMilliseconds;
            Assert.True(File.Exists(file), $"backup.sh named {file}");
            watch.Restart();
            var name = (await PostgresTools.RunAsync("bash", [Script("restore.sh"), file, restored], environment: environment)).Trim().Split('\n')[^1];
            Assert.Equal(restored, name);
            output.WriteLine($"backup.sh: {Path.GetFileName(file)}, {new FileInfo(file).Length / 1024} KiB in {backupMs} ms; restore.sh into {restored} in {watch.ElapsedMilliseconds} ms");

            var restoredConnection = TestDatabases.ConnectionStringFor(restored);
            var originalCounts = await RowCountsAsync(database.ConnectionString);
            var restoredCounts = await RowCountsAsync(restoredConnection);
            output.WriteLine($"Rows: {originalCounts.Values.Sum()} in {originalCounts.Count} tables before, {restoredCounts.Values.Sum()} after; " +
                $"mobilities {originalCounts["mobilities"]} → {restoredCounts["mobilities"]}, projects {originalCounts["projects"]} → {restoredCounts["projects"]}, " +
                $"audit entries {originalCounts["audit_entries"]} → {restoredCounts["audit_entries"]}");
            Assert.Equal(originalCounts, restoredCounts);

            await using var original = new ErasmusAppFactory(database.ConnectionString);
            await using var copy = new ErasmusAppFactory(restoredConnection);
            var before = await Sessions.SignInAsync(original, await Sessions.CreateUserAsync(original, TestRoles.Analyst));
            var after = await Sessions.SignInAsync(copy, await Sessions.CreateUserAsync(copy, TestRoles.Analyst));
            var compared = 0;
            foreach (var date in Dates)
            {
                foreach (var basis in Bases)
                {
                    var url = $"/api/attainment?asOf={date}&basis={basis}";
                    var (expected, actual) = (await FiguresAsync(before, url), await FiguresAsync(after, url));
                    Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
                    var targets = expected["targets"]!.AsArray();
                    compared += targets.Count;
                    output.WriteLine($"{url}: {targets.Count} targets identical, e.g. {targets[0]!["code"]} = {targets[0]!["value"]}");
                }
            }

            Assert.True(compared > 0);
        }
        finally
        {
            await TestDatabases.DropAsync(restored);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Script(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "scripts", name);
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new FileNotFoundException($"scripts/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The API's figures without the moment they were computed.</summary>
    private static async Task<JsonNode> FiguresAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        json.AsObject().Remove("generatedAt");
        return json;
    }

    private static async Task<SortedDictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }
}

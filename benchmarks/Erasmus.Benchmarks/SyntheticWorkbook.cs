using System.Diagnostics;
using System.Globalization;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Erasmus.Benchmarks;

/// <summary>
/// The first workbook benchmark, on synthetic data written by COPY (not the demo generator):
///   dotnet run -c Release --project benchmarks/Erasmus.Benchmarks -- synthetic-workbook [--mobilities 1000000] [--as-of 2027-12-31] [--keep] [--output DIR]
/// writes the report once per basis, each in a child process of its own.
/// </summary>
public static class SyntheticWorkbook
{
    public static async Task<int> RunAsync(Options options)
    {
        var mobilities = options.Whole("--mobilities", 1_000_000);
        var asOf = options.Value("--as-of") ?? "2027-12-31";
        Console.WriteLine($"Machine: {Machine.Describe()}; {Machine.Load()}");
        var database = $"erasmus_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var connectionString = BenchDatabase.ConnectionString(options, database);
        Console.WriteLine($"Database {database}: migrating and seeding reference data");
        await BenchDatabase.ExecuteAsync(options.Server, $"CREATE DATABASE {database}");
        try
        {
            var clock = Stopwatch.StartNew();
            await using (var services = BenchDatabase.Services(connectionString))
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ErasmusDbContext>().Database.MigrateAsync();
                await DatabaseSeeder.SeedAsync(scope.ServiceProvider, reference: true);
            }

            Console.WriteLine($"Generating {mobilities:N0} mobilities with binary COPY");
            var data = new SyntheticData(mobilities);
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await data.WriteAsync(connection, Console.Out);
            }

            Console.WriteLine($"Dataset ready in {clock.Elapsed.TotalSeconds:F0} s ({data.ProjectCount:N0} projects)");
            var results = new List<Result>();
            foreach (var basis in new[] { "awarded", "realised" })
            {
                results.Add(await WorkbookBenchmarks.ChildAsync(options, "report-child", connectionString, basis, asOf));
            }

            Console.WriteLine();
            Console.WriteLine("| basis | as of | rows on Mobiliteter | data sheets | file size | wall time | ComputeAsync alone (warm) | peak working set | peak managed heap (sampled) | allocated | gen 2 GCs |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Basis} | {r.AsOf} | {r.MobilityRows:N0} | {r.MobilitySheets} | {r.FileBytes / 1048576.0:F1} MiB | {r.Seconds:F1} s | {r.EngineSeconds:F1} s | {r.PeakWorkingSetBytes / 1048576.0:F0} MiB | {r.PeakHeapBytes / 1048576.0:F0} MiB | {r.AllocatedBytes / 1073741824.0:F1} GiB | {r.Gen2Collections} |"));
            }

            return 0;
        }
        finally
        {
            if (!options.Flag("--keep"))
            {
                await BenchDatabase.DropAsync(options, database);
            }
            else
            {
                Console.WriteLine($"Kept database {database}");
            }
        }
    }
}

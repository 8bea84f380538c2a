using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Erasmus.Benchmarks;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Seed;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Benchmark of the status workbook (not a test; it asserts nothing):
//   dotnet run -c Release --project benchmarks/Erasmus.Benchmarks -- [--mobilities 1000000] [--as-of 2027-12-31] [--keep] [--output DIR]
// builds a fresh database with that many synthetic mobilities, then writes the report once per basis,
// each in a child process of its own so that its peak memory is the report's alone, and prints a
// Markdown table for docs/benchmarks.md. The server is ERASMUS_BENCH_DB or ERASMUS_TEST_DB (a
// connection string without Database=), else the test cluster test.sh starts on port 55433.
var options = Options.Parse(args);
if (options.Command == "report")
{
    return await ReportAsync(options);
}

return await RunAsync(options);

static async Task<int> RunAsync(Options options)
{
    Console.WriteLine($"Machine: {Machine.Describe()}");
    var database = $"erasmus_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
    var connectionString = new NpgsqlConnectionStringBuilder(options.Server) { Database = database, CommandTimeout = 0 }.ConnectionString;
    Console.WriteLine($"Database {database}: migrating and seeding reference data");
    await ExecuteAsync(options.Server, $"CREATE DATABASE {database}");
    try
    {
        var clock = Stopwatch.StartNew();
        await using (var services = Services(connectionString))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ErasmusDbContext>().Database.MigrateAsync();
            await DatabaseSeeder.SeedAsync(scope.ServiceProvider, reference: true, demo: false);
        }

        Console.WriteLine($"Generating {options.Mobilities:N0} mobilities with binary COPY");
        var data = new SyntheticData(options.Mobilities);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await data.WriteAsync(connection, Console.Out);
        }

        Console.WriteLine($"Dataset ready in {clock.Elapsed.TotalSeconds:F0} s ({data.ProjectCount:N0} projects)");
        var results = new List<Result>();
        foreach (var basis in new[] { "awarded", "realised" })
        {
            results.Add(await ChildAsync(options, connectionString, basis));
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
        if (!options.Keep)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(options.Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
        else
        {
            Console.WriteLine($"Kept database {database}");
        }
    }
}

// Runs this program again as "report" so the measured process does nothing but the report.
static async Task<Result> ChildAsync(Options options, string connectionString, string basis)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Options).Assembly.Location);
    }

    var output = Path.Combine(options.Output ?? Path.GetTempPath(), $"statusrapport-bench-{basis}.xlsx");
    foreach (var argument in new[] { "report", "--connection", connectionString, "--basis", basis, "--as-of", options.AsOf, "--file", output })
    {
        start.ArgumentList.Add(argument);
    }

    Console.WriteLine($"Writing the {basis} report");
    using var process = Process.Start(start)!;
    var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n');
    await process.WaitForExitAsync();
    var line = lines.SingleOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The report process failed ({process.ExitCode}): {string.Join('\n', lines)}");
    if (options.Output is null)
    {
        File.Delete(output);
    }

    return JsonSerializer.Deserialize<Result>(line["RESULT ".Length..])!;
}

static async Task<int> ReportAsync(Options options)
{
    var peakHeap = 0L;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            await Task.Delay(50, CancellationToken.None);
        }
    });

    var parameters = new AttainmentParameters(DateOnly.ParseExact(options.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        options.Basis == "realised" ? CountingBasis.Realised : CountingBasis.Awarded);
    var clock = Stopwatch.StartNew();
    await using (var services = Services(options.Connection!))
    {
        await using var scope = services.CreateAsyncScope();
        await using var file = new FileStream(options.File!, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        await scope.ServiceProvider.GetRequiredService<StatusReport>().WriteAsync(parameters, file, english: false);
    }

    var seconds = clock.Elapsed.TotalSeconds;
    await sampling.CancelAsync();
    await sampler;
    using var process = Process.GetCurrentProcess();
    var peakWorkingSet = process.PeakWorkingSet64;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var gen2 = GC.CollectionCount(2);

    // For scale, after the measurement: the dashboard's own computation of the figures, warm.
    double engineSeconds;
    await using (var services = Services(options.Connection!))
    {
        await using var scope = services.CreateAsyncScope();
        var engine = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<AttainmentService>().ComputeAsync(parameters);
        engineSeconds = engine.Elapsed.TotalSeconds;
    }

    // Counted after the measurement: stream the data sheets' rows back with OpenXmlReader.
    var (rows, sheets) = CountMobilityRows(options.File!);
    var result = new Result(options.Basis, options.AsOf, rows, sheets, new FileInfo(options.File!).Length, seconds, engineSeconds, peakWorkingSet, peakHeap, allocated, gen2);
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}

static (long Rows, int Sheets) CountMobilityRows(string path)
{
    using var document = SpreadsheetDocument.Open(path, false);
    var workbook = document.WorkbookPart!;
    long rows = 0;
    var sheets = 0;
    foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>().Where(s => s.Name!.Value!.StartsWith("Mobiliteter", StringComparison.Ordinal)))
    {
        sheets++;
        using var reader = OpenXmlReader.Create(workbook.GetPartById(sheet.Id!));
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                rows++;
            }
        }

        rows--; // the header row
    }

    return (rows, sheets);
}

static ServiceProvider Services(string connectionString) =>
    new ServiceCollection()
        .AddLogging()
        .AddSingleton(TimeProvider.System)
        .AddScoped<ICurrentUser, SystemUser>()
        .AddDbContext<ErasmusDbContext>(o => DatabaseSetup.Configure(o, connectionString, new DatabaseOptions { CommandTimeoutSeconds = 3600 }))
        .AddAttainment()
        .AddReports()
        .BuildServiceProvider();

static async Task ExecuteAsync(string server, string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

namespace Erasmus.Benchmarks
{
    public sealed record Result(string Basis, string AsOf, long MobilityRows, int MobilitySheets, long FileBytes, double Seconds, double EngineSeconds, long PeakWorkingSetBytes,
        long PeakHeapBytes, long AllocatedBytes, int Gen2Collections);

    public sealed record Options(string Command, int Mobilities, string AsOf, bool Keep, string? Output, string Server, string? Connection, string Basis, string? File)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            var server = Environment.GetEnvironmentVariable("ERASMUS_BENCH_DB") ?? Environment.GetEnvironmentVariable("ERASMUS_TEST_DB")
                ?? "Host=127.0.0.1;Port=55433;Username=erasmus;Password=erasmus";
            return new Options(
                args.FirstOrDefault() == "report" ? "report" : "run",
                int.Parse(Value("--mobilities") ?? "1000000", CultureInfo.InvariantCulture),
                Value("--as-of") ?? "2027-12-31",
                args.Contains("--keep"),
                Value("--output") is { } output ? Path.GetFullPath(output) : null,
                server,
                Value("--connection"),
                Value("--basis") ?? "awarded",
                Value("--file"));
        }
    }

    /// <summary>The machine, for the benchmark's header.</summary>
    public static class Machine
    {
        public static string Describe() =>
            $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}

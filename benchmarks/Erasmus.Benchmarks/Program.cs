using Erasmus.Web.Tests.Infrastructure;
using System.Globalization;
using Erasmus.Benchmarks;

// Benchmarks, not tests: they assert nothing and print figures for docs/benchmarks.md.
//
//   dotnet run -c Release --project benchmarks/Erasmus.Benchmarks -- all [options]
//
// builds a demo dataset at ten times national scale (about 5 000 organisations, 30 000 projects and
// 1 000 000 mobility records) in a fresh database on the test cluster (ERASMUS_BENCH_DB or
// ERASMUS_TEST_DB, else port 55433), starts the real app on a loopback port, signs in through the
// sign-in form, and measures: the mixed workload (readers while coordinators save through the forms); the dashboard, target detail and county pages against their SQL floor;
// list pages; 50 concurrent users for 60 s; the status workbook against a bare OpenXmlWriter loop;
// and importing 100 000 mobility rows against a bare COPY. The database is dropped at the end unless --keep.
//
// Commands: all | dataset (build and keep a dataset, print its name) | drop --database NAME |
//           compute-profile --database NAME (the engine alone, per target: a profiling aid) |
//           incremental-profile --database NAME (the figures after a mobility and a project write, in-process) |
//           synthetic-workbook (the first workbook benchmark on synthetic data; also "-- --mobilities N")
// Options:  --database NAME (measure an existing dataset, kept afterwards) --keep --name NAME (the new dataset's database)
//           --only mixed,save-cost,pages,lists,load,workbook,import  --page URL-PART  --requests 50  --after-write 10
//           --readers 20 --mixed-seconds 30 --warm-up-seconds 20 --mobility-every 0.1 --project-every 1 --county 46 (mixed workload) --saves 40 (save-cost)
//           --users 50 --seconds 60 --cache-off  --as-of YYYY-MM-DD (workbook)  --results FILE
//           --scale 8 --rounds 2.45 --participants 3.45 (dataset size)  --import-rows 100000
var options = new Options(args);
return options.Command switch
{
    "report-child" => await WorkbookBenchmarks.ReportChildAsync(options),
    "bare-child" => await WorkbookBenchmarks.BareChildAsync(options),
    "synthetic-workbook" => await SyntheticWorkbook.RunAsync(options),
    "dataset" => await DatasetAsync(options),
    "drop" => await DropAsync(options),
    "all" => await AllAsync(options),
    "compute-profile" => await ComputeProfile.RunAsync(options),
    "incremental-profile" => await IncrementalProfile.RunAsync(options),
    _ => throw new ArgumentException($"Unknown command '{options.Command}'. Known: all, dataset, drop, synthetic-workbook."),
};

static async Task<int> DatasetAsync(Options options)
{
    var database = await BenchDatabase.CreateDemoAsync(options, BenchDatabase.TenTimesNational(options));
    Console.WriteLine($"Kept database {database}; measure it with: -- all --database {database}");
    return 0;
}

static async Task<int> DropAsync(Options options)
{
    await BenchDatabase.DropAsync(options, options.Value("--database") ?? throw new ArgumentException("--database NAME"));
    return 0;
}

static async Task<int> AllAsync(Options options)
{
    var results = new Results();
    results.Line($"Machine: {Machine.Describe()}; {Machine.Load()} at the start ({DateTime.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)})");
    var existing = options.Value("--database");
    var database = existing ?? await BenchDatabase.CreateDemoAsync(options, BenchDatabase.TenTimesNational(options));
    var connectionString = BenchDatabase.ConnectionString(options, database);
    try
    {
        await BenchDatabase.MigrateAsync(connectionString);
        results.Line($"Dataset `{database}`: {await BenchDatabase.DescribeAsync(connectionString)}");
        // --cache-off measures the app as it computes every page from the database (the cache's "before").
        var settings = new Dictionary<string, string>();
        if (options.Flag("--cache-off"))
        {
            settings["Cache__Megabytes"] = "0";
            results.Line("The data cache is off (Cache__Megabytes=0).");
        }

        await using (var app = await AppProcessExtensions.StartForBenchmarkAsync(connectionString, settings))
        {
            // First, so that its first requests are the first after start-up.
            if (options.Runs("mixed"))
            {
                await MixedWorkload.RunAsync(options, app, connectionString, results);
            }

            if (options.Runs("save-cost"))
            {
                await MixedWorkload.SaveCostAsync(options, app, connectionString, results);
            }

            if (options.Runs("pages"))
            {
                await WebBenchmarks.PagesAsync(options, app, connectionString, results);
            }

            if (options.Runs("lists"))
            {
                await WebBenchmarks.ListsAsync(options, app, results);
            }

            if (options.Runs("load"))
            {
                await WebBenchmarks.LoadAsync(options, app, results);
            }

            if (options.Runs("workbook"))
            {
                await WorkbookBenchmarks.RunAsync(options, connectionString, app, results);
            }
        }

        if (options.Runs("import"))
        {
            await ImportBenchmarks.RunAsync(options, connectionString, results);
        }

        results.Line("");
        results.Line($"Finished with {Machine.Load()}.");
        await results.SaveAsync(options.Value("--results")
            ?? Path.Combine(AppProcess.RepositoryRoot(), ".data", "benchmarks", $"results-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.md"));
        return 0;
    }
    finally
    {
        if (existing is null && !options.Flag("--keep"))
        {
            await BenchDatabase.DropAsync(options, database);
        }
        else
        {
            Console.WriteLine($"Kept database {database}");
        }
    }
}

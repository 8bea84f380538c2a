using System.Diagnostics;
using System.Globalization;
using System.Text;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Seed;
using Erasmus.Web.Features.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Erasmus.Benchmarks.Import;

/// <summary>
/// Generates 100 000 valid mobility rows (CSV, the import's own layout) for 500 projects in a fresh,
/// migrated and reference-seeded database, then times the real import code: the preview (read,
/// check every row by the domain's rules, binary COPY to staging, set-wise comparison), the confirm
/// (set-wise merge in one transaction), a second preview of the same file (all unchanged), and, for
/// comparison, a bare binary COPY of the same rows into an empty table.
///
/// Usage: dotnet run -c Release --project benchmarks/Erasmus.Benchmarks.Import [rows]
/// The server comes from ERASMUS_BENCH_DB (a connection string without Database=), by default the
/// test cluster that ./test.sh starts on port 55433.
/// </summary>
internal static class ImportBenchmark
{
    private const int Projects = 500;
    private const int Schools = 200;
    private const int Partners = 100;

    private static readonly string[] Activities = ["LM-SHORT-VET", "LM-LONG-VET", "SM-JOB-SHDW", "SM-COUR-TRAIN", "LM-SKILL-VET"];
    private static readonly (int Min, int Max)[] Durations = [(10, 89), (90, 365), (2, 60), (2, 30), (1, 10)];
    private static readonly string[] PartnerCountries = ["DE", "FR", "ES", "IT", "NL", "SE", "DK", "FI", "PL", "AT"];

    public static async Task<int> Main(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var server = Environment.GetEnvironmentVariable("ERASMUS_BENCH_DB") ?? "Host=127.0.0.1;Port=55433;Username=erasmus;Password=erasmus";
        var database = $"erasmus_bench_{Guid.NewGuid():N}"[..28];
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 600 }.ConnectionString;
        var folder = Directory.CreateTempSubdirectory("erasmus-bench-").FullName;
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            Console.WriteLine($"Preparing {database}: migrations, reference data, {Schools} schools, {Partners} partners, {Projects} projects …");
            await PrepareAsync(connectionString);
            var (csv, staged) = await GenerateAsync(connectionString, rows);
            var file = Path.Combine(folder, "mobilities.csv");
            await File.WriteAllBytesAsync(file, csv);
            Console.WriteLine($"Generated {rows:N0} rows, {csv.Length / (1024.0 * 1024.0):0.0} MB of CSV.");

            var options = Options.Create(new ImportOptions { Folder = folder, MaxRows = Math.Max(200_000, rows) });
            var (previewTime, preview) = await TimeAsync(() => PreviewAsync(connectionString, options, file));
            var (confirmTime, confirmed) = await TimeAsync(() => ConfirmAsync(connectionString, options, preview.Id));
            var (againTime, again) = await TimeAsync(() => PreviewAsync(connectionString, options, file));
            var workbook = Path.Combine(folder, "mobilities.xlsx");
            await WriteWorkbookAsync(workbook, csv);
            var (xlsxTime, xlsx) = await TimeAsync(() => PreviewAsync(connectionString, options, workbook));
            var copyTime = await CopyAsync(connectionString, staged);

            await using var db = Context(connectionString);
            var saved = await db.Mobilities.CountAsync();
            var version = await db.Database.SqlQueryRaw<string>("SELECT version() AS \"Value\"").SingleAsync();
            Console.WriteLine();
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {version.Split(',')[0]}");
            Console.WriteLine();
            Console.WriteLine("| step | rows | time | rows/s | result |");
            Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
            Line("preview: read CSV, check every row, COPY to staging, compare", rows, previewTime, $"{preview.NewCount:N0} new, {preview.ChangedCount:N0} changed, {preview.UnchangedCount:N0} unchanged, {preview.RejectedCount:N0} rejected");
            Line("confirm: set-wise merge in one transaction + audit entry", rows, confirmTime, $"{confirmed.NewCount:N0} inserted; {saved:N0} mobilities saved");
            Line("preview + confirm", rows, previewTime + confirmTime, "");
            Line("second preview of the same file", rows, againTime, $"{again.NewCount:N0} new, {again.ChangedCount:N0} changed, {again.UnchangedCount:N0} unchanged");
            Line($"preview of the same rows as .xlsx ({new FileInfo(workbook).Length / (1024.0 * 1024.0):0.0} MB, read with OpenXmlReader)", rows, xlsxTime,
                $"{xlsx.NewCount:N0} new, {xlsx.ChangedCount:N0} changed, {xlsx.UnchangedCount:N0} unchanged");
            Line("bare binary COPY of the same rows into an empty table", rows, copyTime, "for comparison");
            return preview.NewCount == rows && confirmed.Status == ImportStatus.Confirmed && again.UnchangedCount == rows && xlsx.UnchangedCount == rows ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Line(string step, int rows, TimeSpan time, string result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {step} | {rows:N0} | {time.TotalSeconds:0.00} s | {rows / time.TotalSeconds:N0} | {result} |"));

    private static async Task<(TimeSpan, T)> TimeAsync<T>(Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var result = await action();
        return (clock.Elapsed, result);
    }

    private static ErasmusDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ErasmusDbContext>();
        DatabaseSetup.Configure(builder, connectionString, new DatabaseOptions { CommandTimeoutSeconds = 600 }, new AuditStampInterceptor(TimeProvider.System, new SystemUser()));
        return new ErasmusDbContext(builder.Options);
    }

    private static ImportProcessor Processor(ErasmusDbContext db, IOptions<ImportOptions> options) =>
        new(db, options, Options.Create(new DatabaseOptions { CommandTimeoutSeconds = 600 }), new ImportProgress(), TimeProvider.System, NullLogger<ImportProcessor>.Instance);

    private static async Task<ImportBatch> PreviewAsync(string connectionString, IOptions<ImportOptions> options, string file)
    {
        var id = Guid.NewGuid();
        File.Copy(file, options.Value.PathOf(id));
        await using (var db = Context(connectionString))
        {
            db.Set<ImportBatch>().Add(new ImportBatch
            {
                Id = id, Kind = ImportKind.Mobilities, Status = ImportStatus.Queued, FileName = Path.GetFileName(file), FileSize = new FileInfo(file).Length,
                UserName = "benchmark", National = true, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            await Processor(db, options).ReadAsync(id, CancellationToken.None);
        }

        return await BatchAsync(connectionString, id);
    }

    private static async Task<ImportBatch> ConfirmAsync(string connectionString, IOptions<ImportOptions> options, Guid id)
    {
        await using (var db = Context(connectionString))
        {
            await db.Set<ImportBatch>().Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Confirming));
            await Processor(db, options).ConfirmAsync(id, CancellationToken.None);
        }

        return await BatchAsync(connectionString, id);
    }

    private static async Task<ImportBatch> BatchAsync(string connectionString, Guid id)
    {
        await using var db = Context(connectionString);
        var batch = await db.Set<ImportBatch>().AsNoTracking().SingleAsync(b => b.Id == id);
        if (batch.Message is { } message)
        {
            Console.WriteLine($"Batch {id}: {batch.Status}: {message}");
        }

        return batch;
    }

    private static async Task PrepareAsync(string connectionString)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<ErasmusDbContext>(o => DatabaseSetup.Configure(o, connectionString, new DatabaseOptions { CommandTimeoutSeconds = 600 }))
            .AddScoped<ICurrentUser, SystemUser>()
            .BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ErasmusDbContext>().Database.MigrateAsync();
            await DatabaseSeeder.SeedAsync(scope.ServiceProvider, reference: true, demo: false);
        }

        await using var db = Context(connectionString);
        string[] counties = ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"];
        var schools = Enumerable.Range(0, Schools).Select(i => new Organisation($"Benchmark skole {i}", OrganisationType.UpperSecondarySchool, Organisation.Norway,
            OrganisationNumberFor(i), string.Create(CultureInfo.InvariantCulture, $"E1{i:D7}"), counties[i % counties.Length], null, 2015)).ToList();
        var partners = Enumerable.Range(0, Partners).Select(i => new Organisation($"Benchmark partner {i}", OrganisationType.Company, PartnerCountries[i % PartnerCountries.Length],
            null, string.Create(CultureInfo.InvariantCulture, $"E2{i:D7}"), null, null, null)).ToList();
        db.Organisations.AddRange(schools);
        db.Organisations.AddRange(partners);
        await db.SaveChangesAsync();
        for (var i = 0; i < Projects; i++)
        {
            db.Projects.Add(new Project(new ProjectDetails(ReferenceOf(i), ProjectAction.KA122, Sector.VET, 2021, 1, schools[i % Schools].Id,
                new DateOnly(2021, 9, 1), new DateOnly(2023, 8, 31), new DateOnly(2021, 7, 1), ProjectStatus.Granted, 60000m, false, false, false, null)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The CSV, and the same rows as values for the bare COPY.</summary>
    private static async Task<(byte[] Csv, List<object?[]> Rows)> GenerateAsync(string connectionString, int count)
    {
        await using var db = Context(connectionString);
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Reference).Select(p => new { p.Id, p.Reference, p.CoordinatorId }).ToListAsync();
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id);
        var partners = organisations.Values.Where(o => !o.IsNorwegian).OrderBy(o => o.Id).ToList();
        var random = new Random(42);
        var text = new StringBuilder(count * 200);
        text.AppendLine(string.Join(",", MobilityColumns.All.Select(c => c.English)));
        var values = new List<object?[]>(count);
        for (var i = 0; i < count; i++)
        {
            var project = projects[i % projects.Count];
            var sequence = i / projects.Count;
            var kind = random.Next(Activities.Length);
            var (min, max) = Durations[kind];
            var days = random.Next(min, max + 1);
            var start = new DateOnly(2021, 9, 15).AddDays(random.Next(0, 700 - days));
            var end = start.AddDays(days - 1);
            var partner = partners[random.Next(partners.Count)];
            var sender = organisations[project.CoordinatorId];
            var group = kind >= 2 && kind <= 3 ? "Staff" : "Learner";
            var (fewer, green, blended) = (random.Next(10) == 0, random.Next(3) == 0, random.Next(8) == 0);
            var mobilityId = string.Create(CultureInfo.InvariantCulture, $"{i % projects.Count:D6}-MOB-{sequence:D5}");
            string YesNo(bool b) => b ? "Yes" : "No";
            text.Append(CultureInfo.InvariantCulture, $"{project.Reference},{mobilityId},{Activities[kind]},{group},No,{YesNo(fewer)},{YesNo(green)},{YesNo(blended)},")
                .Append(CultureInfo.InvariantCulture, $"{sender.Oid},{sender.Name},{partner.Oid},{partner.Name},NO,{partner.CountryCode},")
                .Append(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd},{end:yyyy-MM-dd},1,Outgoing,Realised\n");
            values.Add([i + 1, project.Id, mobilityId, Activities[kind], group == "Staff" ? "Staff" : "Learner", "Outgoing", 1, sender.Id, partner.Id, "NO",
                partner.CountryCode, start, end, days, fewer, green, blended, "Realised"]);
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), values);
    }

    /// <summary>The same rows as a workbook in the export's layout: text cells, real date cells, numbers.</summary>
    private static async Task WriteWorkbookAsync(string path, byte[] csv)
    {
        var lines = Encoding.UTF8.GetString(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            return cells.Select((c, i) => i is 14 or 15 ? DateOnly.ParseExact(c, "yyyy-MM-dd", CultureInfo.InvariantCulture) : i == 16 ? (object?)int.Parse(c, CultureInfo.InvariantCulture) : c).ToArray();
        });
        await using var stream = File.Create(path);
        await SpreadsheetWriter.WriteXlsxAsync(stream, [new SheetContent("Mobiliteter", lines[0].Split(','), SpreadsheetWriter.Rows(rows))], CancellationToken.None);
    }

    /// <summary>The floor: the same rows, already parsed, copied into an empty table shaped like mobilities.</summary>
    private static async Task<TimeSpan> CopyAsync(string connectionString, List<object?[]> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE bench_copy (LIKE mobilities)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY bench_copy (id, project_id, mobility_id, activity_type_code, participant_group, direction, participant_count, sending_organisation_id, " +
            "receiving_organisation_id, sending_country_code, receiving_country_code, start_date, end_date, duration_days, fewer_opportunities, green_travel, " +
            "blended, status, registered_at, created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var r in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync((int)r[0]!, NpgsqlDbType.Integer);
                await writer.WriteAsync((int)r[1]!, NpgsqlDbType.Integer);
                await writer.WriteAsync((string)r[2]!, NpgsqlDbType.Varchar);
                await writer.WriteAsync((string)r[3]!, NpgsqlDbType.Varchar);
                await writer.WriteAsync((string)r[4]!, NpgsqlDbType.Varchar);
                await writer.WriteAsync((string)r[5]!, NpgsqlDbType.Varchar);
                await writer.WriteAsync((int)r[6]!, NpgsqlDbType.Integer);
                await writer.WriteAsync((int)r[7]!, NpgsqlDbType.Integer);
                await writer.WriteAsync((int)r[8]!, NpgsqlDbType.Integer);
                await writer.WriteAsync((string)r[9]!, NpgsqlDbType.Varchar);
                await writer.WriteAsync((string)r[10]!, NpgsqlDbType.Varchar);
                await writer.WriteAsync((DateOnly)r[11]!, NpgsqlDbType.Date);
                await writer.WriteAsync((DateOnly)r[12]!, NpgsqlDbType.Date);
                await writer.WriteAsync((int)r[13]!, NpgsqlDbType.Integer);
                await writer.WriteAsync((bool)r[14]!, NpgsqlDbType.Boolean);
                await writer.WriteAsync((bool)r[15]!, NpgsqlDbType.Boolean);
                await writer.WriteAsync((bool)r[16]!, NpgsqlDbType.Boolean);
                await writer.WriteAsync((string)r[17]!, NpgsqlDbType.Varchar);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("benchmark", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("benchmark", NpgsqlDbType.Varchar);
            }

            await writer.CompleteAsync();
        }

        return clock.Elapsed;
    }

    private static string ReferenceOf(int i) => string.Create(CultureInfo.InvariantCulture, $"2021-1-NO01-KA122-VET-{100000 + i:D9}");

    private static string OrganisationNumberFor(int i)
    {
        for (var n = 0; ; n++)
        {
            var firstEight = (91000000 + (i * 100) + n).ToString(CultureInfo.InvariantCulture);
            if (OrganisationNumber.TryWithCheckDigit(firstEight, out var number))
            {
                return number;
            }
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

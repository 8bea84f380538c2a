using System.Diagnostics;
using System.Globalization;
using System.Text;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Infrastructure.Observability;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Erasmus.Benchmarks;

/// <summary>
/// Importing 100 000 mobility rows into the benchmark's dataset (a million records already there, with
/// all their indexes) by the real import code, the code the background import service runs:
/// the preview (read, check every row by the domain's rules, binary COPY to staging, set-wise
/// comparison), the confirm (set-wise merge in one transaction), a second preview of the same file
/// (all unchanged), the same rows as .xlsx, and, as the floor, a bare binary COPY of the same rows into
/// an empty table shaped like mobilities. The projects, organisations and records it adds are deleted
/// afterwards, so a kept dataset measures the same the next time.
/// </summary>
internal static class ImportBenchmarks
{
    private const int Projects = 500;
    private const int Schools = 200;
    private const int Partners = 100;

    /// <summary>Marks everything the benchmark adds: no demo reference or OID starts like this.</summary>
    private const string ReferencePrefix = "2021-1-NO01-KA122-VET-9";
    private const string OidPrefix = "E9";
    private const string NamePrefix = "Importmåling ";

    private static readonly string[] Activities = ["LM-SHORT-VET", "LM-LONG-VET", "SM-JOB-SHDW", "SM-COUR-TRAIN", "LM-SKILL-VET"];
    private static readonly (int Min, int Max)[] Durations = [(10, 89), (90, 365), (2, 60), (2, 30), (1, 10)];
    private static readonly string[] PartnerCountries = ["DE", "FR", "ES", "IT", "NL", "SE", "DK", "FI", "PL", "AT"];
    private static readonly string[] Counties = ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"];

    public static async Task RunAsync(Options options, string connectionString, Results results)
    {
        var rows = options.Whole("--import-rows", 100_000);
        results.Heading($"Import of {rows:N0} mobility rows ({Machine.Load()} before)");
        var folder = Directory.CreateTempSubdirectory("erasmus-bench-import-").FullName;
        try
        {
            await RemoveAsync(connectionString);
            Console.WriteLine($"Import: {Schools} schools, {Partners} partners and {Projects} projects for {rows:N0} rows …");
            await PrepareAsync(connectionString);
            var (csv, parsed) = await GenerateAsync(connectionString, rows);
            var file = Path.Combine(folder, "mobilities.csv");
            await File.WriteAllBytesAsync(file, csv);
            var workbook = Path.Combine(folder, "mobilities.xlsx");
            await WriteWorkbookAsync(workbook, csv);

            var importOptions = MsOptions.Create(new ImportOptions { Folder = folder, MaxRows = Math.Max(200_000, rows) });
            var (previewTime, preview) = await TimeAsync(() => PreviewAsync(connectionString, importOptions, file));
            var (confirmTime, confirmed) = await TimeAsync(() => ConfirmAsync(connectionString, importOptions, preview.Id));
            var (againTime, again) = await TimeAsync(() => PreviewAsync(connectionString, importOptions, file));
            var (xlsxTime, xlsx) = await TimeAsync(() => PreviewAsync(connectionString, importOptions, workbook));
            var copyTime = await CopyAsync(connectionString, parsed);
            var saved = await CountImportedAsync(connectionString);

            results.Line($"{csv.Length / (1024.0 * 1024.0):F1} MB of CSV in the import's layout, {new FileInfo(workbook).Length / (1024.0 * 1024.0):F1} MB as .xlsx; " +
                $"into a `mobilities` table of {await CountAsync(connectionString, "SELECT count(*) FROM mobilities") - saved:N0} records.");
            results.Line("");
            results.Line("| step | time | rows/s | result |");
            results.Line("| --- | ---: | ---: | --- |");
            Row(results, "preview: read CSV, check every row, COPY to staging, compare", rows, previewTime, Counts(preview));
            Row(results, "confirm: set-wise merge in one transaction + audit entry", rows, confirmTime, $"{saved:N0} records saved");
            Row(results, "**preview + confirm**", rows, previewTime + confirmTime, "");
            Row(results, "second preview of the same file", rows, againTime, Counts(again));
            Row(results, "preview of the same rows as .xlsx (OpenXmlReader)", rows, xlsxTime, Counts(xlsx));
            Row(results, "bare binary COPY of the same rows into an empty table", rows, copyTime, "the floor");
            results.Line("");
            results.Line(string.Create(CultureInfo.InvariantCulture, $"Preview + confirm ÷ bare COPY: {(previewTime + confirmTime) / copyTime:F0}×."));
            if (preview.NewCount != rows || confirmed.Status != ImportStatus.Confirmed || saved != rows || again.UnchangedCount != rows || xlsx.UnchangedCount != rows)
            {
                throw new InvalidOperationException($"The import did not do what it should: {Counts(preview)}; {confirmed.Status} {confirmed.Message}; {saved} saved; {Counts(again)}; {Counts(xlsx)}.");
            }
        }
        finally
        {
            await RemoveAsync(connectionString);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Counts(ImportBatch batch) =>
        $"{batch.NewCount:N0} new, {batch.ChangedCount:N0} changed, {batch.UnchangedCount:N0} unchanged, {batch.RejectedCount:N0} rejected";

    private static void Row(Results results, string step, int rows, TimeSpan time, string result) =>
        results.Line(string.Create(CultureInfo.InvariantCulture, $"| {step} | {time.TotalSeconds:F2} s | {rows / time.TotalSeconds:N0} | {result} |"));

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

    private static ImportProcessor Processor(ErasmusDbContext db, Microsoft.Extensions.Options.IOptions<ImportOptions> options) =>
        new(db, options, MsOptions.Create(new DatabaseOptions { CommandTimeoutSeconds = 600 }), new ImportProgress(), TimeProvider.System, NullLogger<ImportProcessor>.Instance,
            _dataSource ??= NpgsqlDataSource.Create(db.Database.GetConnectionString()!), Metrics);

    /// <summary>The app's pool and metrics as the processor gets them in the app (nothing reads the metrics here).</summary>
    private static NpgsqlDataSource? _dataSource;

    private static readonly ErasmusMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private static async Task<ImportBatch> PreviewAsync(string connectionString, Microsoft.Extensions.Options.IOptions<ImportOptions> options, string file)
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

    private static async Task<ImportBatch> ConfirmAsync(string connectionString, Microsoft.Extensions.Options.IOptions<ImportOptions> options, Guid id)
    {
        await using (var db = Context(connectionString))
        {
            // As the import page's confirm button leaves the batch for the background service.
            await db.Set<ImportBatch>().Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Confirming));
            await Processor(db, options).ConfirmAsync(id, CancellationToken.None);
        }

        return await BatchAsync(connectionString, id);
    }

    private static async Task<ImportBatch> BatchAsync(string connectionString, Guid id)
    {
        await using var db = Context(connectionString);
        return await db.Set<ImportBatch>().AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private static async Task PrepareAsync(string connectionString)
    {
        await using var db = Context(connectionString);
        var usedNumbers = (await db.Organisations.Where(o => o.OrganisationNumber != null).Select(o => o.OrganisationNumber!).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var schools = Enumerable.Range(0, Schools).Select(i => new Organisation($"{NamePrefix}skole {i}", OrganisationType.UpperSecondarySchool, Organisation.Norway,
            FreeOrganisationNumber(i, usedNumbers), Oid(i), Counties[i % Counties.Length], null, 2015)).ToList();
        var partners = Enumerable.Range(0, Partners).Select(i => new Organisation($"{NamePrefix}partner {i}", OrganisationType.Company, PartnerCountries[i % PartnerCountries.Length],
            null, Oid(Schools + i), null, null, null)).ToList();
        db.Organisations.AddRange(schools);
        db.Organisations.AddRange(partners);
        await db.SaveChangesAsync();
        for (var i = 0; i < Projects; i++)
        {
            db.Projects.Add(new Project(new ProjectDetails(string.Create(CultureInfo.InvariantCulture, $"{ReferencePrefix}{i:D8}"), ProjectAction.KA122, Sector.VET, 2021, 1,
                schools[i % Schools].Id, new DateOnly(2021, 9, 1), new DateOnly(2023, 8, 31), new DateOnly(2021, 7, 1), ProjectStatus.Granted, 60000m, false, false, false, null)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Deletes what <see cref="PrepareAsync"/> and the import added, in one transaction.</summary>
    private static async Task RemoveAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""
            DROP TABLE IF EXISTS bench_copy;
            DELETE FROM import_batches WHERE user_name = 'benchmark';
            DELETE FROM mobilities WHERE project_id IN (SELECT id FROM projects WHERE reference LIKE '{ReferencePrefix}%');
            DELETE FROM projects WHERE reference LIKE '{ReferencePrefix}%';
            DELETE FROM organisations WHERE name LIKE '{NamePrefix}%';
            """, connection, transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task<long> CountImportedAsync(string connectionString) =>
        await CountAsync(connectionString, $"SELECT count(*) FROM mobilities m JOIN projects p ON p.id = m.project_id WHERE p.reference LIKE '{ReferencePrefix}%'");

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The CSV, and the same rows as values for the bare COPY.</summary>
    private static async Task<(byte[] Csv, List<object?[]> Rows)> GenerateAsync(string connectionString, int count)
    {
        await using var db = Context(connectionString);
        var projects = await db.Projects.AsNoTracking().Where(p => p.Reference.StartsWith(ReferencePrefix)).OrderBy(p => p.Reference)
            .Select(p => new { p.Id, p.Reference, p.CoordinatorId }).ToListAsync();
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Name.StartsWith(NamePrefix)).ToDictionaryAsync(o => o.Id);
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
            var group = kind is 2 or 3 ? "Staff" : "Learner";
            var (fewer, green, blended) = (random.Next(10) == 0, random.Next(3) == 0, random.Next(8) == 0);
            var mobilityId = string.Create(CultureInfo.InvariantCulture, $"{i % projects.Count:D6}-MOB-{sequence:D5}");
            static string YesNo(bool b) => b ? "Yes" : "No";
            text.Append(CultureInfo.InvariantCulture, $"{project.Reference},{mobilityId},{Activities[kind]},{group},No,{YesNo(fewer)},{YesNo(green)},{YesNo(blended)},")
                .Append(CultureInfo.InvariantCulture, $"{sender.Oid},{sender.Name},{partner.Oid},{partner.Name},NO,{partner.CountryCode},")
                .Append(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd},{end:yyyy-MM-dd},1,Outgoing,Realised\n");
            values.Add([i + 1, project.Id, mobilityId, Activities[kind], group, "Outgoing", 1, sender.Id, partner.Id, "NO",
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

    /// <summary>The floor: the same rows, already parsed, copied into an empty table shaped like mobilities (no constraints, no indexes).</summary>
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

    private static string Oid(int i) => string.Create(CultureInfo.InvariantCulture, $"{OidPrefix}{i:D7}");

    private static string FreeOrganisationNumber(int i, HashSet<string> used)
    {
        for (var n = 0; ; n++)
        {
            var firstEight = (91000000 + (i * 100) + n).ToString(CultureInfo.InvariantCulture);
            if (OrganisationNumber.TryWithCheckDigit(firstEight, out var number) && used.Add(number))
            {
                return number;
            }
        }
    }
}

using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.Reports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Erasmus.Benchmarks;

/// <summary>What one measured child process reports.</summary>
public sealed record Result(string Basis, string AsOf, long MobilityRows, int MobilitySheets, long FileBytes, double Seconds, double EngineSeconds, long PeakWorkingSetBytes,
    long PeakHeapBytes, long AllocatedBytes, int Gen2Collections);

/// <summary>
/// The status workbook: StatusReport.WriteAsync in a child process of its own (so its peak memory is
/// the report's alone) against a bare OpenXmlWriter loop writing the same rows from one query in
/// another child process; and the download through the real app.
/// </summary>
public static class WorkbookBenchmarks
{
    /// <summary>Realised (a row per counted mobility record): the large one.</summary>
    public static async Task RunAsync(Options options, string connectionString, AppProcess? app, Results results)
    {
        var asOf = options.Value("--as-of") ?? DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        results.Heading($"Status workbook, realised basis, as of {asOf} ({Machine.Load()})");
        results.Line("| writer | rows on the data sheets | sheets | file size | wall time | peak working set | peak managed heap (sampled) | allocated | gen 2 GCs |");
        results.Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (kind, label) in new[] { ("report-child", "`StatusReport.WriteAsync` (engine, all sheets)"), ("bare-child", "bare `OpenXmlWriter` loop, same rows") })
        {
            var r = await ChildAsync(options, kind, connectionString, "realised", asOf);
            results.Line(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {r.MobilityRows:N0} | {r.MobilitySheets} | {r.FileBytes / 1048576.0:F1} MiB | {r.Seconds:F1} s | {r.PeakWorkingSetBytes / 1048576.0:F0} MiB | {r.PeakHeapBytes / 1048576.0:F0} MiB | {r.AllocatedBytes / 1073741824.0:F1} GiB | {r.Gen2Collections} |"));
        }

        if (app is not null)
        {
            using var client = await app.SignInAsync(DemoUsers.AnalystEmail);
            var before = app.ResidentBytes();
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri($"/reports/status.xlsx?basis=realised&asOf={asOf}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var bytes = 0L;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
            }

            results.Line("");
            results.Line(string.Create(CultureInfo.InvariantCulture,
                $"Download through the app (`GET /reports/status.xlsx?basis=realised`): {(int)response.StatusCode}, {bytes / 1048576.0:F1} MiB in {clock.Elapsed.TotalSeconds:F1} s; the app's resident set {before / 1048576.0:F0} MiB before, peak {app.PeakResidentBytes() / 1048576.0:F0} MiB over its life."));
        }
    }

    /// <summary>Runs this program again as a child that does one thing and reports it as a RESULT line.</summary>
    public static async Task<Result> ChildAsync(Options options, string kind, string connectionString, string basis, string asOf)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Options).Assembly.Location);
        }

        var output = Path.Combine(options.Value("--output") is { } folder ? Path.GetFullPath(folder) : Path.GetTempPath(), $"statusrapport-bench-{kind}-{basis}.xlsx");
        foreach (var argument in new[] { kind, "--connection", connectionString, "--basis", basis, "--as-of", asOf, "--file", output })
        {
            start.ArgumentList.Add(argument);
        }

        Console.WriteLine($"Writing the {basis} workbook ({kind})");
        using var process = Process.Start(start)!;
        var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n');
        await process.WaitForExitAsync();
        var line = lines.SingleOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {kind} process failed ({process.ExitCode}): {string.Join('\n', lines)}");
        if (options.Value("--output") is null)
        {
            File.Delete(output);
        }

        return JsonSerializer.Deserialize<Result>(line["RESULT ".Length..])!;
    }

    /// <summary>The child: the report as the download writes it.</summary>
    public static async Task<int> ReportChildAsync(Options options)
    {
        var basis = options.Value("--basis") ?? "awarded";
        var asOf = options.Value("--as-of")!;
        var file = options.Value("--file")!;
        var connection = options.Value("--connection")!;
        var parameters = new AttainmentParameters(DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            basis == "realised" ? CountingBasis.Realised : CountingBasis.Awarded);
        var (seconds, peakHeap) = await MeasureAsync(async () =>
        {
            await using var services = BenchDatabase.Services(connection);
            await using var scope = services.CreateAsyncScope();
            await using var stream = new FileStream(file, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            await scope.ServiceProvider.GetRequiredService<StatusReport>().WriteAsync(parameters, stream, english: false);
        });
        var (peakWorkingSet, allocated, gen2) = ProcessFigures();

        // For scale, after the measurement: the dashboard's own computation of the figures, warm.
        double engineSeconds;
        await using (var services = BenchDatabase.Services(connection))
        {
            await using var scope = services.CreateAsyncScope();
            var engine = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<AttainmentService>().ComputeAsync(parameters);
            engineSeconds = engine.Elapsed.TotalSeconds;
        }

        var (rows, sheets) = CountDataRows(file, "Mobiliteter");
        Print(new Result(basis, asOf, rows, sheets, new FileInfo(file).Length, seconds, engineSeconds, peakWorkingSet, peakHeap, allocated, gen2));
        return 0;
    }

    /// <summary>
    /// The child of the floor: one query for the realised records the mobility targets could count, the
    /// target of each by a plain lookup (no engine), one row each with the report's ten columns, streamed
    /// with a bare OpenXmlWriter into as many sheets as Excel's row limit needs. No styles, no other sheets.
    /// </summary>
    public static async Task<int> BareChildAsync(Options options)
    {
        var asOf = DateOnly.ParseExact(options.Value("--as-of")!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var file = options.Value("--file")!;
        var connectionString = options.Value("--connection")!;
        long rows = 0;
        var sheets = 0;
        var (seconds, peakHeap) = await MeasureAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var counties = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var names = new NpgsqlCommand("SELECT number, name FROM counties", connection))
            await using (var reader = await names.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    counties[reader.GetString(0)] = reader.GetString(1);
                }
            }

            await using var command = new NpgsqlCommand($"""
                SELECT m.activity_type_code, p.sector, {AttainmentSql.ProjectCounty} AS county, p.call_year, m.participant_count,
                       p.reference, m.mobility_id, m.start_date, m.end_date, m.participant_group, m.direction
                FROM mobilities m JOIN projects p ON p.id = m.project_id JOIN organisations c ON c.id = p.coordinator_id
                WHERE m.activity_type_code = ANY(@activities) AND m.status = 'Realised' AND m.end_date <= @as_of
                ORDER BY p.reference, m.mobility_id
                """, connection) { CommandTimeout = 0 };
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("as_of", asOf));
            command.Parameters.Add(new NpgsqlParameter<string[]>("activities", [.. _targets.Keys.Select(k => k.Activity).Distinct()]));
            // The package by hand, as the report assembles its own: each sheet's XML goes from OpenXmlWriter
            // through deflate (fastest, as the report) straight into the zip, never whole in memory.
            await using var output = new FileStream(file, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            using var zip = new ZipArchive(output, ZipArchiveMode.Create);
            await using var reader2 = await command.ExecuteReaderAsync();
            OpenXmlWriter? writer = null;
            Stream? entry = null;
            var row = new Row();
            var cell = new Cell();
            var value = new CellValue();
            var inline = new InlineString();
            var text = new Text();
            var rowInSheet = 0;

            void Start()
            {
                sheets++;
                entry = zip.CreateEntry($"xl/worksheets/sheet{sheets}.xml", CompressionLevel.Fastest).Open();
                writer = OpenXmlWriter.Create(entry);
                writer.WriteStartDocument(true);
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteStartElement(row);
                foreach (var header in _headers)
                {
                    Text(header);
                }

                writer.WriteEndElement();
                rowInSheet = 1;
            }

            void Finish()
            {
                writer!.WriteEndElement();
                writer.WriteEndElement();
                writer.Close();
                entry!.Dispose();
            }

            void Text(string? s)
            {
                writer!.WriteStartElement(cell, _inlineString);
                writer.WriteStartElement(inline);
                writer.WriteStartElement(text);
                writer.WriteString(s ?? "");
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            void Number(double n)
            {
                writer!.WriteStartElement(cell);
                writer.WriteStartElement(value);
                writer.WriteString(n.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            Start();
            while (await reader2.ReadAsync())
            {
                var activity = reader2.GetString(0);
                var sector = reader2.GetString(1);
                if (reader2.GetInt32(3) < 2021 || reader2.GetString(9) == "AccompanyingPerson" || reader2.GetString(10) == "Incoming"
                    || !(_targets.TryGetValue((activity, sector), out var target) || _targets.TryGetValue((activity, ""), out target)))
                {
                    continue;
                }

                if (rowInSheet == 1_048_576)
                {
                    Finish();
                    Start();
                }

                writer!.WriteStartElement(row);
                Text(target);
                Text(reader2.GetString(5));
                Text(activity);
                Text(sector);
                Text(reader2.IsDBNull(2) ? null : counties.GetValueOrDefault(reader2.GetString(2)));
                Number(reader2.GetInt32(3));
                Number(reader2.GetInt32(4));
                Text(reader2.GetString(6));
                Number(reader2.GetFieldValue<DateOnly>(7).ToDateTime(TimeOnly.MinValue).ToOADate());
                Number(reader2.GetFieldValue<DateOnly>(8).ToDateTime(TimeOnly.MinValue).ToOADate());
                writer.WriteEndElement();
                rowInSheet++;
                rows++;
            }

            Finish();
            await WritePackagePartsAsync(zip, sheets);
        });
        var (peakWorkingSet, allocated, gen2) = ProcessFigures();
        Print(new Result("realised", options.Value("--as-of")!, rows, sheets, new FileInfo(file).Length, seconds, 0, peakWorkingSet, peakHeap, allocated, gen2));
        return 0;
    }

    private static readonly string[] _headers = ["Mål", "Prosjekt", "Aktivitet", "Sektor", "Fylke", "Søknadsår", "Deltakere", "Mobilitets-ID", "Start", "Slutt"];

    private static readonly OpenXmlAttribute[] _inlineString = [new("t", "", "inlineStr")];

    /// <summary>The mobility targets by activity type (and sector where the target names one), as strategy-targets.csv defines them.</summary>
    private static readonly Dictionary<(string Activity, string Sector), string> _targets = new()
    {
        [("LM-SKILL-VET", "")] = "MOB-VET-LEARNERS",
        [("LM-SHORT-VET", "")] = "MOB-VET-LEARNERS",
        [("LM-LONG-VET", "")] = "MOB-VET-LEARNERS",
        [("LM-GRP-PUPIL", "")] = "MOB-SCH-PUPILS",
        [("LM-SHORT-PUPIL", "")] = "MOB-SCH-PUPILS",
        [("LM-LONG-PUPIL", "")] = "MOB-SCH-PUPILS",
        [("SM-JOB-SHDW", "SCH")] = "MOB-SCH-STAFF",
        [("SM-TTA", "SCH")] = "MOB-SCH-STAFF",
        [("SM-COUR-TRAIN", "SCH")] = "MOB-SCH-STAFF",
        [("LM-GRP-ADU", "")] = "MOB-ADU-ALL",
        [("LM-SHORT-ADU", "")] = "MOB-ADU-ALL",
        [("SM-JOB-SHDW", "ADU")] = "MOB-ADU-ALL",
        [("SM-TTA", "ADU")] = "MOB-ADU-ALL",
        [("SM-COUR-TRAIN", "ADU")] = "MOB-ADU-ALL",
        [("HE-STA", "")] = "MOB-HED-STAFF",
        [("HE-STT", "")] = "MOB-HED-STAFF",
        [("HE-SMS", "")] = "MOB-HED-STUDENTS",
        [("HE-SMT", "")] = "MOB-HED-STUDENTS",
        [("HE-BIP", "")] = "MOB-HED-STUDENTS",
    };

    /// <summary>The package's other parts, minimal: content types, relationships, and the workbook naming the sheets.</summary>
    private static async Task WritePackagePartsAsync(ZipArchive zip, int sheets)
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var numbers = Enumerable.Range(1, sheets).ToList();
        await EntryAsync("[Content_Types].xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{string.Concat(numbers.Select(n => $"<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))}</Types>
            """);
        await EntryAsync("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        await EntryAsync("xl/workbook.xml", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="{main}" xmlns:r="{relationships}"><sheets>{string.Concat(numbers.Select(n => $"<sheet name=\"Mobiliteter {n}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"))}</sheets></workbook>
            """);
        await EntryAsync("xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{string.Concat(numbers.Select(n => $"<Relationship Id=\"rId{n}\" Type=\"{relationships}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"))}</Relationships>
            """);

        async Task EntryAsync(string name, string xml)
        {
            await using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(xml));
        }
    }

    /// <summary>Runs the work while sampling the managed heap every 50 ms; the seconds and the peak heap.</summary>
    public static async Task<(double Seconds, long PeakHeap)> MeasureAsync(Func<Task> work)
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
        var clock = Stopwatch.StartNew();
        await work();
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        return (seconds, peakHeap);
    }

    public static (long PeakWorkingSet, long Allocated, int Gen2) ProcessFigures()
    {
        using var process = Process.GetCurrentProcess();
        return (process.PeakWorkingSet64, GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(2));
    }

    public static void Print(Result result) => Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));

    /// <summary>Streams the data sheets' rows back with OpenXmlReader (after the measurement).</summary>
    public static (long Rows, int Sheets) CountDataRows(string path, string sheetPrefix)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        long rows = 0;
        var sheets = 0;
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>().Where(s => s.Name!.Value!.StartsWith(sheetPrefix, StringComparison.Ordinal)))
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
}

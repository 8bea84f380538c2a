using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Erasmus.DemoData;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using Erasmus.Web.Tests.Import;
using static Erasmus.Web.Tests.Import.HostileFiles;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Issue 15, item 2: any upload the size limit allows keeps the app's growth in memory under 100 MB.
/// The built app runs as its own process; a county coordinator uploads each hostile file through the
/// real form. Before each file the process's peak resident set (VmHWM) is reset to what it holds now
/// (/proc/PID/clear_refs), and while the file is read VmRSS is sampled too; growth is the peak minus the
/// resident set before. Each file must get its limit's message on the page, never a 500, and leave
/// nothing staged or saved.
/// </summary>
public sealed class UploadMemoryTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// The bound is 100 MB; the assertion keeps 10 MB below it, for the garbage collector's part:
    /// runs of the same file grow the app by amounts up to 20 MB apart (server GC, two cores).
    /// </summary>
    private const long AllowedGrowthBytes = 90L * 1024 * 1024;

    private const string CsvHeader = "Project Reference,Mobility ID,Activity Type,Participant Group,Sending Country,Receiving Country,Start Date,End Date,Number of Participants,Status";

    [Fact]
    public async Task Hostile_uploads_are_refused_with_their_limit_and_grow_the_app_by_less_than_100_MB()
    {
        Project project;
        await using (var db = database.CreateDbContext())
        {
            await DemoUsers.SeedAsync(db);
            var data = new TestData(db);
            project = await data.ProjectAsync(await data.OrganisationAsync("46"), ProjectAction.KA122, Sector.VET, 2022,
                start: new DateOnly(2022, 9, 1), end: new DateOnly(2024, 8, 31));
        }

        var folder = Directory.CreateTempSubdirectory("erasmus-upload-memory-").FullName;
        try
        {
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            await using var app = await AppProcess.StartAsync(database.ConnectionString, Path.Combine(folder, "app"), errorOutput: log.Enqueue);
            using var client = await SignInAsync(app.BaseUrl, DemoUsers.CoordinatorEmail("46"));

            // Warm-up: a valid CSV and workbook, so the import's code is loaded and compiled before anything is measured.
            foreach (var (name, file) in new[] { ("gyldig.csv", ValidCsv(project.Reference, 0)), ("gyldig.xlsx", ValidXlsx(folder, project.Reference, 100)) })
            {
                var (status, _) = await UploadAsync(client, name, file);
                Assert.Equal(ImportStatus.Ready, status);
            }

            var mobilitiesBefore = await MobilityCountAsync();
            var results = new List<(string Kind, long Bytes, long Growth, string Message)>();
            foreach (var hostile in HostileUploads(folder, project.Reference))
            {
                var content = await File.ReadAllBytesAsync(hostile.Path);
                File.Delete(hostile.Path);
                Assert.True(content.Length <= ImportOptions.MaxFileBytes, $"{hostile.Kind}: {content.Length} bytes, over the upload limit.");
                var before = Status(app.Id, "VmRSS:");
                ResetPeak(app.Id);
                using var sampling = new CancellationTokenSource();
                var sampled = SamplePeakAsync(app.Id, sampling.Token);
                var (status, message) = await UploadAsync(client, hostile.Name, content);
                await sampling.CancelAsync();
                var peak = Math.Max(Status(app.Id, "VmHWM:"), await sampled);
                var growth = peak - before;
                results.Add((hostile.Kind, content.Length, growth, message));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{hostile.Kind}: {content.Length / 1024.0:F0} KB uploaded, resident {before / 1048576.0:F0} MB before, peak {peak / 1048576.0:F0} MB, growth {growth / 1048576.0:F1} MB: {message}"));

                Assert.True(hostile.Expected == status, $"{hostile.Kind}: {status}, expected {hostile.Expected}. The app's log:\n" + string.Join("\n", log.TakeLast(40)));
                Assert.Contains(hostile.Message, message.Replace('\u00A0', ' '), StringComparison.Ordinal);
                Assert.True(growth < AllowedGrowthBytes, string.Create(CultureInfo.InvariantCulture, $"{hostile.Kind} grew the app by {growth / 1048576.0:F1} MB."));
            }

            Assert.Equal(mobilitiesBefore, await MobilityCountAsync());
            await using (var db = database.CreateDbContext())
            {
                // Only the two warm-up batches staged anything.
                Assert.Equal(0, await db.Set<ImportMobilityRow>().CountAsync(r => db.Set<ImportBatch>().Any(b => b.Id == r.BatchId && b.Status == ImportStatus.Failed)));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Worst growth: {results.Max(r => r.Growth) / 1048576.0:F1} MB ({results.MaxBy(r => r.Growth).Kind}); {results.Count} files, each refused with its limit's message or, within every limit, read."));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A file to upload and what must come of it: refused with the message (Failed), or, for the largest files within every limit, read (Ready).</summary>
    private sealed record Hostile(string Kind, string Name, string Path, string Message, ImportStatus Expected = ImportStatus.Failed);

    /// <summary>The files, each written when its turn comes so that only one sits on disk at a time.</summary>
    private static IEnumerable<Hostile> HostileUploads(string folder, string reference)
    {
        string Xlsx(string name, Action<TextWriter> sheet, Action<TextWriter>? sharedStrings = null, Action<TextWriter>? styles = null, CompressionLevel level = CompressionLevel.Optimal)
        {
            var path = Path.Combine(folder, name);
            HostileFiles.Xlsx(path, sheet, sharedStrings, styles, level);
            return path;
        }

        string Csv(string name, Action<TextWriter> write)
        {
            var path = Path.Combine(folder, name);
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 64 * 1024);
            writer.Write(CsvHeader + "\r\n");
            write(writer);
            return path;
        }

        yield return new("xlsx: first row of 5 000 000 empty <c/> cells", "celler.xlsx", Xlsx("celler.xlsx", w =>
        {
            w.Write(SheetStart + "<row r=\"1\">");
            Repeat(w, "<c/>", 5_000_000);
            w.Write("</row>" + SheetEnd);
        }), "Rad 1 har flere enn 16 384 celler");

        yield return new("xlsx: styles with 1 000 000 <xf/>", "stiler.xlsx", Xlsx("stiler.xlsx", Sheet(_ => { }), styles: w =>
        {
            w.Write(StylesStart + "<cellXfs>");
            Repeat(w, "<xf/>", 1_000_000);
            w.Write("</cellXfs>" + StylesEnd);
        }), "flere enn 65 490 celleformater");

        yield return new("xlsx: one 50 000 000-character shared string", "tekst.xlsx", Xlsx("tekst.xlsx", Sheet(w => w.Write("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>")), sharedStrings: w =>
        {
            w.Write(SharedStringsStart + "<si><t>");
            Repeat(w, "x", 50_000_000);
            w.Write("</t></si>" + SharedStringsEnd);
        }), "En tekst i arbeidsboken har over 100 000 tegn");

        yield return new("xlsx: 1 000 000 shared strings", "tekster.xlsx", Xlsx("tekster.xlsx", Sheet(_ => { }), sharedStrings: w =>
        {
            w.Write(SharedStringsStart);
            for (var i = 0; i < 1_000_000; i++)
            {
                w.Write("<si><t>MOB-");
                w.Write(i.ToString("D8", CultureInfo.InvariantCulture));
                w.Write("</t></si>");
            }

            w.Write(SharedStringsEnd);
        }), "flere enn 250 000 ulike tekster");

        yield return new("xlsx: zip bomb, a sheet of 900 MB of spaces", "bombe.xlsx", Xlsx("bombe.xlsx", HeaderAfter(w => Repeat(w, " ", 900_000_000))),
            "ganger sin pakkede størrelse");

        yield return new("xlsx: zip bomb, a sheet of 1.1 GB of spaces", "stor-bombe.xlsx", Xlsx("stor-bombe.xlsx", HeaderAfter(w => Repeat(w, " ", 1_100_000_000))),
            "Filen pakker seg ut til over 1 GB");

        yield return new("xlsx: a tag with a 15 000 000-character attribute", "attributt.xlsx", Xlsx("attributt.xlsx", HeaderAfter(w =>
        {
            w.Write("<row r=\"1\" x=\"");
            Repeat(w, "x", 15_000_000);
            w.Write("\"/>");
        })), "et XML-element på over 1 000 000 tegn");

        yield return new("xlsx: 5 000 000 nested elements", "nesting.xlsx", Xlsx("nesting.xlsx", HeaderAfter(w =>
        {
            w.Write("<row r=\"1\"><c r=\"A1\">");
            Repeat(w, "<x>", 5_000_000);
        })), "nestet mer enn 100 nivåer");

        yield return new("xlsx: 2 000 000 distinct element names", "navn.xlsx", Xlsx("navn.xlsx", HeaderAfter(w =>
        {
            for (var i = 0; i < 2_000_000; i++)
            {
                w.Write(string.Create(CultureInfo.InvariantCulture, $"<n{i}/>"));
            }
        })), "flere enn 10 000 ulike XML-navn");

        var parts = Path.Combine(folder, "deler.xlsx");
        XlsxWithManyParts(parts, 200_000, lieAboutCount: true);
        yield return new("xlsx: 200 000 parts, the end record claiming 5", "deler.xlsx", parts, "for mange deler");

        yield return new("csv: one line of 20 MB", "linje.csv", Csv("linje.csv", w => Repeat(w, new string('x', 9_999) + ",", 1_900)),
            "Rad 2 er over 1 000 000 tegn lang");

        yield return new("csv: an unclosed quote and 20 MB after it", "sitat.csv", Csv("sitat.csv", w =>
        {
            w.Write('"');
            Repeat(w, "x,y,z\r\n", 2_800_000);
        }), "Rad 2 har et felt på over 100 000 tegn");

        yield return new("csv: 200 001 rows with every value wrong (all but the last rejected, then the row limit)", "feil.csv", Csv("feil.csv", w =>
        {
            for (var i = 0; i <= 200_000; i++)
            {
                w.Write("X");
                w.Write(i.ToString(CultureInfo.InvariantCulture));
                w.Write(",Y,Z,Å,Æ,Ø,2023-13-45,31.02.2023,-x,Kanskje\r\n");
            }
        }), "Filen har flere enn 200 000 rader med data");

        yield return new("csv: 180 000 valid rows, as many as 20 MB holds (read, checked and staged)", "gyldige.csv", Csv("gyldige.csv", w =>
        {
            for (var i = 0; i < 180_000; i++)
            {
                var serial = 1_000_000 + i;
                w.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{reference},{serial / 100000:D6}-MOB-{serial % 100000:D5},LM-SHORT-VET,Learner,NO,DE,2023-01-02,2023-01-15,1,Realised\r\n"));
            }
        }), "", ImportStatus.Ready);

        yield return new("xlsx: 250 000 shared strings of 20 characters (at both limits) and 150 000 rows using them (every row rejected)", "tekster-og-rader.xlsx",
            Xlsx("tekster-og-rader.xlsx", w =>
            {
                w.Write(SheetStart + "<row r=\"1\">");
                for (var c = 0; c < 10; c++)
                {
                    w.Write($"<c t=\"inlineStr\"><is><t>{CsvHeader.Split(',')[c]}</t></is></c>");
                }

                w.Write("</row>");
                for (var i = 0; i < 150_000; i++)
                {
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"<row r=\"{i + 2}\">"));
                    for (var c = 0; c < 10; c++)
                    {
                        w.Write(string.Create(CultureInfo.InvariantCulture, $"<c t=\"s\"><v>{((i * 10) + c) % 250_000}</v></c>"));
                    }

                    w.Write("</row>");
                }

                w.Write(SheetEnd);
            }, sharedStrings: w =>
            {
                w.Write(SharedStringsStart);
                for (var i = 0; i < 250_000; i++)
                {
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"<si><t>VERDI-{i:D14}</t></si>"));
                }

                w.Write(SharedStringsEnd);
            }), "", ImportStatus.Ready);

        yield return new("csv: 20 MB of separators", "skilletegn.csv", Csv("skilletegn.csv", w => Repeat(w, ",", 20_000_000)),
            "Rad 2 har flere enn 1000 kolonner");
    }

    /// <summary>A sheet whose hostile part comes before the header row, so the reader meets it before the import can stop at a missing column.</summary>
    private static Action<TextWriter> HeaderAfter(Action<TextWriter> hostile) => w =>
    {
        w.Write(SheetStart);
        hostile(w);
        w.Write(HeaderRow + SheetEnd);
    };

    private static byte[] ValidCsv(string reference, int first)
    {
        var csv = new StringBuilder(CsvHeader + "\n");
        for (var i = first; i < first + 50; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{reference},{i:D6}-MOB-{i:D5},LM-SHORT-VET,Learner,NO,DE,2023-01-02,2023-01-15,1,Realised\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static byte[] ValidXlsx(string folder, string reference, int first)
    {
        var path = Path.Combine(folder, "gyldig.xlsx");
        string[] header = ["Project Reference", "Mobility ID", "Activity Type", "Participant Group", "Sending Country", "Receiving Country", "Start Date", "End Date", "Number of Participants", "Status"];
        HostileFiles.Xlsx(path, w =>
        {
            w.Write(SheetStart);
            for (var i = first - 1; i < first + 50; i++)
            {
                string[] values = i < first ? header : [reference, $"{i:D6}-MOB-{i:D5}", "LM-SHORT-VET", "Learner", "NO", "DE", "2023-01-02", "2023-01-15", "1", "Realised"];
                w.Write($"<row r=\"{i - first + 2}\">");
                foreach (var value in values)
                {
                    w.Write($"<c t=\"inlineStr\"><is><t>{value}</t></is></c>");
                }

                w.Write("</row>");
            }

            w.Write(SheetEnd);
        });
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private async Task<int> MobilityCountAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Mobilities.CountAsync();
    }

    /// <summary>Uploads through the real form (a 302 to the batch, never a 500), waits until the file is read, and returns its status and the page's failure message.</summary>
    private static async Task<(ImportStatus Status, string Message)> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var token = await TokenAsync(client, "/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent("Mobilities"), "Kind");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        using var upload = await client.PostAsync(new Uri("/import", UriKind.Relative), form);
        Assert.True(upload.StatusCode == HttpStatusCode.Redirect, $"{fileName}: the upload answered {(int)upload.StatusCode}.");
        var batch = upload.Headers.Location!.OriginalString;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(new Uri(batch + "/status", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("done").GetBoolean())
            {
                var status = Enum.Parse<ImportStatus>(json.RootElement.GetProperty("status").GetString()!);
                using var page = await client.GetAsync(new Uri(batch, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
                return (status, document.QuerySelector("#import-failure p")?.TextContent.Trim() ?? "");
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(5), $"{fileName} was not read within 5 minutes.");
            await Task.Delay(50);
        }
    }

    private static async Task<HttpClient> SignInAsync(string baseUrl, string email)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        var token = await TokenAsync(client, "/logg-inn");
        using var response = await client.PostAsync(new Uri("/logg-inn", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = DemoUsers.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>A field of /proc/PID/status in bytes (VmRSS: now, VmHWM: the peak since the last reset).</summary>
    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Sets the peak (VmHWM) to the resident set now (Linux 4.0 and later); the sampling covers a kernel without it.</summary>
    private static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<long> SamplePeakAsync(int pid, CancellationToken cancellationToken)
    {
        var peak = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, Status(pid, "VmRSS:"));
            try
            {
                await Task.Delay(10, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return peak;
    }
}

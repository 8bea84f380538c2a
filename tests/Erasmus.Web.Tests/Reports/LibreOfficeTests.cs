using System.Diagnostics;
using System.Globalization;
using System.Text;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// The workbook opens in a real spreadsheet program: LibreOffice converts every sheet to CSV, showing
/// the cells as formatted, and the figures are there. LibreOffice must be installed; without it the
/// test fails (apt-get install -y libreoffice-calc-nogui), it is never skipped.
/// </summary>
public sealed class LibreOfficeTests(StatusReportData data) : IClassFixture<StatusReportData>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task LibreOffice_opens_the_workbook_and_shows_the_figures()
    {
        var soffice = FindSoffice();
        Assert.True(soffice is not null, "LibreOffice (soffice) is not installed, so the workbook cannot be opened in a real spreadsheet program: apt-get install -y libreoffice-calc-nogui");
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        var workbook = await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded");
        var folder = Directory.CreateTempSubdirectory("erasmus-lo-");
        try
        {
            var file = Path.Combine(folder.FullName, "statusrapport.xlsx");
            await File.WriteAllBytesAsync(file, workbook);

            await ConvertToCsvAsync(soffice!, file, folder.FullName);

            var summary = ReadCsv(folder.FullName, "statusrapport-Sammendrag.csv");
            var vet = summary.Single(r => r.Length == 13 && r[12] == "MOB-VET-LEARNERS");
            Assert.Equal("Elever og lærlinger i fag- og yrkesopplæring på utveksling", vet[0]);
            Assert.Equal("10000", Digits(vet[2]));
            Assert.Equal("20", vet[3]);
            Assert.Matches(@"^0[.,]2 ?%$", vet[6]);
            Assert.Equal("I fare", vet[11]);
            Assert.Contains(summary, r => r[0] == "Per dato" && r[1] == "30.09.2021");
            var share = summary.Single(r => r.Length == 13 && r[12] == "PART-WORKING-LIFE-SHARE");
            Assert.Matches(@"^50[.,]0 ?%$", share[3]);

            var table = ReadCsv(folder.FullName, "statusrapport-Mobilitet.csv");
            Assert.Contains(table, r => r[0] == "Mobilitet" && r[2] == "Status september 2021");
            var pupils = table.Single(r => r[0] == "Elever i barne-, ungdoms- og studiespesialiserende videregående skole på utveksling");
            Assert.Equal(("7500", "42"), (Digits(pupils[1]), pupils[2]));

            var mobilities = ReadCsv(folder.FullName, "statusrapport-Mobiliteter.csv");
            Assert.Equal(["Prosjektnummer", "Aktivitetstype", "Sektor", "Fylke", "Utlysningsår", "Vedtaksdato", "Tildelte deltakere", "Mål", "Aktivitetskode", "Sektorkode", "Målkode"],
                mobilities[0]);
            Assert.Equal(20, mobilities.Skip(1).Where(r => r[10] == "MOB-VET-LEARNERS").Sum(r => int.Parse(r[6], CultureInfo.InvariantCulture)));
            Assert.All(mobilities.Skip(1), r => Assert.Matches(@"^\d\d\.\d\d\.2021$", r[5]));
            Assert.True(File.Exists(Path.Combine(folder.FullName, "statusrapport-Prosjekter.csv")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static string? FindSoffice() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "soffice"))
            .Append("/usr/lib/libreoffice/program/soffice")
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Converts every sheet to its own CSV (filter token 12 = -1, LibreOffice 7.2 and later), cells as
    /// shown (token 9), with a private user profile so parallel runs do not collide.
    /// </summary>
    internal static async Task ConvertToCsvAsync(string soffice, string file, string outDir)
    {
        var profile = Directory.CreateTempSubdirectory("lo-");
        try
        {
            var start = new ProcessStartInfo(soffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         $"-env:UserInstallation=file://{profile.FullName}", "--headless", "--norestore",
                         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1",
                         "--outdir", outDir, file,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"soffice did not finish within {Timeout}.");
            }

            Assert.True(process.ExitCode == 0, $"soffice exited with {process.ExitCode}: {await output} {await errors}");
            Assert.True(Directory.EnumerateFiles(outDir, "*.csv").Any(), $"soffice wrote no CSV: {await output} {await errors}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    internal static List<string[]> ReadCsv(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        Assert.True(File.Exists(path), $"No {name}; LibreOffice wrote: {string.Join(", ", Directory.EnumerateFiles(folder).Select(Path.GetFileName))}");
        return Parse(File.ReadAllText(path, Encoding.UTF8));
    }

    /// <summary>RFC 4180: fields in quotes may hold commas, quotes (doubled) and line breaks.</summary>
    internal static List<string[]> Parse(string csv)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);
}

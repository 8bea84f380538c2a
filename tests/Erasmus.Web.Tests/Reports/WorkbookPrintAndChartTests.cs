using System.Diagnostics;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Tests.Infrastructure;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// The workbook's native charts are drawn from its cells and carry the engine's figures; every sheet is
/// set up for A4 printing; LibreOffice renders the charts and prints the summary on one page.
/// </summary>
public sealed partial class WorkbookPrintAndChartTests(StatusReportData data) : IClassFixture<StatusReportData>
{
    private const string Query = "asOf=2021-09-30&basis=awarded";

    [Fact]
    public async Task Charts_are_drawn_from_the_figures_sheets_cells_and_show_the_engines_figures()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, Query));
        var engine = await data.EngineAsync(Query);
        var cells = workbook.Rows("Figurer");

        var sheetPart = (WorksheetPart)workbook.Document.WorkbookPart!.GetPartById(
            workbook.Document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Figurer").Id!);
        var charts = sheetPart.DrawingsPart!.ChartParts.Select(p => p.ChartSpace).ToList();
        Assert.True(charts.Count >= 9, $"Only {charts.Count} charts.");
        var titles = charts.Select(c => c.Descendants<C.Title>().First().InnerText).ToList();
        foreach (var number in Enumerable.Range(1, 7))
        {
            Assert.Contains(titles, t => t.StartsWith($"Figur 4.{number} ", StringComparison.Ordinal));
        }

        Assert.Contains(titles, t => t.Contains("etter utlysningsår", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.Contains("per fylke", StringComparison.Ordinal));
        foreach (var series in charts.SelectMany(c => c.Descendants<C.BarChartSeries>()))
        {
            // Each series refers to a column of cells on the Figurer sheet, and its cached values are those cells.
            var formula = series.GetFirstChild<C.Values>()!.Descendants<C.Formula>().Single().Text;
            var match = RangePattern().Match(formula);
            Assert.True(match.Success, formula);
            var column = match.Groups[1].Value;
            var rows = Enumerable.Range(int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) - int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1);
            var cached = series.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>().ToDictionary(p => (int)p.Index!.Value, p => decimal.Parse(p.NumericValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (row, i) in rows.Select((r, i) => (r, i)))
            {
                if (cells[row].TryGetValue(column, out var cell))
                {
                    Assert.Equal(cell.Number, cached[i]);
                }
            }
        }

        // Figure 4.1: each mobility target's status, expected value and target, from the engine.
        var mobility = charts[titles.FindIndex(t => t.StartsWith("Figur 4.1 ", StringComparison.Ordinal))];
        var points = mobility.Descendants<C.BarChartSeries>().Select(s => s.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>()
            .Select(p => decimal.Parse(p.NumericValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).ToList()).ToList();
        var targets = engine.Targets.Where(t => t.Target.MetricKind == MetricKind.MobilityParticipants).ToList();
        Assert.Equal(targets.Select(t => t.Value), points[0]);
        Assert.Equal(targets.Select(t => t.ExpectedByNow), points[1]);
        Assert.Equal(targets.Select(t => t.TargetValue), points[2]);
        Assert.Contains(20m, points[0]);
    }

    [Fact]
    public async Task Every_sheet_prints_on_A4_one_page_wide_with_header_footer_and_the_summary_on_one_landscape_page()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, Query));

        foreach (var name in workbook.SheetNames)
        {
            var sheet = workbook.Worksheet(name);
            var setup = sheet.Descendants<PageSetup>().Single();
            Assert.Equal(9u, setup.PaperSize!.Value);
            Assert.Equal(1u, setup.FitToWidth!.Value);
            Assert.True(sheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value, name);
            var header = sheet.Descendants<OddHeader>().Single().Text;
            Assert.Contains("Statusrapport Erasmus+", header, StringComparison.Ordinal);
            Assert.Contains("Per 30. september 2021 · tildelt grunnlag", header, StringComparison.Ordinal);
            Assert.Contains("Side &P av &N", sheet.Descendants<OddFooter>().Single().Text, StringComparison.Ordinal);
        }

        var summary = workbook.Worksheet("Sammendrag").Descendants<PageSetup>().Single();
        Assert.Equal((OrientationValues.Landscape, 1u), (summary.Orientation!.Value, summary.FitToHeight!.Value));
        Assert.Equal(0u, workbook.Worksheet("Mobiliteter").Descendants<PageSetup>().Single().FitToHeight!.Value);
        var printTitles = workbook.Document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().Where(n => n.Name == "_xlnm.Print_Titles").Select(n => n.Text).ToList();
        Assert.Contains("'Sammendrag'!$10:$10", printTitles);
        Assert.Contains("'Mobiliteter'!$1:$1", printTitles);
    }

    [Fact]
    public async Task Status_is_coloured_by_conditional_formatting_and_people_read_names_not_codes()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, Query));

        var formatting = workbook.Worksheet("Sammendrag").Descendants<ConditionalFormatting>().Single();
        Assert.Equal("L11:L29", formatting.SequenceOfReferences!.InnerText);
        var rules = formatting.Elements<ConditionalFormattingRule>().ToDictionary(r => r.GetFirstChild<Formula>()!.Text, r => r.FormatId!.Value);
        Assert.Equal(["\"Bak skjema\"", "\"Foran skjema\"", "\"I fare\"", "\"I rute\"", "\"Nådd\""], rules.Keys.Order(StringComparer.Ordinal));
        var dxfs = workbook.Document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.DifferentialFormats!.Elements<DifferentialFormat>().ToList();
        var atRisk = dxfs[(int)rules["\"I fare\""]];
        Assert.Equal("FFFFC7CE", atRisk.Fill!.PatternFill!.BackgroundColor!.Rgb!.Value);
        Assert.NotEqual(rules["\"I fare\""], rules["\"Nådd\""]);
        // The first column a person reads holds names; the codes have a column of their own at the end.
        var summary = workbook.Table("Sammendrag", "Mål");
        Assert.All(summary, r => Assert.DoesNotMatch(CodePattern(), r["Mål"].Text!));
        Assert.All(summary, r => Assert.Matches(CodePattern(), r["Kode"].Text!));
        var projects = workbook.Table("Prosjekter", "Prosjektnummer");
        Assert.Contains(projects, r => r["Tiltak"].Text == "Yrkesfaglige fremragende sentre (CoVE)" && r["Tiltakskode"].Text == "CoVE");
        Assert.All(projects, r => Assert.Contains("(", r["Sektor"].Text!, StringComparison.Ordinal));
        var mobilities = workbook.Table("Mobiliteter", "Prosjektnummer");
        Assert.All(mobilities, r => Assert.NotEqual(r["Aktivitetskode"].Text, r["Aktivitetstype"].Text));
        Assert.All(mobilities, r => Assert.DoesNotMatch(CodePattern(), r["Mål"].Text!));
    }

    [Fact]
    public async Task LibreOffice_renders_the_charts_and_prints_the_summary_on_one_page()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        var bytes = await StatusReportData.DownloadAsync(client, Query);
        var folder = Directory.CreateTempSubdirectory("erasmus-pdf-");
        try
        {
            var pdf = await PdfTools.WorkbookToPdfAsync(bytes, folder.FullName);

            var firstPage = await PdfTools.TextAsync(pdf, 1, 1);
            var secondPage = await PdfTools.TextAsync(pdf, 2, 2);
            var all = await PdfTools.TextAsync(pdf);
            Assert.Contains("Statusrapport for Erasmus+ – måloppnåelse mot den nasjonale strategien", firstPage, StringComparison.Ordinal);
            // The first target and the last, by their codes at the ends of their rows.
            Assert.Contains("MOB-VET-LEARNERS", firstPage, StringComparison.Ordinal);
            Assert.Contains("SOC-BLENDED", firstPage, StringComparison.Ordinal);
            // The next sheet (table 4.1) starts on page 2: the summary is exactly one page.
            Assert.Contains("Tabell 4.1 Mobilitet", secondPage, StringComparison.Ordinal);
            Assert.DoesNotContain("SOC-BLENDED", secondPage, StringComparison.Ordinal);
            Assert.Contains("Side 1 av", firstPage, StringComparison.Ordinal);
            foreach (var number in Enumerable.Range(1, 7))
            {
                // Once as the table's heading in the cells, once as the chart's own title.
                var count = Regex.Count(all, $@"Figur 4\.{number} ");
                Assert.True(count >= 2, $"Figur 4.{number} appears {count} times in the PDF: its chart was not drawn.");
            }

            // Texts only the charts hold: an axis title and the legend.
            Assert.Contains("Sektorer med akkreditering", all, StringComparison.Ordinal);
            Assert.Contains("Forventet nå", all, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^'Figurer'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^[A-Z]+(-[A-Z0-9]+)+$")]
    private static partial Regex CodePattern();
}

/// <summary>LibreOffice's PDF of a workbook and poppler's text of a PDF (apt-get install -y libreoffice-calc-nogui poppler-utils).</summary>
public static class PdfTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<string> WorkbookToPdfAsync(byte[] workbook, string folder)
    {
        var file = Path.Combine(folder, "statusrapport.xlsx");
        await File.WriteAllBytesAsync(file, workbook);
        var profile = Directory.CreateTempSubdirectory("lo-");
        try
        {
            await RunAsync("soffice", [$"-env:UserInstallation=file://{profile.FullName}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder, file]);
        }
        finally
        {
            profile.Delete(recursive: true);
        }

        var pdf = Path.Combine(folder, "statusrapport.pdf");
        Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF.");
        return pdf;
    }

    /// <summary>The text of a PDF (or of pages first to last) as pdftotext lays it out.</summary>
    public static Task<string> TextAsync(string pdf, int? first = null, int? last = null) =>
        RunAsync("pdftotext", [.. first is { } f ? new[] { "-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [],
            .. last is { } l ? new[] { "-l", l.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [], "-layout", pdf, "-"]);

    /// <summary>The number of pages, from pdfinfo.</summary>
    public static async Task<int> PagesAsync(string pdf)
    {
        var info = await RunAsync("pdfinfo", [pdf]);
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
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
            Assert.Fail($"{program} did not finish within {Timeout}.");
        }

        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await errors}");
        return await output;
    }
}

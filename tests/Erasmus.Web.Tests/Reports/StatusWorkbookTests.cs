using System.Net;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Reports;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// The status workbook read back with the Open XML SDK: every summary figure equals the engine's, the
/// data sheets add up to the summary, the file is valid Open XML and a proper spreadsheet.
/// </summary>
public sealed class StatusWorkbookTests(StatusReportData data) : IClassFixture<StatusReportData>
{
    private static readonly string[] DataSheets = ["Prosjekter", "Mobiliteter"];

    [Theory]
    // Hand counts (StatusReportData): awarded by 2021-09-30, VET learners 10 + 2 (Vestland) + 8 (Rogaland), pupils 30 (Vestland) + 12 (Akershus, in Viken in 2021);
    // realised by 2022-06-30, VET learners 3 + 4 (not the accompanying, planned, cancelled, incoming or later records), pupils 10 + 6.
    [InlineData("asOf=2021-09-30&basis=awarded", 20, 42)]
    [InlineData("asOf=2022-06-30&basis=realised", 7, 16)]
    [InlineData("asOf=2021-09-30&basis=awarded&county=46", 12, 30)]
    [InlineData("asOf=2021-09-30&basis=awarded&county=30", 0, 12)]
    [InlineData("asOf=2022-06-30&basis=realised&sector=SCH", null, 16)] // VET learners do not apply in a school view
    public async Task Every_summary_value_equals_the_engines_and_the_hand_counts(string query, int? vetLearners, int pupils)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, query));
        var engine = await data.EngineAsync(query);

        var summary = workbook.Table("Sammendrag", "Mål").ToDictionary(r => r["Kode"].Text!);
        // The engine is checked against hand counts first, so the comparison below is not the engine with itself.
        Assert.Equal((decimal)pupils, summary["MOB-SCH-PUPILS"]["Verdi"].Number);
        Assert.Equal(pupils, engine.Targets.Single(t => t.Target.Code == "MOB-SCH-PUPILS").Value);
        if (vetLearners is { } vet)
        {
            Assert.Equal((decimal)vet, summary["MOB-VET-LEARNERS"]["Verdi"].Number);
            Assert.Equal(vet, engine.Targets.Single(t => t.Target.Code == "MOB-VET-LEARNERS").Value);
        }

        Assert.Equal(engine.Targets.Count, summary.Count);
        foreach (var target in engine.Targets)
        {
            var row = summary[target.Target.Code];
            var share = target.IsShare;
            Assert.Equal(target.Target.TitleNb, row["Mål"].Text);
            Assert.Equal(target.TargetValue, row["Målverdi"].Figure(share));
            Assert.Equal(target.Value, row["Verdi"].Figure(share));
            Assert.Equal(target.Numerator, row.TryGetValue("Teller", out var n) ? n.Number : null);
            Assert.Equal(target.Denominator, row.TryGetValue("Nevner", out var d) ? d.Number : null);
            Assert.Equal(target.PercentOfTarget, row.TryGetValue("Prosent av mål", out var percent) ? percent.PercentPoints : null);
            Assert.Equal(target.ExpectedByNow, row["Forventet nå"].Figure(share));
            Assert.Equal(target.ProjectedAt2027, row.TryGetValue("Fremskrevet 2027", out var p) ? p.Figure(share) : null);
            Assert.Equal(target.WillBeMet is { } met ? (met ? "Ja" : "Nei") : null, row.GetValueOrDefault("Nås innen 2027")?.Text);
            Assert.Equal(target.RequiredYearlyPace, row.TryGetValue("Nødvendig tempo per år", out var pace) ? pace.Number : null);
            Assert.Equal(StatusText.Of(target.Status), row["Status"].Text);
        }
    }

    [Fact]
    public async Task Summary_shows_the_hand_counted_figures_of_the_awarded_basis()
    {
        var client = await data.SignInAsAsync(TestRoles.Coordinator, "46");

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded"));

        var summary = workbook.Table("Sammendrag", "Mål").ToDictionary(r => r["Kode"].Text!);
        // 12 (Vestland) + 8 (Rogaland); the late decision (5) and the 2020 call (40) do not count.
        Assert.Equal(20m, summary["MOB-VET-LEARNERS"]["Verdi"].Number);
        Assert.Equal(10000m, summary["MOB-VET-LEARNERS"]["Målverdi"].Number);
        Assert.Equal("#,##0", summary["MOB-VET-LEARNERS"]["Målverdi"].Format);
        Assert.Equal(42m, summary["MOB-SCH-PUPILS"]["Verdi"].Number);
        // Of the one Norwegian-coordinated partnership with working life among two (KA220, sport KA210): 50 %.
        Assert.Equal(50m, summary["PART-WORKING-LIFE-SHARE"]["Verdi"].PercentPoints);
        Assert.Equal("0.0%", summary["PART-WORKING-LIFE-SHARE"]["Verdi"].Format);
        var header = workbook.Rows("Sammendrag");
        Assert.Equal(new DateOnly(2021, 9, 30), header[2]["B"].Date);
        Assert.Equal("Tildelt", header[3]["B"].Text);
        Assert.Equal("Hele landet", header[4]["B"].Text);
        Assert.Contains("yy", header[7]["B"].Format, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("asOf=2021-09-30&basis=awarded")]
    [InlineData("asOf=2022-06-30&basis=realised")]
    [InlineData("asOf=2021-09-30&basis=awarded&county=30")]
    [InlineData("asOf=2022-06-30&basis=realised&county=46&sector=VET")]
    public async Task Data_sheets_add_up_to_the_summary_figures(string query)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, query));
        var engine = await data.EngineAsync(query);

        var mobilities = workbook.Table("Mobiliteter", query.Contains("realised", StringComparison.Ordinal) ? "Mobilitets-ID" : "Prosjektnummer");
        var participantsColumn = query.Contains("realised", StringComparison.Ordinal) ? "Deltakere som telles" : "Tildelte deltakere";
        var projects = workbook.Table("Prosjekter", "Prosjektnummer");
        foreach (var target in engine.Targets.Where(t => CountedRecords.IsMobilityTarget(t.Target)))
        {
            var sum = mobilities.Where(r => r["Målkode"].Text == target.Target.Code).Sum(r => r[participantsColumn].Number);
            Assert.True(target.Value == sum, $"{target.Target.Code}: the Mobiliteter sheet sums to {sum}, the summary says {target.Value}");
        }

        foreach (var target in engine.Targets.Where(t => CountedRecords.IsProjectTarget(t.Target)))
        {
            var cells = projects.Select(r => r.GetValueOrDefault(target.Target.TitleNb)).OfType<SheetCell>().ToList();
            var numerator = cells.Sum(c => c.Number);
            Assert.True((target.Numerator ?? target.Value) == numerator, $"{target.Target.Code}: the Prosjekter column sums to {numerator}, the summary says {target.Numerator ?? target.Value}");
            if (target.IsShare)
            {
                Assert.Equal(target.Denominator, cells.Count);
            }
        }

        Assert.Contains(engine.Targets, t => t.Value > 0 && CountedRecords.IsMobilityTarget(t.Target));
    }

    [Fact]
    public async Task Awarded_mobility_sheet_lists_each_counting_line_with_its_target()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded"));

        var rows = workbook.Table("Mobiliteter", "Prosjektnummer")
            .Select(r => (Activity: r["Aktivitetskode"].Text, Participants: r["Tildelte deltakere"].Number, Target: r["Målkode"].Text, County: r["Fylke"].Text))
            .OrderBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.Participants).ToList();
        // Staff in the VET project (9), the late decision (5) and the 2020 call (40) count toward no target.
        Assert.Equal(
            [
                ("LM-GRP-PUPIL", 12m, "MOB-SCH-PUPILS", "Viken"),
                ("LM-GRP-PUPIL", 30m, "MOB-SCH-PUPILS", "Vestland"),
                ("SM-JOB-SHDW", 6m, "MOB-SCH-STAFF", "Vestland"),
                ("LM-LONG-VET", 2m, "MOB-VET-LEARNERS", "Vestland"),
                ("LM-SHORT-VET", 8m, "MOB-VET-LEARNERS", "Rogaland"),
                ("LM-SHORT-VET", 10m, "MOB-VET-LEARNERS", "Vestland"),
            ],
            rows);
    }

    [Fact]
    public async Task Realised_mobility_sheet_lists_only_counted_records_with_dates()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2022-06-30&basis=realised"));

        var rows = workbook.Table("Mobiliteter", "Mobilitets-ID");
        // Not the accompanying person, the planned, the cancelled, the incoming, nor the one ending after the date.
        Assert.Equal(["000001-MOB-00001", "000001-MOB-00002", "000002-MOB-00001", "000002-MOB-00002", "000003-MOB-00001"],
            rows.Select(r => r["Mobilitets-ID"].Text).Order(StringComparer.Ordinal));
        var first = rows.Single(r => r["Mobilitets-ID"].Text == "000001-MOB-00001");
        Assert.Equal(new DateOnly(2021, 10, 1), first["Startdato"].Date);
        Assert.Equal(new DateOnly(2021, 10, 14), first["Sluttdato"].Date);
        Assert.Equal(3m, first["Deltakere som telles"].Number);
    }

    [Theory]
    [InlineData("asOf=2021-09-30&basis=awarded")]
    [InlineData("asOf=2022-06-30&basis=realised&county=46")]
    public async Task Open_xml_validator_reports_no_errors(string query)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, query));

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(workbook.Document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task Workbook_has_the_sheets_of_the_report_with_frozen_bold_headers_filters_and_widths()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded"));

        Assert.Equal(["Sammendrag", "Mobilitet", "Partnerskap", "Samfunnsutfordringer", "Fylker", "Fylke × mål", "Figurer", "Per år", "Metode", "Prosjekter", "Mobiliteter"], workbook.SheetNames);
        Assert.All(workbook.SheetNames, name => Assert.InRange(name.Length, 1, 31));
        foreach (var name in DataSheets)
        {
            var sheet = workbook.Worksheet(name);
            var pane = sheet.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.StartsWith("A1:", sheet.Descendants<AutoFilter>().Single().Reference!.Value, StringComparison.Ordinal);
            Assert.NotEmpty(sheet.Descendants<Column>());
            var headerStyle = workbook.Rows(name)[1]["A"].Style;
            var format = (CellFormat)workbook.Document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)headerStyle);
            var font = (Font)workbook.Document.WorkbookPart.WorkbookStylesPart.Stylesheet.Fonts!.ElementAt((int)format.FontId!.Value);
            Assert.NotNull(font.Bold);
        }

        var definedNames = workbook.Document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        Assert.Contains(definedNames, n => n.Name == "_xlnm._FilterDatabase" && n.Text.StartsWith("'Mobiliteter'!$A$1:$K$", StringComparison.Ordinal));
        var properties = workbook.Document.PackageProperties;
        Assert.Contains("2021-09-30", properties.Title, StringComparison.Ordinal);
        Assert.Equal("Erasmus+ deltakelse (HK-dir)", properties.Creator);
        Assert.NotNull(properties.Created);
        Assert.Equal("nb-NO", properties.Language);
    }

    [Fact]
    public async Task Mobility_sheet_is_laid_out_like_table_4_1_of_the_2021_report()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded"));

        var rows = workbook.Rows("Mobilitet");
        Assert.Equal("Tabell 4.1 Mobilitet – mål og status per 30. september 2021", rows[1]["A"].Text);
        var table = workbook.Table("Mobilitet", "Mobilitet");
        Assert.Equal(["Mobilitet", "Mål i programperioden", "Status september 2021", "Prosent"], table[0].Keys);
        var vet = table.Single(r => r["Mobilitet"].Text == "Elever og lærlinger i fag- og yrkesopplæring på utveksling");
        Assert.Equal(10000m, vet["Mål i programperioden"].Number);
        Assert.Equal(20m, vet["Status september 2021"].Number);
        Assert.Equal(0.2m, vet["Prosent"].PercentPoints);
    }

    [Fact]
    public async Task Counties_sheet_holds_the_county_matrix_and_partnership_sheet_the_counted_organisations()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded"));

        var counties = workbook.Table("Fylker", "Fylke").ToDictionary(r => r["Fylke"].Text!);
        Assert.Equal(10, counties.Count);
        Assert.Equal(2m, counties["Vestland"]["Antall sektorer"].Number);
        Assert.Equal("Ja", counties["Vestland"]["Minst to sektorer"].Text);
        Assert.Equal("Nei", counties["Rogaland"]["Minst to sektorer"].Text);
        Assert.Equal("Ja", counties["Rogaland"]["Yrkesfag (VET)"].Text);
        var partnership = workbook.Rows("Partnerskap").Values.SelectMany(r => r.Values).Select(c => c.Text).ToList();
        Assert.Contains("Vestland Ungdomsforum", partnership);
        Assert.Contains("Oslo Idrettslag", partnership);
        var method = workbook.Rows("Metode").Values.SelectMany(r => r.Values).Select(c => c.Text ?? "").ToList();
        Assert.Contains(method, t => t.Contains("Ledsagere telles aldri", StringComparison.Ordinal));
        Assert.Contains(method, t => t.Contains("LM-SKILL-VET, LM-SHORT-VET, LM-LONG-VET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task By_year_sheet_gives_each_targets_value_per_call_year()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded"));
        var engine = await data.EngineAsync("asOf=2021-09-30&basis=awarded");

        var byCallYear = workbook.Table("Per år", "Mål").ToDictionary(r => r["Kode"].Text!);
        foreach (var target in engine.Targets)
        {
            foreach (var point in target.ByCallYear)
            {
                Assert.Equal(point.Value, byCallYear[target.Target.Code][point.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)].Figure(target.IsShare));
            }
        }
    }

    [Fact]
    public async Task Past_the_row_limit_rows_continue_on_a_second_sheet()
    {
        await using var scope = data.App.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<StatusReport>();
        using var output = new MemoryStream();

        await report.WriteAsync(new AttainmentParameters(new DateOnly(2021, 9, 30), CountingBasis.Awarded), output, english: false, rowLimit: 4);

        using var workbook = new WorkbookReader(output.ToArray());
        Assert.Equal(["Mobiliteter", "Mobiliteter 2"], workbook.SheetNames.Where(n => n.StartsWith("Mobiliteter", StringComparison.Ordinal)));
        var first = workbook.Table("Mobiliteter", "Prosjektnummer");
        var second = workbook.Table("Mobiliteter 2", "Prosjektnummer");
        Assert.Equal(4, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Equal(20m, first.Concat(second).Where(r => r["Målkode"].Text == "MOB-VET-LEARNERS").Sum(r => r["Tildelte deltakere"].Number));
        Assert.Equal("A1:K3", workbook.Worksheet("Mobiliteter 2").Descendants<AutoFilter>().Single().Reference!.Value);
        Assert.Empty(new OpenXmlValidator().Validate(workbook.Document));
    }

    [Fact]
    public async Task English_users_get_english_labels()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded&culture=en-GB&ui-culture=en-GB"));

        Assert.Equal(["Summary", "Mobility", "Partnerships", "Societal challenges", "Counties", "County × target", "Figures", "By year", "Method", "Projects", "Mobilities"], workbook.SheetNames);
        var summary = workbook.Table("Summary", "Target").ToDictionary(r => r["Code"].Text!);
        Assert.Equal("VET learners and apprentices on exchange", summary["MOB-VET-LEARNERS"]["Target"].Text);
        Assert.Equal("At risk", summary["MOB-VET-LEARNERS"]["Status"].Text);
        Assert.Equal("yyyy-mm-dd", workbook.Rows("Summary")[2]["B"].Format);
    }

    [Theory]
    [InlineData("asOf=2021-09-30&basis=awarded", "statusrapport-2021-09-30-tildelt-hele-landet-alle-sektorer-fylker-per-dato.xlsx")]
    [InlineData("asOf=2022-06-30&basis=realised&county=46", "statusrapport-2022-06-30-gjennomfort-fylke-46-vestland-alle-sektorer-fylker-per-dato.xlsx")]
    [InlineData("asOf=2022-06-30&basis=awarded&county=11&sector=VET&structure=today", "statusrapport-2022-06-30-tildelt-fylke-11-rogaland-sektor-vet-dagens-fylker.xlsx")]
    public async Task Download_is_named_by_every_filter(string query, string fileName)
    {
        var client = await data.SignInAsAsync(TestRoles.Coordinator, "11");

        var response = await client.GetAsync(new Uri("/reports/status.xlsx?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Theory]
    [InlineData("asOf=not-a-date", "")]
    [InlineData("basis=planned", "Grunnlaget må være «awarded» (tildelt) eller «realised» (gjennomført).")]
    [InlineData("county=99", "Fylket «99» finnes ikke.")]
    [InlineData("county=4x", "Fylket må oppgis med fylkesnummer, for eksempel 46.")]
    public async Task Bad_parameters_get_a_400_with_a_bokmal_message(string query, string message)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var response = await client.GetAsync(new Uri("/reports/status.xlsx?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Statusrapporten kan ikke lages med disse parameterne.", body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_links_to_the_workbook_for_its_parameters()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&Basis=awarded&County=46");
        var href = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Single(h => h!.StartsWith("/reports/status.xlsx", StringComparison.Ordinal))!;

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..]));
        Assert.Equal("Vestland (46)", workbook.Rows("Sammendrag")[4]["B"].Text);
    }
}

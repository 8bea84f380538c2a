using System.Globalization;
using System.Text.Json;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// The same figures everywhere: for the same parameters the workbook, the report page, the dashboard
/// and the API give every target the same value, expected value and status; a snapshot's workbook,
/// report and page give its frozen figures, not today's.
/// </summary>
public sealed class SameFiguresTests(StatusReportData data) : IClassFixture<StatusReportData>
{
    [Theory]
    [InlineData("asOf=2021-09-30&basis=awarded")]
    [InlineData("asOf=2022-06-30&basis=realised")]
    public async Task Workbook_report_dashboard_and_api_agree_for_every_target(string query)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, query));
        var summary = workbook.Table("Sammendrag", "Mål").ToDictionary(r => r["Kode"].Text!);
        var report = await AppFixture.GetDocumentAsync(client, "/rapport?" + query);
        var dashboard = await AppFixture.GetDocumentAsync(client, "/mal?" + query);
        using var api = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/attainment?" + query, UriKind.Relative)));
        var targets = api.RootElement.GetProperty("targets").EnumerateArray().ToList();

        Assert.Equal(19, targets.Count);
        Assert.Contains(targets, t => t.GetProperty("value").GetDecimal() > 0);
        foreach (var target in targets)
        {
            var code = target.GetProperty("code").GetString()!;
            var share = target.GetProperty("unit").GetString() == "Percent";
            var value = target.GetProperty("value").GetDecimal();
            var status = StatusText.Of(Enum.Parse<AttainmentStatus>(target.GetProperty("status").GetString()!));
            var reportRow = report.QuerySelector($"tr[data-code='{code}']")!;
            var dashboardRow = dashboard.QuerySelector($"tr[data-code='{code}']")!;
            var reportCells = reportRow.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
            var dashboardCells = dashboardRow.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();

            Assert.Equal(value, summary[code]["Verdi"].Figure(share));
            Assert.Equal(value, decimal.Parse(reportRow.QuerySelector("td[data-value]")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture));
            // The dashboard and the report write the figure, the expected value and the status the same way.
            Assert.Equal(dashboardCells[1], reportCells[1].Split(" (")[0].Trim());
            Assert.Equal(dashboardCells[3], reportCells[3]);
            Assert.EndsWith(status, dashboardCells[4], StringComparison.Ordinal);
            Assert.EndsWith(status, reportCells[4], StringComparison.Ordinal);
            Assert.Equal(status, summary[code]["Status"].Text);
            Assert.Equal(target.GetProperty("expectedByNow").GetDecimal(), summary[code]["Forventet nå"].Figure(share));
            // The sentences carry the table's figure.
            Assert.Contains(dashboardCells[1], report.QuerySelector($"p[data-code='{code}']")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_snapshots_workbook_report_and_page_show_its_frozen_figures()
    {
        int id;
        await using (var db = data.CreateDbContext())
        {
            // The engine gives 20 today; frozen at 25, with its status.
            var frozen = new SnapshotFigures("MOB-VET-LEARNERS", TargetArea.Mobility, "Elever og lærlinger", TargetUnit.Participants, 10000, 25, null, null,
                0.3m, 1068m, AttainmentStatus.AtRisk, 100, false, 1500);
            var snapshot = new Snapshot("Frosset per september 2021",
                new SnapshotParameters(new DateOnly(2021, 9, 30), CountingBasis.Awarded, CountyStructureChoice.AsOfDate, null, null), [frozen]);
            db.Set<Snapshot>().Add(snapshot);
            await db.SaveChangesAsync();
            id = snapshot.Id;
        }

        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var response = await client.GetAsync(new Uri($"/oyeblikksbilder/{id}/status.xlsx", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var workbook = new WorkbookReader(await response.Content.ReadAsByteArrayAsync());
        var report = await AppFixture.GetDocumentAsync(client, $"/oyeblikksbilder/{id}/rapport");
        var page = await AppFixture.GetDocumentAsync(client, $"/oyeblikksbilder/{id}");
        var live = await AppFixture.GetDocumentAsync(client, "/rapport?asOf=2021-09-30&basis=awarded");

        Assert.Equal(25m, workbook.Table("Sammendrag", "Mål").Single(r => r["Kode"].Text == "MOB-VET-LEARNERS")["Verdi"].Number);
        Assert.Equal("25", report.QuerySelector("tr[data-code='MOB-VET-LEARNERS'] td[data-value]")!.GetAttribute("data-value"));
        Assert.Contains("tildelt midler til 25 elever", report.QuerySelector("p[data-code='MOB-VET-LEARNERS']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Frosset per september 2021", report.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("25", page.QuerySelector("tr[data-code='MOB-VET-LEARNERS'] td.value")!.TextContent.Trim());
        Assert.Equal("20", live.QuerySelector("tr[data-code='MOB-VET-LEARNERS'] td[data-value]")!.GetAttribute("data-value"));
        // The snapshot's figures sheet draws its chart from the frozen figure too.
        var figures = workbook.Rows("Figurer").Values.Where(r => r.TryGetValue("A", out var a) && a.Text == "Elever og lærlinger i fag- og yrkesopplæring på utveksling").ToList();
        Assert.Equal(25m, figures.First()["B"].Number);
    }
}

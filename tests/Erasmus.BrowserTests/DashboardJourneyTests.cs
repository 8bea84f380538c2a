using System.Text;
using Erasmus.DemoData;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// The dashboards as the analyst, the coordinator and the administrator use them, in bokmål and in English
/// (issue #17): the overview, county and sector views that never judge a part against the national target,
/// charts with axes, the county matrix, the counted records and downloads that carry every filter. axe-core
/// checks every page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(AppServer server)
{
    private const string September2021 = "AsOf=2021-09-30&Basis=awarded";

    [Fact]
    public async Task An_analyst_reads_the_overview_narrows_to_a_sector_downloads_it_and_drills_into_a_targets_records()
    {
        var dashboard = new DashboardPage(await server.SignInAsync(DemoUsers.AnalystEmail));
        await dashboard.OpenAsync(September2021);

        // The overview in the shape of HK-dir's table 4.1: 573 of 10 000, 5.7 %, expected by now 1 068 (a whole number), at risk.
        Assert.Matches(@"^\d+ av 19 mål er nådd, foran skjema eller i rute\.", await dashboard.SummaryAsync());
        Assert.Equal(["10 000", "573", "5,7 %", "1 068", "■ I fare"], await dashboard.OverviewCellsAsync("MOB-VET-LEARNERS"));
        var vet = await dashboard.CardTextAsync("MOB-VET-LEARNERS");
        Assert.Contains("forventet nå 1 068", vet, StringComparison.Ordinal);
        Assert.Contains("For tidlig å fremskrive", vet, StringComparison.Ordinal);
        Assert.DoesNotContain("1 068,1", vet, StringComparison.Ordinal);
        // CoVE, 4 of 5 after nine months: no projection of 37.5.
        Assert.DoesNotContain("Fremskrevet", await dashboard.CardTextAsync("PART-COVE"), StringComparison.Ordinal);
        // A reached target says so, without "krever 0 per år".
        var workingLife = await dashboard.CardTextAsync("PART-WORKING-LIFE-SHARE");
        Assert.Contains("Nådd", workingLife, StringComparison.Ordinal);
        Assert.DoesNotContain("Krever", workingLife, StringComparison.Ordinal);
        // Every bullet chart has an axis on the same scale.
        Assert.Equal(19 * 4, await dashboard.Page.Locator(".target-card svg.bullet text.tick").CountAsync());
        await dashboard.Page.AssertNoViolationsAsync("dashboard with the overview");

        await dashboard.ChooseSectorAsync("Yrkesfag (VET)");
        var pupils = await dashboard.CardTextAsync("MOB-SCH-PUPILS");
        Assert.Contains("Gjelder ikke sektoren", pupils, StringComparison.Ordinal);
        Assert.DoesNotContain("I fare", pupils, StringComparison.Ordinal);
        Assert.Equal(0, await dashboard.Card("MOB-SCH-PUPILS").Locator("svg").CountAsync());
        Assert.Contains("mål gjelder ikke sektoren", await dashboard.SummaryAsync(), StringComparison.Ordinal);
        await dashboard.Page.AssertNoViolationsAsync("dashboard, VET only");

        var (excel, workbook) = await dashboard.DownloadAsync(dashboard.DownloadLink("Statusrapport (Excel)"));
        Assert.Equal("statusrapport-2021-09-30-tildelt-hele-landet-sektor-vet-fylker-per-dato.xlsx", excel);
        Assert.Equal("PK"u8.ToArray(), workbook.Take(2));
        var (csvName, csv) = await dashboard.DownloadAsync(dashboard.DownloadLink("CSV for Excel"));
        Assert.Equal("maloppnaelse-2021-09-30-tildelt-hele-landet-sektor-vet-fylker-per-dato.csv", csvName);
        var csvText = Encoding.UTF8.GetString(csv);
        Assert.StartsWith("\uFEFF", csvText, StringComparison.Ordinal);
        Assert.Contains("Sektor;Yrkesfag (VET)", csvText, StringComparison.Ordinal);
        Assert.Contains("MOB-VET-LEARNERS;", csvText, StringComparison.Ordinal);

        await dashboard.OpenTargetAsync("MOB-VET-LEARNERS");
        var chart = dashboard.Page.Locator("figure.line-chart svg[role=img]");
        Assert.Contains("30.09.2021", await chart.GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
        Assert.Equal(1, await chart.Locator("line.asof").CountAsync());
        Assert.Equal("Deltakere", (await chart.Locator("text.unit").TextContentAsync())?.Trim());
        // The records: paged, with county and sector names, filtered by county.
        var records = dashboard.Page.Locator("table.counted tbody tr");
        Assert.True(await records.CountAsync() is > 0 and <= 25);
        Assert.Equal("Yrkesfag (VET)", (await records.First.Locator("td").Nth(3).InnerTextAsync()).Trim());
        await dashboard.Page.Locator("#RecordCounty").SelectOptionAsync(new SelectOptionValue { Label = "Vestland" });
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await dashboard.Page.WaitForURLAsync("**RecordCounty=46*");
        Assert.All(await records.Locator("td:nth-child(3)").AllInnerTextsAsync(), county => Assert.Equal("Vestland", county.Trim()));
        await dashboard.Page.Locator("table.counted thead").GetByRole(AriaRole.Link, new() { Name = "Bidrag" }).ClickAsync();
        await dashboard.Page.WaitForURLAsync("**Sort=bidrag*");
        var contributions = (await records.Locator("td:nth-child(2)").AllInnerTextsAsync()).Select(t => int.Parse(DashboardPage.Plain(t).Replace(" ", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(contributions.Order(), contributions);
        await dashboard.Page.AssertNoViolationsAsync("target page with filtered records");
        var (listName, list) = await dashboard.DownloadAsync(dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "Last ned hele listen (CSV for Excel)" }));
        Assert.EndsWith("-liste-fylke-46.csv", listName, StringComparison.Ordinal);
        Assert.Contains("Fylke i listen;Vestland", Encoding.UTF8.GetString(list), StringComparison.Ordinal);
        await dashboard.Page.ScreenshotAsync(server, "target-detail-records");

        await dashboard.Page.GotoAsync("/fylker?" + September2021);
        Assert.Equal(19, await dashboard.Page.Locator("table.county-targets tbody tr").CountAsync());
        await dashboard.Page.AssertNoViolationsAsync("county × target matrix");
        await dashboard.Page.Locator("table.county-targets tr[data-code='MOB-VET-LEARNERS'] td[data-county='46'] a").ClickAsync();
        await dashboard.Page.WaitForURLAsync("**/mal/MOB-VET-LEARNERS?*County=46*");
        Assert.Contains("Fylkets tall", await dashboard.Page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        await dashboard.Page.AssertNoViolationsAsync("a county's target page");
        await dashboard.Page.GotoAsync("/fylker?" + September2021 + "&view=akkrediteringer");
        Assert.Equal(10, await dashboard.Page.Locator("table.accreditation-matrix tbody tr").CountAsync());
        await dashboard.Page.AssertNoViolationsAsync("accreditation matrix");
    }

    [Fact]
    public async Task An_analyst_in_english_sees_english_titles_dates_statuses_and_file_names()
    {
        var dashboard = new DashboardPage(await server.SignInAsync(DemoUsers.AnalystEmail));
        await dashboard.OpenAsync(September2021);
        await dashboard.SwitchLanguageAsync("English");

        Assert.Matches(@"^\d+ of 19 targets are reached, ahead of schedule or on track\.", await dashboard.SummaryAsync());
        Assert.Equal(["10,000", "573", "5.7%", "1,068", "■ At risk"], await dashboard.OverviewCellsAsync("MOB-VET-LEARNERS"));
        var vet = await dashboard.CardTextAsync("MOB-VET-LEARNERS");
        Assert.StartsWith("VET learners and apprentices on exchange", vet, StringComparison.Ordinal);
        Assert.Contains("Too early to project", vet, StringComparison.Ordinal);
        Assert.Contains("30/09/2021", await dashboard.Page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
        await dashboard.Page.AssertNoViolationsAsync("dashboard in English");
        var (excel, _) = await dashboard.DownloadAsync(dashboard.DownloadLink("Status report (Excel)"));
        Assert.Equal("status-report-2021-09-30-awarded-all-norway-all-sectors-counties-as-of-date.xlsx", excel);

        await dashboard.Page.GotoAsync("/mal?AsOf=2024-06-30&Basis=realised");
        Assert.Matches(@"shifted by \d+ months", await dashboard.Page.Locator(".lag-note").InnerTextAsync());
        await dashboard.OpenTargetAsync("MOB-VET-LEARNERS");
        Assert.Equal("VET learners and apprentices on exchange", (await dashboard.Page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Realisation lag", await dashboard.Page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Short-term learning mobility of VET learners", await dashboard.Page.Locator(".activity-types").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Participants", (await dashboard.Page.Locator("figure.line-chart svg[role=img] text.unit").TextContentAsync())?.Trim());
        await dashboard.Page.AssertNoViolationsAsync("target page in English, realised basis");
        await dashboard.Page.ScreenshotAsync(server, "target-detail-english");

        await dashboard.Page.GotoAsync("/fylker?AsOf=2021-09-30");
        Assert.Equal("The counties and the national targets", (await dashboard.Page.Locator("h1").InnerTextAsync()).Trim());
        await dashboard.Page.AssertNoViolationsAsync("county matrix in English");
    }

    [Theory]
    [InlineData("nb", "Se fylkets bidrag til de nasjonale målene", "av 10 000", "I fare", "av landets")]
    [InlineData("en", "See the county's contribution to the national targets", "of 10,000", "At risk", "of the national")]
    public async Task A_coordinator_sees_the_countys_contribution_as_shares_never_judged_against_the_national_target(string language, string link,
        string nationalTarget, string atRisk, string share)
    {
        var dashboard = new DashboardPage(await server.SignInAsync("koordinator.46@demo.no"));
        if (language == "en")
        {
            await dashboard.SwitchLanguageAsync("English");
        }

        await dashboard.Page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await dashboard.Page.WaitForURLAsync("**/mal?County=46*");

        var figures = await dashboard.FiguresAsync();
        Assert.DoesNotContain(nationalTarget, figures, StringComparison.Ordinal);
        // The demo database has (demo) population figures, so the county is judged against its expected share, with its rate per 1 000.
        Assert.Contains(atRisk == "I fare" ? "forventede andel" : "expected share", await dashboard.SummaryAsync(), StringComparison.Ordinal);
        Assert.Contains(atRisk == "I fare" ? "Demotall" : "Demo figures", await dashboard.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("1 000", await dashboard.CardTextAsync("MOB-VET-LEARNERS"), StringComparison.Ordinal);
        Assert.Contains(share, await dashboard.CardTextAsync("MOB-VET-LEARNERS"), StringComparison.Ordinal);
        Assert.Contains("Vestland", await dashboard.SummaryAsync(), StringComparison.Ordinal);
        await dashboard.Page.AssertNoViolationsAsync($"the county's dashboard ({language})");
        await dashboard.Page.ScreenshotAsync(server, $"county-dashboard-{language}");

        await dashboard.OpenTargetAsync("MOB-VET-LEARNERS");
        Assert.DoesNotContain(nationalTarget, DashboardPage.Plain(await dashboard.Page.Locator("figure.line-chart svg[role=img]").GetAttributeAsync("aria-label") ?? ""), StringComparison.Ordinal);
        Assert.Equal(0, await dashboard.Page.Locator("figure.line-chart svg[role=img] line.expected-path").CountAsync());
        await dashboard.Page.AssertNoViolationsAsync($"the county's target page ({language})");
    }

    [Theory]
    [InlineData("nb", "Forventet bane (stiplet), forskjøvet", "Nødvendig takt per år")]
    [InlineData("en", "Expected path (dashed), shifted by", "Required pace per year")]
    public async Task An_administrator_follows_the_realised_basis_with_the_lag_stated(string language, string legend, string pace)
    {
        var dashboard = new DashboardPage(await server.SignInAsync(DemoUsers.AdministratorEmail));
        if (language == "en")
        {
            await dashboard.SwitchLanguageAsync("English");
        }

        await dashboard.OpenAsync("AsOf=2024-06-30&Basis=realised");
        Assert.Equal(1, await dashboard.Page.Locator(".lag-note").CountAsync());
        await dashboard.Page.AssertNoViolationsAsync($"dashboard, realised basis ({language})");

        await dashboard.OpenTargetAsync("MOB-SCH-PUPILS");
        Assert.Contains(legend, await dashboard.Page.Locator(".chart-legend").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(pace, await dashboard.Page.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        // Every point of the line sits at its own date: year ends and the as-of date, none after it.
        var asOfX = await dashboard.Page.Locator("figure.line-chart svg[role=img] line.asof").GetAttributeAsync("x1");
        var pointXs = await dashboard.Page.Locator("figure.line-chart svg[role=img] circle.actual-point").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('cx'))");
        Assert.Equal(asOfX, pointXs[^1]);
        Assert.All(pointXs, x => Assert.True(Percent(x) <= Percent(asOfX!), $"{x} lies after the as-of date at {asOfX}"));
        await dashboard.Page.AssertNoViolationsAsync($"target page, realised basis ({language})");

        await dashboard.Page.GotoAsync("/mal/SOC-GREEN-TRAVEL?AsOf=2024-06-30");
        Assert.True(await dashboard.Page.Locator("figure.share-chart rect.share-bar").CountAsync() >= 3);
        await dashboard.Page.AssertNoViolationsAsync($"share target's chart ({language})");
    }

    [Theory]
    [InlineData("/mal?AsOf=2021-09-30")]
    [InlineData("/mal?AsOf=2021-09-30&County=46&Sector=VET")]
    [InlineData("/mal/MOB-VET-LEARNERS?AsOf=2024-06-30&Basis=realised")]
    [InlineData("/mal/PART-WORKING-LIFE-SHARE?AsOf=2024-06-30")]
    [InlineData("/fylker?AsOf=2021-09-30")]
    public async Task Dashboard_pages_fit_390_pixels_with_legible_chart_text(string path)
    {
        var dashboard = new DashboardPage(await server.SignInAsync(DemoUsers.AnalystEmail, width: 390));
        await dashboard.Page.GotoAsync(path);

        Assert.True(await dashboard.HorizontalOverflowAsync() <= 0, $"{path} scrolls sideways at 390 px");
        // No chart text smaller than 10 px as rendered (a 600-unit chart squeezed into 390 px had 5 px labels).
        var smallest = await dashboard.Page.EvaluateAsync<double>("""
            () => Math.min(1000, ...[...document.querySelectorAll('main svg text')].filter(t => t.getBoundingClientRect().height > 0)
              .map(t => parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement.getScreenCTM()?.a ?? 1)))
            """);
        Assert.True(smallest >= 10, $"{path}: chart text as small as {smallest:0.0} px");
        await dashboard.Page.AssertNoViolationsAsync($"{path} at 390 px");
        await dashboard.Page.ScreenshotAsync(server, "narrow" + path.Split('?')[0].Replace('/', '-'));
    }

    private static double Percent(string x) => double.Parse(x.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
}

using Erasmus.Domain.Population;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// Rates per 1 000 and ranks on the county matrix and a target's county table, against hand counts on the
/// dataset of <see cref="CountyViewTests"/> (as of 2021-09-30, VET learners: Vestland 18, Rogaland 8,
/// Viken 7, the nation 33) with population figures added here.
/// </summary>
public sealed class RatesOnPagesTests(CountyViewTests.HandCountedCounties data) : IClassFixture<CountyViewTests.HandCountedCounties>, IAsyncLifetime
{
    public Task InitializeAsync() => data.AddPopulationFiguresOnceAsync(
        new PopulationFigure("46", 2021, "VET-LEARNERS", 12_000, isDemo: false),
        new PopulationFigure("11", 2021, "VET-LEARNERS", 10_000, isDemo: false),
        new PopulationFigure("30", 2021, "VET-LEARNERS", 20_000, isDemo: false),
        // Oslo has a figure and no VET learners: rate 0, last.
        new PopulationFigure("03", 2021, "VET-LEARNERS", 8_000, isDemo: false));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_county_matrix_gives_each_countys_rate_and_rank_and_the_nations_rate()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/fylker?AsOf=2021-09-30");

        var row = page.QuerySelector("table.county-targets tr[data-code='MOB-VET-LEARNERS']")!;
        string Rate(string county) => row.QuerySelector($"td[data-county='{county}'] .rate")?.TextContent.Replace('\u00a0', ' ').Trim() ?? "";
        // Vestland 18 / 12 000 = 1.50; Rogaland 8 / 10 000 = 0.80; Viken 7 / 20 000 = 0.35; Oslo 0 / 8 000 = 0.
        Assert.Equal("1,50 per 1 000, nr. 1", Rate("46"));
        Assert.Equal("0,80 per 1 000, nr. 2", Rate("11"));
        Assert.Equal("0,35 per 1 000, nr. 3", Rate("30"));
        Assert.Equal("0,00 per 1 000, nr. 4", Rate("03"));
        // Trøndelag has no figure: no rate.
        Assert.Equal("", Rate("50"));
        // The nation: 33 of 50 000 = 0.66.
        Assert.Equal("0,66 per 1 000", row.QuerySelector("td.national .rate")!.TextContent.Replace('\u00a0', ' ').Trim());
        // A target without population figures has no rates.
        Assert.Empty(page.QuerySelectorAll("table.county-targets tr[data-code='MOB-SCH-STAFF'] .rate"));
        Assert.NotNull(page.QuerySelector(".rates-note"));
        Assert.Null(page.QuerySelector(".demo-figures"));

        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var english = await AppFixture.GetDocumentAsync(client, "/fylker?AsOf=2021-09-30");
        Assert.Equal("1.50 per 1 000, no. 1",
            english.QuerySelector("table.county-targets tr[data-code='MOB-VET-LEARNERS'] td[data-county='46'] .rate")!.TextContent.Replace('\u00a0', ' ').Trim());
    }

    [Fact]
    public async Task A_target_page_gives_the_rate_and_rank_in_its_county_table_also_in_a_county_view()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        foreach (var url in new[] { "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30", "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30&County=11" })
        {
            var page = await AppFixture.GetDocumentAsync(client, url);

            var table = page.QuerySelector("table.by-county")!;
            Assert.Equal(["Fylke", "Verdi", "Per 1 000 i gruppen", "Rangering", "Merknad"], table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
            var rows = table.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(),
                r => r.QuerySelectorAll("td.num").Select(td => td.TextContent.Replace('\u00a0', ' ').Trim()).ToList());
            if (url.EndsWith("County=11", StringComparison.Ordinal))
            {
                // The county view lists its own county with its rank among all counties.
                Assert.Equal(["8", "0,80", "2"], rows["Rogaland"]);
                continue;
            }

            Assert.Equal(["18", "1,50", "1"], rows["Vestland"]);
            Assert.Equal(["8", "0,80", "2"], rows["Rogaland"]);
            Assert.Equal(["7", "0,35", "3"], rows["Viken"]);
            Assert.Equal("Landet: 0,66 per 1 000 i gruppen.", page.QuerySelector(".national-rate")!.TextContent.Replace('\u00a0', ' ').Trim());
        }

        var staff = await AppFixture.GetDocumentAsync(client, "/mal/MOB-SCH-STAFF?AsOf=2021-09-30");
        Assert.Equal(["Fylke", "Verdi", "Merknad"], staff.QuerySelectorAll("table.by-county thead th").Select(th => th.TextContent.Trim()));
    }

    [Fact]
    public async Task The_csv_downloads_of_a_county_view_carry_the_rate_the_nations_rate_and_the_rank()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var machine = Reports.LibreOfficeTests.Parse(await client.GetStringAsync(new Uri("/api/attainment.csv?asOf=2021-09-30&county=11", UriKind.Relative)));
        var header = machine[0].ToList();
        var vet = machine.Single(r => r[0] == "MOB-VET-LEARNERS");
        // Rogaland 8 / 10 000 = 0.80, second; the nation 33 / 50 000 = 0.66.
        Assert.Equal(["0.80", "0.66", "2"], new[] { "rate_per_1000", "national_rate_per_1000", "rank" }.Select(c => vet[header.IndexOf(c)]));
        var staff = machine.Single(r => r[0] == "MOB-SCH-STAFF");
        Assert.Equal(["", "", ""], new[] { "rate_per_1000", "national_rate_per_1000", "rank" }.Select(c => staff[header.IndexOf(c)]));

        var excel = (await client.GetStringAsync(new Uri("/mal/tall.csv?AsOf=2021-09-30&County=11", UriKind.Relative))).Split("\r\n").Select(l => l.Split(';')).ToList();
        var columns = excel.Single(l => l[0] == "Kode").ToList();
        var row = excel.Single(l => l[0] == "MOB-VET-LEARNERS");
        Assert.Equal(["0,8", "0,66", "2"], new[] { "Per 1 000 i gruppen", "Landet per 1 000", "Rangering" }.Select(c => row[columns.IndexOf(c)]));
    }
}

using Erasmus.Domain.Population;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// The county map coloured by rate and by status, on the hand-counted dataset of <see cref="CountyViewTests"/>
/// with the population figures of <see cref="CountyRateTests"/>: as of 2021-09-30 Vestland 18 of 12 000
/// VET learners (1.50 per 1 000, first), Rogaland 8 of 10 000 (0.80), Viken 7 of 20 000 (0.35).
/// </summary>
public sealed class CountyMapRateTests(CountyViewTests.HandCountedCounties data) : IClassFixture<CountyViewTests.HandCountedCounties>, IAsyncLifetime
{
    public Task InitializeAsync() => data.AddPopulationFiguresOnceAsync(
        new PopulationFigure("46", 2021, "VET-LEARNERS", 12_000, isDemo: false),
        new PopulationFigure("11", 2021, "VET-LEARNERS", 10_000, isDemo: false),
        new PopulationFigure("30", 2021, "VET-LEARNERS", 20_000, isDemo: false));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task By_rate_each_county_with_figures_is_coloured_by_its_class_and_writes_its_rate()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30");

        // The default colouring is the rate; classes on round bounds up to the highest rate 1.50: 0–0.5, 0.5–1, 1–1.5.
        Assert.Equal(("18", "1,50 per 1 000"), CountyMapTests.TileText(page, "46"));
        Assert.Equal(("8", "0,80 per 1 000"), CountyMapTests.TileText(page, "11"));
        Assert.Equal(("7", "0,35 per 1 000"), CountyMapTests.TileText(page, "30"));
        Assert.Equal(("0", "ingen befolkningstall"), CountyMapTests.TileText(page, "03"));
        var scale = TileColours.Scale(3);
        Assert.Equal(scale[2], Rect(page, "46").GetAttribute("fill"));
        Assert.Equal(scale[1], Rect(page, "11").GetAttribute("fill"));
        Assert.Equal(scale[0], Rect(page, "30").GetAttribute("fill"));
        Assert.Equal(TileColours.NoFigure, Rect(page, "03").GetAttribute("fill"));
        Assert.Equal("5 3", Rect(page, "03").GetAttribute("stroke-dasharray"));
        Assert.Null(Rect(page, "46").GetAttribute("stroke-dasharray"));
        // Dark fill, white text: the contrast holds.
        Assert.All(CountyMapTests.Tile(page, "46").QuerySelectorAll("text"), t => Assert.Equal(TileColours.White, t.GetAttribute("fill")));

        var legend = page.QuerySelectorAll("svg.tile-map-svg g.legend text").Select(t => t.TextContent).ToList();
        Assert.Equal(["Deltakere per 1 000 i gruppen", "0–0,5", "0,5–1", "1–1,5", "Uten befolkningstall"], legend);
        Assert.Equal("Vestland 18 1,50 per 1 000; 54,5 % av landets tall; nummer 1; I fare",
            CountyMapTests.Tile(page, "46").GetAttribute("aria-label"));
        var row = page.QuerySelector("details.map-table tr[data-county='46']")!;
        Assert.Equal(["18", "54,5 %", "1,50", "1", "305"], row.QuerySelectorAll("td.num").Select(td => td.TextContent.Replace('\u00a0', ' ').Trim()));
    }

    [Fact]
    public async Task By_status_each_county_is_judged_against_its_expected_share_in_words_and_colour()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&MapTarget=MOB-VET-LEARNERS&MapColour=status");

        // Vestland's expected share is 12 000 / 42 000 of the national 1 068 = 305; 18 of 305 is at risk.
        Assert.Equal(("18", "■ I fare"), CountyMapTests.TileText(page, "46"));
        Assert.Equal(TileColours.Status(Erasmus.Domain.Attainment.AttainmentStatus.AtRisk), Rect(page, "46").GetAttribute("fill"));
        Assert.Equal(("0", "– Ingen status"), CountyMapTests.TileText(page, "03"));
        var legend = page.QuerySelectorAll("svg.tile-map-svg g.legend text").Select(t => t.TextContent).ToList();
        Assert.Equal(["Status mot forventet andel", "▲", "Foran skjema", "●", "I rute", "▼", "Bak skjema", "■", "I fare", "–", "Uten befolkningstall"], legend);
        Assert.Equal("checked", page.QuerySelector(".map-choices input[value='status']")!.GetAttribute("checked"));
    }

    [Fact]
    public async Task A_share_target_has_no_rate_or_status_and_the_map_says_so()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/PART-WORKING-LIFE-SHARE?AsOf=2021-09-30");

        Assert.StartsWith("Andelsmål har ingen rate", page.QuerySelector(".tile-map .map-note")!.TextContent, StringComparison.Ordinal);
        // Vestland coordinates 1 of the 2 Norwegian-coordinated partnerships, the one with a working-life partner: 100 % of its own, all of the national numerator.
        Assert.Equal(("100,0 %", "100,0 % av landet"), CountyMapTests.TileText(page, "46"));
    }

    private static AngleSharp.Dom.IElement Rect(AngleSharp.Dom.IDocument page, string county) => CountyMapTests.Tile(page, county).QuerySelector("rect")!;
}

using AngleSharp.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// The dashboard's trends (each target by call year and by start year) against hand counts on a small
/// dataset spread over several years (below, in the fixture), nationally and in a county's view.
/// </summary>
public sealed class TrendsTests(TrendsTests.HandCountedYears data) : IClassFixture<TrendsTests.HandCountedYears>
{
    private const string AsOf = "2024-06-30";

    [Fact]
    public async Task Nationally_each_year_holds_the_awarded_learners_of_its_call_and_of_its_start()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, $"/mal?AsOf={AsOf}");

        // By call: 2021 = 10 + 4 (Vestland's two projects), 2022 = 6 (Rogaland), 2023 = 3 (Rogaland); the 2024 call was decided after the date.
        // By start: 2021 = 10, 2022 = 4 (Vestland's late start) + 6 (Rogaland), 2023 = none, 2024 = 3 (Rogaland's 2023 call starting in January 2024).
        Assert.Equal(
            [("2021", "14", "10"), ("2022", "6", "10"), ("2023", "3", "–"), ("2024", "–", "3")],
            Rows(page, "MOB-VET-LEARNERS"));
        // The years add up to the dashboard's figure.
        Assert.Equal("23", Cell(page.QuerySelector("table.overview-table tr[data-code='MOB-VET-LEARNERS'] td.num:nth-of-type(2)")!));
        Assert.Contains("Deltakere per år", page.QuerySelector(".trend[data-code='MOB-VET-LEARNERS'] svg text.unit")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            "Elever og lærlinger i fag- og yrkesopplæring på utveksling (Deltakere per år). Per utlysningsår: 2021 14; 2022 6; 2023 3; 2024 –. Per startår: 2021 10; 2022 10; 2023 –; 2024 3.",
            page.QuerySelector(".trend[data-code='MOB-VET-LEARNERS'] svg")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_countys_view_shows_the_countys_own_years()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var vestland = await AppFixture.GetDocumentAsync(client, $"/mal?AsOf={AsOf}&County=46");
        var rogaland = await AppFixture.GetDocumentAsync(client, $"/mal?AsOf={AsOf}&County=11");

        Assert.Equal([("2021", "14", "10"), ("2022", "–", "4"), ("2023", "–", "–"), ("2024", "–", "–")], Rows(vestland, "MOB-VET-LEARNERS"));
        Assert.Equal([("2021", "–", "–"), ("2022", "6", "6"), ("2023", "3", "–"), ("2024", "–", "3")], Rows(rogaland, "MOB-VET-LEARNERS"));
        Assert.Equal("Utvikling per år: Vestland", vestland.QuerySelector("#trends-heading")!.TextContent);
    }

    [Fact]
    public async Task On_the_realised_basis_the_years_are_those_of_the_realised_mobilities()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, $"/mal?AsOf={AsOf}&Basis=realised");

        // 3 learners of the 2021 call who left in October 2021; 2 of the 2022 call who left in March 2023. The planned one does not count.
        Assert.Equal([("2021", "3", "3"), ("2022", "2", "–"), ("2023", "–", "2"), ("2024", "–", "–")], Rows(page, "MOB-VET-LEARNERS"));
    }

    private static List<(string Year, string ByCall, string ByStart)> Rows(IDocument page, string code) =>
        [.. page.QuerySelectorAll($".trend[data-code='{code}'] tbody tr")
            .Select(tr => (tr.QuerySelector("th")!.TextContent.Trim(), Cell(tr.QuerySelector("td.call")!), Cell(tr.QuerySelector("td.start")!)))];

    private static string Cell(IElement cell) => cell.TextContent.Replace('\u00a0', ' ').Trim();

    public sealed class HandCountedYears : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var vestland = await data.OrganisationAsync("46");
            var rogaland = await data.OrganisationAsync("11");

            var first = await data.ProjectAsync(vestland, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 7, 1),
                start: new DateOnly(2021, 9, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 10 });
            await data.ProjectAsync(vestland, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 7, 1),
                start: new DateOnly(2022, 2, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 });
            var third = await data.ProjectAsync(rogaland, ProjectAction.KA121, Sector.VET, 2022, decided: new DateOnly(2022, 6, 15),
                start: new DateOnly(2022, 9, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 6 });
            await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.VET, 2023, decided: new DateOnly(2023, 7, 1),
                start: new DateOnly(2024, 1, 15), awarded: new Dictionary<string, int> { ["LM-LONG-VET"] = 3 });
            // Decided after the as-of date: in no year.
            await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.VET, 2024, decided: new DateOnly(2024, 8, 1),
                start: new DateOnly(2024, 9, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 50 });

            await data.MobilityAsync(first, "LM-SHORT-VET", participants: 3, start: new DateOnly(2021, 10, 1));
            await data.MobilityAsync(third, "LM-SHORT-VET", participants: 2, start: new DateOnly(2023, 3, 1));
            await data.MobilityAsync(third, "LM-SHORT-VET", participants: 4, start: new DateOnly(2023, 4, 1), status: MobilityStatus.Planned);
        }
    }
}

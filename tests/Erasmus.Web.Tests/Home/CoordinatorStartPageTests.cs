using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Home;

public sealed class CoordinatorStartPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_start_page_shows_the_county_and_what_needs_attention()
    {
        Project ended;
        Mobility overdue;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            var school = await data.OrganisationAsync("46");
            var holder = await data.OrganisationAsync("46", OrganisationType.CountyAuthority, "Vestland fylkeskommune");
            await data.AccreditationAsync(holder, Sector.VET, consortium: true);
            await data.AccreditationAsync(holder, Sector.SCH, consortium: true, status: AccreditationStatus.Suspended);
            ended = await data.ProjectAsync(school, callYear: 2022, start: new DateOnly(2022, 9, 1), end: new DateOnly(2024, 8, 31),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 10 });
            overdue = await data.MobilityAsync(ended, participants: 3, status: MobilityStatus.Planned, start: new DateOnly(2023, 3, 1));
            var other = await data.OrganisationAsync("11");
            await data.ProjectAsync(other, callYear: 2022, start: new DateOnly(2022, 9, 1), end: new DateOnly(2024, 8, 31),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 99 });
        }

        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var page = await AppFixture.GetDocumentAsync(client, "/");

        Assert.Contains("Vestland", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var attention = page.QuerySelector("section[aria-labelledby=attention]")!;
        Assert.NotNull(attention.QuerySelector($"a[href='/mobiliteter/{overdue.Id}']"));
        var underRegistered = attention.QuerySelector($"a[href='/prosjekter/{ended.Id}']")!.Closest("tr")!;
        Assert.Equal(["10", "3"], underRegistered.QuerySelectorAll("td.num").Select(td => td.TextContent));
        var accreditations = page.QuerySelector("section[aria-labelledby=accreditations] tbody")!.TextContent;
        Assert.Contains("Yrkesfag (VET)", accreditations, StringComparison.Ordinal);
        var byYear = page.QuerySelector("section[aria-labelledby=projects] tbody tr")!;
        Assert.Equal("2022", byYear.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(["1", "10"], byYear.QuerySelectorAll("td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task An_analyst_gets_the_national_entry_points()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/");

        Assert.NotNull(page.QuerySelector("ul.entry-points a[href='/mal']"));
    }
}

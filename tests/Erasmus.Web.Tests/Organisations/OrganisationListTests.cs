using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Organisations;

/// <summary>Search, filters, sorting and paging against a database whose organisations the test made.</summary>
public sealed class OrganisationListTests(OrganisationListTests.KnownOrganisations data) : IClassFixture<OrganisationListTests.KnownOrganisations>
{
    [Theory]
    [InlineData("?Search=fjord", new[] { "Fjordane kulturskole", "Fjordbyen AS" })]
    [InlineData("?County=11", new[] { "Sandnes barnehage", "Stavanger Næringsforening" })]
    [InlineData("?Type=Company", new[] { "Fjordbyen AS" })]
    [InlineData("?Origin=foreign", new[] { "Hamburger Berufsschule" })]
    [InlineData("?Origin=NO&County=46&Sort=name&Dir=desc", new[] { "Fjordbyen AS", "Fjordane kulturskole" })]
    [InlineData("?Search=E19999001", new[] { "Fjordane kulturskole" })]
    public async Task Search_and_filters_find_exactly_the_matching_organisations(string query, string[] expected)
    {
        var client = await data.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(client, "/organisasjoner" + query);
        var names = page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray();

        Assert.Equal(expected, names);
        Assert.Contains($"{expected.Length} treff", page.QuerySelector("table.list caption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_by_organisation_number_finds_the_organisation()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/organisasjoner?Search=" + data.SandnesNumber);

        Assert.Equal(["Sandnes barnehage"], page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Pages_follow_the_sort_order_and_report_the_total()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var first = await AppFixture.GetDocumentAsync(client, "/organisasjoner?Sort=name&PageSize=25&Page=1");
        var second = await AppFixture.GetDocumentAsync(client, "/organisasjoner?Sort=name&PageSize=25&Page=2");
        var firstNames = first.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        var secondNames = second.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();

        Assert.Equal(25, firstNames.Count);
        Assert.Equal(KnownOrganisations.Total - 25, secondNames.Count);
        var all = firstNames.Concat(secondNames).ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Contains($"{KnownOrganisations.Total} treff", first.QuerySelector("table.list caption")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ascending", first.QuerySelector("th[aria-sort='ascending']")?.GetAttribute("aria-sort"));
        Assert.Empty(firstNames.Intersect(secondNames));
        Assert.Contains("Side 2 av 2", second.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_filter_in_the_url_is_a_bad_request_not_an_error()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var response = await client.GetAsync(new Uri("/organisasjoner?Type=NotAType&Page=abc", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Five named organisations plus 25 fillers: 30 in all.</summary>
    public sealed class KnownOrganisations : AppFixture
    {
        public const int Total = 30;

        public string SandnesNumber { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var fjordane = new Organisation("Fjordane kulturskole", OrganisationType.PrimaryOrLowerSecondarySchool, "NO", TestData.NewOrganisationNumber(), "E19999001", "46", "Førde", null);
            db.Organisations.Add(fjordane);
            await data.OrganisationAsync("46", OrganisationType.Company, "Fjordbyen AS");
            SandnesNumber = (await data.OrganisationAsync("11", OrganisationType.Kindergarten, "Sandnes barnehage")).OrganisationNumber!;
            await data.OrganisationAsync("11", OrganisationType.Chamber, "Stavanger Næringsforening");
            await data.ForeignOrganisationAsync("DE", OrganisationType.UpperSecondarySchool, "Hamburger Berufsschule");
            for (var i = 0; i < 25; i++)
            {
                await data.OrganisationAsync("50", OrganisationType.PrimaryOrLowerSecondarySchool, $"Trondheim skole {i:D2}");
            }

            await db.SaveChangesAsync();
        }
    }
}

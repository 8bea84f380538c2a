using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Projects;

/// <summary>The project list against five known projects (and 27 for paging), in the class's own database.</summary>
public sealed class ProjectListTests(ProjectListTests.KnownProjects known) : IClassFixture<ProjectListTests.KnownProjects>
{
    private const string P1 = "2021-1-NO01-KA122-VET-000000101";
    private const string P2 = "2022-1-NO01-KA121-SCH-000000102";
    private const string P3 = "2023-1-NO01-KA220-ADU-000000103";
    private const string P4 = "101000104";
    private const string P5 = "2024-1-NO01-KA210-YOU-000000105";
    private static readonly string[] Known = [P1, P2, P3, P4, P5];

    [Theory]
    [InlineData("KA121", new[] { P2 })]
    [InlineData("000000101", new[] { P1 })]
    [InlineData("charlie", new[] { P4 })]
    [InlineData("ALFA", new[] { P1 })]
    [InlineData("%", new string[0])]
    public async Task Search_finds_projects_by_reference_or_coordinator_name(string search, string[] expected)
    {
        var (references, _) = await ListAsync($"/prosjekter?Search={Uri.EscapeDataString(search)}&PageSize=100");

        Assert.Equal(expected, references);
    }

    [Theory]
    [InlineData("County=11", new[] { P4, P1, P3 })]
    [InlineData("County=46", new[] { P2, P5 })]
    [InlineData("Sector=VET", new[] { P4, P1 })]
    [InlineData("Sector=SCH", new[] { P2 })]
    [InlineData("Action=KA220", new[] { P3 })]
    [InlineData("Action=CoVE", new[] { P4 })]
    [InlineData("CallYear=2022", new[] { P4, P2 })]
    [InlineData("Status=Ongoing", new[] { P2 })]
    [InlineData("Status=Rejected", new[] { P5 })]
    [InlineData("County=11&CallYear=2022", new[] { P4 })]
    public async Task Each_filter_shows_exactly_the_matching_projects(string filter, string[] expected)
    {
        var (references, caption) = await ListAsync($"/prosjekter?{filter}&PageSize=100");

        Assert.Equal(expected, references);
        Assert.Contains($"{expected.Length} treff", caption, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reference", "asc", new[] { P4, P1, P2, P3, P5 })]
    [InlineData("reference", "desc", new[] { P5, P3, P2, P1, P4 })]
    [InlineData("callyear", "asc", new[] { P1, P4, P2, P3, P5 })]
    [InlineData("callyear", "desc", new[] { P5, P3, P4, P2, P1 })]
    [InlineData("action", "asc", new[] { P2, P1, P5, P3, P4 })]
    [InlineData("coordinator", "asc", new[] { P1, P2, P5, P4, P3 })]
    [InlineData("coordinator", "desc", new[] { P3, P4, P2, P5, P1 })]
    [InlineData("status", "asc", new[] { P3, P1, P5, P2, P4 })]
    [InlineData("decision", "asc", new[] { P1, P2, P4, P5, P3 })]
    [InlineData("decision", "desc", new[] { P5, P4, P2, P1, P3 })]
    public async Task Sorting_orders_by_the_chosen_column(string sort, string dir, string[] expected)
    {
        var (references, _) = await ListAsync($"/prosjekter?Sort={sort}&Dir={dir}&PageSize=100");

        Assert.Equal(expected, references.Where(Known.Contains));
    }

    [Fact]
    public async Task Paging_shows_25_50_or_100_rows_with_the_total_in_the_caption()
    {
        var (first, caption) = await ListAsync("/prosjekter?County=15");
        var (second, _) = await ListAsync("/prosjekter?County=15&page=2&pageSize=25");
        var (fifty, _) = await ListAsync("/prosjekter?County=15&pageSize=50");
        var (all, _) = await ListAsync("/prosjekter?pageSize=100");

        Assert.Equal(25, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(27, fifty.Count);
        Assert.Equal(32, all.Count);
        Assert.Contains("27 treff", caption, StringComparison.Ordinal);
    }

    private async Task<(List<string> References, string Caption)> ListAsync(string url)
    {
        var page = await AppFixture.GetDocumentAsync(await known.ReaderAsync(), url);
        return ([.. page.QuerySelectorAll("table.list tbody tr td:first-child a").Select(a => a.TextContent.Trim())],
            page.QuerySelector("table.list caption")!.TextContent);
    }

    /// <summary>Organisations in Rogaland (11), Vestland (46), Møre og Romsdal (15) and Germany, and their projects.</summary>
    public sealed class KnownProjects : AppFixture
    {
        private HttpClient? _reader;

        public async Task<HttpClient> ReaderAsync() => _reader ??= await SignInAsAsync(TestRoles.Analyst);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var alfa = await data.OrganisationAsync("11", name: "Alfa vgs");
            var bravo = await data.OrganisationAsync("46", name: "Bravo skole");
            var charlie = await data.OrganisationAsync("11", name: "Charlie fagskole");
            var foxtrot = await data.ForeignOrganisationAsync("DE", name: "Foxtrot GmbH");
            var zulu = await data.OrganisationAsync("15", name: "Zulu høgskole", type: OrganisationType.HigherEducationInstitution);

            await data.ProjectAsync(alfa, ProjectAction.KA122, Sector.VET, 2021, ProjectStatus.Granted, new DateOnly(2021, 7, 1), reference: P1);
            await data.ProjectAsync(bravo, ProjectAction.KA121, Sector.SCH, 2022, ProjectStatus.Ongoing, new DateOnly(2022, 6, 15), partners: [charlie], reference: P2);
            await data.ProjectAsync(foxtrot, ProjectAction.KA220, Sector.ADU, 2023, ProjectStatus.Applied, partners: [alfa], reference: P3);
            await data.ProjectAsync(charlie, ProjectAction.CoVE, Sector.VET, 2022, ProjectStatus.Completed, new DateOnly(2022, 11, 1), reference: P4);
            await data.ProjectAsync(bravo, ProjectAction.KA210, Sector.YOU, 2024, ProjectStatus.Rejected, new DateOnly(2024, 5, 1), reference: P5);
            for (var i = 0; i < 27; i++)
            {
                await data.ProjectAsync(zulu, ProjectAction.KA131, Sector.HED, 2025);
            }
        }
    }
}

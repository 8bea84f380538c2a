using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Mobilities;

/// <summary>The mobility list's search, filters, sorting and participant totals against known rows.</summary>
public sealed class MobilityListTests(MobilityListTests.Records records) : IClassFixture<MobilityListTests.Records>
{
    [Fact]
    public async Task Without_filters_every_mobility_is_listed_by_mobility_ID_with_the_participant_total()
    {
        var page = await ListAsync("County=");

        Assert.Equal(["000001-MOB-00001", "000001-MOB-00002", "000002-MOB-00001", "000002-MOB-00002", "000003-MOB-00001"], MobilityIds(page));
        Assert.Equal("Mobiliteter: 5 treff, 22 deltakere i alt", page.QuerySelector("table.list caption")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("Search=000002-mob", "000002-MOB-00001,000002-MOB-00002")]
    [InlineData("Search=MOB-00002", "000001-MOB-00002,000002-MOB-00002")]
    [InlineData("Search=KA122-VET", "000001-MOB-00001,000001-MOB-00002")]
    [InlineData("County=46", "000001-MOB-00001,000001-MOB-00002")]
    [InlineData("County=11", "000002-MOB-00001,000002-MOB-00002,000003-MOB-00001")]
    [InlineData("County=50", "")]
    [InlineData("Sector=SCH", "000002-MOB-00001,000002-MOB-00002")]
    [InlineData("CallYear=2023", "000003-MOB-00001")]
    [InlineData("Status=Realised", "000001-MOB-00001,000002-MOB-00001,000003-MOB-00001")]
    [InlineData("Status=Cancelled", "000002-MOB-00002")]
    [InlineData("ActivityType=LM-GRP-PUPIL", "000002-MOB-00001")]
    [InlineData("County=11&Status=Realised", "000002-MOB-00001,000003-MOB-00001")]
    public async Task Search_and_each_filter_select_exactly_their_rows(string query, string expected)
    {
        var page = await ListAsync(query);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), MobilityIds(page));
    }

    [Fact]
    public async Task Filtering_by_project_reference_shows_the_project_its_total_and_the_register_link()
    {
        var analyst = await records.SignInAsAsync(TestRoles.Analyst);
        var otherCounty = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var url = $"/mobiliteter?Project={Uri.EscapeDataString(records.SchoolProject.Reference.ToLowerInvariant())}";

        var page = await AppFixture.GetDocumentAsync(analyst, url);
        var seenByOtherCounty = await AppFixture.GetDocumentAsync(otherCounty, url);

        Assert.Equal(["000002-MOB-00001", "000002-MOB-00002"], MobilityIds(page));
        Assert.Equal("Mobiliteter: 2 treff, 13 deltakere i alt", page.QuerySelector("table.list caption")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"a[href='/prosjekter/{records.SchoolProject.Id}']"));
        Assert.NotNull(page.QuerySelector($"a.button[href='/mobiliteter/ny?project={records.SchoolProject.Id}']"));
        Assert.Null(seenByOtherCounty.QuerySelector("a.button[href^='/mobiliteter/ny']"));
    }

    [Fact]
    public async Task An_unknown_project_reference_says_so_and_lists_nothing()
    {
        var page = await ListAsync("Project=2021-1-NO01-KA122-VET-999999999");

        Assert.Empty(MobilityIds(page));
        Assert.Contains("Fant ikke prosjektet 2021-1-NO01-KA122-VET-999999999.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sort=mobilityid&Dir=desc", "000003-MOB-00001,000002-MOB-00002,000002-MOB-00001,000001-MOB-00002,000001-MOB-00001")]
    [InlineData("Sort=project", "000001-MOB-00001,000001-MOB-00002,000002-MOB-00001,000002-MOB-00002,000003-MOB-00001")]
    [InlineData("Sort=project&Dir=desc", "000003-MOB-00001,000002-MOB-00001,000002-MOB-00002,000001-MOB-00001,000001-MOB-00002")]
    [InlineData("Sort=activity", "000003-MOB-00001,000002-MOB-00001,000002-MOB-00002,000001-MOB-00001,000001-MOB-00002")]
    [InlineData("Sort=start", "000001-MOB-00002,000001-MOB-00001,000002-MOB-00002,000002-MOB-00001,000003-MOB-00001")]
    [InlineData("Sort=start&Dir=desc", "000003-MOB-00001,000002-MOB-00001,000002-MOB-00002,000001-MOB-00001,000001-MOB-00002")]
    [InlineData("Sort=status", "000001-MOB-00002,000001-MOB-00001,000002-MOB-00001,000003-MOB-00001,000002-MOB-00002")]
    [InlineData("Sort=participants&Dir=desc", "000002-MOB-00001,000003-MOB-00001,000001-MOB-00001,000001-MOB-00002,000002-MOB-00002")]
    public async Task Each_sortable_column_orders_the_rows(string query, string expected)
    {
        var page = await ListAsync(query);

        Assert.Equal(expected.Split(','), MobilityIds(page));
        Assert.NotNull(page.QuerySelector("th[aria-sort='" + (query.Contains("desc", StringComparison.Ordinal) ? "descending" : "ascending") + "']"));
    }

    [Fact]
    public async Task Rows_show_the_project_activity_dates_status_and_participants()
    {
        var page = await ListAsync("Search=000002-MOB-00001");

        var cells = page.QuerySelectorAll("table.list tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(
            ["000002-MOB-00001", records.SchoolProject.Reference, "Gruppemobilitet for elever (LM-GRP-PUPIL)", "Elev, lærling eller deltaker", "Utgående",
             "01.11.2022", "10.11.2022", "Gjennomført", "12"],
            cells);
    }

    private async Task<IHtmlDocument> ListAsync(string query)
    {
        var client = await records.ClientAsync();
        return await AppFixture.GetDocumentAsync(client, "/mobiliteter?" + query);
    }

    private static List<string> MobilityIds(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    /// <summary>
    /// Five mobilities: two in a Vestland VET project (2021), two in a Rogaland school project (2022),
    /// one in an adult-education project (2023) coordinated from Germany with a Rogaland partner.
    /// </summary>
    public sealed class Records : AppFixture
    {
        private HttpClient? _client;

        public Project VetProject { get; private set; } = null!;
        public Project SchoolProject { get; private set; } = null!;
        public Project AdultProject { get; private set; } = null!;

        public async Task<HttpClient> ClientAsync() => _client ??= await SignInAsAsync(TestRoles.Administrator);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var vestland = await data.OrganisationAsync("46");
            var rogaland = await data.OrganisationAsync("11");
            var german = await data.ForeignOrganisationAsync("DE");
            VetProject = await data.ProjectAsync(vestland, ProjectAction.KA122, Sector.VET, 2021, reference: "2021-1-NO01-KA122-VET-000000101");
            SchoolProject = await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.SCH, 2022, reference: "2022-1-NO01-KA122-SCH-000000102");
            AdultProject = await data.ProjectAsync(german, ProjectAction.KA220, Sector.ADU, 2023, partners: [rogaland], reference: "2023-1-NO01-KA220-ADU-000000103");

            await data.MobilityAsync(VetProject, "LM-SHORT-VET", 3, status: MobilityStatus.Realised, start: new DateOnly(2021, 10, 4), mobilityId: "000001-MOB-00001");
            await data.MobilityAsync(VetProject, "SM-JOB-SHDW", 1, ParticipantGroup.Staff, status: MobilityStatus.Planned, start: new DateOnly(2021, 9, 20), days: 5, mobilityId: "000001-MOB-00002");
            await data.MobilityAsync(SchoolProject, "LM-GRP-PUPIL", 12, status: MobilityStatus.Realised, start: new DateOnly(2022, 11, 1), days: 10, mobilityId: "000002-MOB-00001");
            await data.MobilityAsync(SchoolProject, "LM-SHORT-PUPIL", 1, status: MobilityStatus.Cancelled, start: new DateOnly(2022, 10, 3), mobilityId: "000002-MOB-00002");
            await data.MobilityAsync(AdultProject, "LM-GRP-ADU", 5, status: MobilityStatus.Realised, start: new DateOnly(2024, 3, 4), days: 7, mobilityId: "000003-MOB-00001");
        }
    }
}

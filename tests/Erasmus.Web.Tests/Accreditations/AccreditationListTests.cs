using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Accreditations;

/// <summary>The accreditation list against a known set of rows: search, each filter, sorting and paging.</summary>
public sealed class AccreditationListTests(AccreditationListTests.ListData data) : IClassFixture<AccreditationListTests.ListData>
{
    // The five rows the search, filter and sort tests see (all their holders' names contain "Liste").
    private const string Vet2020 = "2020-1-NO01-KA120-VET-000101";
    private const string Sch2021 = "2021-1-NO01-KA120-SCH-000000201";
    private const string Adu2021 = "2021-1-NO01-KA120-ADU-000000301";
    private const string Vet2022 = "2022-1-NO01-KA120-VET-000000401";
    private const string Sch2023 = "2023-1-NO01-KA120-SCH-000000501";

    [Fact]
    public async Task Search_finds_accreditations_by_part_of_the_code()
    {
        Assert.Equal([Sch2021], await CodesAsync("/akkrediteringer?Search=ka120-sch-000000201"));
    }

    [Fact]
    public async Task Search_finds_accreditations_by_holder_name_ignoring_case()
    {
        Assert.Equal([Adu2021, Sch2023], await CodesAsync("/akkrediteringer?Search=charlie%20liste"));
    }

    [Fact]
    public async Task County_filter_keeps_accreditations_whose_holder_is_in_the_county()
    {
        Assert.Equal([Vet2020, Adu2021, Sch2023], await CodesAsync("/akkrediteringer?Search=Liste&County=46"));
        Assert.Equal([Vet2022], await CodesAsync("/akkrediteringer?Search=Liste&County=30"));
    }

    [Fact]
    public async Task Sector_filter_keeps_one_sector()
    {
        Assert.Equal([Sch2021, Sch2023], await CodesAsync("/akkrediteringer?Search=Liste&Sector=SCH"));
    }

    [Fact]
    public async Task Status_filter_keeps_one_status()
    {
        Assert.Equal([Vet2022], await CodesAsync("/akkrediteringer?Search=Liste&Status=Withdrawn"));
    }

    [Fact]
    public async Task Decision_year_filter_keeps_accreditations_decided_that_year()
    {
        Assert.Equal([Sch2021, Adu2021], await CodesAsync("/akkrediteringer?Search=Liste&DecisionYear=2021&Sort=decided"));
    }

    [Fact]
    public async Task Filters_combine_and_the_caption_counts_the_rows()
    {
        var page = await AppFixture.GetDocumentAsync(await data.ClientAsync(), "/akkrediteringer?Search=Liste&County=46&Sector=SCH");

        Assert.Equal([Sch2023], Codes(page));
        Assert.Contains("1 treff", page.QuerySelector("table.list caption")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", new[] { Vet2020, Adu2021, Sch2021, Vet2022, Sch2023 })]
    [InlineData("Sort=code&Dir=desc", new[] { Sch2023, Vet2022, Sch2021, Adu2021, Vet2020 })]
    [InlineData("Sort=holder", new[] { Vet2020, Sch2021, Adu2021, Sch2023, Vet2022 })]
    [InlineData("Sort=holder&Dir=desc", new[] { Vet2022, Adu2021, Sch2023, Sch2021, Vet2020 })]
    [InlineData("Sort=sector", new[] { Adu2021, Sch2021, Sch2023, Vet2020, Vet2022 })]
    [InlineData("Sort=status", new[] { Vet2020, Adu2021, Sch2021, Vet2022, Sch2023 })]
    [InlineData("Sort=status&Dir=desc", new[] { Sch2023, Vet2022, Sch2021, Vet2020, Adu2021 })]
    [InlineData("Sort=decided&Dir=desc", new[] { Sch2023, Vet2022, Adu2021, Sch2021, Vet2020 })]
    public async Task Sorts_by_the_chosen_column(string sort, string[] expected)
    {
        Assert.Equal(expected, await CodesAsync("/akkrediteringer?Search=Liste&" + sort));
    }

    [Fact]
    public async Task Pages_through_the_rows_with_the_chosen_page_size()
    {
        var client = await data.ClientAsync();

        var first = await AppFixture.GetDocumentAsync(client, "/akkrediteringer?County=18");
        var second = await AppFixture.GetDocumentAsync(client, "/akkrediteringer?County=18&page=2&pageSize=25");
        var all = await AppFixture.GetDocumentAsync(client, "/akkrediteringer?County=18&pageSize=50");

        Assert.Equal(25, Codes(first).Count);
        Assert.Contains("30 treff", first.QuerySelector("table.list caption")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector("a[rel=next]"));
        Assert.Equal(Enumerable.Range(626, 5).Select(Paged), Codes(second));
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Equal(30, Codes(all).Count);
    }

    [Fact]
    public async Task Rows_show_holder_county_sector_members_and_status_in_words()
    {
        var page = await AppFixture.GetDocumentAsync(await data.ClientAsync(), "/akkrediteringer?Search=" + Adu2021);
        var cells = page.QuerySelectorAll("table.list tbody tr td").Select(c => c.TextContent.Trim()).ToList();

        Assert.Equal([Adu2021, "Charlie Liste fylkeskommune", "Vestland", "Voksenopplæring (ADU)", "1", "Aktiv"], cells.Take(6));
        Assert.Equal($"/organisasjoner/{data.Records.CharlieId}", page.QuerySelector("table.list tbody td:nth-child(2) a")!.GetAttribute("href"));
    }

    private async Task<List<string>> CodesAsync(string url) => Codes(await AppFixture.GetDocumentAsync(await data.ClientAsync(), url));

    private static List<string> Codes(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll("table.list tbody tr td:first-child a").Select(a => a.TextContent.Trim())];

    private static string Paged(int serial) => $"2024-1-NO01-KA120-VET-{serial:D9}";

    public sealed record KnownRecords(int CharlieId);

    /// <summary>The known rows, created once for the class; the tests only read them.</summary>
    public sealed class ListData : AppFixture
    {
        private KnownRecords? _records;
        private HttpClient? _client;

        public KnownRecords Records => _records ?? throw new InvalidOperationException("Call ClientAsync first.");

        public async Task<HttpClient> ClientAsync()
        {
            _records ??= await SeedAsync();
            return _client ??= await SignInAsAsync(TestRoles.Coordinator, "11");
        }

        private async Task<KnownRecords> SeedAsync()
        {
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var alfa = await data.OrganisationAsync("46", name: "Alfa Liste vgs");
            var bravo = await data.OrganisationAsync("11", OrganisationType.Municipality, "Bravo Liste kommune");
            var charlie = await data.OrganisationAsync("46", OrganisationType.CountyAuthority, "Charlie Liste fylkeskommune");
            var delta = await data.OrganisationAsync("30", OrganisationType.AdultEducationProvider, "Delta Liste voksenopplæring");
            var paging = await data.OrganisationAsync("18", name: "Sidevisning skole");

            Add(Vet2020, Sector.VET, alfa, AccreditationStatus.Active, new DateOnly(2020, 2, 1));
            Add(Sch2021, Sector.SCH, bravo, AccreditationStatus.Suspended, new DateOnly(2021, 3, 1));
            Add(Adu2021, Sector.ADU, charlie, AccreditationStatus.Active, new DateOnly(2021, 6, 15), consortiumMember: alfa);
            Add(Vet2022, Sector.VET, delta, AccreditationStatus.Withdrawn, new DateOnly(2022, 1, 10));
            Add(Sch2023, Sector.SCH, charlie, AccreditationStatus.Expired, new DateOnly(2023, 5, 5));
            for (var serial = 601; serial <= 630; serial++)
            {
                Add(Paged(serial), Sector.VET, paging, AccreditationStatus.Active, new DateOnly(2024, 3, 1));
            }

            await db.SaveChangesAsync();
            return new KnownRecords(charlie.Id);

            void Add(string code, Sector sector, Organisation holder, AccreditationStatus status, DateOnly decided, Organisation? consortiumMember = null)
            {
                var accreditation = new Accreditation(code, sector, holder.Id, consortiumMember is not null, decided, decided.AddYears(7), status, decided);
                accreditation.SetMembers(consortiumMember is null ? [] : [consortiumMember.Id]);
                db.Accreditations.Add(accreditation);
            }
        }
    }
}

using System.Net;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// A small hand-built dataset whose figures are counted by hand below, checked in the dashboard's
/// HTML, the detail page, the API and the CSV.
/// </summary>
public sealed class DashboardTests(DashboardTests.HandCountedData data) : IClassFixture<DashboardTests.HandCountedData>
{
    [Fact]
    public async Task Api_gives_the_hand_counted_figures_on_the_awarded_basis()
    {
        var client = await data.SignInAsAsync(TestRoles.Coordinator, "46");

        var targets = await TargetsAsync(client, "/api/attainment?asOf=2021-09-30&basis=awarded");

        // VET learners: 12 (KA122, Vestland) + 8 (KA121, Rogaland) awarded by 30 Sept; the late decision (5) and the 2020 call (40) do not count.
        Assert.Equal(20m, targets["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
        // School staff: 6 SM-JOB-SHDW on the SCH project; the 9 on a VET project belong to no SCH target.
        Assert.Equal(6m, targets["MOB-SCH-STAFF"].GetProperty("value").GetDecimal());
        // Partnerships: the KA220 coordinated in Vestland and the KA210 with a Norwegian partner: 2.
        Assert.Equal(2m, targets["PART-TOTAL"].GetProperty("value").GetDecimal());
        // Working life: of the one Norwegian-coordinated partnership, one has a company partner: 100 %.
        Assert.Equal(100m, targets["PART-WORKING-LIFE-SHARE"].GetProperty("value").GetDecimal());
        Assert.Equal(1m, targets["PART-WORKING-LIFE-SHARE"].GetProperty("denominator").GetDecimal());
        // Newcomer: the KA220 coordinator had no earlier participation.
        Assert.Equal(1m, targets["PART-NEWCOMER-COORDINATORS"].GetProperty("value").GetDecimal());
        // County authorities: Vestland's authority holds VET and SCH; 1 of the 10 in force in 2021: 10 %.
        Assert.Equal(10m, targets["COUNTY-ACCREDITED-2-SECTORS"].GetProperty("value").GetDecimal());
        Assert.Equal(10000m, targets["MOB-VET-LEARNERS"].GetProperty("targetValue").GetDecimal());
    }

    [Fact]
    public async Task Api_gives_the_hand_counted_figures_on_the_realised_basis()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var targets = await TargetsAsync(client, "/api/attainment?asOf=2022-06-30&basis=realised");

        // Realised VET learners ended by 30 June 2022: 3 + a group of 4; the accompanying teacher, the planned,
        // the cancelled and the incoming records do not count: 7.
        Assert.Equal(7m, targets["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Dashboard_html_shows_the_same_figures_with_status_in_words_and_text_alternatives()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&Basis=awarded");

        var vet = page.QuerySelectorAll(".target-card").Single(c => c.QuerySelector("h3 a")!.GetAttribute("href")!.StartsWith("/mal/MOB-VET-LEARNERS?", StringComparison.Ordinal));
        Assert.StartsWith("20 av 10", vet.QuerySelector(".figure")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("I fare", vet.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        var svg = vet.QuerySelector("svg[role=img]")!;
        Assert.Contains("20 av 10", svg.GetAttribute("aria-label") ?? "", StringComparison.Ordinal);
        Assert.NotNull(svg.QuerySelector("title"));
        Assert.Equal(19, page.QuerySelectorAll(".target-card").Length);
        Assert.Equal(4, page.QuerySelectorAll("main h2").Count(h => (h.Id ?? "").StartsWith("area-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Detail_page_lists_the_counted_projects_and_breaks_down_by_county()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30&Basis=awarded");

        var counted = page.QuerySelectorAll("table.counted tbody tr").Select(r => r.QuerySelector("a")!.GetAttribute("href")).ToList();
        Assert.Equal(2, counted.Count);
        Assert.Contains($"/prosjekter/{data.VestlandVetProjectId}", counted);
        var byCounty = page.QuerySelectorAll("table.by-county tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        Assert.Equal("12", byCounty["Vestland"]);
        Assert.Equal("8", byCounty["Rogaland"]);
    }

    [Fact]
    public async Task As_of_a_date_before_the_decision_the_project_does_not_count_yet()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var before = await TargetsAsync(client, "/api/attainment?asOf=2021-06-30&basis=awarded");
        var after = await TargetsAsync(client, "/api/attainment?asOf=2021-12-31&basis=awarded");

        Assert.Equal(0m, before["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
        Assert.Equal(25m, after["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task County_filter_and_csv_agree_with_the_api()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var vestland = await TargetsAsync(client, "/api/attainment?asOf=2021-09-30&county=46");
        var csv = await client.GetStringAsync(new Uri("/api/attainment.csv?asOf=2021-09-30&county=46", UriKind.Relative));

        Assert.Equal(12m, vestland["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
        var vetLine = csv.Split('\n').Single(l => l.StartsWith("MOB-VET-LEARNERS,", StringComparison.Ordinal));
        Assert.Contains(",10000.00,12,", vetLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/attainment?asOf=not-a-date", "AsOf", "Verdien «not-a-date» er ikke gyldig for Per dato.")]
    [InlineData("/api/attainment?basis=planned", "Basis", "Grunnlaget må være «awarded» (tildelt) eller «realised» (gjennomført).")]
    [InlineData("/api/attainment?county=99", "County", "Fylket «99» finnes ikke.")]
    public async Task Bad_parameters_get_a_400_with_a_message(string url, string field, string message)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([message], errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_dashboard_with_a_bad_date_shows_a_message_and_the_defaults()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var response = await client.GetAsync(new Uri("/mal?AsOf=31.02.2021&Basis=x", UriKind.Relative));
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The date's message, linked to its field (the basis is checked once the date binds).
        Assert.Equal(["Verdien «31.02.2021» er ikke gyldig for Per dato."], page.QuerySelectorAll(".error-summary li a").Select(a => a.TextContent.Trim()));
        // The defaults: today (the fixture's fixed clock, 30 September 2021) on the awarded basis, so the hand-counted 20 VET learners.
        Assert.Equal("2021-09-30", page.QuerySelector("input[type=hidden][name=AsOf]")!.GetAttribute("value"));
        var vet = page.QuerySelectorAll(".target-card").Single(c => c.QuerySelector("h3 a")!.GetAttribute("href")!.StartsWith("/mal/MOB-VET-LEARNERS?", StringComparison.Ordinal));
        Assert.StartsWith("20 av 10", vet.QuerySelector(".figure")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, JsonElement>> TargetsAsync(HttpClient client, string url)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.Clone());
    }

    public sealed class HandCountedData : AppFixture
    {
        public int VestlandVetProjectId { get; private set; }

        // "Today" is 30 September 2021, the date of HK-dir's first status report, so the defaults have hand-counted figures.
        protected override Microsoft.Extensions.Time.Testing.FakeTimeProvider CreateClock() => FixedClock.At(new DateTime(2021, 9, 30, 12, 0, 0));

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var school = await data.OrganisationAsync("46", firstParticipationYear: 2015);
            var rogaland = await data.OrganisationAsync("11");
            var newcomer = await data.OrganisationAsync("46", OrganisationType.AssociationOrNgo, firstParticipationYear: null);
            var company = await data.ForeignOrganisationAsync("DE", OrganisationType.Company);
            var foreignSchool = await data.ForeignOrganisationAsync("ES", OrganisationType.UpperSecondarySchool);
            var authority = await data.OrganisationAsync("46", OrganisationType.CountyAuthority, "Vestland fylkeskommune");
            await data.AccreditationAsync(authority, Sector.VET, consortium: true);
            await data.AccreditationAsync(authority, Sector.SCH, consortium: true);

            var vestlandVet = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 7, 15),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 10, ["LM-LONG-VET"] = 2, ["SM-JOB-SHDW"] = 9 });
            VestlandVetProjectId = vestlandVet.Id;
            await data.ProjectAsync(rogaland, ProjectAction.KA121, Sector.VET, 2021, decided: new DateOnly(2021, 8, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 8 });
            await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 11, 20), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 5 });
            await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.VET, 2020, decided: new DateOnly(2020, 7, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 40 });
            await data.ProjectAsync(school, ProjectAction.KA122, Sector.SCH, 2021, decided: new DateOnly(2021, 7, 1), awarded: new Dictionary<string, int> { ["SM-JOB-SHDW"] = 6 });
            await data.ProjectAsync(newcomer, ProjectAction.KA220, Sector.SCH, 2021, decided: new DateOnly(2021, 8, 20), partners: [company, foreignSchool], topics: ["inclusion"]);
            await data.ProjectAsync(foreignSchool, ProjectAction.KA210, Sector.ADU, 2021, decided: new DateOnly(2021, 8, 20), partners: [rogaland]);

            var start = new DateOnly(2021, 10, 1);
            await data.MobilityAsync(vestlandVet, participants: 3, start: start);
            await data.MobilityAsync(vestlandVet, participants: 4, start: start.AddDays(20));
            await data.MobilityAsync(vestlandVet, participants: 1, group: ParticipantGroup.AccompanyingPerson, start: start);
            await data.MobilityAsync(vestlandVet, participants: 2, status: MobilityStatus.Planned, start: start);
            await data.MobilityAsync(vestlandVet, participants: 2, status: MobilityStatus.Cancelled, start: start);
            await data.MobilityAsync(vestlandVet, "OA-INV-EXP", participants: 1, group: ParticipantGroup.Other, direction: MobilityDirection.Incoming, start: start, days: 5);
            await data.MobilityAsync(vestlandVet, participants: 5, start: new DateOnly(2022, 8, 1));
        }
    }
}

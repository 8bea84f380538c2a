using System.Net;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// Records exactly on the boundaries the counting rules draw, counted by hand (the fixture below): a
/// decision and an end date on the as-of date, the county structure of 2023-12-31 and of 2024-01-01,
/// suspended and withdrawn accreditations, the inclusion-support, blended and green-travel shares, and
/// a project coordinated abroad. Each figure is one that a plausible slip in the SQL or the rules
/// (a &lt; for a &lt;=, a dropped status clause, one flag read for another) would change.
/// </summary>
public sealed class BoundaryTests(BoundaryTests.HandCountedBoundaries data) : IClassFixture<BoundaryTests.HandCountedBoundaries>
{
    [Theory]
    [InlineData("2022-03-14", 0)] // the day before the decision
    [InlineData("2022-03-15", 7)] // decided on the as-of date: counts
    [InlineData("2022-03-16", 18)] // and the one decided the day after, from that day
    public async Task A_decision_on_the_as_of_date_counts_on_the_awarded_basis(string asOf, int vetLearners)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var targets = await TargetsAsync(client, $"/api/attainment?asOf={asOf}&basis=awarded");

        Assert.Equal(vetLearners, targets["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("2022-10-13", 0)] // the day before the first mobility ends
    [InlineData("2022-10-14", 3)] // ended on the as-of date: counts
    [InlineData("2022-10-15", 8)] // the group that ends the day after, from that day
    public async Task A_mobility_ending_on_the_as_of_date_counts_on_the_realised_basis(string asOf, int vetLearners)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var targets = await TargetsAsync(client, $"/api/attainment?asOf={asOf}&basis=realised");

        Assert.Equal(vetLearners, targets["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
    }

    [Theory]
    // On 2023-12-31 Akershus (32) is part of Viken (30): its school's 4 learners are Viken's, none are Akershus's.
    [InlineData("2023-12-31", "30", 4)]
    [InlineData("2023-12-31", "32", 0)]
    // From 2024-01-01 Akershus is a county of its own; Viken's own organisation (a partner abroad) has no VET learners.
    [InlineData("2024-01-01", "32", 4)]
    [InlineData("2024-01-01", "30", 0)]
    [InlineData("2024-01-01", "46", 18)]
    public async Task The_county_structure_switches_between_2023_12_31_and_2024_01_01(string asOf, string county, int vetLearners)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var targets = await TargetsAsync(client, $"/api/attainment?asOf={asOf}&county={county}");

        Assert.Equal(vetLearners, targets["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
        Assert.Equal(22m, targets["MOB-VET-LEARNERS"].GetProperty("nationalValue").GetDecimal());
    }

    [Theory]
    // Agder holds VET and SCH; Trøndelag VET and ADU, the ADU one decided (and valid) from 2022-03-15. Vestland's SCH
    // accreditation is suspended and Rogaland's withdrawn: each has one sector that counts. 10 county authorities before 2024, 14 from.
    [InlineData("2022-03-14", 1, 10, 10.0)]
    [InlineData("2022-03-15", 2, 10, 20.0)]
    [InlineData("2023-12-31", 2, 10, 20.0)]
    [InlineData("2024-01-01", 2, 14, 14.3)]
    public async Task Suspended_and_withdrawn_accreditations_do_not_count_and_the_authorities_in_force_change_in_2024(string asOf, decimal numerator, decimal denominator,
        decimal percent)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var target = (await TargetsAsync(client, $"/api/attainment?asOf={asOf}"))["COUNTY-ACCREDITED-2-SECTORS"];

        Assert.Equal((numerator, denominator, percent),
            (target.GetProperty("numerator").GetDecimal(), target.GetProperty("denominator").GetDecimal(), target.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task The_flag_and_topic_shares_have_their_hand_counted_figures()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var targets = await TargetsAsync(client, "/api/attainment?asOf=2022-03-15");

        // Norwegian-coordinated projects of the national agency's actions decided by the date: the four flag projects and the VET
        // project decided that day: 5. Not the CoVE (centralised) nor the partnership led from Germany, both with inclusion support.
        // Inclusion support: 2 of 5; blended: 3 of 5; green travel: 1 of 5.
        Assert.Equal((2m, 5m, 40m), Share(targets["SOC-INCLUSION-FUNDS"]));
        Assert.Equal((3m, 5m, 60m), Share(targets["SOC-BLENDED"]));
        Assert.Equal((1m, 5m, 20m), Share(targets["SOC-GREEN-TRAVEL"]));
        // Topic "inclusion": of the two Norwegian-coordinated partnerships (KA220, KA210), the KA220; the German-led KA220 with the topic does not count.
        Assert.Equal((1m, 2m, 50m), Share(targets["SOC-INCLUSION-TOPIC"]));
    }

    [Theory]
    [InlineData("11", HttpStatusCode.OK)] // the Norwegian partner's county
    [InlineData("32", HttpStatusCode.OK)] // a successor of Viken, the county of the other Norwegian partner (registered before 2024)
    [InlineData("46", HttpStatusCode.Forbidden)] // a county with no part in the project
    public async Task A_project_coordinated_abroad_is_edited_by_the_coordinators_of_its_norwegian_partners_counties(string county, HttpStatusCode expected)
    {
        var client = await data.SignInAsAsync(TestRoles.Coordinator, county);

        var edit = await client.GetAsync(new Uri($"/prosjekter/{data.CoordinatedAbroadId}/endre", UriKind.Relative));

        Assert.Equal(expected, edit.StatusCode);
    }

    [Fact]
    public async Task Without_a_date_the_dashboard_counts_as_of_today_in_norway_in_the_structure_of_that_day()
    {
        // A minute before midnight on New Year's Eve in Norway: Akershus's learners are still Viken's.
        data.Clock.Set(new DateTime(2023, 12, 31, 23, 59, 0));
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        Assert.Equal(("2023-12-31", 0m, 4m), await TodaysVetLearnersAsync(client));

        // Half past midnight: 2024 in Norway (still 2023 in UTC), and Akershus is a county of its own.
        data.Clock.Set(new DateTime(2024, 1, 1, 0, 30, 0));
        Assert.Equal(("2024-01-01", 4m, 0m), await TodaysVetLearnersAsync(client));
    }

    /// <summary>The as-of date the API chose without one, and the VET learners of Akershus (32) and Viken (30) on it.</summary>
    private static async Task<(string AsOf, decimal Akershus, decimal Viken)> TodaysVetLearnersAsync(HttpClient client)
    {
        var akershus = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/attainment?county=32", UriKind.Relative))).RootElement;
        var viken = await TargetsAsync(client, "/api/attainment?county=30");
        var vet = akershus.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "MOB-VET-LEARNERS");
        return (akershus.GetProperty("asOf").GetString()!, vet.GetProperty("value").GetDecimal(), viken["MOB-VET-LEARNERS"].GetProperty("value").GetDecimal());
    }

    private static (decimal Numerator, decimal Denominator, decimal Value) Share(JsonElement target) =>
        (target.GetProperty("numerator").GetDecimal(), target.GetProperty("denominator").GetDecimal(), target.GetProperty("value").GetDecimal());

    private static async Task<Dictionary<string, JsonElement>> TargetsAsync(HttpClient client, string url)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.Clone());
    }

    public sealed class HandCountedBoundaries : AppFixture
    {
        public int CoordinatedAbroadId { get; private set; }

        // Noon on New Year's Eve 2023; the clock only moves forward (FakeTimeProvider), and only one test moves it.
        protected override FakeTimeProvider CreateClock() => FixedClock.At(new DateTime(2023, 12, 31, 12, 0, 0));

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var decisionDay = new DateOnly(2022, 3, 15);
            var vestland = await data.OrganisationAsync("46");
            var akershus = await data.OrganisationAsync("32");
            var rogaland = await data.OrganisationAsync("11");
            var viken = await data.OrganisationAsync("30");
            var german = await data.ForeignOrganisationAsync("DE", OrganisationType.UpperSecondarySchool);

            // Awarded: 7 decided on 2022-03-15, 11 the day after (Vestland); 4 in Akershus decided in 2023.
            var onTheDay = await data.ProjectAsync(vestland, ProjectAction.KA122, Sector.VET, 2022, decided: decisionDay,
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 7 });
            await data.ProjectAsync(vestland, ProjectAction.KA122, Sector.VET, 2022, decided: decisionDay.AddDays(1),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 11 });
            await data.ProjectAsync(akershus, ProjectAction.KA122, Sector.VET, 2023, decided: new DateOnly(2023, 6, 1),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 });

            // Realised: 3 ending on 2022-10-14, a group of 5 ending the day after.
            await data.MobilityAsync(onTheDay, participants: 3, start: new DateOnly(2022, 10, 1), days: 14);
            await data.MobilityAsync(onTheDay, participants: 5, start: new DateOnly(2022, 10, 2), days: 14);

            // Flags on Norwegian-coordinated projects of the national agency's actions, decided in 2021.
            var decided2021 = new DateOnly(2021, 7, 1);
            await data.ProjectAsync(vestland, ProjectAction.KA122, Sector.SCH, 2021, decided: decided2021, inclusionSupport: true);
            await data.ProjectAsync(vestland, ProjectAction.KA122, Sector.ADU, 2021, decided: decided2021, inclusionSupport: true, blended: true);
            await data.ProjectAsync(vestland, ProjectAction.KA220, Sector.SCH, 2021, decided: decided2021, blended: true, topics: ["inclusion"]);
            await data.ProjectAsync(rogaland, ProjectAction.KA210, Sector.ADU, 2021, decided: decided2021, blended: true, greenTravel: true);
            // Not in the flag shares' basis: centralised, and coordinated abroad (also outside the topic share).
            await data.ProjectAsync(vestland, ProjectAction.CoVE, Sector.VET, 2021, decided: decided2021, inclusionSupport: true, blended: true);
            var abroad = await data.ProjectAsync(german, ProjectAction.KA220, Sector.SCH, 2021, decided: decided2021, partners: [rogaland, viken],
                topics: ["inclusion"], inclusionSupport: true);
            CoordinatedAbroadId = abroad.Id;

            // County authorities.
            var vestlandAuthority = await data.OrganisationAsync("46", OrganisationType.CountyAuthority, "Vestland fylkeskommune");
            var rogalandAuthority = await data.OrganisationAsync("11", OrganisationType.CountyAuthority, "Rogaland fylkeskommune");
            var agderAuthority = await data.OrganisationAsync("42", OrganisationType.CountyAuthority, "Agder fylkeskommune");
            var trondelagAuthority = await data.OrganisationAsync("50", OrganisationType.CountyAuthority, "Trøndelag fylkeskommune");
            await data.AccreditationAsync(vestlandAuthority, Sector.VET);
            await data.AccreditationAsync(vestlandAuthority, Sector.SCH, status: AccreditationStatus.Suspended);
            await data.AccreditationAsync(rogalandAuthority, Sector.VET);
            await data.AccreditationAsync(rogalandAuthority, Sector.SCH, status: AccreditationStatus.Withdrawn);
            await data.AccreditationAsync(agderAuthority, Sector.VET);
            await data.AccreditationAsync(agderAuthority, Sector.SCH);
            await data.AccreditationAsync(trondelagAuthority, Sector.VET);
            await data.AccreditationAsync(trondelagAuthority, Sector.ADU, decided: decisionDay);
        }
    }
}

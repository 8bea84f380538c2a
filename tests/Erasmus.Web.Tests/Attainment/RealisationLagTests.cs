using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// The realisation lag's median is taken in SQL over the records that count on the realised basis, each
/// record once: a hand-built set whose median (an even count, the mean of the two middle values) is known.
/// </summary>
public sealed class RealisationLagTests(RealisationLagTests.KnownLags data) : IClassFixture<RealisationLagTests.KnownLags>
{
    [Fact]
    public async Task The_lag_is_the_median_days_from_decision_to_end_over_the_counted_records_in_months()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var json = await JsonAsync(client, "/api/attainment?asOf=2023-06-30&basis=realised");

        // 50 records end 300 days after the decision and 50 (one a group of 10, counted once) 500 days after: 100 records,
        // median (300 + 500) / 2 = 400 days = 13.1 months → 13. Counted wrongly, the 20 records that do not count (incoming,
        // accompanying, planned, of the 2020 call) would make it 300 days (10 months), and counting the group's ten would make it 500 (16).
        Assert.Equal(13, json.GetProperty("realisationLagMonths").GetInt32());
        // Expected by now on the realised basis: the awarded line 13 months earlier, on 2022-05-30: day 515 of 2 556 → 2 014.9 → 2 015.
        Assert.Equal(2015m, Vet(json).GetProperty("expectedByNow").GetDecimal());
    }

    [Fact]
    public async Task While_fewer_than_100_records_count_the_lag_is_twelve_months()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        // By 30 September 2022 only the 50 records 300 days after the decision have ended (the others end on 27 November 2022).
        var json = await JsonAsync(client, "/api/attainment?asOf=2022-09-30&basis=realised");
        var awarded = await JsonAsync(client, "/api/attainment?asOf=2022-09-30&basis=awarded");

        Assert.Equal(12, json.GetProperty("realisationLagMonths").GetInt32());
        Assert.Equal(JsonValueKind.Null, awarded.GetProperty("realisationLagMonths").ValueKind);
    }

    [Fact]
    public async Task The_target_page_states_the_lag_used()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2023-06-30&Basis=realised");
        var dashboard = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2023-06-30&Basis=realised");

        var facts = page.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim());
        Assert.Equal("13 måneder", facts["Realiseringsforsinkelse"]);
        Assert.Contains("forskjøvet 13 måneder", dashboard.QuerySelector(".lag-note")!.TextContent, StringComparison.Ordinal);
    }

    private static JsonElement Vet(JsonElement json) =>
        json.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "MOB-VET-LEARNERS");

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative))).RootElement.Clone();

    /// <summary>A VET project decided 15 July 2021; its records end 70, 300 or 500 days later (a record lasts 14 days).</summary>
    public sealed class KnownLags : AppFixture
    {
        private static readonly DateOnly Decision = new(2021, 7, 15);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var school = await data.OrganisationAsync("46");
            var project = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2021, decided: Decision, end: new DateOnly(2023, 8, 31));
            var earlier = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2020, decided: new DateOnly(2020, 6, 1), start: new DateOnly(2020, 9, 1),
                end: new DateOnly(2022, 8, 31));

            DateOnly StartFor(int daysToEnd) => Decision.AddDays(daysToEnd - 13);
            for (var i = 0; i < 50; i++)
            {
                await data.MobilityAsync(project, start: StartFor(300));
                await data.MobilityAsync(project, participants: i == 0 ? 10 : 1, start: StartFor(500));
            }

            // Twenty records that count in no target, all ending 70 days after a decision.
            for (var i = 0; i < 5; i++)
            {
                await data.MobilityAsync(project, direction: MobilityDirection.Incoming, start: StartFor(70));
                await data.MobilityAsync(project, group: ParticipantGroup.AccompanyingPerson, start: StartFor(70));
                await data.MobilityAsync(project, status: MobilityStatus.Planned, start: StartFor(70));
                await data.MobilityAsync(earlier, start: new DateOnly(2020, 9, 10));
            }
        }
    }
}

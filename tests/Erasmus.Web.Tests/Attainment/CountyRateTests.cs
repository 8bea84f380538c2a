using System.Text.Json;
using Erasmus.Domain.Population;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// Rates per 1 000 and expected shares of a county view against hand counts, on the dataset of
/// <see cref="CountyViewTests"/> (as of 2021-09-30: VET learners Vestland 18, Rogaland 8, Viken 7; the
/// nation 33, expected by now 1 068) with population figures added here.
/// </summary>
public sealed class CountyRateTests(CountyViewTests.HandCountedCounties data) : IClassFixture<CountyViewTests.HandCountedCounties>
{
    [Fact]
    public async Task A_county_view_gives_the_rate_the_national_rate_the_rank_and_the_status_against_the_expected_share()
    {
        await using (var db = data.CreateDbContext())
        {
            db.PopulationFigures.AddRange(
                new PopulationFigure("46", 2021, "VET-LEARNERS", 12_000, isDemo: false),
                new PopulationFigure("11", 2021, "VET-LEARNERS", 10_000, isDemo: false),
                new PopulationFigure("30", 2021, "VET-LEARNERS", 20_000, isDemo: false),
                // Not in the 2021 structure (Akershus from 2024), and a later year: neither counts in a view as of 2021.
                new PopulationFigure("32", 2021, "VET-LEARNERS", 5_000, isDemo: false),
                new PopulationFigure("46", 2023, "VET-LEARNERS", 99_999, isDemo: false));
            await db.SaveChangesAsync();
        }

        var client = await data.SignInAsAsync(TestRoles.Analyst);
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/attainment?asOf=2021-09-30&county=46", UriKind.Relative))).RootElement;
        var targets = json.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);
        var vet = targets["MOB-VET-LEARNERS"];

        // Vestland 18 of 12 000 = 1.50 per 1 000; Rogaland 8 of 10 000 = 0.80; Viken 7 of 20 000 = 0.35: Vestland first.
        Assert.Equal(1.50m, vet.GetProperty("ratePer1000").GetDecimal());
        Assert.Equal(1, vet.GetProperty("rank").GetInt32());
        // The nation: 33 of 42 000 = 0.79 per 1 000.
        Assert.Equal(0.79m, vet.GetProperty("nationalRatePer1000").GetDecimal());
        // Expected share: 12 000 / 42 000 of the national 1 068 = 305.1, a whole number 305; 18 of 305 is at risk.
        Assert.Equal(305m, vet.GetProperty("expectedValue").GetDecimal());
        Assert.Equal("AtRisk", vet.GetProperty("status").GetString());
        // A target without population figures keeps figures and shares only.
        var staff = targets["MOB-SCH-STAFF"];
        Assert.Equal(JsonValueKind.Null, staff.GetProperty("ratePer1000").ValueKind);
        Assert.Equal(JsonValueKind.Null, staff.GetProperty("rank").ValueKind);
        Assert.Equal(JsonValueKind.Null, staff.GetProperty("status").ValueKind);

        var rogaland = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/attainment?asOf=2021-09-30&county=11", UriKind.Relative))).RootElement
            .GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "MOB-VET-LEARNERS");
        Assert.Equal(0.80m, rogaland.GetProperty("ratePer1000").GetDecimal());
        Assert.Equal(2, rogaland.GetProperty("rank").GetInt32());

        var page = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&County=46");
        Assert.Contains("1,50 per 1 000 i gruppen (landet 0,79); nummer 1", page.Body!.TextContent, StringComparison.Ordinal);
        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var english = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&County=46");
        Assert.Contains("1.50 per 1 000 of the group (the nation 0.79); number 1", english.Body!.TextContent, StringComparison.Ordinal);
    }
}

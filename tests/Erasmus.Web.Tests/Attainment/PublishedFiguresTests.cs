using System.Text.Json;
using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Seed;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// With the demo data, the application's own API and pages give what HK-dir published for
/// September 2021 (DOMAIN.md): the engine, the queries and the generator agree end to end.
/// </summary>
public sealed class PublishedFiguresTests(PublishedFiguresTests.DemoApp app) : IClassFixture<PublishedFiguresTests.DemoApp>
{
    [Theory]
    [InlineData("MOB-VET-LEARNERS", 573)]
    [InlineData("MOB-ADU-ALL", 149)]
    [InlineData("MOB-SCH-PUPILS", 1346)]
    [InlineData("MOB-SCH-STAFF", 329)]
    [InlineData("PART-NEWCOMER-COORDINATORS", 10)]
    [InlineData("PART-SPORT-ORGS", 16)]
    [InlineData("PART-COVE", 4)]
    public async Task The_api_as_of_30_September_2021_on_the_awarded_basis_gives_the_published_figure(string code, int published)
    {
        var targets = await TargetsAsync("/api/attainment?asOf=2021-09-30&basis=awarded");

        Assert.Equal(published, targets[code].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Four_of_ten_county_authorities_and_seventeen_of_twenty_eight_partnerships_with_working_life()
    {
        var targets = await TargetsAsync("/api/attainment?asOf=2021-09-30&basis=awarded");

        var counties = targets["COUNTY-ACCREDITED-2-SECTORS"];
        Assert.Equal((4m, 10m, 40m), (counties.GetProperty("numerator").GetDecimal(), counties.GetProperty("denominator").GetDecimal(), counties.GetProperty("value").GetDecimal()));
        var workingLife = targets["PART-WORKING-LIFE-SHARE"];
        Assert.Equal((17m, 28m, 60.7m), (workingLife.GetProperty("numerator").GetDecimal(), workingLife.GetProperty("denominator").GetDecimal(), workingLife.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task The_county_matrix_shows_four_with_two_sectors_and_four_with_one()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/fylker?AsOf=2021-09-30&view=akkrediteringer");

        var rows = page.QuerySelectorAll("table.accreditation-matrix tbody tr").ToList();
        Assert.Equal(10, rows.Count);
        Assert.Equal(6, rows.Count(r => r.ClassList.Contains("below-two")));
        Assert.Equal(4, rows.Count(r => r.QuerySelectorAll("td.held").Length == 1));
    }

    private async Task<Dictionary<string, JsonElement>> TargetsAsync(string url)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.Clone());
    }

    public sealed class DemoApp : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            await new DemoDataGenerator(new FixedTimeProvider(DemoDataFixture.Today)).SeedAsync(db);
        }
    }
}

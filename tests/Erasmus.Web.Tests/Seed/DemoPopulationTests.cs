using Erasmus.Web.Tests.Attainment;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Seed;

/// <summary>The demo population figures follow the county structures, and every page that uses them says they are demo figures.</summary>
public sealed class DemoPopulationTests(PublishedFiguresTests.DemoApp app) : IClassFixture<PublishedFiguresTests.DemoApp>
{
    [Fact]
    public async Task Dissolved_counties_have_figures_for_2020_to_2023_only_and_the_new_ones_from_2024()
    {
        await using var db = app.CreateDbContext();
        var years = (await db.PopulationFigures.Select(f => new { f.CountyNumber, f.Year }).Distinct().ToListAsync())
            .GroupBy(f => f.CountyNumber).ToDictionary(g => g.Key, g => g.Select(f => f.Year).Order().ToList());

        foreach (var dissolved in new[] { "30", "38", "54" })
        {
            Assert.Equal([2020, 2021, 2022, 2023], years[dissolved]);
        }

        foreach (var created in new[] { "31", "32", "33", "39", "40", "55", "56" })
        {
            Assert.Equal([2024, 2025, 2026], years[created]);
        }

        // A county in force throughout has every year.
        Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025, 2026], years["46"]);
    }

    [Theory]
    [InlineData("/fylker?AsOf=2025-06-30")]
    [InlineData("/mal/MOB-VET-LEARNERS?AsOf=2025-06-30")]
    [InlineData("/mal/MOB-VET-LEARNERS?AsOf=2025-06-30&County=46")]
    [InlineData("/mal?AsOf=2025-06-30&County=46")]
    public async Task Every_page_with_rates_from_demo_figures_says_so(string url)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, url);

        Assert.Contains("Demotall: befolkningstallene er oppdiktet", page.QuerySelector(".demo-figures")?.TextContent ?? "", StringComparison.Ordinal);
    }
}

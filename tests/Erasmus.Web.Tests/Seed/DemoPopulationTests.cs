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

    [Fact]
    public async Task Each_demo_institution_has_employees_and_students_of_its_own_in_its_county_of_the_year_marked_as_demo_figures()
    {
        await using var db = app.CreateDbContext();
        var rows = await db.PopulationFigures.Where(f => f.InstitutionId != null)
            .Join(db.Organisations, f => f.InstitutionId, o => o.Id, (f, o) => new { o.Name, f.CountyNumber, f.Year, f.GroupCode, f.Value, f.IsDemo })
            .ToListAsync();

        // The 21 institutions of he-institutions.csv, 2020–2026, both groups.
        Assert.Equal(21, rows.Select(r => r.Name).Distinct().Count());
        Assert.Equal(21 * 7 * 2, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsDemo));
        // UiT lies in Troms: Troms og Finnmark (54) until 2023.
        Assert.Equal(["54", "55"], rows.Where(r => r.Name == "UiT Norges arktiske universitet").Select(r => r.CountyNumber).Distinct().Order());
        Assert.Equal("55", rows.Single(r => r.Name == "UiT Norges arktiske universitet" && r.Year == 2024 && r.GroupCode == "HED-STAFF").CountyNumber);
        // NTNU is the largest: more students than any other.
        Assert.Equal("Norges teknisk-naturvitenskapelige universitet", rows.Where(r => r.Year == 2024 && r.GroupCode == "HED-STUDENTS").MaxBy(r => r.Value)!.Name);
    }

    [Fact]
    public async Task A_higher_education_target_page_lists_every_demo_institution_and_says_its_figures_are_demo_figures()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-HED-STAFF?AsOf=2025-06-30");

        Assert.Equal(21, page.QuerySelectorAll("table.by-institution tbody tr").Length);
        Assert.Contains("Demotall", page.QuerySelector("#per-institution ~ .demo-figures")?.TextContent ?? "", StringComparison.Ordinal);
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

using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Projects;

/// <summary>
/// Which county a project belongs to (<see cref="ProjectCounty"/>), once for the LINQ expression and once for
/// the SQL fragment: a project coordinated abroad belongs to its Norwegian partners' counties (counted under
/// the lowest), and one coordinated by an organisation of a county dissolved in 2024 stays in that county.
/// </summary>
public sealed class ProjectCountyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_expression_places_a_project_coordinated_abroad_with_its_Norwegian_partners_and_one_of_a_dissolved_county_in_that_county()
    {
        var (abroad, viken) = await ProjectsAsync();
        await using var db = database.CreateDbContext();
        async Task<int[]> InAsync(params string[] counties) =>
            await db.Projects.Where(ProjectCounty.In(counties)).Where(p => p.Id == abroad || p.Id == viken).Select(p => p.Id).OrderBy(id => id).ToArrayAsync();

        Assert.Equal([abroad], await InAsync("46"));
        Assert.Equal([abroad], await InAsync("50"));
        Assert.Equal([viken], await InAsync("30"));
        // The German coordinator's empty county and Viken's successor are not the projects' counties.
        Assert.Empty(await InAsync("03", "32"));
    }

    [Fact]
    public async Task The_sql_counts_a_project_coordinated_abroad_under_its_lowest_Norwegian_partner_county_and_one_of_a_dissolved_county_there()
    {
        var (abroad, viken) = await ProjectsAsync();
        await using var db = database.CreateDbContext();

        var counties = await db.Database.SqlQueryRaw<ProjectCountyRow>(
                "SELECT p.id AS \"Id\", " + ProjectCounty.Sql + " AS \"County\" FROM projects p JOIN organisations c ON c.id = p.coordinator_id WHERE p.id = ANY({0})",
                new[] { abroad, viken }, ProjectCounty.NorwayParameter())
            .ToDictionaryAsync(r => r.Id, r => r.County);

        Assert.Equal("46", counties[abroad]);
        Assert.Equal("30", counties[viken]);
    }

    /// <summary>A project coordinated in Germany with partners in Vestland (46) and Trøndelag (50), and one coordinated in Viken (30).</summary>
    private async Task<(int Abroad, int Viken)> ProjectsAsync()
    {
        await using var db = database.CreateDbContext();
        var data = new TestData(db);
        var german = await data.ForeignOrganisationAsync();
        var abroad = await data.ProjectAsync(german, ProjectAction.KA220, Sector.SCH,
            partners: [await data.OrganisationAsync("50"), await data.OrganisationAsync("46"), await data.ForeignOrganisationAsync("SE")]);
        var viken = await data.ProjectAsync(await data.OrganisationAsync("30"));
        return (abroad.Id, viken.Id);
    }

    private sealed record ProjectCountyRow(int Id, string? County);
}

using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.Web.Tests.Performance;

/// <summary>The mobility list keeps its totals per combination of filters; a change to the records shows in them on the next request.</summary>
public sealed class MobilityListCacheTests(MobilityListCacheTests.Records records) : IClassFixture<MobilityListCacheTests.Records>
{
    [Fact]
    public async Task Totals_follow_records_added_and_changed_outside_the_app()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        Assert.Equal("Mobiliteter: 2 treff, 5 deltakere i alt", await CaptionAsync(client, "/mobiliteter?County=46"));
        Assert.Equal("Mobiliteter: 2 treff, 5 deltakere i alt", await CaptionAsync(client, "/mobiliteter?County=46&Page=2"));

        await using (var db = records.CreateDbContext())
        {
            await new TestData(db).MobilityAsync(await db.Projects.SingleAsync(p => p.Id == records.Project.Id), participants: 4, start: new DateOnly(2022, 3, 1));
        }

        Assert.Equal("Mobiliteter: 3 treff, 9 deltakere i alt", await CaptionAsync(client, "/mobiliteter?County=46"));

        await using (var connection = new NpgsqlConnection(records.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE mobilities SET participant_count = 10 WHERE id = {records.MobilityId}", connection);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal("Mobiliteter: 3 treff, 17 deltakere i alt", await CaptionAsync(client, "/mobiliteter?County=46"));
        Assert.Equal("Mobiliteter: 0 treff, 0 deltakere i alt", await CaptionAsync(client, "/mobiliteter?County=11"));
    }

    [Fact]
    public async Task A_search_finds_records_by_part_of_the_project_reference_or_the_mobility_id()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);

        Assert.Equal("Mobiliteter: 1 treff, 3 deltakere i alt", await CaptionAsync(client, "/mobiliteter?Search=mob-77"));
        Assert.DoesNotContain(": 0 treff", await CaptionAsync(client, $"/mobiliteter?Search={Uri.EscapeDataString(records.Project.Reference[^9..])}"), StringComparison.Ordinal);
    }

    private static async Task<string> CaptionAsync(HttpClient client, string url) =>
        (await AppFixture.GetDocumentAsync(client, url)).QuerySelector("table.list caption")!.TextContent.Trim();

    public sealed class Records : AppFixture
    {
        public Project Project { get; private set; } = null!;
        public int MobilityId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var school = await data.OrganisationAsync("46");
            Project = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2021, start: new DateOnly(2021, 9, 1), end: new DateOnly(2023, 8, 31),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 30 });
            MobilityId = (await data.MobilityAsync(Project, participants: 2, start: new DateOnly(2022, 2, 1))).Id;
            await data.MobilityAsync(Project, participants: 3, start: new DateOnly(2022, 2, 7), mobilityId: "000777-MOB-77777");
        }
    }
}

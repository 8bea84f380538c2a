using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Reliability;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// A target page's detail after a write is patched from the one before it where only some records' figures changed
/// (issue 19): it must be exactly the detail named afresh from the same result, whichever way it was made.
/// </summary>
public sealed class TargetDetailTests(TargetDetailTests.Records records) : IClassFixture<TargetDetailTests.Records>
{
    private const string Code = "MOB-VET-LEARNERS";
    private static readonly AttainmentParameters Parameters = new(new DateOnly(2023, 6, 30), CountingBasis.Realised);

    [Fact]
    public async Task A_changed_figure_is_named_again_in_its_row_and_the_other_rows_are_kept()
    {
        var before = await DetailAsync();
        var changedProject = records.Projects[3];

        await ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count + 3 WHERE id = {records.Mobilities[3]}");
        var after = await DetailAsync();

        await AssertNamedAfreshAsync(after);
        var place = Place(after, changedProject.Id);
        Assert.Equal(place, Place(before, changedProject.Id));
        Assert.Equal(before.Rows[place].Numerator + 3, after.Rows[place].Numerator);
        // Patched, not named again: every other row is the same object as before the write.
        Assert.All(Enumerable.Range(0, after.Rows.Count).Where(i => i != place), i => Assert.Same(before.Rows[i], after.Rows[i]));
    }

    [Fact]
    public async Task Records_that_start_or_stop_counting_and_changed_projects_give_the_detail_named_afresh()
    {
        await DetailAsync();
        var steps = new Func<Task>[]
        {
            // A project with no mobility yet starts counting: one record more.
            async () =>
            {
                await using var db = records.CreateDbContext();
                await new TestData(db).MobilityAsync(await db.Projects.FindAsync(records.Waiting.Id) ?? throw new InvalidOperationException(), participants: 2,
                    start: new DateOnly(2022, 3, 1));
            },
            // A record's figures change: patched.
            () => ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count + 1 WHERE id = {records.Mobilities[5]}"),
            // A project's only mobility goes: one record fewer.
            () => ExecuteAsync($"DELETE FROM mobilities WHERE id = {records.Mobilities[7]}"),
            // A project's coordinator moves to another county: the projects change, so every record is named again.
            () => ExecuteAsync($"UPDATE organisations SET county_number = '03' WHERE id = {records.Projects[2].CoordinatorId}"),
        };

        foreach (var step in steps)
        {
            var before = await DetailAsync();
            await step();
            var after = await DetailAsync();
            Assert.NotSame(before, after);
            await AssertNamedAfreshAsync(after);
        }
    }

    private async Task<TargetDetail> DetailAsync()
    {
        await using var scope = records.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AttainmentService>().ComputeTargetAsync(Code, Parameters))!;
    }

    /// <summary>The detail named whole from the same result and the inputs it was computed from.</summary>
    private async Task AssertNamedAfreshAsync(TargetDetail detail)
    {
        await using var scope = records.App.Services.CreateAsyncScope();
        var cache = scope.ServiceProvider.GetRequiredService<AttainmentCache>();
        var versions = await cache.VersionsAsync(scope.ServiceProvider.GetRequiredService<ErasmusDbContext>(), CancellationToken.None);
        var inputs = await cache.InputsAsync(versions, Parameters.AsOf, Parameters.Basis, byProject: true, CancellationToken.None);
        var fresh = TargetDetail.Of(detail.Result, inputs.Inputs);

        Assert.NotEmpty(detail.Rows);
        Assert.Equal(fresh.Rows, detail.Rows);
        Assert.Equal(fresh.Choices.Counties, detail.Choices.Counties);
        Assert.Equal(fresh.Choices.Sectors, detail.Choices.Sectors);
    }

    private static int Place(TargetDetail detail, int projectId) =>
        detail.Rows.Select((row, place) => (row, place)).Single(r => r.row.Kind == "project" && r.row.Id == projectId).place;

    private Task ExecuteAsync(string sql) => PostgresTools.ExecuteAsync(records.ConnectionString, sql);

    /// <summary>Ten VET projects in three counties, one mobility each, and one with none yet; named so that their order is not their ids'.</summary>
    public sealed class Records : AppFixture
    {
        public List<Project> Projects { get; } = [];

        public Project Waiting { get; private set; } = null!;

        public List<int> Mobilities { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            string[] counties = ["46", "03", "50"];
            for (var i = 0; i < 10; i++)
            {
                var school = await data.OrganisationAsync(counties[i % 3], name: $"Skole {(char)('Å' - i)} {i}");
                var project = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2021 + (i % 2), decided: new DateOnly(2021, 7, 15),
                    start: new DateOnly(2021, 9, 1), end: new DateOnly(2023, 8, 31), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 40 });
                Projects.Add(project);
                Mobilities.Add((await data.MobilityAsync(project, participants: 1 + i, start: new DateOnly(2022, 2, 1 + i))).Id);
            }

            Waiting = await data.ProjectAsync(await data.OrganisationAsync("46", name: "Skole uten mobiliteter"), ProjectAction.KA122, Sector.VET, 2021,
                decided: new DateOnly(2021, 7, 15), start: new DateOnly(2021, 9, 1), end: new DateOnly(2023, 8, 31),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 40 });
        }
    }
}

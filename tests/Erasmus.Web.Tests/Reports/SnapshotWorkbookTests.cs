using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Reports;

public sealed class SnapshotWorkbookTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_snapshots_workbook_shows_the_figures_as_frozen_not_as_they_are_now()
    {
        int id;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            await data.ProjectAsync(await data.OrganisationAsync("46"), decided: new DateOnly(2021, 7, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 40 });
            // Frozen earlier at 25, before more projects were registered; now the engine gives 40.
            var frozen = new SnapshotFigures("MOB-VET-LEARNERS", TargetArea.Mobility, "Elever og lærlinger", TargetUnit.Participants, 10000, 25, null, null,
                0.3m, 1068.1m, AttainmentStatus.AtRisk, 100, false, 1500);
            var snapshot = new Snapshot("Status per september 2021", new SnapshotParameters(new DateOnly(2021, 9, 30), CountingBasis.Awarded, CountyStructureChoice.AsOfDate, null, null), [frozen]);
            db.Set<Snapshot>().Add(snapshot);
            await db.SaveChangesAsync();
            id = snapshot.Id;
        }

        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var response = await client.GetAsync(new Uri($"/oyeblikksbilder/{id}/status.xlsx", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var workbook = new WorkbookReader(await response.Content.ReadAsByteArrayAsync());
        var live = await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded");
        using var now = new WorkbookReader(live);

        var frozenRow = workbook.Table("Sammendrag", "Mål").Single(r => r["Kode"].Text == "MOB-VET-LEARNERS");
        var nowRow = now.Table("Sammendrag", "Mål").Single(r => r["Kode"].Text == "MOB-VET-LEARNERS");
        Assert.Equal(25m, frozenRow["Verdi"].Figure(false));
        Assert.Equal(40m, nowRow["Verdi"].Figure(false));
        Assert.StartsWith($"oyeblikksbilde-{id}-statusrapport-2021-09-30", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
    }
}

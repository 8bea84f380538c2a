using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Targets.TargetRegistryTests;

namespace Erasmus.Web.Tests.Snapshots;

/// <summary>A snapshot keeps the figures it froze while the data and the targets change afterwards.</summary>
public sealed class SnapshotFreezeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_snapshot_shows_its_frozen_figures_after_the_data_changes_beside_the_figures_now_and_the_difference()
    {
        Organisation school;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            school = await data.OrganisationAsync("46");
            await data.ProjectAsync(school, decided: new DateOnly(2021, 7, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 12 });
        }

        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var created = await AppFixture.PostFormAsync(analyst, "/oyeblikksbilder/ny", "/oyeblikksbilder/ny", new()
        {
            ["Name"] = "Status per september 2021",
            ["AsOf"] = "2021-09-30",
            ["Basis"] = "awarded",
            ["Structure"] = "asof",
            ["County"] = "",
            ["Sector"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var id = int.Parse(url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        string storedResults;
        await using (var db = app.CreateDbContext())
        {
            var snapshot = await db.Set<Snapshot>().SingleAsync(s => s.Id == id);
            storedResults = snapshot.Results;
            Assert.Equal(new DateOnly(2021, 9, 30), snapshot.AsOf);
            Assert.StartsWith("analyst.", snapshot.CreatedBy, StringComparison.Ordinal);
            var frozen = snapshot.ReadResults();
            Assert.Equal(19, frozen.Count);
            var vet = frozen.Single(f => f.Code == "MOB-VET-LEARNERS");
            Assert.Equal((12m, 10000m), (vet.Value, vet.TargetValue));

            // Afterwards: another project decided before the snapshot's date is registered, and the target is revised.
            await new TestData(db).ProjectAsync(school, decided: new DateOnly(2021, 8, 15), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 5 });
            (await db.StrategyTargets.SingleAsync(t => t.Code == "MOB-VET-LEARNERS")).SetValue(11000m, new DateOnly(2021, 6, 1), "Test");
            await db.SaveChangesAsync();
        }

        var page = await AppFixture.GetDocumentAsync(analyst, url);

        Assert.Equal("Status per september 2021", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("12", page.QuerySelector("table.frozen tr[data-code='MOB-VET-LEARNERS'] .value")!.TextContent.Trim());
        Assert.Equal("10 000", Normalise(page.QuerySelector("table.frozen tr[data-code='MOB-VET-LEARNERS'] .target-value")!.TextContent));
        var row = page.QuerySelector("table.comparison tr[data-code='MOB-VET-LEARNERS']")!;
        Assert.Equal("12", row.QuerySelector(".frozen-value")!.TextContent.Trim());
        Assert.Equal("17", row.QuerySelector(".now-value")!.TextContent.Trim());
        Assert.Equal("+5", row.QuerySelector(".difference")!.TextContent.Trim());
        Assert.Contains("11 000 (revidert)", Normalise(row.TextContent), StringComparison.Ordinal);
        Assert.Equal("uendret", page.QuerySelector("table.comparison tr[data-code='PART-TOTAL'] .difference")!.TextContent.Trim());
        Assert.Equal(19, page.QuerySelectorAll("table.comparison tbody tr").Length);
        await using var check = app.CreateDbContext();
        Assert.Equal(storedResults, (await check.Set<Snapshot>().SingleAsync(s => s.Id == id)).Results);
    }
}

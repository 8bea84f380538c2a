using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Snapshots;

/// <summary>The snapshot list against 30 known snapshots: search, the basis and year filters, sorting and paging.</summary>
public sealed class SnapshotListTests(SnapshotListTests.KnownSnapshots data) : IClassFixture<SnapshotListTests.KnownSnapshots>
{
    [Fact]
    public async Task Search_finds_snapshots_by_name()
    {
        var names = await NamesAsync("/oyeblikksbilder?Search=status");

        Assert.Equal(["Status per desember 2022", "Status per september 2021"], names);
    }

    [Fact]
    public async Task The_basis_filter_looks_into_the_frozen_parameters()
    {
        Assert.Equal(["Status per desember 2022"], await NamesAsync("/oyeblikksbilder?Basis=realised"));
        Assert.Equal(29, (await NamesAsync("/oyeblikksbilder?Basis=awarded&PageSize=100")).Count);
    }

    [Fact]
    public async Task The_year_filter_selects_by_the_as_of_date()
    {
        Assert.Equal(["Status per september 2021"], await NamesAsync("/oyeblikksbilder?Year=2021"));
        Assert.Equal(["Halvår 2023"], await NamesAsync("/oyeblikksbilder?Year=2023"));
    }

    [Fact]
    public async Task Sorting_by_date_orders_the_rows_both_ways()
    {
        var ascending = await NamesAsync("/oyeblikksbilder?Sort=asof&PageSize=100");
        var descending = await NamesAsync("/oyeblikksbilder?Sort=asof&Dir=desc&PageSize=100");

        Assert.Equal(["Status per september 2021", "Status per desember 2022", "Halvår 2023"], ascending.Take(3));
        Assert.Equal(["Halvår 2023", "Status per desember 2022", "Status per september 2021"], descending.TakeLast(3));
        Assert.Equal("Serie 01", descending[0]);
    }

    [Fact]
    public async Task Paging_shows_25_then_the_rest_and_the_total_in_the_caption()
    {
        var client = await data.SignInAsAsync(TestRoles.Coordinator, "46");

        var first = await AppFixture.GetDocumentAsync(client, "/oyeblikksbilder");
        var second = await AppFixture.GetDocumentAsync(client, "/oyeblikksbilder?page=2&pageSize=25");
        var all = await AppFixture.GetDocumentAsync(client, "/oyeblikksbilder?pageSize=50");

        Assert.Equal(25, first.QuerySelectorAll("table.snapshots tbody tr").Length);
        Assert.Equal(5, second.QuerySelectorAll("table.snapshots tbody tr").Length);
        Assert.Equal(30, all.QuerySelectorAll("table.snapshots tbody tr").Length);
        Assert.Contains("30 treff", first.QuerySelector("table.snapshots caption")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<List<string>> NamesAsync(string url)
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        var page = await AppFixture.GetDocumentAsync(client, url);
        return [.. page.QuerySelectorAll("table.snapshots tbody tr td:first-child a").Select(a => a.TextContent)];
    }

    public sealed class KnownSnapshots : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            db.AddRange(
                Snapshot("Status per september 2021", new DateOnly(2021, 9, 30), CountingBasis.Awarded),
                Snapshot("Status per desember 2022", new DateOnly(2022, 12, 31), CountingBasis.Realised),
                Snapshot("Halvår 2023", new DateOnly(2023, 6, 30), CountingBasis.Awarded));
            db.AddRange(Enumerable.Range(1, 27).Select(i => Snapshot($"Serie {i:D2}", new DateOnly(2024, 1, 1), CountingBasis.Awarded)));
            await db.SaveChangesAsync();
        }

        private static Snapshot Snapshot(string name, DateOnly asOf, CountingBasis basis) =>
            new(name, new SnapshotParameters(asOf, basis, CountyStructureChoice.AsOfDate, null, null), []);
    }
}

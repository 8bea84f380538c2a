using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Mobilities;

/// <summary>Paging through 30 mobilities: 25, 50 or 100 a page; totals cover every page.</summary>
public sealed class MobilityPagingTests(MobilityPagingTests.Records records) : IClassFixture<MobilityPagingTests.Records>
{
    [Fact]
    public async Task The_first_page_holds_25_rows_and_the_caption_counts_all_30_and_their_participants()
    {
        var page = await ListAsync("County=");

        Assert.Equal([.. Enumerable.Range(1, 25).Select(Id)], MobilityIds(page));
        Assert.Equal("Mobiliteter: 30 treff, 60 deltakere i alt", page.QuerySelector("table.list caption")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[rel=next]"));
        Assert.Null(page.QuerySelector("a[rel=prev]"));
    }

    [Fact]
    public async Task The_second_page_holds_the_last_5_rows()
    {
        var page = await ListAsync("page=2&pageSize=25");

        Assert.Equal([.. Enumerable.Range(26, 5).Select(Id)], MobilityIds(page));
        Assert.Null(page.QuerySelector("a[rel=next]"));
        Assert.Contains("Viser 26–30 av 30", page.QuerySelector(".pager-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_size_of_50_shows_every_row_and_an_unknown_size_falls_back_to_25()
    {
        Assert.Equal(30, MobilityIds(await ListAsync("pageSize=50")).Count);
        Assert.Equal(25, MobilityIds(await ListAsync("pageSize=7")).Count);
    }

    [Fact]
    public async Task Paging_keeps_the_sort_and_filters_in_the_links()
    {
        var page = await ListAsync("Sort=mobilityid&Dir=desc&Status=Realised");

        Assert.Equal([.. Enumerable.Range(6, 25).Reverse().Select(Id)], MobilityIds(page));
        var next = page.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await ListAsync(next[(next.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        Assert.Equal([.. Enumerable.Range(1, 5).Reverse().Select(Id)], MobilityIds(second));
    }

    private static string Id(int n) => $"000009-MOB-{n:D5}";

    private async Task<IHtmlDocument> ListAsync(string query) =>
        await AppFixture.GetDocumentAsync(await records.ClientAsync(), "/mobiliteter?" + query);

    private static List<string> MobilityIds(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    public sealed class Records : AppFixture
    {
        private HttpClient? _client;

        public async Task<HttpClient> ClientAsync() => _client ??= await SignInAsAsync(TestRoles.Coordinator, "03");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var project = await data.ProjectAsync(await data.OrganisationAsync("46"));
            for (var n = 1; n <= 30; n++)
            {
                await data.MobilityAsync(project, participants: 2, mobilityId: Id(n), start: project.StartDate.AddDays(n));
            }
        }
    }
}

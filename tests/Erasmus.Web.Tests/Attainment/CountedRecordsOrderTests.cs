using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// The counted records of a target's page are in Norwegian name order (æ, ø, å last, case ignored). The page sorts
/// them by cached sort keys (decision 0021), which must order exactly as the comparer does.
/// </summary>
public sealed class CountedRecordsOrderTests(CountyViewTests.HandCountedCounties data) : IClassFixture<CountyViewTests.HandCountedCounties>
{
    [Fact]
    public void Sort_keys_order_names_exactly_as_the_Norwegian_comparer_does()
    {
        string[] names =
        [
            "Ålesund vgs", "alta vgs", "Øygarden vgs", "Æsøy skole", "aasen skule", "Bø vgs", "bo vgs", "2021-1-NO01-KA122-VET-000000010 – Bergen",
            "2021-1-NO01-KA122-VET-000000009 – Bergen", "2021-1-NO01-KA121-SCH-000000009 – bergen", "Zeta AS", "zeta as", "Éclair", "Eclair", "Ø", "O",
            "ü-skolen", "u-skolen", "Stord/Haugesund", "Stord Haugesund", "Stord-Haugesund", "",
        ];

        var byComparer = names.OrderBy(n => n, CountedRecordsQuery.NameOrder).ToList();
        var bySortKey = names.OrderBy(CountedRecordsQuery.NameSortKey, Comparer<System.Globalization.SortKey>.Create(System.Globalization.SortKey.Compare)).ToList();

        Assert.Equal(byComparer, bySortKey);
        Assert.Equal(names.Length, names.Select(n => Math.Sign(CountedRecordsQuery.NameOrder.Compare(n, "Øygarden vgs")))
            .Zip(names.Select(n => Math.Sign(System.Globalization.SortKey.Compare(CountedRecordsQuery.NameSortKey(n), CountedRecordsQuery.NameSortKey("Øygarden vgs")))))
            .Count(pair => pair.First == pair.Second));
    }

    [Theory]
    [InlineData(null, null, 1, 25, 0, 1)]
    [InlineData(null, null, 3, 10, 50, 3)]
    [InlineData(null, null, 99, 10, 50, 3)]
    [InlineData(null, "desc", 1, 25, 59, 1)]
    [InlineData("post", "desc", 3, 10, 9, 3)]
    [InlineData("ukjent", null, 2, 25, 25, 2)]
    [InlineData("bidrag", null, 2, 25, 34, 2)]
    public void A_page_of_the_whole_list_is_the_rows_in_their_kept_order(string? sort, string? direction, int page, int expectedCount, int expectedFirst,
        int expectedPage)
    {
        // 60 rows kept in name order; the contribution runs the other way, so sorting by it shows whether the rows were sorted.
        var rows = Enumerable.Range(0, 60).Select(i => new CountedRow("project", i, $"Prosjekt {i:D2}", 60 - i, 1, "46", "Vestland", null, 2021)).ToList();
        var query = new CountedRecordsQuery { Sort = sort, Dir = direction, Page = page };

        var shown = query.Apply(rows);

        Assert.Equal((60, expectedPage, expectedCount, expectedFirst), (shown.TotalCount, shown.Page, shown.Items.Count, shown.Items[0].Id));
        var step = direction == "desc" || sort == "bidrag" ? -1 : 1;
        Assert.All(shown.Items.Zip(shown.Items.Skip(1)), pair => Assert.Equal(pair.First.Id + step, pair.Second.Id));
    }

    [Fact]
    public async Task A_target_page_lists_its_counted_records_in_Norwegian_name_order()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30");
        var names = page.QuerySelectorAll("table.counted tbody tr").Select(r => r.QuerySelector("a, th")!.TextContent.Trim()).ToList();

        Assert.True(names.Count >= 2, $"The dataset has {names.Count} counted records; the order needs two.");
        Assert.Equal(names.OrderBy(n => n, CountedRecordsQuery.NameOrder), names);
    }
}

using AngleSharp.Html.Dom;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Shared;

/// <summary>#21 item 8: lists open where the user works, and remember the filters set on them for the sign-in session.</summary>
public sealed class ListMemoryTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Lists => ["/prosjekter", "/mobiliteter", "/akkrediteringer", "/organisasjoner"];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_coordinators_list_opens_on_their_county_with_all_of_Norway_one_click_away_and_back(string list)
    {
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var opened = await AppFixture.GetDocumentAsync(client, list);
        var all = await AppFixture.GetDocumentAsync(client, LinkNamed(opened, "Vis hele Norge"));
        var back = await AppFixture.GetDocumentAsync(client, LinkNamed(all, "Vis bare Vestland"));

        Assert.Equal("46", County(opened));
        Assert.Equal("", County(all));
        Assert.Equal("46", County(back));
    }

    [Theory]
    [InlineData(TestRoles.Administrator)]
    [InlineData(TestRoles.Analyst)]
    public async Task Administrators_and_analysts_open_lists_on_all_of_Norway(string role)
    {
        var client = await app.SignInAsAsync(role);

        foreach (var list in Lists)
        {
            var opened = await AppFixture.GetDocumentAsync(client, list);
            Assert.Equal("", County(opened));
            Assert.Contains("Viser hele Norge.", opened.QuerySelector(".list-scope")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(opened.QuerySelectorAll(".list-scope a"), a => a.TextContent.StartsWith("Vis bare", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Filters_set_on_a_list_are_there_again_when_it_is_opened_and_gone_after_reset()
    {
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        await AppFixture.GetDocumentAsync(client, "/prosjekter?Search=NO01&County=&Status=Granted&Sort=callyear&Dir=desc&PageSize=50&page=2");
        await AppFixture.GetDocumentAsync(client, "/organisasjoner?Type=Kindergarten");
        var again = await AppFixture.GetDocumentAsync(client, "/prosjekter");
        var organisations = await AppFixture.GetDocumentAsync(client, "/organisasjoner");
        var reset = await AppFixture.GetDocumentAsync(client, LinkNamed(again, "Nullstill filtre"));
        var afterReset = await AppFixture.GetDocumentAsync(client, "/prosjekter");

        Assert.Equal(("NO01", "", "Granted"), (Input(again, "Search"), County(again), Selected(again, "Status")));
        // The sort and page size come back too (in the pager's and sort headers' links), the page does not.
        Assert.Equal("descending", again.QuerySelector("th[aria-sort] a[href*='Sort=callyear']")!.ParentElement!.GetAttribute("aria-sort"));
        Assert.Equal("50", again.QuerySelector(".page-sizes strong[aria-current]")!.TextContent.Trim());
        Assert.Contains("Side 1 av", again.QuerySelector(".pager [aria-current=page]")!.TextContent, StringComparison.Ordinal);
        // Each list remembers its own filters (a query without a county is all of Norway, as asked).
        Assert.Equal(("", "Kindergarten"), (County(organisations), Selected(organisations, "Type")));
        Assert.Equal(("", "46", ""), (Input(reset, "Search"), County(reset), Selected(reset, "Status")));
        Assert.Equal(("", "46"), (Input(afterReset, "Search"), County(afterReset)));
    }

    [Fact]
    public async Task Remembered_values_that_no_longer_hold_are_left_out_one_by_one()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        // A county that does not exist (the list shows nothing for it when asked) is dropped; the status stays.
        await AppFixture.GetDocumentAsync(client, "/akkrediteringer?County=99&Status=Active&DecisionYear=2024");
        var again = await AppFixture.GetDocumentAsync(client, "/akkrediteringer");

        var pagerLink = again.QuerySelector(".page-sizes a")!.GetAttribute("href")!;
        Assert.Equal(("", "Active"), (County(again), Selected(again, "Status")));
        Assert.Contains("DecisionYear=2024", pagerLink, StringComparison.Ordinal);
        Assert.DoesNotContain("County=99", pagerLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_memory_is_a_cookie_of_the_list_for_the_browser_session_and_no_other_sign_in_can_use_it()
    {
        var email = await app.CreateUserAsync(TestRoles.Coordinator, "46");
        var first = await app.SignInAsync(email);
        var second = await app.SignInAsync(email);

        var response = await first.GetAsync(new Uri("/prosjekter?County=&Status=Granted", UriKind.Relative));
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("erasmus.list.prosjekter=", StringComparison.Ordinal));
        using var copied = new HttpRequestMessage(HttpMethod.Get, new Uri("/prosjekter", UriKind.Relative));
        copied.Headers.Add("Cookie", setCookie.Split(';')[0]);
        var elsewhere = await AppFixture.ParseAsync(await second.SendAsync(copied));

        Assert.Contains("path=/prosjekter", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("", "Granted"), (County(await AppFixture.GetDocumentAsync(first, "/prosjekter")), Selected(await AppFixture.GetDocumentAsync(first, "/prosjekter"), "Status")));
        Assert.Equal(("46", ""), (County(elsewhere), Selected(elsewhere, "Status")));
    }

    private static string LinkNamed(IHtmlDocument page, string text) =>
        page.QuerySelectorAll(".list-scope a").Single(a => a.TextContent.Trim() == text).GetAttribute("href")!;

    private static string County(IHtmlDocument page) => Selected(page, "County");

    private static string Selected(IHtmlDocument page, string id) => ((IHtmlSelectElement)page.QuerySelector($"form.filters select#{id}")!).Value ?? "";

    private static string Input(IHtmlDocument page, string id) => ((IHtmlInputElement)page.QuerySelector($"form.filters input#{id}")!).Value ?? "";
}

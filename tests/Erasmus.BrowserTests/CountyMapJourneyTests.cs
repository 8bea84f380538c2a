using Erasmus.DemoData;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// The county map and the trends as an analyst uses them with the keyboard: tab to a county's tile,
/// follow it to the county's view, in bokmål and in English, with axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CountyMapJourneyTests(AppServer server)
{
    [Theory]
    [InlineData("nb", "/mal?AsOf=2021-09-30&MapTarget=MOB-VET-LEARNERS", "/mal?AsOf=2021-09-30", "Fylkene på kart", "Utvikling per år: Vestland")]
    [InlineData("en", "/mal?AsOf=2021-09-30&MapTarget=MOB-VET-LEARNERS", "/mal?AsOf=2021-09-30", "The counties on a map", "Trends by year: Vestland")]
    public async Task From_the_dashboard_a_tile_is_reached_by_keyboard_and_leads_to_the_countys_view(string language, string start, string expectedStart,
        string mapHeading, string countyTrends)
    {
        var page = await SignInAsync(language);
        await page.GotoAsync(start);

        Assert.StartsWith(mapHeading, await page.Locator("#tile-map-heading").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(11, await page.Locator("svg.tile-map-svg a.tile").CountAsync());
        Assert.Equal(19, await page.Locator(".trend").CountAsync());
        await page.AssertNoViolationsAsync($"dashboard with the county map and trends ({language})");
        await page.ScreenshotAsync(server, $"county-map-dashboard-{language}");

        await TabToTileAsync(page, "46");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**County=46**");

        Assert.StartsWith(expectedStart, new Uri(page.Url).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(countyTrends, (await page.Locator("#trends-heading").InnerTextAsync()).Trim());
        Assert.Equal("true", await page.Locator("svg.tile-map-svg a.tile[data-county='46']").GetAttributeAsync("aria-current"));
        await page.AssertNoViolationsAsync($"a county's view with the map ({language})");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("nb", "Kartet som tabell")]
    [InlineData("en", "The map as a table")]
    public async Task From_a_targets_page_a_tile_leads_to_the_same_target_in_the_county(string language, string table)
    {
        var page = await SignInAsync(language);
        await page.GotoAsync("/mal/MOB-VET-LEARNERS?AsOf=2024-09-30");

        Assert.Equal(15, await page.Locator("svg.tile-map-svg a.tile").CountAsync());
        await page.GetByText(table, new() { Exact = true }).ClickAsync();
        Assert.Equal(15, await page.Locator("details.map-table tbody tr").CountAsync());
        await page.AssertNoViolationsAsync($"a target's page with the county map ({language})");
        await page.ScreenshotAsync(server, $"county-map-target-{language}");

        await TabToTileAsync(page, "56");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/mal/MOB-VET-LEARNERS?**County=56**");
        Assert.Contains("Finnmark", await page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string language)
    {
        var page = await server.SignInAsync(DemoUsers.AnalystEmail);
        if (language == "en")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        }

        return page;
    }

    /// <summary>Tabs from the map's own button, through the map's scroll region, to the county's tile: the keyboard path a person takes.</summary>
    private static async Task TabToTileAsync(IPage page, string county)
    {
        await page.Locator(".map-choices button").FocusAsync();
        for (var presses = 0; presses < 25; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-county')") == county)
            {
                return;
            }
        }

        Assert.Fail($"No tile for county {county} was reached with the Tab key.");
    }
}

using Erasmus.DemoData;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LanguageJourneyTests(AppServer server)
{
    [Fact]
    public async Task English_is_selectable_remembered_and_accessible()
    {
        var page = await server.SignInAsync(DemoUsers.AnalystEmail);

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GotoAsync("/mal?AsOf=2021-09-30");

        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Skip to main content", (await page.Locator(".skip-link").InnerTextAsync()).Trim());
        Assert.Contains("573 of 10,000", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("dashboard in English");
        await page.ScreenshotAsync(server, "dashboard-english");

        await page.GetByRole(AriaRole.Button, new() { Name = "Norsk (bokmål)" }).ClickAsync();
        Assert.Equal("nb", await page.Locator("html").GetAttributeAsync("lang"));
    }
}

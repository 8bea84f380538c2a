using Erasmus.Web.Data.Seed;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AnalystJourneyTests(AppServer server)
{
    [Fact]
    public async Task An_analyst_changes_date_and_basis_opens_a_target_and_drills_down_to_the_counted_records()
    {
        var page = await server.SignInAsync(DemoUsers.AnalystEmail);
        await page.AssertNoViolationsAsync("start page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Måloppnåelse", Exact = true }).First.ClickAsync();
        await page.GetByLabel("Per dato").FillAsync("2021-09-30");
        await page.GetByLabel("Tildelt").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await page.WaitForURLAsync("**/mal?AsOf=2021-09-30*");
        var vet = page.Locator(".target-card", new() { Has = page.Locator("a[href^='/mal/MOB-VET-LEARNERS']") });
        Assert.StartsWith("573 av 10", (await vet.Locator(".figure").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("dashboard, awarded basis");
        await page.ScreenshotAsync(server, "dashboard");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Statusrapport (Excel)" }).ClickAsync());
        Assert.Equal("statusrapport-2021-09-30-tildelt-hele-landet-alle-sektorer-fylker-per-dato.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"erasmus-journey-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            // An .xlsx is a zip: its first bytes are "PK".
            var head = new byte[2];
            await using (var file = File.OpenRead(path))
            {
                await file.ReadExactlyAsync(head);
                Assert.True(file.Length > 10_000, $"The workbook is only {file.Length} bytes.");
            }

            Assert.Equal("PK"u8.ToArray(), head);
        }
        finally
        {
            File.Delete(path);
        }

        await page.GetByLabel("Gjennomført").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await page.WaitForURLAsync("**Basis=realised*");
        await page.AssertNoViolationsAsync("dashboard, realised basis");

        await vet.Locator("h3 a").ClickAsync();
        await page.WaitForURLAsync("**/mal/MOB-VET-LEARNERS*");
        await page.AssertNoViolationsAsync("target detail");
        await page.ScreenshotAsync(server, "target-detail");
        var firstCounted = page.Locator("table.counted tbody tr a").First;
        var href = await firstCounted.GetAttributeAsync("href");
        await firstCounted.ClickAsync();
        await page.WaitForURLAsync("**" + href);
        Assert.Contains("/prosjekter/", page.Url, StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("a counted project");
    }

    [Fact]
    public async Task A_coordinator_is_refused_another_countys_edit_page()
    {
        var page = await server.SignInAsync("koordinator.11@demo.no");
        await page.GotoAsync("/organisasjoner?County=46");
        var href = await page.Locator("table.list tbody tr a").First.GetAttributeAsync("href");

        var response = await page.GotoAsync(href + "/endre");

        Assert.Equal(403, response!.Status);
        Assert.Equal("Ingen tilgang", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.AssertNoViolationsAsync("403 page");
    }

    [Fact]
    public async Task Keyboard_users_reach_the_main_content_by_the_skip_link_with_a_visible_focus()
    {
        var page = await server.SignInAsync(DemoUsers.AnalystEmail);

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.className + '|' + getComputedStyle(document.activeElement).outlineStyle");
        await page.Keyboard.PressAsync("Enter");
        var afterSkip = await page.EvaluateAsync<string>("() => document.activeElement.id");

        Assert.StartsWith("skip-link|solid", focused, StringComparison.Ordinal);
        Assert.Equal("main", afterSkip);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/mal")]
    [InlineData("/prosjekter")]
    [InlineData("/mobiliteter")]
    [InlineData("/organisasjoner")]
    [InlineData("/akkrediteringer")]
    public async Task Pages_are_usable_at_375_pixels_without_horizontal_scrolling(string path)
    {
        var page = await server.SignInAsync("koordinator.46@demo.no", width: 375);
        await page.GotoAsync(path);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var culprits = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
              .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
              .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + getComputedStyle(e).display + ' w=' + Math.round(e.getBoundingClientRect().width) + ' parent ' + e.parentElement.tagName + ' ' + getComputedStyle(e.parentElement).display + '/' + getComputedStyle(e.parentElement).overflowX + ' pw=' + Math.round(e.parentElement.getBoundingClientRect().width)).join(', ')
            """);

        Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a 375 px screen; too wide: {culprits}");
        await page.ScreenshotAsync(server, "narrow" + path.Replace('/', '-'));
    }
}

using Erasmus.DemoData;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>#21 items 6 and 8 in the browser: the project form filled from its number, and lists that open where the user works.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectFormAndListsJourneyTests(AppServer server)
{
    private const string RowsOnMoreThanOneLine = """
        () => [...document.querySelectorAll('table.project-list tbody tr')].filter(tr => [...tr.cells].some(td => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
        })).length
        """;

    [Fact]
    public async Task A_coordinator_in_English_gets_the_form_filled_from_the_number_and_lists_on_the_county_remembered()
    {
        var page = await server.SignInAsync("koordinator.46@demo.no");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // The projects list opens on the county, one line per project at 1 280 px.
        await page.GotoAsync("/prosjekter");
        Assert.Equal("46", await page.Locator("#County").InputValueAsync());
        Assert.True(await page.Locator("table.project-list tbody tr").CountAsync() > 0);
        Assert.Equal(0, await page.EvaluateAsync<int>(RowsOnMoreThanOneLine));
        await AssertFitsTheWindowAsync(page);
        await page.AssertNoViolationsAsync("projects list in English, on the county");
        await page.ScreenshotAsync(server, "projects-list-en-1280");

        // All of Norway is one click away, and stays chosen after going elsewhere.
        await page.GetByRole(AriaRole.Link, new() { Name = "Show all of Norway" }).ClickAsync();
        await page.WaitForURLAsync("**/prosjekter?County=*");
        Assert.Equal("", await page.Locator("#County").InputValueAsync());
        await page.GotoAsync("/mobiliteter");
        Assert.Equal("46", await page.Locator("#County").InputValueAsync());
        await page.AssertNoViolationsAsync("mobilities list in English, on the county");
        await page.GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true }).First.ClickAsync();
        Assert.Equal("", await page.Locator("#County").InputValueAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Show only Vestland" }).ClickAsync();
        await page.WaitForURLAsync("**/prosjekter?County=46*");
        Assert.Equal("46", await page.Locator("#County").InputValueAsync());

        // The form: typing the number fills what it says and brings the rows for it, without a reload.
        await page.GotoAsync("/prosjekter/ny");
        await page.EvaluateAsync("() => window.notReloaded = true");
        await page.Locator("#Reference").PressSequentiallyAsync("2023-2-NO01-KA121-SCH-0000");
        Assert.Equal(["KA121", "SCH", "2023", "2"], [await page.Locator("#Action").InputValueAsync(), await page.Locator("#Sector").InputValueAsync(),
            await page.Locator("#CallYear").InputValueAsync(), await page.Locator("#Round").InputValueAsync()]);
        Assert.StartsWith("Filled in from the project number:", await page.Locator("#reference-derived").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[id='Awarded_LM-GRP-PUPIL_']").WaitForAsync();
        await page.Locator("[id='Awarded_SM-JOB-SHDW_']").FillAsync("6");

        // A sector chosen by hand brings its rows and is not overwritten by more typing; a row that stays keeps its number.
        await page.SelectOptionAsync("#Sector", "VET");
        await page.Locator("[id='Awarded_LM-SHORT-VET_']").WaitForAsync();
        await page.Locator("#Reference").FillAsync("2023-2-NO01-KA121-ADU-000012345");
        Assert.Equal(("VET", "KA121"), (await page.Locator("#Sector").InputValueAsync(), await page.Locator("#Action").InputValueAsync()));
        Assert.Contains("updated for", await page.Locator("#awarded-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("6", await page.Locator("[id='Awarded_SM-JOB-SHDW_']").InputValueAsync());
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Update activity types" }).IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await page.AssertNoViolationsAsync("project form in English, filled from the number");
        await page.ScreenshotAsync(server, "project-form-en-1280");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(server, "project-form-en-390");
        await page.GotoAsync("/prosjekter");
        await page.AssertNoViolationsAsync("projects list in English at 390 px");
        await page.ScreenshotAsync(server, "projects-list-en-390");
    }

    [Fact]
    public async Task An_administrator_opens_lists_on_all_of_Norway_and_finds_the_filters_again_until_reset()
    {
        var page = await server.SignInAsync(DemoUsers.AdministratorEmail);

        foreach (var (list, name) in new[] { ("/prosjekter", "projects"), ("/mobiliteter", "mobilities"), ("/akkrediteringer", "accreditations"), ("/organisasjoner", "organisations") })
        {
            await page.GotoAsync(list);
            Assert.Equal("", await page.Locator("#County").InputValueAsync());
            Assert.Contains("Viser hele Norge.", await page.Locator(".list-scope").InnerTextAsync(), StringComparison.Ordinal);
            await page.AssertNoViolationsAsync($"{name} list for an administrator");
            await page.ScreenshotAsync(server, $"{name}-list-nb-1280");
        }

        await page.GotoAsync("/prosjekter");
        Assert.Equal(0, await page.EvaluateAsync<int>(RowsOnMoreThanOneLine));
        await AssertFitsTheWindowAsync(page);
        await page.SelectOptionAsync("#Status", "Granted");
        await page.SelectOptionAsync("#County", "03");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**Status=Granted*");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prosjekter", Exact = true }).First.ClickAsync();
        Assert.Equal(("03", "Granted"), (await page.Locator("#County").InputValueAsync(), await page.Locator("#Status").InputValueAsync()));
        Assert.Contains("Viser Oslo.", await page.Locator(".list-scope").InnerTextAsync(), StringComparison.Ordinal);

        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(server, "projects-list-nb-390");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Contains("Showing Oslo.", await page.Locator(".list-scope").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("projects list in English with remembered filters");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reset filters" }).ClickAsync();
        Assert.Equal(("", ""), (await page.Locator("#County").InputValueAsync(), await page.Locator("#Status").InputValueAsync()));
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(server, "projects-list-admin-en-390");
    }

    /// <summary>One line per row is no use if the line runs off the page: the list needs no sideways scrolling at the window's width.</summary>
    private static async Task AssertFitsTheWindowAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"The page is {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide in a window of {await page.EvaluateAsync<int>("() => window.innerWidth")} px.");
}

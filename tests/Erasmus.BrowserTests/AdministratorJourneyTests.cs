using Erasmus.DemoData;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AdministratorJourneyTests(AppServer server)
{
    [Fact]
    public async Task An_administrator_creates_a_coordinator_and_revises_a_target_value()
    {
        var page = await server.SignInAsync(DemoUsers.AdministratorEmail);
        var email = $"ny.koordinator.{Guid.NewGuid():N}@demo.no";

        await page.GotoAsync("/admin/brukere");
        await page.AssertNoViolationsAsync("user list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ny bruker" }).ClickAsync();
        await page.FillAsync("#Email", email);
        await page.FillAsync("#DisplayName", "Kari Koordinator");
        await page.SelectOptionAsync("#Role", "CountyCoordinator");
        await page.SelectOptionAsync("#CountyNumber", "50");
        await page.AssertNoViolationsAsync("new user form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opprett bruker" }).ClickAsync();
        var link = await page.Locator("#password-link").InputValueAsync();
        Assert.Contains("/konto/nytt-passord?", link, StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("one-time password link");

        await page.GotoAsync("/admin/mal/PART-COVE");
        await page.AssertNoViolationsAsync("target registry entry");
        await page.Locator("form[action$='/verdi'] input[name=Value]").FillAsync("7");
        await page.Locator("form[action$='/verdi'] input[name=EffectiveFrom]").FillAsync("2024-07-01");
        await page.Locator("form[action$='/verdi'] textarea[name=Note], form[action$='/verdi'] input[name=Note]").First.FillAsync("Midtveisrevisjon");
        await page.Locator("form[action$='/verdi'] button[type=submit]").ClickAsync();
        // The new value is a row of the value history (the form's hint mentions "Midtveisrevisjon" too, so the page's text proves nothing).
        var revision = page.Locator("table.value-history tbody tr", new() { HasText = "01.07.2024" });
        Assert.Equal(["01.07.2024", "7", "Midtveisrevisjon"], (await revision.Locator("td").AllInnerTextsAsync()).Take(3).Select(c => c.Trim()));
        await page.AssertNoViolationsAsync("target registry after the revision");

        var newUser = await server.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl });
        var linkPage = await newUser.NewPageAsync();
        await linkPage.GotoAsync(new Uri(link).PathAndQuery);
        await linkPage.FillAsync("#NewPassword", "Trondheim er en fin by");
        await linkPage.FillAsync("#ConfirmPassword", "Trondheim er en fin by");
        await linkPage.GetByRole(AriaRole.Button, new() { Name = "Sett passord" }).ClickAsync();
        await linkPage.FillAsync("#Email", email);
        await linkPage.FillAsync("#Password", "Trondheim er en fin by");
        await linkPage.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await linkPage.WaitForURLAsync(url => !url.Contains("/logg-inn", StringComparison.Ordinal));
        Assert.Contains("Trøndelag", await linkPage.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }
}

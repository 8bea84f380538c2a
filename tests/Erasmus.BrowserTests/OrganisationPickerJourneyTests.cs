using System.Text.RegularExpressions;
using Erasmus.DemoData;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// The organisation pickers (#21 item 5) as a keyboard user works them: search by organisation number, OID and
/// name, choose with the arrow keys and Enter, see and remove what is chosen, save, and find it saved; axe-clean
/// with the list open, in bokmål and English.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OrganisationPickerJourneyTests(AppServer server)
{
    [Fact]
    public async Task A_coordinator_changes_a_projects_coordinator_and_partners_from_the_keyboard_and_saves_them()
    {
        var page = await server.SignInAsync(DemoUsers.CoordinatorEmail("46"));
        await page.GotoAsync("/prosjekter?County=46&Action=KA122");
        var project = await page.Locator("table.list tbody tr td a[href^='/prosjekter/']").First.GetAttributeAsync("href");
        await page.GotoAsync(project + "/endre");
        var coordinator = new OrganisationPicker(page, "CoordinatorId");
        var partners = new OrganisationPicker(page, "PartnerIds");
        Assert.Equal(1, await coordinator.ByLabel("Koordinator").CountAsync());

        // The coordinator, found by its organisation number (one hit), chosen with Down and Enter.
        var offered = await coordinator.ChoicesAsync();
        var before = offered.Single(c => c.Selected);
        Assert.Equal(before.Name, await coordinator.Input.InputValueAsync());
        var newCoordinator = offered.First(c => c.Country == "NO" && !c.Selected && c.Number.Length > 0);
        await coordinator.TypeAsync(newCoordinator.Number);
        Assert.Equal(1, await coordinator.Hits.CountAsync());
        await Assertions.Expect(coordinator.Status).ToHaveTextAsync("1 treff");
        await coordinator.ChooseHitAsync();
        Assert.Equal(newCoordinator.Name, await coordinator.Input.InputValueAsync());
        Assert.Equal([newCoordinator.Value], await coordinator.SelectedValuesAsync());

        // Two partners: a foreign one by its OID in lower case, a Norwegian one by its name without capitals.
        var choices = await partners.ChoicesAsync();
        var foreign = choices.First(c => c.Country != "NO" && !c.Selected && c.Oid.Length > 0 && c.Value != newCoordinator.Value);
        var norwegian = choices.First(c => c.Country == "NO" && !c.Selected && c.Value != newCoordinator.Value && c.Value != before.Value && c.Name.Length > 6);
        await partners.TypeAsync(foreign.Oid.ToLowerInvariant());
        await partners.ChooseHitAsync();
        await Assertions.Expect(partners.Status).ToHaveTextAsync($"{foreign.Name} er lagt til.");
        await partners.TypeAsync(norwegian.Name.ToLowerInvariant());
        // Names that begin with what was typed come first.
        Assert.StartsWith(norwegian.Name, await partners.Hits.First.Locator(".picker-name").InnerTextAsync(), StringComparison.Ordinal);
        await partners.ChooseHitAsync();
        var chosen = await partners.Chosen.Locator(".picker-chip-name").AllInnerTextsAsync();
        Assert.Contains(foreign.Name, chosen);
        Assert.Contains(norwegian.Name, chosen);
        Assert.Contains(foreign.Value, await partners.SelectedValuesAsync());

        // The list open: axe-clean, at full width and on a phone.
        await partners.TypeAsync("a");
        await Assertions.Expect(partners.Status).ToHaveTextAsync(CountMessage());
        await page.AssertNoViolationsAsync("project form with the partner list open");
        await page.ScreenshotAsync(server, "picker-project-nb-1280");
        await page.SetViewportSizeAsync(390, 844);
        await page.AssertNoViolationsAsync("project form with the partner list open at 390 px");
        await page.ScreenshotAsync(server, "picker-project-nb-390");
        await page.SetViewportSizeAsync(1280, 900);
        await partners.Input.PressAsync("Escape");
        await Assertions.Expect(partners.Input).ToHaveAttributeAsync("aria-expanded", "false");
        await page.Locator(".organisation-field:has(select#PartnerIds)").ScreenshotAsync(new() { Path = Path.Combine(server.ScreenshotFolder, "picker-partners-chosen-nb.png") });

        // The Norwegian partner removed with its own button from the keyboard: focus stays in the field.
        var remove = page.GetByRole(AriaRole.Button, new() { Name = "Fjern " + norwegian.Name, Exact = true });
        await remove.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(remove).ToHaveCountAsync(0);
        await Assertions.Expect(partners.Status).ToHaveTextAsync($"{norwegian.Name} er fjernet.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches('.picker-remove, #PartnerIds-search')"));
        Assert.DoesNotContain(norwegian.Value, await partners.SelectedValuesAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/prosjekter/\d+$"));
        Assert.Contains(newCoordinator.Name, await page.Locator("#coordinator").InnerTextAsync(), StringComparison.Ordinal);
        var saved = await page.Locator("#partners tbody td:first-child").AllInnerTextsAsync();
        Assert.Contains(foreign.Name, saved);
        Assert.DoesNotContain(norwegian.Name, saved);
        await page.AssertNoViolationsAsync("project details after saving the picked organisations");
    }

    [Fact]
    public async Task An_analyst_in_english_picks_a_receiving_organisation_whose_country_the_select_reports()
    {
        var page = await server.SignInAsync(DemoUsers.AnalystEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GotoAsync("/mobiliteter");
        var mobility = await page.Locator("table.list tbody tr td a[href^='/mobiliteter/']").First.GetAttributeAsync("href");
        await page.GotoAsync(mobility + "/endre");
        var receiving = new OrganisationPicker(page, "ReceivingOrganisationId");
        Assert.Equal(1, await receiving.ByLabel("Receiving organisation").CountAsync());

        // Other scripts read the choice from the select: a bubbling change event and the option's country.
        await page.EvaluateAsync("() => document.addEventListener('change', e => { if (e.target.id === 'ReceivingOrganisationId') window.receivingCountry = e.target.selectedOptions[0].dataset.country; })");
        var choices = await receiving.ChoicesAsync();
        var target = choices.First(c => c.Country != "NO" && !c.Selected && c.Oid.Length > 0);
        await receiving.TypeAsync(target.Oid);
        await Assertions.Expect(receiving.Status).ToHaveTextAsync("1 result");
        await page.AssertNoViolationsAsync("mobility form with the receiving list open");
        await page.ScreenshotAsync(server, "picker-mobility-en-1280");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(server, "picker-mobility-en-390");
        await page.SetViewportSizeAsync(1280, 900);
        await receiving.ChooseHitAsync();
        Assert.Equal(target.Name, await receiving.Input.InputValueAsync());
        Assert.Equal(target.Country, await page.EvaluateAsync<string>("() => window.receivingCountry"));

        // A name typed and left without choosing falls back to the choice; an emptied box means none chosen.
        var sending = new OrganisationPicker(page, "SendingOrganisationId");
        await sending.TypeAsync("zzzz-no-such-organisation", expectHits: false);
        await Assertions.Expect(sending.Status).ToHaveTextAsync("No results");
        await Assertions.Expect(page.Locator(".organisation-field:has(select#SendingOrganisationId) .picker-empty")).ToBeVisibleAsync();
        await sending.Input.PressAsync("Enter");
        Assert.EndsWith("/endre", page.Url, StringComparison.Ordinal);
        var sendingBefore = await sending.SelectedValuesAsync();
        await sending.Input.PressAsync("Tab");
        Assert.Equal(sendingBefore, await sending.SelectedValuesAsync());
        await sending.Input.FocusAsync();
        await sending.Input.PressAsync("Control+A");
        await sending.Input.PressAsync("Backspace");
        await sending.Input.PressAsync("Tab");
        Assert.Equal([""], await sending.SelectedValuesAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/mobiliteter/\d+$"));
        var facts = await page.Locator("dl.facts").InnerTextAsync();
        Assert.Contains(target.Name, facts, StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("mobility details after saving the picked organisation");

        // The project form in English, its partner list open.
        await page.GotoAsync("/prosjekter?Action=KA122");
        var project = await page.Locator("table.list tbody tr td a[href^='/prosjekter/']").First.GetAttributeAsync("href");
        await page.GotoAsync(project + "/endre");
        var partners = new OrganisationPicker(page, "PartnerIds");
        await partners.TypeAsync("sk");
        await Assertions.Expect(partners.Status).ToHaveTextAsync(EnglishCountMessage());
        await page.AssertNoViolationsAsync("project form in English with the partner list open");
        await page.ScreenshotAsync(server, "picker-project-en-1280");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(server, "picker-project-en-390");
    }

    [GeneratedRegex(@"^(\d+ treff|1 treff|\d+ treff, de 20 første vises\. Skriv mer for å snevre inn\.)$")]
    private static partial Regex CountMessage();

    [GeneratedRegex(@"^(\d+ results|1 result|\d+ results, the first 20 shown\. Type more to narrow them down\.)$")]
    private static partial Regex EnglishCountMessage();
}

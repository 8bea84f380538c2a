using System.Globalization;
using Erasmus.DemoData;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// Entering many mobilities (#21 item 7) as a coordinator and as an administrator, in bokmål and English: the project page's
/// button, save and register next, the receiving country from the receiving organisation, copy, and the grid with a pasted block.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MobilityEntryJourneyTests(AppServer server)
{
    [Fact]
    public async Task A_coordinator_registers_one_after_another_copies_and_pastes_rows_into_the_grid_in_both_languages()
    {
        var (project, partner) = await ProjectAsync();
        var stem = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var page = await server.SignInAsync("koordinator.46@demo.no");

        // From the project page to the form; the receiving organisation brings its country.
        await page.GotoAsync($"/prosjekter/{project.Id}");
        await page.AssertNoViolationsAsync("project page with the register buttons");
        await page.Locator("#register-mobility").ClickAsync();
        await page.FillAsync("#MobilityId", $"{stem}-MOB-00001");
        await page.SelectOptionAsync("#ActivityTypeCode", "LM-SHORT-VET");
        await page.SelectOptionAsync("#ParticipantGroup", "Learner");
        // As the organisation picker does (its contract): the select takes the value and a bubbling change is dispatched on it.
        await page.Locator("select#ReceivingOrganisationId").EvaluateAsync(
            "(select, value) => { select.value = value; select.dispatchEvent(new Event('change', { bubbles: true })); }", partner.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("FI", await page.InputValueAsync("#ReceivingCountryCode"));
        await page.FillAsync("#StartDate", "2021-10-04");
        await page.FillAsync("#EndDate", "2021-10-22");
        await page.AssertNoViolationsAsync("new mobility form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre og registrer neste" }).ClickAsync();

        // The next form keeps the activity, the organisations and the dates, and suggests the next ID.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/mobiliteter/ny\?project=\d+&after=\d+$"));
        Assert.Contains($"Mobiliteten {stem}-MOB-00001 er registrert.", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"{stem}-MOB-00002", await page.InputValueAsync("#MobilityId"));
        Assert.Equal(("LM-SHORT-VET", "FI", "2021-10-04"), (await page.InputValueAsync("#ActivityTypeCode"), await page.InputValueAsync("#ReceivingCountryCode"), await page.InputValueAsync("#StartDate")));
        await page.AssertNoViolationsAsync("the next mobility's form");
        await page.ScreenshotAsync(server, "mobility-form-next-nb-1280");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/mobiliteter/\d+$"));

        // Copy: the form filled from the mobility with the next ID; nothing saved until registered.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Kopier {stem}-MOB-00002" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/mobiliteter/\d+/kopier$"));
        Assert.Equal($"{stem}-MOB-00003", await page.InputValueAsync("#MobilityId"));
        Assert.Equal("FI", await page.InputValueAsync("#ReceivingCountryCode"));
        await page.AssertNoViolationsAsync("a copied mobility's form");

        // The grid: two pasted 3 × 5 blocks from row 9 (a row is added), one value wrong.
        await page.GotoAsync($"/prosjekter/{project.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer mange mobiliteter i et rutenett" }).ClickAsync();
        await page.AssertNoViolationsAsync("the empty grid");
        await PasteAsync(page, "#Rows_8__MobilityId",
            $"{stem}-MOB-00011\tLM-SHORT-VET\tElev\tNei\tNei\r\n{stem}-MOB-00012\tLM-NOPE\tLearner\tNo\tJa\r\n{stem}-MOB-00013\tLM-SHORT-VET\tLearner\tNo\tNo\r\n");
        await PasteAsync(page, "#Rows_8__SendingCountry", "NO\tTyskland\t04.10.2021\t22.10.2021\t1\nNO\tDE\t2021-10-04\t2021-10-22\t1\nNO\tDE\t04.10.2021\t22.10.2021\t1");
        Assert.Equal(11, await page.Locator("#mobility-grid tr.grid-row").CountAsync());
        Assert.Equal(("Ja", "Tyskland", "1"), (await page.InputValueAsync("#Rows_9__FewerOpportunities"), await page.InputValueAsync("#Rows_8__ReceivingCountry"), await page.InputValueAsync("#Rows_10__Participants")));
        Assert.Contains("Limte inn 3 rader og 5 kolonner.", await page.Locator("#grid-status").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre alle radene" }).ClickAsync();
        Assert.Contains("Rad 10, Aktivitetstype: Ukjent aktivitetstype «LM-NOPE».", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#Rows_9__ActivityType", "aria-invalid"));
        await page.AssertNoViolationsAsync("the grid with an error");
        await page.ScreenshotAsync(server, "mobility-grid-errors-nb-1280");
        await page.Locator(".error-summary a").First.ClickAsync();
        await page.FillAsync("#Rows_9__ActivityType", "LM-SHORT-VET");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre alle radene" }).ClickAsync();
        await page.WaitForURLAsync("**/mobiliteter?Project=*");
        Assert.Contains("3 mobiliteter er registrert.", await page.Locator(".notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(5, await page.Locator("table.list tbody tr").CountAsync());
        await page.AssertNoViolationsAsync("the project's mobilities after the grid");

        // The same pages in English, and narrow.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GotoAsync($"/mobiliteter/rutenett?project={project.Id}");
        await page.FillAsync("#Rows_0__MobilityId", $"{stem}-MOB-00021");
        await page.FillAsync("#Rows_0__ActivityType", "LM-NOPE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save all rows" }).ClickAsync();
        Assert.Contains("Row 1, Activity type: Unknown activity type «LM-NOPE».", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("the grid with errors in English");
        await page.ScreenshotAsync(server, "mobility-grid-errors-en-1280");
        await page.GotoAsync($"/mobiliteter/ny?project={project.Id}");
        Assert.Equal($"{stem}-MOB-00014", await page.InputValueAsync("#MobilityId"));
        await page.AssertNoViolationsAsync("the mobility form in English");
        await page.ScreenshotAsync(server, "mobility-form-en-1280");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(server, "mobility-form-en-390");
        await page.GotoAsync($"/mobiliteter/rutenett?project={project.Id}");
        await page.AssertNoViolationsAsync("the grid in English, narrow");
        await page.ScreenshotAsync(server, "mobility-grid-en-390");
        await page.GetByRole(AriaRole.Button, new() { Name = "Norsk (bokmål)" }).ClickAsync();
        await page.GotoAsync($"/mobiliteter/rutenett?project={project.Id}");
        await page.ScreenshotAsync(server, "mobility-grid-nb-390");
        await page.GotoAsync($"/mobiliteter/ny?project={project.Id}");
        await page.ScreenshotAsync(server, "mobility-form-nb-390");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_is_offered_none_of_it_and_is_refused_the_grid_in_both_languages()
    {
        var (project, _) = await ProjectAsync();
        var page = await server.SignInAsync(DemoUsers.AdministratorEmail);

        foreach (var (language, title) in new[] { ("nb", "Ingen tilgang"), ("en", "No access") })
        {
            if (language == "en")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            }

            await page.GotoAsync($"/prosjekter/{project.Id}");
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
            Assert.Equal(0, await page.Locator("#register-mobility").CountAsync());
            Assert.Equal(0, await page.Locator("main a[href*='/mobiliteter/rutenett']").CountAsync());
            await page.AssertNoViolationsAsync($"project page for an administrator ({language})");
            var response = await page.GotoAsync($"/mobiliteter/rutenett?project={project.Id}");
            Assert.Equal(403, response!.Status);
            Assert.Contains(title, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            await page.AssertNoViolationsAsync($"the grid refused to an administrator ({language})");
        }

        await page.Context.CloseAsync();
    }

    /// <summary>Pastes tab-separated text into a cell as a spreadsheet's Ctrl+C would give it (a paste event with a DataTransfer).</summary>
    private static async Task PasteAsync(IPage page, string cell, string text)
    {
        await page.FocusAsync(cell);
        await page.EvaluateAsync("""
            ([selector, text]) => {
              const data = new DataTransfer();
              data.setData("text/plain", text);
              document.querySelector(selector).dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, new object[] { cell, text });
    }

    /// <summary>A 2021 VET project of a new Vestland school, with a Finnish partner, so the journey counts only its own mobilities.</summary>
    private async Task<(Project Project, Organisation Partner)> ProjectAsync()
    {
        await using var db = new ErasmusDbContext(TestDatabases.OptionsFor(server.ConnectionString));
        var data = new TestData(db);
        var school = await data.OrganisationAsync("46");
        var partner = await data.ForeignOrganisationAsync("FI");
        return (await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2021, partners: [partner]), partner);
    }
}

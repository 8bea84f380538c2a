using System.Text;
using Erasmus.DemoData;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PopulationJourneyTests(AppServer server)
{
    [Fact]
    public async Task An_administrator_sees_the_demo_figures_marked_and_previews_and_loads_a_population_file_in_both_languages()
    {
        var page = await server.SignInAsync(DemoUsers.AdministratorEmail);

        await page.GotoAsync("/admin/referansedata");
        Assert.Contains("Demotall", await page.Locator("#population").Locator("xpath=..").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("reference data with population figures");

        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "befolkning.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("fylke;lærested;år;gruppe;verdi\n46;;2035;VET-LEARNERS;14210\n99;;2035;VET-LEARNERS;10\n"
                + ";Universitetet i Bergen;2035;HED-STAFF;4100\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Forhåndsvis" }).ClickAsync();
        Assert.Contains("2 rader kan lagres; 1 rader har feil", await page.Locator(".summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Universitetet i Bergen", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("population preview with an institution");

        // A higher-education target's rates per institution, from the demo institutions' own figures.
        await page.GotoAsync("/mal/MOB-HED-STAFF?AsOf=2025-06-30");
        Assert.Contains("Universitetet i Bergen", await page.Locator("table.by-institution").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("a higher-education target's rates per institution");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GotoAsync("/admin/referansedata");
        Assert.Contains("Demo figures", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Higher education by institution", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("reference data with population figures in English");
        await page.GotoAsync("/mal/MOB-HED-STAFF?AsOf=2025-06-30");
        Assert.Equal("By institution", (await page.Locator("#per-institution").InnerTextAsync()).Trim());
        await page.AssertNoViolationsAsync("a higher-education target's rates per institution in English");
        await page.GetByRole(AriaRole.Button, new() { Name = "Norsk (bokmål)" }).ClickAsync();
    }
}

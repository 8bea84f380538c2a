using System.Globalization;
using System.Text;
using Erasmus.Domain.Rules;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// Issue #21 in the browser: a coordinator imports organisations through the page (preview with rejected rows
/// and their download, confirm), and a successor county's coordinator edits an organisation of a dissolved
/// county, which keeps its county. Every page axe-clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GoingLiveJourneyTests(AppServer server)
{
    [Fact]
    public async Task A_coordinator_imports_organisations_and_downloads_the_rejections()
    {
        var page = await server.SignInAsync("koordinator.46@demo.no");
        var serial = Random.Shared.Next(10_000_000, 99_999_999);
        var numbers = Enumerable.Range(0, 30)
            .Select(n => OrganisationNumber.TryWithCheckDigit(((serial + n) % 10_000_000 + 80_000_000).ToString(CultureInfo.InvariantCulture), out var candidate) ? candidate : null)
            .OfType<string>().Take(2).ToList();
        var number = numbers[0];
        var name = $"Importert skule {serial}";
        var csv = "OID,Legal Name,Country,City,Registration Number,Organisation Type,County\r\n"
            + $"E{serial},{name},Norge,Voss,{number},Videregående skole,Vestland\r\n"
            + $"E{serial + 1},Skule i Rogaland {serial},NO,Stavanger,{numbers[1]},Grunnskole,11\r\n";

        await page.GotoAsync("/import?type=organisasjoner");
        await page.AssertNoViolationsAsync("the organisation import page");
        await page.SetInputFilesAsync("#File", new FilePayload { Name = "organisasjoner.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Last opp og forhåndsvis" }).ClickAsync();
        await page.WaitForSelectorAsync("#preview-summary", new() { Timeout = 120_000 });

        Assert.Equal("1 nye, 0 endret, 0 uendret, 1 avvist", (await page.Locator("#preview-summary").InnerTextAsync()).Trim());
        Assert.Contains("Du kan bare registrere organisasjoner i ditt eget fylke.", await page.Locator("#rejected").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("the organisation import's preview");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#rejections-download a").First.ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Bekreft og lagre (1 nye, 0 endret)" }).ClickAsync();
        await page.WaitForSelectorAsync("#import-result", new() { Timeout = 120_000 });
        await page.AssertNoViolationsAsync("the confirmed organisation import");
        await page.GotoAsync($"/organisasjoner?Search={Uri.EscapeDataString(name)}");
        Assert.Equal(name, (await page.Locator("table.list tbody tr td a").First.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_successor_countys_coordinator_edits_an_organisation_of_a_dissolved_county_and_it_keeps_its_county()
    {
        var page = await server.SignInAsync("koordinator.32@demo.no");
        await page.GotoAsync($"/organisasjoner?Search={Uri.EscapeDataString("Viken fylkeskommune")}");
        await page.Locator("table.list tbody tr td a").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/organisasjoner/\d+$"));
        var details = page.Url;
        await page.GotoAsync(details + "/endre");

        Assert.Equal("30", await page.Locator("#CountyNumber").InputValueAsync());
        await page.AssertNoViolationsAsync("the edit page of an organisation in a dissolved county");
        await page.Locator("form.form button.button:not(.secondary)").Last.ClickAsync();
        await page.WaitForURLAsync(details);
        Assert.Contains("Viken", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync(details + "/endre");
        Assert.Equal("30", await page.Locator("#CountyNumber").InputValueAsync());
    }
}

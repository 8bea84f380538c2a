using Erasmus.DemoData;
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

            // The workbook's charts render in LibreOffice.
            var folder = Directory.CreateTempSubdirectory("erasmus-journey-pdf-");
            try
            {
                var text = await Erasmus.Web.Tests.Reports.PdfTools.TextAsync(await Erasmus.Web.Tests.Reports.PdfTools.WorkbookToPdfAsync(await File.ReadAllBytesAsync(path), folder.FullName));
                Assert.True(System.Text.RegularExpressions.Regex.Count(text, @"Figur 4\.1 Måloppnåelse for utveksling") >= 2, "The workbook's figure 4.1 chart was not drawn.");
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
        finally
        {
            File.Delete(path);
        }

        await PrintsTheReportAsync(page);

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

    /// <summary>From the dashboard to the printable report, printed to PDF by Chromium: A4 pages with every heading and figure.</summary>
    private async Task PrintsTheReportAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Statusrapport (utskrift)" }).ClickAsync();
        await page.WaitForURLAsync("**/rapport?AsOf=2021-09-30*");
        Assert.Equal("Deltakelse i tall og figurer", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Skriv ut / Lagre som PDF" }).IsVisibleAsync());
        await page.AssertNoViolationsAsync("report page");
        await page.ScreenshotAsync(server, "report");
        var headings = (await page.Locator("main h2, main h3, figure figcaption, table caption").AllInnerTextsAsync()).Select(h => h.Trim()).ToList();

        var pdf = Path.Combine(server.ScreenshotFolder, "report.pdf");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var pages = await Erasmus.Web.Tests.Reports.PdfTools.PagesAsync(pdf);
        Assert.InRange(pages, 4, 16);
        var text = Flat(await Erasmus.Web.Tests.Reports.PdfTools.TextAsync(pdf));
        Assert.DoesNotContain("Logg ut", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Skriv ut / Lagre som PDF", text, StringComparison.Ordinal);
        Assert.True(headings.Count > 30, $"Only {headings.Count} headings.");
        foreach (var heading in headings)
        {
            Assert.True(text.Contains(Flat(heading), StringComparison.Ordinal), $"The printed report lacks \"{heading}\".");
        }

        Assert.Contains("573 elever og lærlinger i fag- og yrkesopplæring, 5,7 % av målet på 10 000", text, StringComparison.Ordinal);

        // The same page in English.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync("**/rapport?AsOf=2021-09-30*");
        Assert.Equal("Participation in numbers and figures", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.AssertNoViolationsAsync("report page in English");
        await page.GetByRole(AriaRole.Button, new() { Name = "Norsk (bokmål)" }).ClickAsync();
        await page.WaitForURLAsync("**/rapport?AsOf=2021-09-30*");
        await page.GotoAsync("/mal?AsOf=2021-09-30&Basis=awarded");
    }

    /// <summary>Text with every run of white space (line breaks, non-breaking spaces) as one space.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), @"\s+", " ");

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

using System.Text;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// The target dashboard and its pages as a person uses them: choose parameters, read the overview table
/// and the cards, download, open a target, the county matrix. Texts are read as the page shows them,
/// with non-breaking spaces as plain ones.
/// </summary>
public sealed class DashboardPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(string query)
    {
        await Page.GotoAsync("/mal?" + query);
        await Page.Locator("h1").WaitForAsync();
    }

    /// <summary>Sets the parameter form's sector (by its label in the page's language) and shows the figures.</summary>
    public async Task ChooseSectorAsync(string sectorLabel, string showButton = "Vis")
    {
        await Page.Locator("form.controls select#Sector").SelectOptionAsync(new SelectOptionValue { Label = sectorLabel });
        await Page.Locator("form.controls").GetByRole(AriaRole.Button, new() { Name = showButton, Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**Sector=*");
    }

    public ILocator Card(string code) => Page.Locator(".target-card", new() { Has = Page.Locator($"h3 a[href^='/mal/{code}?']") });

    public async Task<string> CardTextAsync(string code) => Plain(await Card(code).InnerTextAsync());

    public async Task<IReadOnlyList<string>> OverviewCellsAsync(string code) =>
        [.. (await Page.Locator($"table.overview-table tr[data-code='{code}'] td").AllInnerTextsAsync()).Select(t => Plain(t).Trim())];

    public async Task<string> SummaryAsync() => Plain(await Page.Locator(".overview .summary").InnerTextAsync()).Trim();

    /// <summary>Every figure the page shows: the overview table, the cards and the charts' text alternatives.</summary>
    public async Task<string> FiguresAsync()
    {
        var text = new StringBuilder(await Page.Locator(".overview").InnerTextAsync());
        text.AppendJoin("\n", await Page.Locator(".target-card").AllInnerTextsAsync());
        foreach (var svg in await Page.Locator(".target-card svg[role=img]").AllAsync())
        {
            text.Append('\n').Append(await svg.GetAttributeAsync("aria-label"));
        }

        return Plain(text.ToString());
    }

    /// <summary>Clicks a download link and returns the suggested file name and the file's bytes.</summary>
    public async Task<(string FileName, byte[] Content)> DownloadAsync(ILocator link)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"erasmus-download-{Guid.NewGuid():N}");
        await download.SaveAsAsync(path);
        try
        {
            return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public ILocator DownloadLink(string name) => Page.Locator(".downloads").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public async Task OpenTargetAsync(string code)
    {
        await Card(code).Locator("h3 a").ClickAsync();
        await Page.WaitForURLAsync($"**/mal/{code}?*");
    }

    public async Task<int> HorizontalOverflowAsync() => await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    /// <summary>Switches the page's language with the header's button.</summary>
    public async Task SwitchLanguageAsync(string buttonName)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = buttonName }).ClickAsync();
        await Page.WaitForLoadStateAsync();
    }

    public static string Plain(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ');
}

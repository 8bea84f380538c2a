using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>Runs axe-core with the WCAG 2.1 A and AA rules on the page as it is now.</summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertNoViolationsAsync(this IPage page, string because)
    {
        var result = await page.RunAxe(Wcag21AA);
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        Assert.True(violations.Count == 0, $"axe found {violations.Count} WCAG 2.1 AA violation(s) on {page.Url} ({because}):\n" + string.Join("\n", violations));
    }

    /// <summary>Saves a screenshot to the git-ignored .data/screenshots folder.</summary>
    public static Task ScreenshotAsync(this IPage page, AppServer server, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(server.ScreenshotFolder, name + ".png"), FullPage = true });
}

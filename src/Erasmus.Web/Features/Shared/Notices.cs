using Microsoft.AspNetCore.Mvc;

namespace Erasmus.Web.Features.Shared;

/// <summary>The line the next page shows (`_Notice.cshtml`), one home for every controller that leaves one.</summary>
public static class Notices
{
    /// <summary>The TempData key `_Notice.cshtml` reads.</summary>
    public const string Key = "Message";

    /// <summary>Leaves the notice for the page the user goes to next, and goes there.</summary>
    public static IActionResult Notice(this Controller controller, string text, IActionResult next)
    {
        controller.TempData[Key] = text;
        return next;
    }
}

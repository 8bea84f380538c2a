using Erasmus.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Erasmus.Web.Features.Language;

/// <summary>Switches between bokmål (default) and English; the choice is remembered in a cookie for a year.</summary>
[AllowAnonymous]
public sealed class LanguageController : Controller
{
    [HttpPost("/sprak")]
    public IActionResult Set(string? culture, string? returnUrl)
    {
        var chosen = WebSetup.SupportedCultures.FirstOrDefault(c => c.Name == culture) ?? WebSetup.SupportedCultures[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

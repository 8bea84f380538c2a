using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Erasmus.Web.Features.Account;

/// <summary>
/// Sign-in through an organisation's identity provider: the sign-in page's link per provider starts it,
/// the provider's OpenID Connect handler receives the answer, and <see cref="Callback"/> links the person
/// to their user by verified e-mail or explains why not.
/// </summary>
[AllowAnonymous]
public sealed class ExternalLoginController(ExternalLoginOptions options, ExternalLoginSignIn externalSignIn) : Controller
{
    public const string StartPath = "/logg-inn/ekstern";
    public const string CallbackPath = "/logg-inn/ekstern/tilbake";

    // The feature folder is Account, not the controller's name.
    private const string RefusedView = "~/Features/Account/ExternalRefused.cshtml";
    private const string ReturnUrlItem = "returnUrl";
    private const string ProviderItem = "provider";

    /// <summary>
    /// A link rather than a form: the page's Content-Security-Policy (form-action 'self') would stop a
    /// form post that redirects on to the provider. Starting a sign-in changes nothing here, so GET is safe.
    /// </summary>
    [HttpGet(StartPath + "/{provider}")]
    public IActionResult Start(string provider, string? returnUrl)
    {
        if (options.Find(provider) is not { } found)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = CallbackPath };
        properties.Items[ProviderItem] = found.Name;
        properties.Items[ReturnUrlItem] = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        return Challenge(properties, found.Scheme);
    }

    /// <summary>The provider's handler has put the person in Identity's external cookie; turn that into a user's sign-in, or a refusal.</summary>
    [HttpGet(CallbackPath)]
    public async Task<IActionResult> Callback()
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external cookie has served its purpose, whatever the outcome.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null
            || options.Find(ItemOf(external.Properties, ProviderItem)) is not { } provider)
        {
            return Redirect(SecuritySetup.SignInPath);
        }

        var result = await externalSignIn.SignInAsync(provider, external.Principal);
        if (result.Outcome == ExternalSignInOutcome.SignedIn)
        {
            var returnUrl = ItemOf(external.Properties, ReturnUrlItem);
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View(RefusedView, result);
    }

    private static string? ItemOf(AuthenticationProperties? properties, string key) =>
        properties is not null && properties.Items.TryGetValue(key, out var value) ? value : null;

    [HttpGet(ExternalLoginSetup.FailedPath)]
    public IActionResult Failed(string? provider) =>
        View(RefusedView, new ExternalSignInResult(ExternalSignInOutcome.ProviderFailed, options.Find(provider)?.Options.DisplayName ?? ""));
}

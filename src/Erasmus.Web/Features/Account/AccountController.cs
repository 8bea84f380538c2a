using System.ComponentModel.DataAnnotations;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Observability;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Erasmus.Web.Features.Account;

/// <summary>Sign-in, sign-out, changing one's own password and setting it from a one-time link.</summary>
public sealed class AccountController(ErasmusSignInManager signIn, UserManager<ApplicationUser> users, PasswordLinkTokenProvider links, UserSessions sessions)
    : Controller
{
    /// <summary>
    /// One message for an unknown address, a wrong password, a locked and a deactivated account, so the
    /// form does not tell which addresses have accounts; it says what a locked-out user needs to know.
    /// </summary>
    private const string FailedSignInMessage = "Innloggingen mislyktes. Sjekk e-postadressen og passordet. Etter fem mislykkede forsøk stenges kontoen i 15 minutter; kommer du ikke inn, kontakt en administrator.";

    private const string LinkSupersededMessage = "Det er laget en nyere lenke for denne brukeren, så denne virker ikke lenger. Bruk den nyeste lenken, eller be administratoren om en ny.";

    private const string LinkExpiredMessage = "Lenken er utløpt. Lenker for å sette nytt passord virker i 2 timer (for nye brukere i 3 dager). Be administratoren om en ny.";

    [AllowAnonymous]
    [HttpGet(SecuritySetup.SignInPath)]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost(SecuritySetup.SignInPath)]
    public async Task<IActionResult> Login(LoginForm form, [FromServices] ErasmusMetrics metrics, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var result = await signIn.PasswordSignInByEmailAsync(form.Email, form.Password, cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/");
        }

        metrics.SignInFailed(result);
        ModelState.AddModelError("", FailedSignInMessage);
        return View(form);
    }

    /// <summary>Ends the session on the server too: the cookie, replayed, no longer signs anyone in.</summary>
    [HttpPost("/logg-ut")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return Redirect(SecuritySetup.SignInPath);
    }

    [HttpGet("/konto/passord")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("/konto/passord")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), error.Description);
            }

            return View(form);
        }

        // The new password ends every other session of the user (a stolen cookie among them); this browser gets a new one.
        await sessions.EndAllAsync(user.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        return this.Notice("Passordet er endret.", Redirect("/"));
    }

    /// <summary>The one-time link an administrator hands a new user or one who forgot the password.</summary>
    [AllowAnonymous]
    [HttpGet("/konto/nytt-passord")]
    public async Task<IActionResult> SetPassword(string? userId, string? token)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token))
        {
            return NotFound();
        }

        var form = new SetPasswordForm { UserId = userId, Token = token };
        if (await LinkProblemAsync(await users.FindByIdAsync(userId), token) is { } problem)
        {
            ModelState.AddModelError("", problem);
        }

        return View(form);
    }

    [AllowAnonymous]
    [HttpPost("/konto/nytt-passord")]
    public async Task<IActionResult> SetPassword(SetPasswordForm form)
    {
        var user = ModelState.GetFieldValidationState(nameof(form.UserId)) == ModelValidationState.Valid
            ? await users.FindByIdAsync(form.UserId)
            : null;
        // A link that no longer works says so whatever was typed, and the form is not shown again.
        if (await LinkProblemAsync(user, form.Token) is { } problem)
        {
            ModelState.Clear();
            ModelState.AddModelError("", problem);
            return View(form);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var result = await users.ResetPasswordAsync(user!, form.Token, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? "" : nameof(form.NewPassword), error.Description);
            }

            return View(form);
        }

        // The link is spent, and whoever was signed in as this user (with the old password) is signed out.
        await PasswordLinkTokenProvider.ForgetAsync(users, user!);
        await sessions.EndAllAsync(user!.Id);
        return this.Notice("Passordet er satt. Logg inn med det nye passordet.", Redirect(SecuritySetup.SignInPath));
    }

    /// <summary>Null when the link works; otherwise why not, in words the holder can act on.</summary>
    private async Task<string?> LinkProblemAsync(ApplicationUser? user, string? token)
    {
        var state = user is null || user.IsDeactivated || string.IsNullOrEmpty(token)
            ? PasswordLinkState.Invalid
            : await links.InspectAsync(UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token, users, user);
        ViewData["LinkWorks"] = state == PasswordLinkState.Valid;
        return state switch
        {
            PasswordLinkState.Valid => null,
            PasswordLinkState.Superseded => LinkSupersededMessage,
            PasswordLinkState.Expired => LinkExpiredMessage,
            _ => users.ErrorDescriber.InvalidToken().Description,
        };
    }
}

public sealed class LoginForm
{
    [Label("E-post")]
    [Required(ErrorMessage = "Skriv inn e-postadressen din.")]
    [EmailAddress(ErrorMessage = "Skriv inn en gyldig e-postadresse.")]
    [Display(Name = "E-post")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [Label("Passord")]
    [Required(ErrorMessage = "Skriv inn passordet ditt.")]
    [Display(Name = "Passord")]
    [DataType(DataType.Password)]
    [StringLength(200)]
    public string Password { get; set; } = "";

    public string? ReturnUrl { get; set; }
}

/// <summary>A new password typed twice: changing one's own and setting it from a link ask for it alike.</summary>
public abstract class NewPasswordForm
{
    [Label("Nytt passord")]
    [Required(ErrorMessage = "Skriv inn et nytt passord.")]
    [Display(Name = "Nytt passord")]
    [DataType(DataType.Password)]
    [StringLength(200)]
    public string NewPassword { get; set; } = "";

    [Label("Gjenta nytt passord")]
    [Required(ErrorMessage = "Gjenta det nye passordet.")]
    [Compare(nameof(NewPassword), ErrorMessage = "Passordene er ikke like.")]
    [Display(Name = "Gjenta nytt passord")]
    [DataType(DataType.Password)]
    [StringLength(200)]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordForm : NewPasswordForm
{
    [Label("Nåværende passord")]
    [Required(ErrorMessage = "Skriv inn nåværende passord.")]
    [Display(Name = "Nåværende passord")]
    [DataType(DataType.Password)]
    [StringLength(200)]
    public string CurrentPassword { get; set; } = "";
}

public sealed class SetPasswordForm : NewPasswordForm
{
    [Required]
    public string UserId { get; set; } = "";

    [Required]
    public string Token { get; set; } = "";
}

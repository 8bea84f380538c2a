using System.Security.Claims;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Observability;
using Microsoft.AspNetCore.Identity;

namespace Erasmus.Web.Infrastructure.Security;

public enum ExternalSignInOutcome
{
    SignedIn,

    /// <summary>No user has the address: the person asks an administrator; no account is ever created here.</summary>
    UnknownPerson,

    /// <summary>No address, one the provider does not vouch for, or one outside the provider's domains.</summary>
    EmailNotVerified,

    LockedOut,

    /// <summary>The user is deactivated.</summary>
    NotAllowed,

    /// <summary>The provider answered with an error, or the answer could not be checked.</summary>
    ProviderFailed,
}

public sealed record ExternalSignInResult(ExternalSignInOutcome Outcome, string ProviderName, string? Email = null);

/// <summary>
/// Links a person signed in at an organisation's identity provider to this application's user with the
/// same verified e-mail address, and signs that user in exactly as a password does: the same server-side
/// session (<see cref="ErasmusSignInManager"/>), roles and county from the user administration, the same
/// refusal of locked and deactivated users. See docs/decisions/0010-external-sign-in-by-verified-email.md.
/// </summary>
public sealed class ExternalLoginSignIn(ErasmusSignInManager signIn, ErasmusMetrics metrics, ILogger<ExternalLoginSignIn> logger)
{
    public async Task<ExternalSignInResult> SignInAsync(ExternalProvider provider, ClaimsPrincipal external)
    {
        var settings = provider.Options;
        var email = external.FindFirst(settings.EmailClaim)?.Value.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return Refuse(provider, ExternalSignInOutcome.EmailNotVerified, null, "the provider sent no e-mail address");
        }

        if (!IsVerified(external, settings))
        {
            return Refuse(provider, ExternalSignInOutcome.EmailNotVerified, email, "the provider does not say the e-mail address is verified");
        }

        if (settings.EmailDomains.Count > 0 && !settings.EmailDomains.Any(d => email.EndsWith("@" + d.Trim().TrimStart('@'), StringComparison.OrdinalIgnoreCase)))
        {
            return Refuse(provider, ExternalSignInOutcome.EmailNotVerified, email, "the address is outside the provider's domains");
        }

        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return Refuse(provider, ExternalSignInOutcome.UnknownPerson, email, "no user has the e-mail address");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Refuse(provider, ExternalSignInOutcome.LockedOut, email, "the user is locked out");
        }

        if (!await signIn.CanSignInAsync(user))
        {
            return Refuse(provider, ExternalSignInOutcome.NotAllowed, email, "the user is deactivated");
        }

        // The same sign-in as a password's: a new server-side session, the roles and county of the user administration.
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: provider.Scheme);
        logger.LogInformation("{UserName:l} signed in through {Provider:l}", user.UserName, provider.Name);
        return new ExternalSignInResult(ExternalSignInOutcome.SignedIn, settings.DisplayName, email);
    }

    /// <summary>
    /// <c>email_verified</c> true (a JSON boolean, or the string some providers send), or a provider whose
    /// addresses are the organisation's own by configuration.
    /// </summary>
    private static bool IsVerified(ClaimsPrincipal external, ExternalProviderOptions settings) =>
        settings.EmailsAreVerified
        || (external.FindFirst("email_verified")?.Value is { } verified && bool.TryParse(verified, out var yes) && yes);

    private ExternalSignInResult Refuse(ExternalProvider provider, ExternalSignInOutcome outcome, string? email, string why)
    {
        logger.LogWarning("External sign-in through {Provider:l} refused for {Email:l}: {Reason:l}", provider.Name, email ?? "(none)", why);
        metrics.ExternalSignInRefused(outcome switch
        {
            ExternalSignInOutcome.UnknownPerson => "unknown_user",
            ExternalSignInOutcome.EmailNotVerified => "email_not_verified",
            ExternalSignInOutcome.LockedOut => "locked_out",
            _ => "not_allowed",
        });
        return new ExternalSignInResult(outcome, provider.Options.DisplayName, email);
    }
}

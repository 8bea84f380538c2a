using System.Security.Claims;
using System.Security.Cryptography;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// Identity's sign-in with two changes. Every sign-in starts a server-side session that the cookie names
/// and sign-out ends (<see cref="UserSessions"/>). And an attempt costs the same password hashing
/// whatever the account: unknown, without a password, locked, deactivated or real, so neither the
/// answer nor its time tells which addresses exist (the controller gives one message for them all);
/// a failed attempt also takes at least <see cref="FailedAttemptFloor"/>.
/// </summary>
public sealed class ErasmusSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    UserSessions sessions,
    TimeProvider time)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>
    /// A failed attempt is answered no sooner than this after it began. The hashing is the same for
    /// every account; this also covers what is left: the failed-attempt count written for a real
    /// account (one UPDATE, a few milliseconds, more on a busy database).
    /// </summary>
    public static readonly TimeSpan FailedAttemptFloor = TimeSpan.FromMilliseconds(250);

    private static readonly ApplicationUser NobodyInParticular = new();
    private static string? _standInHash;

    /// <summary>Signs in by e-mail address, with lockout after repeated failures.</summary>
    public async Task<SignInResult> PasswordSignInByEmailAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var user = await UserManager.FindByEmailAsync(email);
        SignInResult result;
        if (user is null)
        {
            HashAnyway(password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        }

        var remaining = FailedAttemptFloor - time.GetElapsedTime(started);
        if (!result.Succeeded && remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, time, cancellationToken);
        }

        return result;
    }

    /// <summary>Identity refuses these accounts before it hashes anything; hash first, so that they take as long as any.</summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        if (user.PasswordHash is null || await IsLockedOut(user) || !await CanSignInAsync(user))
        {
            HashAnyway(password);
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var session = await sessions.StartAsync(user.Id, Context.RequestAborted);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(ErasmusClaims.Session, session.ToString())]);
    }

    /// <summary>A new cookie for the user (after a password change) replaces the session of the old one.</summary>
    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        await EndCurrentSessionAsync();
        await base.RefreshSignInAsync(user);
    }

    public override async Task SignOutAsync()
    {
        await EndCurrentSessionAsync();
        await base.SignOutAsync();
    }

    /// <summary>
    /// The cookie's check on every request (<see cref="CookieAuthenticationEvents.OnValidatePrincipal"/>):
    /// its session must exist, be unexpired and belong to an active user whose security stamp is the
    /// one the cookie was issued under. Otherwise the cookie is deleted and the request is anonymous.
    /// </summary>
    public static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        bool active;
        try
        {
            active = SessionOf(principal) is { } id
                && principal!.FindFirst(claims.UserIdClaimType)?.Value is { } userId
                && principal.FindFirst(claims.SecurityStampClaimType)?.Value is { } stamp
                && await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().IsActiveAsync(id, userId, stamp, context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (DatabaseOutage.IsOutage(ex) && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            // The database is away: what anyone may see (health probes, the sign-in page) is served as to a
            // visitor, and the cookie is kept for when it is back. Every other page answers 503.
            context.RejectPrincipal();
            return;
        }

        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    private static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(ErasmusClaims.Session)?.Value, out var id) ? id : null;

    private async Task EndCurrentSessionAsync()
    {
        if (SessionOf(Context.User) is { } id)
        {
            await sessions.EndAsync(id, CancellationToken.None);
        }
    }

    /// <summary>The same work as checking a real password: a hash made by the same hasher with the same settings.</summary>
    private void HashAnyway(string password)
    {
        var hasher = UserManager.PasswordHasher;
        var hash = _standInHash ??= hasher.HashPassword(NobodyInParticular, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(NobodyInParticular, hash, password);
    }
}

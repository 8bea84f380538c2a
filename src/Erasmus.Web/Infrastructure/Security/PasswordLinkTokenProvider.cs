using System.Security.Cryptography;
using System.Text;
using Erasmus.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>What a one-time password link is worth when it is opened.</summary>
public enum PasswordLinkState
{
    Valid,

    /// <summary>Broken, for another user, or already used (the password was set with it, or changed since).</summary>
    Invalid,

    /// <summary>The administrator has made a newer link for the same user since.</summary>
    Superseded,

    Expired,
}

/// <summary>
/// The tokens of the one-time password links administrators hand out. Only the newest link of a user
/// works: each link carries a random id, and the user's current one is kept in <c>user_tokens</c>. A
/// link to reset a password lives <see cref="ResetLifetime"/>; a new user's first link (the user has no
/// password yet) lives <see cref="NewUserLifetime"/>, as it may wait over a weekend. The token is
/// protected with the data-protection keys and names the security stamp, so setting or changing the
/// password ends it.
/// </summary>
public sealed class PasswordLinkTokenProvider(IDataProtectionProvider protection, TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string Name = "PasswordLink";

    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(2);

    public static readonly TimeSpan NewUserLifetime = TimeSpan.FromDays(3);

    private const string StoreProvider = "Erasmus";
    private const string StoreName = "CurrentPasswordLink";

    private readonly IDataProtector _protector = protection.CreateProtector("Erasmus.PasswordLink.v1");

    public async Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var linkId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        // Stored first: from now on every older link of this user is superseded.
        var stored = await manager.SetAuthenticationTokenAsync(user, StoreProvider, StoreName, linkId);
        if (!stored.Succeeded)
        {
            throw new InvalidOperationException("The password link could not be stored: " + string.Join(", ", stored.Errors.Select(e => e.Code)));
        }

        var token = new LinkToken(user.Id, purpose, linkId, await manager.GetSecurityStampAsync(user), time.GetUtcNow(),
            user.PasswordHash is null ? NewUserLifetime : ResetLifetime);
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(token.ToString())));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        await InspectAsync(purpose, token, manager, user) == PasswordLinkState.Valid;

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(false);

    /// <summary>Why a link does or does not work, for a message the holder understands.</summary>
    public async Task<PasswordLinkState> InspectAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (Read(token) is not { } link || link.UserId != user.Id || link.Purpose != purpose
            || link.SecurityStamp != await manager.GetSecurityStampAsync(user))
        {
            return PasswordLinkState.Invalid;
        }

        var current = await manager.GetAuthenticationTokenAsync(user, StoreProvider, StoreName);
        if (current is null)
        {
            return PasswordLinkState.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(current), Encoding.ASCII.GetBytes(link.LinkId)))
        {
            return PasswordLinkState.Superseded;
        }

        return time.GetUtcNow() > link.IssuedAt + link.Lifetime ? PasswordLinkState.Expired : PasswordLinkState.Valid;
    }

    /// <summary>Once the password is set the link is spent; the stored id goes too, so no link of this user works any more.</summary>
    public static Task<IdentityResult> ForgetAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        manager.RemoveAuthenticationTokenAsync(user, StoreProvider, StoreName);

    private LinkToken? Read(string token)
    {
        try
        {
            return LinkToken.Parse(Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private sealed record LinkToken(string UserId, string Purpose, string LinkId, string SecurityStamp, DateTimeOffset IssuedAt, TimeSpan Lifetime)
    {
        private const char Separator = '\n';

        public override string ToString() => string.Join(Separator, UserId, Purpose, LinkId, SecurityStamp,
            IssuedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ((long)Lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

        public static LinkToken? Parse(string text)
        {
            var parts = text.Split(Separator);
            return parts.Length == 6
                && long.TryParse(parts[4], System.Globalization.CultureInfo.InvariantCulture, out var issued)
                && long.TryParse(parts[5], System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? new LinkToken(parts[0], parts[1], parts[2], parts[3], DateTimeOffset.FromUnixTimeMilliseconds(issued), TimeSpan.FromSeconds(seconds))
                : null;
        }
    }
}

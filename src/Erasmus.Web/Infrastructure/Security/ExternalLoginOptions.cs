using System.Text.RegularExpressions;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// The organisations' identity providers (OpenID Connect) users may sign in through, from the
/// configuration section <c>ExternalLogin:Providers</c>, keyed by a short name. None by default:
/// then the sign-in page shows the password form only.
/// </summary>
public sealed partial class ExternalLoginOptions
{
    public const string Section = "ExternalLogin";

    public Dictionary<string, ExternalProviderOptions> Providers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The providers that are switched on, in the order of their names.</summary>
    public IReadOnlyList<ExternalProvider> Enabled() =>
        [.. Providers.Where(p => p.Value.Enabled).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ExternalProvider(p.Key, p.Value))];

    public ExternalProvider? Find(string? name) =>
        name is not null && Providers.TryGetValue(name, out var provider) && provider.Enabled ? new ExternalProvider(name, provider) : null;

    /// <summary>Reads the section and refuses a provider with a setting missing, so that a wrong configuration stops the start, not a user's sign-in.</summary>
    public static ExternalLoginOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ExternalLoginOptions>() ?? new ExternalLoginOptions();
        var problems = new List<string>();
        foreach (var (name, provider) in options.Providers.Where(p => p.Value.Enabled))
        {
            var at = $"{Section}:Providers:{name}";
            if (!ProviderName().IsMatch(name))
            {
                problems.Add($"{at}: the name must be 1–40 lower-case letters, digits or hyphens (it becomes the callback path /signin-oidc-{name}).");
            }

            if (string.IsNullOrWhiteSpace(provider.DisplayName))
            {
                problems.Add($"{at}:DisplayName is required (the sign-in button's text).");
            }

            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                problems.Add($"{at}:Authority must be the provider's absolute address (its issuer).");
            }
            else if (authority.Scheme == "http" && provider.RequireHttpsMetadata)
            {
                problems.Add($"{at}:Authority must use https (RequireHttpsMetadata=false is for local tests only).");
            }

            if (string.IsNullOrWhiteSpace(provider.ClientId))
            {
                problems.Add($"{at}:ClientId is required.");
            }

            if (string.IsNullOrWhiteSpace(provider.ClientSecret))
            {
                problems.Add($"{at}:ClientSecret is required (give it as a secret: environment variable or secret store, never in appsettings.json).");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("External sign-in is misconfigured:\n" + string.Join("\n", problems));
        }

        return options;
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex ProviderName();
}

/// <summary>One identity provider (Entra ID, Feide, ID-porten through a broker, ...).</summary>
public sealed class ExternalProviderOptions
{
    /// <summary>False keeps the settings but shows no button and accepts no sign-in through it.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The button's text after "Logg inn med", e.g. "HK-dir (Microsoft Entra ID)".</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>The issuer; its /.well-known/openid-configuration is read at the first sign-in.</summary>
    public string Authority { get; init; } = "";

    public string ClientId { get; init; } = "";

    public string ClientSecret { get; init; } = "";

    /// <summary>Scopes to ask for besides <c>openid</c>; empty: <c>profile</c> and <c>email</c> (the e-mail is what links a sign-in to a user).</summary>
    public List<string> Scopes { get; init; } = [];

    /// <summary>The claim holding the person's e-mail address (Entra ID: <c>email</c>, or <c>preferred_username</c> in a single tenant).</summary>
    public string EmailClaim { get; init; } = "email";

    /// <summary>
    /// The provider does not send <c>email_verified</c>, but its addresses are the organisation's own and
    /// verified (a single-tenant Entra ID, Feide). Leave false for any provider where a person can set
    /// their own address; then only <c>email_verified: true</c> links a sign-in to a user.
    /// </summary>
    public bool EmailsAreVerified { get; init; }

    /// <summary>When set, only addresses in these domains are taken from this provider (e.g. "hkdir.no").</summary>
    public List<string> EmailDomains { get; init; } = [];

    /// <summary>Read the claims from the userinfo endpoint too (Feide puts the e-mail there).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; init; }

    /// <summary>Only a local test provider may be reached over plain http.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
}

public sealed record ExternalProvider(string Name, ExternalProviderOptions Options)
{
    public const string SchemePrefix = "oidc-";

    /// <summary>The authentication scheme of this provider's OpenID Connect handler.</summary>
    public string Scheme => SchemePrefix + Name;

    /// <summary>Where the provider sends the browser back: register it as the redirect URI at the provider.</summary>
    public string CallbackPath => "/signin-oidc-" + Name;
}

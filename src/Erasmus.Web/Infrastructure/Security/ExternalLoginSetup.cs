using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// One OpenID Connect handler per configured identity provider: authorization code flow with PKCE, the
/// result kept for a moment in Identity's external cookie, from which <see cref="ExternalLoginSignIn"/>
/// links it to a user by verified e-mail. No provider is configured by default.
/// </summary>
public static class ExternalLoginSetup
{
    /// <summary>Where a failed or cancelled sign-in at the provider ends up.</summary>
    public const string FailedPath = "/logg-inn/ekstern/feil";

    public static IServiceCollection AddErasmusExternalLogin(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ExternalLoginOptions.From(configuration);
        services.AddSingleton(options);
        services.AddScoped<ExternalLoginSignIn>();
        var authentication = services.AddAuthentication();
        foreach (var provider in options.Enabled())
        {
            authentication.AddOpenIdConnect(provider.Scheme, provider.Options.DisplayName, o => Configure(o, provider));
        }

        return services;
    }

    private static void Configure(OpenIdConnectOptions o, ExternalProvider provider)
    {
        var settings = provider.Options;
        o.SignInScheme = IdentityConstants.ExternalScheme;
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.CallbackPath = provider.CallbackPath;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
        // SameSite=Lax and work on plain http in development too (form_post needs SameSite=None, thus https).
        // The code is useless without the PKCE verifier and the client secret, and no log holds query strings.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Scope.Clear();
        foreach (var scope in (string[])["openid", .. settings.Scopes.Count > 0 ? settings.Scopes : ["profile", "email"]])
        {
            o.Scope.Add(scope);
        }

        // The claims as the provider names them ("email", "email_verified"), not mapped to WS-* URIs.
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = settings.GetClaimsFromUserInfoEndpoint;
        o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        o.ClaimActions.MapUniqueJsonKey(settings.EmailClaim, settings.EmailClaim);
        // A refusal or an error at the provider (the user cancelled, a wrong secret) is a page, not an exception.
        o.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalLoginSetup))
                .LogWarning(context.Failure, "External sign-in through {Provider:l} failed at the provider or on the way back", provider.Name);
            context.HttpContext.RequestServices.GetRequiredService<Observability.ErasmusMetrics>().ExternalSignInRefused("provider_error");
            context.Response.Redirect($"{FailedPath}?provider={Uri.EscapeDataString(provider.Name)}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}

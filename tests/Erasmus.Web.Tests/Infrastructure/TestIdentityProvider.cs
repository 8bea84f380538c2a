using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server) on a Kestrel port of this process, standing in for
/// an organisation's Entra ID or Feide: discovery, keys, an authorization endpoint with its own sign-in
/// page (the person types their e-mail; the provider's "directory" is <see cref="People"/>), and a token
/// endpoint that checks the client secret and, as OpenIddict does, the PKCE verifier. No database: the
/// authorization codes are self-contained encrypted tokens (OpenIddict's degraded mode).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "erasmus-test";
    public const string ClientSecret = "test-client-secret-3f9a";
    private const string CookieScheme = "provider";

    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
    }

    /// <summary>
    /// The issuer, on "localhost" while the app runs on 127.0.0.1: browsers and cookie containers keep the
    /// two hosts' cookies apart, as they would for two sites.
    /// </summary>
    public string Authority { get; }

    /// <summary>The provider's directory: who can sign in here, and what it says about their e-mail.</summary>
    public ConcurrentDictionary<string, ProviderPerson> People { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every authorization request's PKCE method ("S256") or "" when it had none.</summary>
    public ConcurrentQueue<string> CodeChallengeMethods { get; } = new();

    /// <summary>Token requests that passed the client check, with whether they carried a PKCE verifier.</summary>
    public ConcurrentQueue<bool> TokenRequestsWithVerifier { get; } = new();

    /// <param name="redirectUris">The redirect URIs registered for the client, as at a real provider.</param>
    public static async Task<TestIdentityProvider> StartAsync(params string[] redirectUris)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "provider.session";
            o.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();
        TestIdentityProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();

            // Degraded mode has no application store: the client's registration is checked here.
            o.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                provider!.CodeChallengeMethods.Enqueue(context.Request.CodeChallengeMethod ?? "");
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (!redirectUris.Contains(context.RedirectUri, StringComparer.Ordinal))
                {
                    context.Reject(Errors.InvalidRequest, "The redirect URI is not registered for this client.");
                }

                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                    return default;
                }

                provider!.TokenRequestsWithVerifier.Enqueue(!string.IsNullOrEmpty(context.Request.CodeVerifier));
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/login", (HttpContext http) => Results.Content(LoginPage(http.Request.Query["ReturnUrl"].ToString(), null), "text/html"));
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = form["ReturnUrl"].ToString();
            var email = form["email"].ToString();
            if (provider!.People.GetValueOrDefault(email) is not { } person || !returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
            {
                return Results.Content(LoginPage(returnUrl, "Unknown person."), "text/html", statusCode: StatusCodes.Status400BadRequest);
            }

            var identity = new ClaimsIdentity([new Claim("email", person.Email)], CookieScheme);
            await http.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl);
        });
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var signedIn = await http.AuthenticateAsync(CookieScheme);
            if (!signedIn.Succeeded || provider!.People.GetValueOrDefault(signedIn.Principal.FindFirst("email")!.Value) is not { } person)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [CookieScheme]);
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Name, person.Name);
            if (person.SendEmail)
            {
                identity.SetClaim(Claims.Email, person.Email);
            }

            if (person.EmailVerified is { } verified)
            {
                identity.SetClaim(Claims.EmailVerified, verified);
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        provider = new TestIdentityProvider(app, $"http://localhost:{address.Port}/");
        return provider;
    }

    /// <summary>Adds a person to the provider's directory and returns their e-mail.</summary>
    public string Add(string email, bool? emailVerified = true, bool sendEmail = true)
    {
        People[email] = new ProviderPerson(email, Guid.NewGuid().ToString("N"), "Person " + email, emailVerified, sendEmail);
        return email;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string LoginPage(string returnUrl, string? error) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
        <body><main><h1>Test provider</h1>
        {(error is null ? "" : $"<p role=\"alert\">{HtmlEncoder.Default.Encode(error)}</p>")}
        <form method="post" action="/login">
          <input type="hidden" name="ReturnUrl" value="{HtmlEncoder.Default.Encode(returnUrl)}">
          <label for="email">E-mail at the organisation</label> <input id="email" name="email" type="email">
          <button type="submit">Sign in at the provider</button>
        </form></main></body></html>
        """;
}

/// <param name="EmailVerified">What the provider says in <c>email_verified</c>; null: it sends no such claim (as Entra ID).</param>
/// <param name="SendEmail">False: the provider sends no e-mail address at all.</param>
public sealed record ProviderPerson(string Email, string Subject, string Name, bool? EmailVerified, bool SendEmail);

/// <summary>
/// An HTTP client that behaves like a browser for the sign-in's redirects: follows them across the app and
/// the provider and keeps each host's cookies.
/// </summary>
public static class BrowserLikeClient
{
    public static HttpClient Create(string baseUrl, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 20, CookieContainer = cookies, UseCookies = true })
        {
            BaseAddress = new Uri(baseUrl),
        };
}

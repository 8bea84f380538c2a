using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Observability;
using Erasmus.Web.Infrastructure.Security;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// Sign-in through an organisation's identity provider, end to end over real HTTP: the app on a Kestrel
/// port, a real OpenID Connect provider (<see cref="TestIdentityProvider"/>) on another, and a client that
/// follows the redirects and keeps the cookies of both as a browser does.
/// </summary>
public sealed class ExternalSignInTests(ExternalSignInTests.Fixture fixture) : IClassFixture<ExternalSignInTests.Fixture>
{
    [Fact]
    public async Task A_person_signs_in_through_the_provider_with_pkce_and_gets_the_role_and_county_of_their_user()
    {
        var email = await fixture.CreateUserAsync(TestRoles.Coordinator, "46");
        fixture.Provider.Add(email, emailVerified: true);
        var cookies = new CookieContainer();
        using var client = BrowserLikeClient.Create(fixture.BaseUrl, cookies);

        var landed = await SignInThroughProviderAsync(client, "test", email, returnUrl: "/organisasjoner/ny");

        // Back in the app, on the page asked for, which needs a role that edits data: the user's own.
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(new Uri(fixture.BaseUrl + "/organisasjoner/ny"), landed.RequestMessage!.RequestUri);
        Assert.Contains("erasmus.auth", cookies.GetCookies(new Uri(fixture.BaseUrl)).Select(c => c.Name));
        // The role and county come from the user administration: a coordinator is no administrator.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/admin/brukere", UriKind.Relative))).StatusCode);
        // Code flow with PKCE: the provider (which requires it) saw a S256 challenge and a verifier.
        Assert.Contains("S256", fixture.Provider.CodeChallengeMethods);
        Assert.NotEmpty(fixture.Provider.TokenRequestsWithVerifier);
        Assert.All(fixture.Provider.TokenRequestsWithVerifier, Assert.True);
        // The same server-side session as a password's, and logged.
        var user = await fixture.FindUserAsync(email);
        await using (var db = fixture.CreateDbContext())
        {
            Assert.Equal(1, await db.Set<UserSession>().CountAsync(s => s.UserId == user!.Id));
        }

        Assert.Contains(fixture.App.Logs.Entries, l => l.Level == LogLevel.Information && l.Message.Contains($"{email} signed in through test", StringComparison.Ordinal));

        // Signing out ends that session: the same cookie no longer opens the page.
        await AppFixture.PostFormAsync(client, "/organisasjoner/ny", "/logg-ut", []);
        var after = await client.GetAsync(new Uri("/organisasjoner/ny", UriKind.Relative));
        Assert.Equal("/logg-inn", after.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task An_unknown_person_is_asked_to_see_an_administrator_in_bokmal_or_english_and_no_user_is_created()
    {
        var email = fixture.Provider.Add($"ukjent.{Guid.NewGuid():N}@test.no", emailVerified: true);
        var usersBefore = await fixture.CountUsersAsync();
        using var refusals = new SignInFailureListener();
        var cookies = new CookieContainer();
        using var client = BrowserLikeClient.Create(fixture.BaseUrl, cookies);

        var bokmal = await SignInThroughProviderAsync(client, "test", email);
        var bokmalPage = await ParseAsync(bokmal);
        await AppFixture.PostFormAsync(client, "/logg-inn", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/logg-inn" });
        var english = await SignInThroughProviderAsync(client, "test", email);
        var englishPage = await ParseAsync(english);

        Assert.Equal(HttpStatusCode.Forbidden, bokmal.StatusCode);
        Assert.Equal("Be administratoren om tilgang", bokmalPage.QuerySelector("h1")!.TextContent);
        Assert.Contains("Be en administrator om å opprette en bruker for deg med akkurat denne e-postadressen", bokmalPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(email, bokmalPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, english.StatusCode);
        Assert.Equal("Ask your administrator for access", englishPage.QuerySelector("h1")!.TextContent);
        Assert.Contains("Ask an administrator to create a user for you with exactly this e-mail address", englishPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // No account, no sign-in, and counted among the failed sign-ins.
        Assert.Null(await fixture.FindUserAsync(email));
        Assert.Equal(usersBefore, await fixture.CountUsersAsync());
        Assert.DoesNotContain("erasmus.auth", cookies.GetCookies(new Uri(fixture.BaseUrl)).Select(c => c.Name));
        Assert.Equal(2, refusals.Reasons.Count(r => r == "unknown_user"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task An_email_the_provider_does_not_say_is_verified_is_refused(bool? verified)
    {
        var email = await fixture.CreateUserAsync(TestRoles.Analyst);
        fixture.Provider.Add(email, emailVerified: verified);
        var cookies = new CookieContainer();
        using var client = BrowserLikeClient.Create(fixture.BaseUrl, cookies);

        var response = await SignInThroughProviderAsync(client, "test", email);
        var page = await ParseAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("bekreftet ikke e-postadressen din", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("erasmus.auth", cookies.GetCookies(new Uri(fixture.BaseUrl)).Select(c => c.Name));
        Assert.Equal("/logg-inn", (await client.GetAsync(new Uri("/mal", UriKind.Relative))).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_deactivated_or_locked_out_user_is_refused()
    {
        var deactivated = await fixture.CreateUserAsync(TestRoles.Analyst);
        var locked = await fixture.CreateUserAsync(TestRoles.Analyst);
        await fixture.ChangeUserAsync(deactivated, (users, user) => { user.IsDeactivated = true; return users.UpdateAsync(user); });
        await fixture.ChangeUserAsync(locked, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));

        foreach (var email in new[] { deactivated, locked })
        {
            fixture.Provider.Add(email, emailVerified: true);
            var cookies = new CookieContainer();
            using var client = BrowserLikeClient.Create(fixture.BaseUrl, cookies);

            var response = await SignInThroughProviderAsync(client, "test", email);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("deaktivert, eller midlertidig låst", (await ParseAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("erasmus.auth", cookies.GetCookies(new Uri(fixture.BaseUrl)).Select(c => c.Name));
        }
    }

    [Fact]
    public async Task A_provider_configured_as_vouching_for_its_addresses_links_them_without_email_verified_but_only_in_its_domains()
    {
        var inDomain = await fixture.CreateUserAsync(TestRoles.Analyst, email: $"analytiker.{Guid.NewGuid():N}@vestland.test");
        var outside = await fixture.CreateUserAsync(TestRoles.Analyst);
        fixture.Provider.Add(inDomain, emailVerified: null);
        fixture.Provider.Add(outside, emailVerified: null);

        using var first = BrowserLikeClient.Create(fixture.BaseUrl, new CookieContainer());
        var signedIn = await SignInThroughProviderAsync(first, "org", inDomain, returnUrl: "/mal");
        using var second = BrowserLikeClient.Create(fixture.BaseUrl, new CookieContainer());
        var refused = await SignInThroughProviderAsync(second, "org", outside);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("/mal", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_shows_one_link_per_provider_with_its_name()
    {
        using var client = BrowserLikeClient.Create(fixture.BaseUrl, new CookieContainer());

        var page = await AppFixture.GetDocumentAsync(client, "/logg-inn?returnUrl=%2Fmal");
        var links = page.QuerySelectorAll(".external-sign-in a").Select(a => (Text: a.TextContent.Trim(), Href: a.GetAttribute("href"))).ToList();

        Assert.Equal(
            [("Logg inn med Fylkets Entra ID (test)", "/logg-inn/ekstern/org?returnUrl=%2Fmal"), ("Logg inn med Testleverandør", "/logg-inn/ekstern/test?returnUrl=%2Fmal")],
            links);
        // The password form is still there.
        Assert.NotNull(page.QuerySelector("input[name=Password]"));
    }

    /// <summary>From the sign-in page's link to the provider, its sign-in form, and every redirect back to the app.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient client, string provider, string email, string returnUrl = "/")
    {
        var signInPage = await AppFixture.GetDocumentAsync(client, "/logg-inn?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var link = signInPage.QuerySelector($".external-sign-in a[href^='/logg-inn/ekstern/{provider}?']")
            ?? throw new InvalidOperationException($"No link for {provider} on the sign-in page.");
        var atProvider = await client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        if (atProvider.RequestMessage!.RequestUri!.GetLeftPart(UriPartial.Path) != fixture.Provider.Authority + "login")
        {
            // Signed in at the provider already (single sign-on): it sent the browser straight back.
            return atProvider;
        }

        Assert.Equal(HttpStatusCode.OK, atProvider.StatusCode);
        var form = (IHtmlInputElement)(await ParseAsync(atProvider)).QuerySelector("input[name=ReturnUrl]")!;
        return await client.PostAsync(new Uri(fixture.Provider.Authority + "login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = form.Value, ["email"] = email,
        }));
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The app on a Kestrel port with two providers configured, both served by one test provider.</summary>
    public sealed class Fixture : DatabaseFixture
    {
        private TestIdentityProvider? _provider;
        private ProvidersAppFactory? _app;

        public TestIdentityProvider Provider => _provider ?? throw new InvalidOperationException("Not initialised.");

        public ErasmusAppFactory App => _app ?? throw new InvalidOperationException("Not initialised.");

        public string BaseUrl { get; private set; } = "";

        private IServiceProvider Services => App.Services;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var port = AppProcess.FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
            _provider = await TestIdentityProvider.StartAsync($"{BaseUrl}/signin-oidc-test", $"{BaseUrl}/signin-oidc-org");
            _app = new ProvidersAppFactory(ConnectionString, _provider.Authority);
            _app.UseKestrel(port);
            _app.StartServer();
        }

        public override async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }

            if (_provider is not null)
            {
                await _provider.DisposeAsync();
            }

            await base.DisposeAsync();
        }

        public async Task<string> CreateUserAsync(string role, string? county = null, string? email = null)
        {
            email ??= $"ekstern.{role.ToLowerInvariant()}.{Guid.NewGuid():N}@test.no";
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Ekstern " + role, CountyNumber = county };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return email;
        }

        public async Task ChangeUserAsync(string email, Func<UserManager<ApplicationUser>, ApplicationUser, Task<IdentityResult>> change)
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await change(users, (await users.FindByEmailAsync(email))!)).Succeeded);
        }

        public async Task<ApplicationUser?> FindUserAsync(string email)
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        }

        public async Task<int> CountUsersAsync()
        {
            await using var db = CreateDbContext();
            return await db.Users.CountAsync();
        }
    }

    /// <summary>Two providers, "test" and "org" (which vouches for its addresses in one domain), both served by the test provider.</summary>
    private sealed class ProvidersAppFactory(string connectionString, string authority) : ErasmusAppFactory(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Provider("test", "Testleverandør");
            Provider("org", "Fylkets Entra ID (test)");
            builder.UseSetting("ExternalLogin:Providers:org:EmailsAreVerified", "true");
            builder.UseSetting("ExternalLogin:Providers:org:EmailDomains:0", "vestland.test");

            void Provider(string name, string displayName)
            {
                builder.UseSetting($"ExternalLogin:Providers:{name}:DisplayName", displayName);
                builder.UseSetting($"ExternalLogin:Providers:{name}:Authority", authority);
                builder.UseSetting($"ExternalLogin:Providers:{name}:ClientId", TestIdentityProvider.ClientId);
                builder.UseSetting($"ExternalLogin:Providers:{name}:ClientSecret", TestIdentityProvider.ClientSecret);
                builder.UseSetting($"ExternalLogin:Providers:{name}:RequireHttpsMetadata", "false");
            }
        }
    }

    /// <summary>The reasons of failed sign-ins the app counts in erasmus_sign_in_failures_total while it listens.</summary>
    private sealed class SignInFailureListener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public SignInFailureListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ErasmusMetrics.MeterName && instrument.Name == "erasmus.sign_in.failures")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason" && tag.Value is string reason)
                    {
                        Reasons.Enqueue(reason);
                    }
                }
            });
            _listener.Start();
        }

        public ConcurrentQueue<string> Reasons { get; } = new();

        public void Dispose() => _listener.Dispose();
    }
}

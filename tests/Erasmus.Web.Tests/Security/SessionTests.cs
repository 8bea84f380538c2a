using System.Net;
using Erasmus.Web.Infrastructure.Security;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// A sign-in is a server-side session, checked on every request: sign-out ends it (a replayed cookie
/// signs no one in), and an administrator's lock, deactivation or role change, or a new password,
/// takes effect at the user's very next request, on every instance.
/// </summary>
public sealed class SessionTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_cookie_replayed_after_sign_out_signs_no_one_in()
    {
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var (browser, cookie) = await SignInWithCookieAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await Replay(cookie, "/")).StatusCode);

        var signedOut = await AppFixture.PostFormAsync(browser, "/", "/logg-ut", []);
        var replayed = await Replay(cookie, "/");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        AssertSentToSignIn(replayed);
        var userId = await IdOfAsync(email);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<UserSession>().AnyAsync(s => s.UserId == userId));
    }

    [Fact]
    public async Task Locking_a_user_signs_them_out_at_their_next_request()
    {
        var (email, user, admin) = await UserAndAdministratorAsync(TestRoles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        await AdministerAsync(admin, await IdOfAsync(email), "las");

        AssertSentToSignIn(await user.GetAsync(new Uri("/", UriKind.Relative)));
    }

    [Fact]
    public async Task Deactivating_a_user_signs_them_out_at_their_next_request()
    {
        var (email, user, admin) = await UserAndAdministratorAsync(TestRoles.Coordinator, "46");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri("/organisasjoner", UriKind.Relative))).StatusCode);

        await AdministerAsync(admin, await IdOfAsync(email), "deaktiver");

        AssertSentToSignIn(await user.GetAsync(new Uri("/organisasjoner", UriKind.Relative)));
    }

    [Fact]
    public async Task A_new_role_takes_effect_at_the_next_request_and_the_old_one_is_gone()
    {
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var user = await app.SignInAsync(email);
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri("/revisjonslogg", UriKind.Relative))).StatusCode);
        var id = await IdOfAsync(email);
        var form = await AppFixture.GetDocumentAsync(admin, $"/admin/brukere/{id}");

        var saved = await AppFixture.PostFormAsync(admin, $"/admin/brukere/{id}", $"/admin/brukere/{id}", new()
        {
            ["Email"] = email, ["DisplayName"] = "Ny rolle", ["Role"] = TestRoles.Coordinator, ["CountyNumber"] = "46",
            ["ConcurrencyStamp"] = form.QuerySelector("input[name=ConcurrencyStamp]")!.GetAttribute("value")!,
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        AssertSentToSignIn(await user.GetAsync(new Uri("/revisjonslogg", UriKind.Relative)));
        var again = await app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(new Uri("/revisjonslogg", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_new_password_ends_the_other_sessions_and_keeps_the_one_that_changed_it()
    {
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var laptop = await app.SignInAsync(email);
        var (stolen, stolenCookie) = await SignInWithCookieAsync(email);
        const string newPassword = "Fjorden ligger blank i kveld";

        var changed = await AppFixture.PostFormAsync(laptop, "/konto/passord", "/konto/passord", new()
        {
            ["CurrentPassword"] = AppFixture.Password, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        AssertSentToSignIn(await stolen.GetAsync(new Uri("/", UriKind.Relative)));
        AssertSentToSignIn(await Replay(stolenCookie, "/"));
    }

    [Fact]
    public async Task A_session_past_its_lifetime_is_refused_however_fresh_the_cookie()
    {
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var client = await app.SignInAsync(email);
        await using (var db = app.CreateDbContext())
        {
            var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            await db.Set<UserSession>().Where(s => s.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        AssertSentToSignIn(await client.GetAsync(new Uri("/", UriKind.Relative)));
    }

    /// <summary>The session lives in the database, so a sign-out on one instance counts on the others at once (README, "Running several instances").</summary>
    [Fact]
    public async Task A_sign_out_on_one_instance_ends_the_session_on_the_other()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"erasmus-sessions-{Guid.NewGuid():N}");
        try
        {
            await using var first = new ErasmusAppFactory(app.ConnectionString).WithWebHostBuilder(b => b.UseSetting("DataFolder", folder));
            await using var second = new ErasmusAppFactory(app.ConnectionString).WithWebHostBuilder(b => b.UseSetting("DataFolder", folder));
            var email = await app.CreateUserAsync(TestRoles.Analyst);
            var onFirst = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var (_, cookie) = await SignInWithCookieAsync(email, first);
            Assert.Equal(HttpStatusCode.OK, (await Send(onFirst, cookie, "/")).StatusCode);

            var onSecond = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            onSecond.DefaultRequestHeaders.Add("Cookie", cookie);
            var token = await AppFixture.AntiforgeryTokenAsync(onSecond, "/konto/passord");
            var signedOut = await onSecond.PostAsync(new Uri("/logg-ut", UriKind.Relative),
                new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));

            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            AssertSentToSignIn(await Send(onFirst, cookie, "/"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/logg-inn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Signs in through the form and returns the browser and its sign-in cookie ("erasmus.auth=…"), to replay later.</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignInWithCookieAsync(string email, WebApplicationFactory<Program>? instance = null)
    {
        var browser = instance?.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }) ?? app.CreateClient();
        var response = await AppFixture.PostFormAsync(browser, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = AppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("erasmus.auth=", StringComparison.Ordinal));
        return (browser, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>A client of its own that sends only the given cookie, as an attacker replaying it would.</summary>
    private Task<HttpResponseMessage> Replay(string cookie, string path) =>
        Send(app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), cookie, path);

    private static Task<HttpResponseMessage> Send(HttpClient client, string cookie, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    private async Task<(string Email, HttpClient User, HttpClient Administrator)> UserAndAdministratorAsync(string role, string? county = null)
    {
        var email = await app.CreateUserAsync(role, county);
        return (email, await app.SignInAsync(email), await app.SignInAsAsync(TestRoles.Administrator));
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var db = app.CreateDbContext();
        return (await db.Users.SingleAsync(u => u.Email == email)).Id;
    }

    private static async Task AdministerAsync(HttpClient admin, string user, string action)
    {
        var response = await AppFixture.PostFormAsync(admin, "/admin/brukere", $"/admin/brukere/{user}/{action}", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

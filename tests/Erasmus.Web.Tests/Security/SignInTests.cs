using System.Net;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Web;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Security;

public sealed class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Anonymous_user_is_sent_to_sign_in_with_a_return_url()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/logg-inn?returnUrl=%2F", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_gives_one_message_that_does_not_say_whether_the_user_exists()
    {
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var client = app.CreateClient();

        var wrongPassword = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = "feil-passord-123" }));
        var unknownUser = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = "ingen@test.no", ["Password"] = "feil-passord-123" }));

        Assert.Contains("Innloggingen mislyktes. Sjekk e-postadressen og passordet.", wrongPassword.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(wrongPassword.QuerySelector(".error-summary")!.TextContent, unknownUser.QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_for_fifteen_minutes()
    {
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var client = app.CreateClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = "feil-passord-123" });
        }

        var withRightPassword = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = AppFixture.Password });
        var page = await AppFixture.ParseAsync(withRightPassword);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        // The same message as for a wrong password (it names the 15 minutes), so the lock does not tell that the account exists.
        Assert.Contains("stenges kontoen i 15 minutter", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var scope = app.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        var lockedFor = user!.LockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(lockedFor.TotalMinutes, 14, 15.1);
    }

    [Theory]
    [InlineData("kort-pass1", "minst 12 tegn")]
    [InlineData("aaaaaaaaaaaaaa", "minst 4 forskjellige tegn")]
    public async Task Password_policy_rejects_weak_passwords_in_bokmal(string password, string message)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var response = await AppFixture.PostFormAsync(client, "/konto/passord", "/konto/passord", new()
        {
            ["CurrentPassword"] = AppFixture.Password, ["NewPassword"] = password, ["ConfirmPassword"] = password,
        });
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#NewPassword-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#NewPassword")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task A_user_changes_their_own_password_and_signs_in_with_it()
    {
        var email = await app.CreateUserAsync(TestRoles.Coordinator, "46");
        var client = await app.SignInAsync(email);
        const string newPassword = "Et helt nytt og langt passord";

        var response = await AppFixture.PostFormAsync(client, "/konto/passord", "/konto/passord", new()
        {
            ["CurrentPassword"] = AppFixture.Password, ["NewPassword"] = newPassword, ["ConfirmPassword"] = newPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.SignInAsync(email, newPassword);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var response = await client.PostAsync(new Uri("/konto/passord", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = AppFixture.Password, ["NewPassword"] = "Et helt nytt og langt passord", ["ConfirmPassword"] = "Et helt nytt og langt passord",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_a_hardened_cookie()
    {
        var client = app.CreateClient();
        var page = await client.GetAsync(new Uri("/logg-inn", UriKind.Relative));
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/logg-inn");
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var signIn = await client.PostAsync(new Uri("/logg-inn", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = AppFixture.Password, ["__RequestVerificationToken"] = token,
        }));

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", page.Headers.GetValues("Referrer-Policy").Single());
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("erasmus.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Production_uses_hsts_and_redirects_to_https()
    {
        // A production host name, as a deployment configures it (AllowedHosts refuses other hosts).
        await using var production = new ErasmusAppFactory(app.ConnectionString, "Production")
            .WithWebHostBuilder(b => b.UseSetting("AllowedHosts", "erasmus.example;localhost"));
        var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/logg-inn", UriKind.Relative));
        var secure = await client.GetAsync(new Uri("https://erasmus.example/logg-inn"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// The administrators' one-time password links (#15 items 13 and 14): only the newest link of a user
/// works and an older one says why it does not; a reset link works for 2 hours, a new user's first link
/// for 3 days; and the link points at the configured public address, whatever Host header the
/// administrator's request came with.
/// </summary>
public sealed class PasswordLinkTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string NewPassword = "Bergen har sju fjell og mye regn";
    private readonly ShiftedClock _clock = new();
    private ErasmusAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new ErasmusAppFactory(database.ConnectionString) { ConfigureExtraServices = services => services.AddSingleton<TimeProvider>(_clock) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Only_the_newest_link_works_and_an_older_one_says_so()
    {
        var admin = await SignInAsync(_app, await UserAsync(_app, TestRoles.Administrator));
        var email = await UserAsync(_app, TestRoles.Analyst);
        var id = await IdOfAsync(email);
        var older = await LinkAsync(admin, $"/admin/brukere/{id}/passordlenke");
        var newer = await LinkAsync(admin, $"/admin/brukere/{id}/passordlenke");
        var anonymous = Client(_app);

        var olderPage = await AppFixture.GetDocumentAsync(anonymous, older);
        var olderPosted = await PostLinkAsync(anonymous, older, NewPassword);

        Assert.Contains("nyere lenke", Summary(olderPage), StringComparison.Ordinal);
        Assert.Null(olderPage.QuerySelector("input[name=NewPassword]"));
        Assert.Contains("nyere lenke", Summary(await AppFixture.ParseAsync(olderPosted)), StringComparison.Ordinal);
        await SignInAsync(_app, email);

        var newerPosted = await PostLinkAsync(anonymous, newer, NewPassword);
        var reused = await PostLinkAsync(anonymous, newer, "Et annet passord som er langt nok");

        Assert.Equal(HttpStatusCode.Redirect, newerPosted.StatusCode);
        Assert.Contains("ugyldig eller allerede brukt", Summary(await AppFixture.ParseAsync(reused)), StringComparison.Ordinal);
        await SignInAsync(_app, email, NewPassword);
    }

    [Fact]
    public async Task A_reset_link_works_for_two_hours_and_a_new_users_first_link_for_three_days()
    {
        var admin = await SignInAsync(_app, await UserAsync(_app, TestRoles.Administrator));
        var existing = await IdOfAsync(await UserAsync(_app, TestRoles.Analyst));
        var reset = await LinkAsync(admin, $"/admin/brukere/{existing}/passordlenke");
        var created = await LinkAsync(admin, "/admin/brukere/ny", new()
        {
            ["Email"] = $"ny.{Guid.NewGuid():N}@test.no", ["DisplayName"] = "Ny Bruker", ["Role"] = TestRoles.Analyst,
        });
        var anonymous = Client(_app);
        Assert.NotNull((await AppFixture.GetDocumentAsync(anonymous, reset)).QuerySelector("input[name=NewPassword]"));

        _clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var resetAfterTwoHours = await AppFixture.GetDocumentAsync(anonymous, reset);
        var createdAfterTwoHours = await AppFixture.GetDocumentAsync(anonymous, created);
        _clock.Advance(TimeSpan.FromDays(3));
        var createdAfterThreeDays = await AppFixture.GetDocumentAsync(anonymous, created);

        Assert.Contains("Lenken er utløpt", Summary(resetAfterTwoHours), StringComparison.Ordinal);
        Assert.Null(resetAfterTwoHours.QuerySelector("input[name=NewPassword]"));
        Assert.NotNull(createdAfterTwoHours.QuerySelector("input[name=NewPassword]"));
        Assert.Contains("Lenken er utløpt", Summary(createdAfterThreeDays), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostLinkAsync(anonymous, created, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task The_link_points_at_the_configured_public_address_whatever_the_host_header()
    {
        // As behind a proxy that passes any Host on: host filtering off, the public address configured.
        await using var app = new ErasmusAppFactory(database.ConnectionString).WithWebHostBuilder(b => b
            .UseSetting("AllowedHosts", "*")
            .UseSetting("PublicBaseUrl", "https://erasmus.example.no"));
        var admin = await SignInAsync(app, await UserAsync(app, TestRoles.Administrator));
        var id = await IdOfAsync(await UserAsync(app, TestRoles.Analyst));
        var token = await AppFixture.AntiforgeryTokenAsync(admin, "/admin/brukere");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/admin/brukere/{id}/passordlenke", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]),
        };
        request.Headers.Host = "evil.example";

        var response = await admin.SendAsync(request);
        var link = (await AppFixture.ParseAsync(response)).QuerySelector("#password-link")?.GetAttribute("value") ?? "(no link)";

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("https://erasmus.example.no/konto/nytt-passord?userId=", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_for_another_host_are_refused_by_default()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/logg-inn", UriKind.Relative));
        request.Headers.Host = "evil.example";

        var foreign = await Client(_app).SendAsync(request);
        var local = await Client(_app).GetAsync(new Uri("/logg-inn", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    private static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> app, string email, string password = AppFixture.Password)
    {
        var client = Client(app);
        var response = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }

    private static async Task<string> UserAsync(WebApplicationFactory<Program> app, string role)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@test.no";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + role };
        Assert.True((await users.CreateAsync(user, AppFixture.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    private async Task<string> IdOfAsync(string email)
    {
        await using var db = database.CreateDbContext();
        return (await db.Users.SingleAsync(u => u.Email == email)).Id;
    }

    /// <summary>Posts the administrator's form and returns the path and query of the link it shows.</summary>
    private static async Task<string> LinkAsync(HttpClient admin, string action, Dictionary<string, string>? fields = null)
    {
        var response = await AppFixture.PostFormAsync(admin, "/admin/brukere/ny", action, fields ?? []);
        var link = (await AppFixture.ParseAsync(response)).QuerySelector("#password-link")?.GetAttribute("value");
        Assert.True(link is not null, $"{action} showed no link ({(int)response.StatusCode})");
        return new Uri(link).PathAndQuery;
    }

    /// <summary>Opens the link and posts its form with a new password, as the user would.</summary>
    private static async Task<HttpResponseMessage> PostLinkAsync(HttpClient client, string link, string password)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + link).Query);
        return await AppFixture.PostFormAsync(client, "/logg-inn", "/konto/nytt-passord", new()
        {
            ["UserId"] = query["userId"]!, ["Token"] = query["token"]!, ["NewPassword"] = password, ["ConfirmPassword"] = password,
        });
    }

    private static string Summary(IHtmlDocument page) => page.QuerySelector(".error-summary")?.TextContent ?? "(no message)";

    /// <summary>The system clock moved on by hand, for links that expire.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}

using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// A test class's own database and the real application on it, with helpers to create users and
/// sign them in through the real sign-in form.
/// </summary>
public class AppFixture : DatabaseFixture
{
    public const string Password = "Riktig-hemmelig-passord-42";

    private ErasmusAppFactory? _app;

    public ErasmusAppFactory App => _app ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The app's fixed clock when the fixture opts in with <see cref="CreateClock"/>.</summary>
    public FakeTimeProvider Clock => App.Clock ?? throw new InvalidOperationException("This fixture runs on the real clock; override CreateClock.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _app = new ErasmusAppFactory(ConnectionString) { Clock = CreateClock() };
    }

    /// <summary>A fixture that tests logic at "today" returns a fixed clock (<see cref="FixedClock.At"/>); null keeps the real one.</summary>
    protected virtual FakeTimeProvider? CreateClock() => null;

    public override async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    public HttpClient CreateClient() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Creates a user with a role (and a county for coordinators); returns the e-mail.</summary>
    public async Task<string> CreateUserAsync(string role, string? county = null, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}.{county ?? "x"}.{Guid.NewGuid():N}@test.no";
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role} {county}", CountyNumber = county };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    public Task<HttpClient> SignInAsAsync(string role, string? county = null) => SignInAsync(CreateUserAsync(role, county));

    public async Task<HttpClient> SignInAsync(Task<string> email) => await SignInAsync(await email);

    /// <summary>Signs in through the real form, so the cookie is the one users get.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var response = await PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = password });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"Sign-in failed for {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Gets the form page for its antiforgery token, then posts the fields as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(client, formPage);
        var content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Posts a delete confirmation page's own form: its token and the version of the record it shows.</summary>
    public static async Task<HttpResponseMessage> ConfirmDeleteAsync(HttpClient client, string page)
    {
        var version = (await GetDocumentAsync(client, page)).QuerySelector("form[action$='/slett'] input[name=version]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No version in the form of {page}.");
        return await PostFormAsync(client, page, page, new() { ["version"] = version });
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var document = await GetDocumentAsync(client, page);
        var input = document.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement;
        return input?.Value ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {page} answered {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync().ContinueWith(t => new HtmlParser().ParseDocument(t.Result), TaskScheduler.Default);
}

public static class TestRoles
{
    public const string Administrator = Roles.Administrator;
    public const string Analyst = Roles.Analyst;
    public const string Coordinator = Roles.CountyCoordinator;
}

using Erasmus.DemoData;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// Sign-in through an organisation's identity provider in Chromium: the app (its own process, with one
/// provider configured) and a real OpenID Connect provider in the test; the provider's button used from
/// the keyboard; the pages checked with axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExternalSignInJourneyTests(AppServer server) : IAsyncLifetime
{
    private const string ProviderName = "Testleverandør";

    private TestIdentityProvider? _provider;
    private AppProcess? _app;
    private string _database = "";

    private TestIdentityProvider Provider => _provider!;

    private string BaseUrl => _app!.BaseUrl;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateFromTemplateAsync();
        await using (var db = new ErasmusDbContext(TestDatabases.OptionsFor(TestDatabases.ConnectionStringFor(_database))))
        {
            await DemoUsers.SeedAsync(db);
        }

        var port = AppProcess.FreePort();
        _provider = await TestIdentityProvider.StartAsync($"http://127.0.0.1:{port}/signin-oidc-test");
        _app = await AppProcess.StartAsync(TestDatabases.ConnectionStringFor(_database), Path.Combine(Path.GetTempPath(), "erasmus-browser-tests", Guid.NewGuid().ToString("N")), port,
            settings: new Dictionary<string, string>
            {
                ["ExternalLogin__Providers__test__DisplayName"] = ProviderName,
                ["ExternalLogin__Providers__test__Authority"] = _provider.Authority,
                ["ExternalLogin__Providers__test__ClientId"] = TestIdentityProvider.ClientId,
                ["ExternalLogin__Providers__test__ClientSecret"] = TestIdentityProvider.ClientSecret,
                ["ExternalLogin__Providers__test__RequireHttpsMetadata"] = "false",
            });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        await TestDatabases.DropAsync(_database);
    }

    [Fact]
    public async Task An_analyst_signs_in_through_the_provider_from_the_keyboard_and_an_unknown_person_is_sent_to_an_administrator()
    {
        Provider.Add(DemoUsers.AnalystEmail, emailVerified: true);
        var page = await NewPageAsync();

        await page.GotoAsync("/logg-inn?returnUrl=%2Forganisasjoner%2Fny");
        await page.AssertNoViolationsAsync("sign-in page with a provider");
        await page.ScreenshotAsync(server, "sign-in-with-provider");
        var button = page.GetByRole(AriaRole.Link, new() { Name = $"Logg inn med {ProviderName}" });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        try
        {
            // Generous: the app's first challenge also reads the provider's discovery document, on a machine the whole suite keeps busy.
            await page.WaitForURLAsync(Provider.Authority + "login**", new() { Timeout = 90_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(server, "external-sign-in-stuck");
            throw new InvalidOperationException($"Not at the provider's sign-in page but at {page.Url}: {await page.ContentAsync()}");
        }

        await page.GetByLabel("E-mail at the organisation").FillAsync(DemoUsers.AnalystEmail);
        await page.Keyboard.PressAsync("Enter");

        // Back in the app on the page asked for, which needs the analyst's role.
        await page.WaitForURLAsync(BaseUrl + "/organisasjoner/ny");
        Assert.Equal(BaseUrl + "/organisasjoner/ny", page.Url);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Registrer organisasjon");

        var unknown = Provider.Add($"ukjent.{Guid.NewGuid():N}@test.no", emailVerified: true);
        var stranger = await NewPageAsync();
        await stranger.GotoAsync("/logg-inn");
        await stranger.GetByRole(AriaRole.Link, new() { Name = $"Logg inn med {ProviderName}" }).ClickAsync();
        await stranger.GetByLabel("E-mail at the organisation").FillAsync(unknown);
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign in at the provider" }).ClickAsync();
        await stranger.WaitForURLAsync(BaseUrl + "/logg-inn/ekstern/tilbake");
        await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("Be administratoren om tilgang");
        Assert.Contains(unknown, await stranger.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await stranger.AssertNoViolationsAsync("ask your administrator");
        await stranger.ScreenshotAsync(server, "external-sign-in-unknown-person");
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "nb-NO" });
        return await context.NewPageAsync();
    }
}

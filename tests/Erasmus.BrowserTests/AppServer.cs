using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Playwright;

// The web tests' framework: it prints which PostgreSQL the run uses (TestServer).
[assembly: TestFramework("Erasmus.Web.Tests.Infrastructure.ErasmusTestFramework", "Erasmus.Web.Tests")]

namespace Erasmus.BrowserTests;

/// <summary>
/// The real application as its own process on a free loopback port, on a fresh database with the
/// demo data and demo users, and one headless Chromium (Debian's) to drive it.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private AppProcess? _app;
    private IPlaywright? _playwright;
    private string _database = "";

    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's database, for a journey that needs records of its own.</summary>
    public string ConnectionString => TestDatabases.ConnectionStringFor(_database);

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotFolder { get; } = Path.Combine(AppProcess.RepositoryRoot(), ".data", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./test.sh, which installs Debian's chromium.");
        }

        _database = await TestDatabases.CreateFromTemplateAsync();
        await using (var db = new Erasmus.Web.Data.ErasmusDbContext(TestDatabases.OptionsFor(TestDatabases.ConnectionStringFor(_database))))
        {
            await new DemoDataGenerator(TimeProvider.System).SeedAsync(db);
            await DemoUsers.SeedAsync(db);
        }

        _app = await AppProcess.StartAsync(TestDatabases.ConnectionStringFor(_database), Path.Combine(Path.GetTempPath(), "erasmus-browser-tests", Guid.NewGuid().ToString("N")));
        BaseUrl = _app.BaseUrl;

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await TestDatabases.DropAsync(_database);
    }

    /// <summary>A fresh browser context (its own cookies), signed in through the real form.</summary>
    public async Task<IPage> SignInAsync(string email, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "nb-NO", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/logg-inn");
        await page.GetByLabel("E-post").FillAsync(email);
        await page.GetByLabel("Passord").FillAsync(DemoUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        // The only wait that is allowed longer than Playwright's 30 s: the suite runs the web tests beside the browser
        // tests on two cores, and signing in (a password hash, then the start page's figures) was the step that ran
        // out of time under that load, before any assertion. Waiting is not what the tests check.
        await page.WaitForURLAsync(url => !url.Contains("/logg-inn", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 90_000 });
        return page;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppServer>
{
    public const string Name = "browser";
}

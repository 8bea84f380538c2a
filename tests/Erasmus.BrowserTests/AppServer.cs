using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Erasmus.Web.Data.Seed;
using Erasmus.Web.Data.Seed.Demo;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// The real application as its own process on a free loopback port, on a fresh database with the
/// demo data and demo users, and one headless Chromium (Debian's) to drive it.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private Process? _process;
    private IPlaywright? _playwright;
    private string _database = "";

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), ".data", "screenshots");

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

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _process = StartApp(port, TestDatabases.ConnectionStringFor(_database));
        await WaitUntilReadyAsync();

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
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
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
        await page.WaitForURLAsync(url => !url.Contains("/logg-inn", StringComparison.Ordinal));
        return page;
    }

    private static Process StartApp(int port, string connectionString)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(root, "src", "Erasmus.Web", "bin", configuration, "net10.0", "Erasmus.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--contentRoot", Path.Combine(root, "src", "Erasmus.Web")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Erasmus"] = connectionString;
        start.Environment["DataFolder"] = Path.Combine(Path.GetTempPath(), "erasmus-browser-tests", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["Logging__File"] = "";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} during start-up.");
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl + "/health/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The app was not ready within 60 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Erasmus.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Erasmus.sln not found above the test assembly.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppServer>
{
    public const string Name = "browser";
}

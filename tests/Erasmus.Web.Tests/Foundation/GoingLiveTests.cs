using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Parser;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Foundation;

/// <summary>
/// Issue #21 item 1: the README's "Going live" steps on an empty database, each as the operator runs it:
/// <c>migrate</c>, <c>seed</c> and <c>create-admin</c> as processes of the built app, then the app itself,
/// where the printed one-time link sets the password and the administrator signs in to the user administration.
/// </summary>
public sealed class GoingLiveTests : IAsyncLifetime
{
    private const string Email = "drift@hkdir.example.no";
    private const string NewPassword = "Fire ord som ingen gjetter 2027";

    private string _database = "";
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "erasmus-golive-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _database = await TestDatabases.CreateEmptyAsync();

    public async Task DisposeAsync()
    {
        await TestDatabases.DropAsync(_database);
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task An_empty_database_goes_live_with_migrate_seed_and_create_admin()
    {
        var port = AppProcess.FreePort();
        var publicUrl = $"http://127.0.0.1:{port}";
        var connection = TestDatabases.ConnectionStringFor(_database);
        var settings = new Dictionary<string, string> { ["PublicBaseUrl"] = publicUrl };

        // Before the schema exists, create-admin says what to run first and creates nothing.
        var tooEarly = await RunAsync(connection, settings, "create-admin", Email);
        Assert.Equal(3, tooEarly.ExitCode);
        Assert.Contains("migrate", tooEarly.Error, StringComparison.Ordinal);

        var migrate = await RunAsync(connection, settings, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        var seed = await RunAsync(connection, settings, "seed");
        Assert.True(seed.ExitCode == 0, seed.Error);

        var invalid = await RunAsync(connection, settings, "create-admin", "ikke-en-adresse");
        var missing = await RunAsync(connection, settings, "create-admin");
        var created = await RunAsync(connection, settings, "create-admin", Email);
        var again = await RunAsync(connection, settings, "create-admin", Email.ToUpperInvariant());

        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("not a valid e-mail address", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);
        var link = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(publicUrl + "/konto/nytt-passord?", StringComparison.Ordinal));
        Assert.Contains("3 days", created.Output, StringComparison.Ordinal);

        await using var app = await AppProcess.StartAsync(connection, _dataFolder, port, settings: settings);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };

        // Nobody can sign in before the password is set.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = Email, ["Password"] = NewPassword })).StatusCode);

        var setPage = new Uri(link).PathAndQuery;
        var form = await FormAsync(client, setPage);
        form["NewPassword"] = NewPassword;
        form["ConfirmPassword"] = NewPassword;
        var set = await client.PostAsync(new Uri("/konto/nytt-passord", UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var signIn = await PostAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = Email, ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var admin = await client.GetAsync(new Uri("/admin/brukere", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains(Email, await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The link is spent once used.
        var spent = await client.GetStringAsync(new Uri(setPage, UriKind.Relative));
        Assert.DoesNotContain("name=\"NewPassword\"", spent, StringComparison.Ordinal);

        // The probes the README names answer as documented.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var form = await FormAsync(client, page);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>The hidden fields of the page's form (the antiforgery token, the link's user and token).</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string page)
    {
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
        return document.QuerySelectorAll("main form[method=post] input[type=hidden]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "", StringComparer.Ordinal);
    }

    private sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>Runs a verb as the operator would: <c>dotnet Erasmus.Web.dll VERB …</c> in Production.</summary>
    private async Task<Outcome> RunAsync(string connection, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var root = AppProcess.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(root, "src", "Erasmus.Web", "bin", configuration, "net10.0", "Erasmus.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments, "--contentRoot", Path.Combine(root, "src", "Erasmus.Web")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Erasmus"] = connection;
        start.Environment["DataFolder"] = _dataFolder;
        start.Environment["Logging__File"] = "";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, await output, await error);
    }
}

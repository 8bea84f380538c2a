using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Benchmarks;

/// <summary>What the benchmarks need of the app process beyond starting it (AppProcess.cs is the tests' own, compiled here too).</summary>
public static partial class AppProcessExtensions
{
    /// <summary>The app as deployed but for HTTPS: environment Benchmark, the request log on, its errors on the console.</summary>
    public static Task<AppProcess> StartForBenchmarkAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(settings) { ["Serilog__MinimumLevel__Default"] = "Information" };
        var dataFolder = Path.Combine(Path.GetTempPath(), "erasmus-benchmarks", Guid.NewGuid().ToString("N"));
        return AppProcess.StartAsync(connectionString, dataFolder, environment: "Benchmark", settings: all, errorOutput: line => Console.Error.WriteLine("app: " + line));
    }

    /// <summary>A client signed in through the real sign-in form, carrying its cookie; as many connections as <paramref name="connections"/>.</summary>
    public static async Task<HttpClient> SignInAsync(this AppProcess app, string email, int connections = 4)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        var form = await client.GetStringAsync(new Uri("/logg-inn", UriKind.Relative));
        var token = TokenPattern().Match(form) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on /logg-inn.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = DemoUsers.Password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/logg-inn", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>The process's peak resident set so far (VmHWM), in bytes; 0 where /proc is missing.</summary>
    public static long PeakResidentBytes(this AppProcess app) => ReadStatus(app, "VmHWM:");

    public static long ResidentBytes(this AppProcess app) => ReadStatus(app, "VmRSS:");

    private static long ReadStatus(AppProcess app, string field)
    {
        var path = $"/proc/{app.Id}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

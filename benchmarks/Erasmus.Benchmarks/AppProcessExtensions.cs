using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Benchmarks;

/// <summary>What the benchmarks need of the app process beyond starting it (AppProcess.cs is the tests' own, compiled here too).</summary>
public static partial class AppProcessExtensions
{
    /// <summary>The app as deployed but for HTTPS: environment Benchmark, the young generation's size, the request log on, its errors on the console.</summary>
    public static Task<AppProcess> StartForBenchmarkAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        // The young generation's size as deployed (the Dockerfile and run.sh set it; decision 0021), unless the caller chooses.
        var all = new Dictionary<string, string> { ["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "0x4000000" };
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }

        all["Serilog__MinimumLevel__Default"] = "Information";
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

    /// <summary>The app's processor time so far, user and system, in seconds (10 ms ticks); 0 where /proc is missing.</summary>
    public static double ProcessorSeconds(this AppProcess app) => CpuUse.ProcessSeconds(app.Id);

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

/// <summary>
/// Where the machine's processor time went over a phase: the app, this benchmark process (the readers and writers
/// themselves), and everything else (PostgreSQL above all). The cores are shared, so a slower page can be a busier
/// neighbour rather than a slower app. Linux only; zeros elsewhere.
/// </summary>
public sealed class CpuUse
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the benchmarks run on.

    private readonly int _appId;
    private readonly double _machineBusy;
    private readonly double _app;
    private readonly double _self;
    private readonly DateTime _at;

    private CpuUse(int appId)
    {
        _appId = appId;
        _machineBusy = MachineBusySeconds();
        _app = ProcessSeconds(appId);
        _self = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        _at = DateTime.UtcNow;
    }

    public static CpuUse Start(AppProcess app) => new(app.Id);

    /// <summary>"app 41.2 s, benchmark 12.0 s, others 5.1 s of 60.0 s (2 cores × 30.0 s)" since <see cref="Start"/>.</summary>
    public string Since()
    {
        var now = new CpuUse(_appId);
        var app = now._app - _app;
        var self = now._self - _self;
        var others = Math.Max(0, now._machineBusy - _machineBusy - app - self);
        var wall = (now._at - _at).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"app {app:F1} s, benchmark {self:F1} s, others (PostgreSQL …) {others:F1} s of {wall * Environment.ProcessorCount:F1} s ({Environment.ProcessorCount} cores × {wall:F1} s)");
    }

    internal static double ProcessSeconds(int id)
    {
        var path = $"/proc/{id}/stat";
        if (!File.Exists(path))
        {
            return 0;
        }

        // The command name may hold spaces; the fields after its closing parenthesis are fixed: utime and stime are the 12th and 13th.
        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        // cpu  user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (values.Take(8).Sum() - values[3] - values[4]) / TicksPerSecond;
    }
}

using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace Erasmus.Benchmarks;

/// <summary>The pages through the real HTTP pipeline, each against its SQL floor; the lists; and many users at once.</summary>
public static class WebBenchmarks
{
    public const string DetailTarget = "MOB-VET-LEARNERS";

    public static readonly (string Name, string Url, Func<string>? Floor)[] Pages =
    [
        ("Dashboard, awarded (the default)", "/mal", () => Floors.Dashboard(realised: false)),
        ("Dashboard, realised", "/mal?basis=realised", () => Floors.Dashboard(realised: true)),
        ($"Target detail {DetailTarget}, awarded", $"/mal/{DetailTarget}", () => Floors.TargetDetail(realised: false)),
        ($"Target detail {DetailTarget}, realised", $"/mal/{DetailTarget}?basis=realised", () => Floors.TargetDetail(realised: true)),
        ("County matrix", "/fylker", () => Floors.Counties),
    ];

    public static readonly (string Name, string Url)[] Lists =
    [
        ("Mobilities: county, status, sorted by start, page 3 of 50", "/mobiliteter?county=46&status=Realised&sort=start&dir=desc&page=3&pageSize=50"),
        ("Mobilities: no filter, page 200", "/mobiliteter?page=200"),
        ("Mobilities: call year, activity type, page 2", "/mobiliteter?callYear=2023&activityType=LM-SHORT-VET&page=2"),
        ("Mobilities: search for a project number", "/mobiliteter?search=2024-1-NO01-KA122-SCH"),
        ("Projects: county, sector, call year, page 2", "/prosjekter?county=46&sector=VET&callYear=2024&page=2"),
        ("Projects: search, sorted by coordinator", "/prosjekter?search=skole&sort=coordinator"),
        ("Organisations: county, page 2", "/organisasjoner?county=03&page=2"),
    ];

    /// <summary>Each page: median and p95 over <paramref name="requests"/> requests, the first request after a write, and its floor.</summary>
    public static async Task PagesAsync(Options options, AppProcess app, string connectionString, Results results)
    {
        var requests = options.Whole("--requests", 50);
        var afterWrite = options.Whole("--after-write", 10);
        var asOf = DateOnly.FromDateTime(DateTime.Now);
        using var client = await app.SignInAsync(DemoUsers.AnalystEmail);
        results.Heading($"Pages against their SQL floor ({requests} requests each, one at a time; {Machine.Load()})");
        results.Line($"| page | URL | median | p95 | first request | after a mobility write (median of {afterWrite}) | after a project write (median of {afterWrite}) | SQL floor median (JIT off) | floor p95 | median ÷ floor | body |");
        results.Line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, url, floor) in Pages)
        {
            if (options.Value("--page") is { } only && !url.Contains(only, StringComparison.Ordinal))
            {
                continue;
            }

            var (stats, first, bytes) = await Timing.HttpAsync(client, url, requests);
            var mobilityWrite = await AfterWriteAsync(client, url, connectionString, afterWrite, MobilityWrite);
            var projectWrite = await AfterWriteAsync(client, url, connectionString, afterWrite, ProjectWrite);
            var (floorStats, _) = floor is null ? (Stats.Of([]), 0) : await Timing.SqlAsync(connectionString, floor(), asOf, Math.Min(requests, 20));
            results.Line(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | `{url}` | {Stats.Ms(stats.Median)} | {Stats.Ms(stats.P95)} | {Stats.Ms(first)} | {Stats.Ms(mobilityWrite.Median)} | {Stats.Ms(projectWrite.Median)} | {Stats.Ms(floorStats.Median)} | {Stats.Ms(floorStats.P95)} | {stats.Median / floorStats.Median:F2}× | {bytes / 1024.0:F0} KiB |"));
        }
    }

    public static async Task ListsAsync(Options options, AppProcess app, Results results)
    {
        var requests = options.Whole("--requests", 50);
        using var client = await app.SignInAsync(DemoUsers.AnalystEmail);
        results.Heading($"List pages ({requests} requests each, one at a time; {Machine.Load()})");
        results.Line("| list | URL | median | p95 | max |");
        results.Line("| --- | --- | ---: | ---: | ---: |");
        foreach (var (name, url) in Lists)
        {
            var (stats, _, _) = await Timing.HttpAsync(client, url, requests);
            results.Line($"| {name} | `{url}` | {Stats.Ms(stats.Median)} | {Stats.Ms(stats.P95)} | {Stats.Ms(stats.Max)} |");
        }
    }

    /// <summary>A write to one mobility record (as registering one is): the realised figures and the mobility list depend on it.</summary>
    private const string MobilityWrite = "UPDATE mobilities SET participant_count = participant_count WHERE id = (SELECT min(id) FROM mobilities)";

    /// <summary>A write to one project: every figure depends on the projects.</summary>
    private const string ProjectWrite = "UPDATE projects SET updated_at = updated_at WHERE id = (SELECT min(id) FROM projects)";

    /// <summary>
    /// The first request after a change to the data: a no-op UPDATE (it fires the same statement
    /// triggers as any write), then one timed request; repeated.
    /// </summary>
    private static async Task<Stats> AfterWriteAsync(HttpClient client, string url, string connectionString, int count, string write)
    {
        var times = new List<double>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < count; i++)
        {
            await using (var command = new NpgsqlCommand(write, connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Stats.Of(times);
    }

    /// <summary>
    /// Many users at once for a while: each virtual user sends its next request as soon as the last one
    /// answered, over its own connection, all with the analyst's cookie from the real sign-in.
    /// </summary>
    public static async Task LoadAsync(Options options, AppProcess app, Results results)
    {
        var users = options.Whole("--users", 50);
        var seconds = options.Whole("--seconds", 60);
        results.Heading($"{users} concurrent users for {seconds} s each (loopback; C# load driver in this process; {Machine.Load()} before)");
        results.Line("| workload | requests | requests/s | median | p95 | max | errors | app peak RSS |");
        results.Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var workloads = new (string Name, Func<Random, string> Url)[]
        {
            ("Dashboard `/mal`", _ => "/mal"),
            ("Mobility list `/mobiliteter?county=46&status=Realised&page=1…20`", r => $"/mobiliteter?county=46&status=Realised&page={r.Next(1, 21)}"),
        };
        foreach (var (name, url) in workloads)
        {
            using var client = await app.SignInAsync(DemoUsers.AnalystEmail, connections: users);
            // One untimed request each, so the measurement starts with open connections.
            await Task.WhenAll(Enumerable.Range(0, users).Select(async i =>
            {
                using var response = await client.GetAsync(new Uri(url(new Random(i)), UriKind.Relative));
            }));
            var latencies = new ConcurrentBag<double>();
            var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            var clock = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, users).Select(user => Task.Run(async () =>
            {
                var random = new Random(user);
                while (clock.Elapsed < deadline)
                {
                    var started = clock.Elapsed.TotalMilliseconds;
                    try
                    {
                        using var response = await client.GetAsync(new Uri(url(random), UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                        await response.Content.ReadAsByteArrayAsync();
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            errors.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                    }

                    latencies.Add(clock.Elapsed.TotalMilliseconds - started);
                }
            })));
            var elapsed = clock.Elapsed.TotalSeconds;
            var stats = Stats.Of(latencies.ToArray());
            var errorText = errors.IsEmpty ? "0" : string.Join(", ", errors.Select(e => $"{e.Value} × {e.Key}"));
            results.Line(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {stats.Count:N0} | {stats.Count / elapsed:F1} | {Stats.Ms(stats.Median)} | {Stats.Ms(stats.P95)} | {Stats.Ms(stats.Max)} | {errorText} | {app.PeakResidentBytes() / 1048576.0:F0} MiB |"));
        }
    }
}

/// <summary>The figures as Markdown, printed as they come and written to a file at the end.</summary>
public sealed class Results
{
    private readonly List<string> _lines = [];

    public void Heading(string text)
    {
        Line("");
        Line("### " + text);
        Line("");
    }

    public void Line(string text)
    {
        _lines.Add(text);
        Console.WriteLine(text);
    }

    public async Task SaveAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllLinesAsync(path, _lines);
        Console.WriteLine($"Figures written to {path}");
    }
}

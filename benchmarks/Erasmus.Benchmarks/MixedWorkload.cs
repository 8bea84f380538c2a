using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Npgsql;

namespace Erasmus.Benchmarks;

/// <summary>
/// Analysts reading the dashboards and a target page while coordinators save mobilities and projects
/// through the app's own edit forms (issue 19): the same readers for the same time without writes, then
/// with a mobility saved every 0.1 s and a project every 1 s; per page p50/p95/p99, requests per second
/// and errors. The mobility writer opens the figures right after each save, as a coordinator checking
/// their change would, and counts every answer that does not show it.
/// </summary>
public static class MixedWorkload
{
    private const string VetLearners = "MOB-VET-LEARNERS";

    private static readonly (string Name, string Url, int Weight)[] Pages =
    [
        ("Dashboard, realised", "/mal?basis=realised", 2),
        ("Dashboard, awarded", "/mal", 2),
        ($"Target page {VetLearners}, realised", $"/mal/{VetLearners}?basis=realised", 1),
    ];

    public static async Task RunAsync(Options options, AppProcess app, string connectionString, Results results)
    {
        var readers = options.Whole("--readers", 20);
        var seconds = options.Whole("--mixed-seconds", 30);
        var mobilityEvery = TimeSpan.FromSeconds(options.Fraction("--mobility-every", 0.1));
        var projectEvery = TimeSpan.FromSeconds(options.Fraction("--project-every", 1));
        var county = options.Value("--county") ?? "46";

        results.Heading($"Mixed workload: {readers} readers, {seconds} s without writes, then {seconds} s with a mobility saved every {mobilityEvery.TotalSeconds:0.##} s and a project every {projectEvery.TotalSeconds:0.##} s through the edit forms ({Machine.Load()} before)");

        // The first requests after start-up, before anything else has asked for the figures.
        using (var first = await app.SignInAsync(DemoUsers.AnalystEmail))
        {
            foreach (var (name, url, _) in Pages)
            {
                var clock = Stopwatch.StartNew();
                using var response = await first.GetAsync(new Uri(url, UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                results.Line($"First request after start-up, {name}: {Stats.Ms(clock.Elapsed.TotalMilliseconds)} ({(int)response.StatusCode})");
            }
        }

        var floors = new List<string>();
        var asOf = DateOnly.FromDateTime(DateTime.Now);
        foreach (var (name, sql) in new[] { ("realised dashboard", Floors.Dashboard(realised: true)), ("awarded dashboard", Floors.Dashboard(realised: false)),
                     ($"{VetLearners} realised", Floors.TargetDetail(realised: true)) })
        {
            var (floor, _) = await Timing.SqlAsync(connectionString, sql, asOf, 5, warmUp: 1);
            floors.Add($"{name} {Stats.Ms(floor.Median)} (p95 {Stats.Ms(floor.P95)})");
        }

        results.Line($"SQL floor, one at a time without writes, median of 5: {string.Join("; ", floors)}");
        results.Line("");

        var (mobilities, projects) = await CandidatesAsync(connectionString, county);
        results.Line($"Writers: the coordinator of county {county} edits {mobilities.Count} realised VET learner records (participants ±1, each save undone by the next save of that record) and toggles the green-travel top-up of {projects.Count} projects.");
        results.Line("");
        results.Line("| page | writes | requests | requests/s | p50 | p95 | p99 | max | errors |");
        results.Line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

        using var client = await app.SignInAsync(DemoUsers.AnalystEmail, connections: readers);
        await ReadAsync(client, readers, TimeSpan.FromSeconds(3), "warm-up");
        var quiet = await ReadAsync(client, readers, TimeSpan.FromSeconds(seconds), "none");
        var peakBefore = app.PeakResidentBytes();

        using var writer = await app.SignInAsync(DemoUsers.CoordinatorEmail(county), connections: 2 * MostInFlight);
        using var stop = new CancellationTokenSource();
        var mobilityWriter = MobilityWriterAsync(writer, mobilities, mobilityEvery, stop.Token);
        var projectWriter = ProjectWriterAsync(writer, projects, projectEvery, stop.Token);
        var busy = await ReadAsync(client, readers, TimeSpan.FromSeconds(seconds), "yes");
        await stop.CancelAsync();
        var mobilityWrites = await mobilityWriter;
        var projectWrites = await projectWriter;

        foreach (var (name, _, _) in Pages)
        {
            results.Line(Row(name, "none", quiet[name], quiet.Elapsed));
            results.Line(Row(name, "yes", busy[name], busy.Elapsed));
        }

        results.Line(Row($"Coordinator's `/api/attainment?basis=realised` right after each mobility save", "yes", mobilityWrites.ReadBack, busy.Elapsed));
        results.Line("");
        foreach (var (name, _, _) in Pages)
        {
            var ratio = quiet[name].Count == 0 ? double.NaN : (double)busy[name].Count / quiet[name].Count;
            results.Line(string.Create(CultureInfo.InvariantCulture, $"- {name}: throughput with writes {ratio * 100:F0} % of without."));
        }

        results.Line(string.Create(CultureInfo.InvariantCulture,
            $"- Mobility saves: {mobilityWrites.Saves.Count} in {busy.Elapsed.TotalSeconds:F0} s ({mobilityWrites.Saves.Count / busy.Elapsed.TotalSeconds:F1}/s), p50 {Stats.Ms(Percentile(mobilityWrites.Saves, 0.5))}, p95 {Stats.Ms(Percentile(mobilityWrites.Saves, 0.95))}, {mobilityWrites.Errors} failed{mobilityWrites.FirstError}, {mobilityWrites.Skipped} ticks skipped ({MostInFlight} saves already under way)."));
        results.Line(string.Create(CultureInfo.InvariantCulture,
            $"- Project saves: {projectWrites.Saves.Count} ({projectWrites.Saves.Count / busy.Elapsed.TotalSeconds:F1}/s), p50 {Stats.Ms(Percentile(projectWrites.Saves, 0.5))}, p95 {Stats.Ms(Percentile(projectWrites.Saves, 0.95))}, {projectWrites.Errors} failed{projectWrites.FirstError}, {projectWrites.Skipped} ticks skipped."));
        results.Line($"- Read-your-writes: {mobilityWrites.Checked} reads of the figures right after a save checked, {mobilityWrites.Stale} missed a save finished before the read (or showed one not yet started).");
        results.Line($"- App resident set: peak {app.PeakResidentBytes() / 1048576.0:F0} MiB over its life ({peakBefore / 1048576.0:F0} MiB before the writers started); {Machine.Load()} at the end.");
    }

    private static string Row(string name, string writes, List<double> latencies, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {writes} | {latencies.Count:N0} | {latencies.Count / elapsed.TotalSeconds:F1} | {Stats.Ms(Percentile(latencies, 0.5))} | {Stats.Ms(Percentile(latencies, 0.95))} | {Stats.Ms(Percentile(latencies, 0.99))} | {Stats.Ms(latencies.Count == 0 ? double.NaN : latencies.Max())} | {Errors(name, writes)} |");

    private static readonly ConcurrentDictionary<(string, string), int> _errors = new();

    private static string Errors(string name, string writes) => _errors.GetValueOrDefault((name, writes)).ToString(CultureInfo.InvariantCulture);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private sealed class Reading(TimeSpan elapsed, Dictionary<string, List<double>> latencies)
    {
        public TimeSpan Elapsed { get; } = elapsed;

        public List<double> this[string page] => latencies[page];
    }

    /// <summary>Each reader asks for the next page as soon as the last answered, the pages in their weights' proportions.</summary>
    private static async Task<Reading> ReadAsync(HttpClient client, int readers, TimeSpan duration, string writes)
    {
        var cycle = Pages.SelectMany(p => Enumerable.Repeat(p, p.Weight)).ToArray();
        var latencies = Pages.ToDictionary(p => p.Name, _ => new List<double>());
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(async () =>
        {
            var mine = Pages.ToDictionary(p => p.Name, _ => new List<double>());
            for (var i = reader; clock.Elapsed < duration; i++)
            {
                var (name, url, _) = cycle[i % cycle.Length];
                var started = clock.Elapsed.TotalMilliseconds;
                var ok = false;
                try
                {
                    using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                    await response.Content.ReadAsByteArrayAsync();
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    ok = false;
                }

                mine[name].Add(clock.Elapsed.TotalMilliseconds - started);
                if (!ok)
                {
                    _errors.AddOrUpdate((name, writes), 1, (_, n) => n + 1);
                }
            }

            lock (latencies)
            {
                foreach (var (name, list) in mine)
                {
                    latencies[name].AddRange(list);
                }
            }
        })));
        return new Reading(clock.Elapsed, latencies);
    }

    private sealed record Writes(List<double> Saves, int Errors, string FirstError, List<double> ReadBack, int Checked, int Stale, int Skipped);

    /// <summary>
    /// Starts a mobility save through its edit form every <paramref name="every"/> whether or not the last has
    /// finished (open loop, as many coordinators would: the rate asked for is the rate applied, up to
    /// <see cref="MostInFlight"/> saves at once), and after each reads the figures as the same coordinator and
    /// checks read-your-writes: the national VET learners must include every save that had finished before the
    /// read began (its own among them), and may include only saves that were under way meanwhile.
    /// </summary>
    private static async Task<Writes> MobilityWriterAsync(HttpClient client, List<(int Id, int Participants)> candidates, TimeSpan every, CancellationToken stop)
    {
        var saves = new ConcurrentBag<double>();
        var readBack = new ConcurrentBag<double>();
        var (errors, checkedReads, stale, skipped) = (0, 0, 0, 0);
        var firstError = "";
        var gate = new Lock();
        var current = candidates.ToDictionary(c => c.Id, c => c.Participants);
        var baseline = await VetLearnersAsync(client);
        long sequence = 0;
        // Every save started: its change, and when it started and finished on one counter shared with the reads.
        var log = new List<SaveRecord>();
        var running = new List<Task>();
        using var timer = new PeriodicTimer(every);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count >= MostInFlight)
            {
                skipped++;
            }
            else
            {
                var (id, original) = candidates[i % candidates.Count];
                running.Add(Task.Run(async () =>
                {
                    SaveRecord record;
                    int participants;
                    lock (gate)
                    {
                        participants = current[id] == original ? original + 1 : original;
                        record = new SaveRecord(participants - current[id], Interlocked.Increment(ref sequence));
                        current[id] = participants;
                        log.Add(record);
                    }

                    var clock = Stopwatch.StartNew();
                    var (ok, error) = await SaveAsync(client, $"/mobiliteter/{id}/endre", new() { ["ParticipantCount"] = [participants.ToString(CultureInfo.InvariantCulture)] });
                    saves.Add(clock.Elapsed.TotalMilliseconds);
                    lock (gate)
                    {
                        record.Done = Interlocked.Increment(ref sequence);
                        record.Saved = ok;
                        if (!ok)
                        {
                            errors++;
                            firstError = firstError.Length > 0 ? firstError : $" (first: {error})";
                            return;
                        }
                    }

                    var readFrom = Interlocked.Increment(ref sequence);
                    clock.Restart();
                    var shown = await VetLearnersAsync(client);
                    readBack.Add(clock.Elapsed.TotalMilliseconds);
                    var readTo = Interlocked.Increment(ref sequence);
                    lock (gate)
                    {
                        // Certain: saved before the read began. Possible: anything else started before it ended.
                        var certain = baseline + log.Where(s => s.Saved && s.Done < readFrom).Sum(s => s.Change);
                        var possible = log.Where(s => s.Started < readTo && !(s.Done < readFrom && s.Done > 0)).ToList();
                        var (low, high) = (certain + possible.Where(s => s.Change < 0).Sum(s => s.Change), certain + possible.Where(s => s.Change > 0).Sum(s => s.Change));
                        checkedReads++;
                        if (shown < low || shown > high)
                        {
                            stale++;
                        }
                    }
                }, CancellationToken.None));
            }

            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running);
        return new Writes([.. saves], errors, firstError, [.. readBack], checkedReads, stale, skipped);
    }

    /// <summary>At most this many saves of one writer at once; a tick that finds them all busy is counted as skipped.</summary>
    private const int MostInFlight = 16;

    private sealed class SaveRecord(int change, long started)
    {
        public int Change { get; } = change;
        public long Started { get; } = started;
        public long Done { get; set; }
        public bool Saved { get; set; }
    }

    /// <summary>Starts a toggle of a project's green-travel top-up through its edit form every <paramref name="every"/> (open loop, as above).</summary>
    private static async Task<Writes> ProjectWriterAsync(HttpClient client, List<int> projects, TimeSpan every, CancellationToken stop)
    {
        var saves = new ConcurrentBag<double>();
        var (errors, skipped) = (0, 0);
        var firstError = "";
        var gate = new Lock();
        var running = new List<Task>();
        using var timer = new PeriodicTimer(every);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count >= MostInFlight)
            {
                skipped++;
            }
            else
            {
                var project = projects[i % projects.Count];
                running.Add(Task.Run(async () =>
                {
                    var clock = Stopwatch.StartNew();
                    var (ok, error) = await SaveAsync(client, $"/prosjekter/{project}/endre", [], toggle: "GreenTravelTopUp");
                    saves.Add(clock.Elapsed.TotalMilliseconds);
                    if (!ok)
                    {
                        lock (gate)
                        {
                            errors++;
                            firstError = firstError.Length > 0 ? firstError : $" (first: {error})";
                        }
                    }
                }, CancellationToken.None));
            }

            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running);
        return new Writes([.. saves], errors, firstError, [], 0, 0, skipped);
    }

    /// <summary>Opens an edit form, keeps every value as the browser would send it, changes some, and posts it: saved when it redirects.</summary>
    private static async Task<(bool Saved, string Error)> SaveAsync(HttpClient client, string url, Dictionary<string, string[]> changes, string? toggle = null)
    {
        var page = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        var form = new HtmlParser().ParseDocument(page).QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .First(f => f.QuerySelector("input[name=Version]") is not null);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    var isChecked = input.Type is "checkbox" or "radio" ? input.IsChecked : true;
                    if (input.Name == toggle)
                    {
                        isChecked = !input.IsChecked;
                    }

                    if (isChecked && !changes.ContainsKey(input.Name))
                    {
                        fields.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !changes.ContainsKey(select.Name):
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(select.Name, o.Value)));
                    break;
                case IHtmlTextAreaElement text when !string.IsNullOrEmpty(text.Name) && !changes.ContainsKey(text.Name):
                    fields.Add(new(text.Name, text.Value));
                    break;
            }
        }

        fields.AddRange(changes.SelectMany(c => c.Value.Select(v => new KeyValuePair<string, string>(c.Key, v))));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return (true, "");
        }

        var body = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var message = body.QuerySelector(".error-summary, .validation-summary, [role=alert]")?.TextContent.Trim() ?? "";
        return (false, $"{(int)response.StatusCode} {url}: {string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).PadRight(1)[..Math.Min(message.Length, 160)]}");
    }

    private static async Task<decimal> VetLearnersAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/attainment?basis=realised", UriKind.Relative)));
        return json.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == VetLearners).GetProperty("value").GetDecimal();
    }

    /// <summary>Realised, outgoing VET learner records of the county's projects that have ended (so they count today), and granted KA122 projects of the county.</summary>
    private static async Task<(List<(int Id, int Participants)> Mobilities, List<int> Projects)> CandidatesAsync(string connectionString, string county)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var mobilities = new List<(int, int)>();
        await using (var command = new NpgsqlCommand("""
            SELECT m.id, m.participant_count FROM mobilities m JOIN projects p ON p.id = m.project_id JOIN organisations c ON c.id = p.coordinator_id
            WHERE c.county_number = @county AND c.country_code = 'NO' AND p.call_year >= 2021 AND m.status = 'Realised' AND m.direction = 'Outgoing'
              AND m.participant_group = 'Learner' AND m.activity_type_code IN ('LM-SHORT-VET', 'LM-LONG-VET') AND m.end_date < current_date
              AND m.participant_count BETWEEN 1 AND 10
            ORDER BY m.id LIMIT 200
            """, connection))
        {
            command.Parameters.AddWithValue("county", county);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                mobilities.Add((reader.GetInt32(0), reader.GetInt32(1)));
            }
        }

        var projects = new List<int>();
        await using (var command = new NpgsqlCommand("""
            SELECT p.id FROM projects p JOIN organisations c ON c.id = p.coordinator_id
            WHERE c.county_number = @county AND c.country_code = 'NO' AND p.action = 'KA122' AND p.status IN ('Granted', 'Ongoing', 'Completed') AND p.call_year >= 2021
            ORDER BY p.id LIMIT 50
            """, connection))
        {
            command.Parameters.AddWithValue("county", county);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                projects.Add(reader.GetInt32(0));
            }
        }

        return (mobilities, projects);
    }
}

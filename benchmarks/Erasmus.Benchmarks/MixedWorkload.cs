using Erasmus.DemoData;
using Erasmus.Web.Tests.Infrastructure;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public static partial class MixedWorkload
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

        results.Heading($"Mixed workload: {readers} readers, {seconds} s without writes, then {seconds} s with a mobility saved every {mobilityEvery.TotalSeconds:0.##} s and a project every {projectEvery.TotalSeconds:0.##} s through the edit forms, after {options.Whole("--warm-up-seconds", 20)} s of both unmeasured ({Machine.Load()} before)");

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
        using var writer = await app.SignInAsync(DemoUsers.CoordinatorEmail(county), connections: 2 * MostInFlight);
        // The measured phases are the steady state of a running server: first the readers and writers together for a
        // while, unmeasured, so that the JIT has compiled the hot paths of both (30 s after start-up a CPU profile put
        // a quarter of the app's time in the tiered compiler) and the views have caught up once.
        var warmUp = options.Whole("--warm-up-seconds", 20);
        using (var warming = new CancellationTokenSource())
        {
            var warmingWriters = Task.WhenAll(MobilityWriterAsync(writer, mobilities, mobilityEvery, warming.Token),
                ProjectWriterAsync(writer, projects, projectEvery, warming.Token));
            await ReadAsync(client, readers, TimeSpan.FromSeconds(warmUp), "warm-up");
            await warming.CancelAsync();
            await warmingWriters;
        }

        await ReadAsync(client, readers, TimeSpan.FromSeconds(3), "warm-up");
        using var administrator = await app.SignInAsync(DemoUsers.AdministratorEmail);
        var quietGc = await GcAsync(administrator);
        var quietCpu = CpuUse.Start(app);
        var quiet = await ReadAsync(client, readers, TimeSpan.FromSeconds(seconds), "none");
        var quietCpuUse = quietCpu.Since();
        var busyGc = await GcAsync(administrator);
        var quietGcUse = busyGc.Since(quietGc, 1, "phase");
        var peakBefore = app.PeakResidentBytes();

        // The warm-up's saves may have left records changed: the writers start from what is saved now.
        (mobilities, projects) = await CandidatesAsync(connectionString, county);
        using var stop = new CancellationTokenSource();
        var busyCpu = CpuUse.Start(app);
        var mobilityWriter = MobilityWriterAsync(writer, mobilities, mobilityEvery, stop.Token);
        var projectWriter = ProjectWriterAsync(writer, projects, projectEvery, stop.Token);
        var busy = await ReadAsync(client, readers, TimeSpan.FromSeconds(seconds), "yes");
        var busyCpuUse = busyCpu.Since();
        var busyGcUse = (await GcAsync(administrator)).Since(busyGc, 1, "phase");
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
        results.Line($"- Processor time without writes: {quietCpuUse}; with writes: {busyCpuUse}.");
        results.Line($"- The app's garbage collection without writes: {quietGcUse}; with writes: {busyGcUse}.");
        results.Line($"- App resident set: peak {app.PeakResidentBytes() / 1048576.0:F0} MiB over its life ({peakBefore / 1048576.0:F0} MiB before the writers started); {Machine.Load()} at the end.");
    }

    /// <summary>
    /// What one save and the reads after it cost the app, step by step, one request at a time: the app's processor
    /// time and the wall time per step, summed over <c>--saves</c> saves of each kind. Explains where the cores go in
    /// the mixed workload (a profiling aid; no readers run meanwhile).
    /// </summary>
    public static async Task SaveCostAsync(Options options, AppProcess app, string connectionString, Results results)
    {
        var rounds = options.Whole("--saves", 40);
        var county = options.Value("--county") ?? "46";
        var (mobilities, projects) = await CandidatesAsync(connectionString, county);
        using var writer = await app.SignInAsync(DemoUsers.CoordinatorEmail(county));
        using var reader = await app.SignInAsync(DemoUsers.AnalystEmail);
        using var administrator = await app.SignInAsync(DemoUsers.AdministratorEmail);
        results.Heading($"What a save costs the app, step by step ({rounds} saves of each kind, one request at a time, {Machine.Load()} before)");
        results.Line("| step | app CPU per request | wall per request | response size |");
        results.Line("| --- | ---: | ---: | ---: |");
        var reads = Pages.Select(p => (p.Name, p.Url)).Prepend(("Coordinator's `/api/attainment?basis=realised`", "/api/attainment?basis=realised")).ToArray();
        foreach (var (kind, ids, urlOf, changesOf, toggle) in new (string, List<int>, Func<int, string>, Func<int, int, Dictionary<string, string[]>>, string?)[]
                 {
                     ("mobility", mobilities.Select(m => m.Id).ToList(), id => $"/mobiliteter/{id}/endre", (id, round) => new() { ["ParticipantCount"] = [(mobilities.First(m => m.Id == id).Participants + (round % 2 == 0 ? 1 : 0)).ToString(CultureInfo.InvariantCulture)] }, null),
                     ("project", projects, id => $"/prosjekter/{id}/endre", (_, _) => [], "GreenTravelTopUp"),
                 })
        {
            var steps = new List<(string Name, double Cpu, double Wall, long Bytes)>();
            void Add(string name, double cpu, double wall, long bytes)
            {
                var i = steps.FindIndex(s => s.Name == name);
                if (i < 0)
                {
                    steps.Add((name, cpu, wall, bytes));
                }
                else
                {
                    steps[i] = (name, steps[i].Cpu + cpu, steps[i].Wall + wall, steps[i].Bytes + bytes);
                }
            }

            async Task<string> Step(string name, Func<Task<string>> action)
            {
                var cpu = app.ProcessorSeconds();
                var clock = Stopwatch.StartNew();
                var body = await action();
                Add(name, app.ProcessorSeconds() - cpu, clock.Elapsed.TotalSeconds, body.Length);
                return body;
            }

            var gcBefore = await GcAsync(administrator);
            for (var round = 0; round < rounds; round++)
            {
                // Each record is saved twice in a row, the second save undoing the first, so the dataset is left as it was.
                var id = ids[round / 2 % ids.Count];
                var url = urlOf(id);
                var page = await Step($"{kind}: open the edit form", () => writer.GetStringAsync(new Uri(url, UriKind.Relative)));
                var fields = FormFields(page, changesOf(id, round), toggle);
                await Step($"{kind}: post it", async () => (await PostFormAsync(writer, url, fields)).Error);
                foreach (var (name, readUrl) in reads)
                {
                    await Step($"{kind}: then {name}", () => reader.GetStringAsync(new Uri(readUrl, UriKind.Relative)));
                }

                foreach (var (name, readUrl) in reads)
                {
                    await Step($"{kind}: {name} again (no write between)", () => reader.GetStringAsync(new Uri(readUrl, UriKind.Relative)));
                }
            }

            var gcAfter = await GcAsync(administrator);
            foreach (var (name, cpu, wall, bytes) in steps)
            {
                results.Line(string.Create(CultureInfo.InvariantCulture, $"| {name} | {cpu * 1000 / rounds:F1} ms | {wall * 1000 / rounds:F1} ms | {bytes / rounds / 1024.0:F0} KiB |"));
            }

            results.Line($"| {kind}, garbage collection over the {rounds} rounds: {gcAfter.Since(gcBefore, rounds, "round")} | | | |");
        }

        results.Line($"(app CPU from /proc/PID/stat, 10 ms ticks summed over the {rounds} rounds; {Machine.Load()} at the end)");
    }

    private static readonly string[] Generations = ["gen0", "gen1", "gen2"];

    /// <summary>The app's garbage collections by generation and bytes allocated so far, from its /metrics (administrators may read it).</summary>
    private static async Task<Gc> GcAsync(HttpClient administrator)
    {
        var text = await administrator.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        double Value(string prefix) => text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();
        return new Gc([.. Generations.Select(g => (long)Value($"dotnet_gc_collections_total{{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"{g}\"}}"))],
            (long)Value("dotnet_gc_heap_total_allocated_bytes_total"), Value("dotnet_gc_pause_time_seconds_total"));
    }

    /// <summary>Collections by generation (a gen2 one is not counted under gen0), bytes allocated, seconds paused.</summary>
    private sealed record Gc(long[] Collections, long Allocated, double Paused)
    {
        public string Since(Gc before, int rounds, string per) => string.Create(CultureInfo.InvariantCulture,
            $"{string.Join('/', Collections.Zip(before.Collections, (a, b) => a - b))} collections (gen0/gen1/gen2), {(Allocated - before.Allocated) / rounds / 1048576.0:F1} MiB allocated per {per}, paused {(Paused - before.Paused) * 1000:F0} ms in all");
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
    private static async Task<(bool Saved, string Error)> SaveAsync(HttpClient client, string url, Dictionary<string, string[]> changes, string? toggle = null) =>
        await PostFormAsync(client, url, FormFields(await client.GetStringAsync(new Uri(url, UriKind.Relative)), changes, toggle));

    /// <summary>The fields a browser would post from the edit form on <paramref name="page"/>, with <paramref name="changes"/> made and <paramref name="toggle"/> flipped.</summary>
    private static List<KeyValuePair<string, string>> FormFields(string page, Dictionary<string, string[]> changes, string? toggle)
    {
        // The organisations nobody chose are dropped before parsing: they are most of an edit page (thousands in each
        // picker) and post nothing, and building a document of them cost this client, on the app's two cores, some
        // 15 ms per save. What is posted is the same: every field, and the chosen options of every select.
        var form = new HtmlParser().ParseDocument(UnchosenOption().Replace(page, "")).QuerySelectorAll("form").OfType<IHtmlFormElement>()
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
        return fields;
    }

    /// <summary>
    /// An organisation picker's option (its value an organisation's id, unquoted) without "selected", with its text: the
    /// picker writes options without end tags. Other selects (and a picker's empty first option) are parsed as they are.
    /// </summary>
    [GeneratedRegex(@"<option value=[0-9]+ (?![^>]*\bselected\b)[^>]*>[^<]*", RegexOptions.CultureInvariant)]
    private static partial Regex UnchosenOption();

    private static async Task<(bool Saved, string Error)> PostFormAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
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

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Projects;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Thousands of malformed values (<see cref="MalformedValues"/>, fixed seed) posted to every form
/// and sent as every query parameter and route id: the app must never answer 500 (or any 5xx),
/// must write nothing (every table's checksum is unchanged), and must show payloads only escaped.
/// Every form is found by reading the real pages, so a field added later is fuzzed too.
/// TODO(import): the import feature's upload form and malformed files are added with that feature.
/// </summary>
public sealed class BadInputTests(BadInputTests.Site site, ITestOutputHelper output) : IClassFixture<BadInputTests.Site>
{
    private const int PostsPerForm = 40;
    private const int RequestsPerQueryForm = 32;
    private const int Parallelism = 4;
    private static readonly IReadOnlyList<Malformed> Corpus = MalformedValues.Corpus();

    [Fact]
    public async Task Malformed_values_posted_to_every_form_get_no_server_error_write_nothing_and_are_shown_escaped()
    {
        var records = await site.RecordsAsync();
        var forms = await site.PostFormsAsync(records);
        var before = await site.ChecksumsAsync();
        var stats = new Stats();
        var requests = new List<(string Who, HttpClient Client, string Action, string Token, List<KeyValuePair<string, Malformed>> Fields, int Values)>();
        var offset = 0;
        foreach (var form in forms)
        {
            for (var r = 0; r < PostsPerForm; r++)
            {
                var fields = new List<KeyValuePair<string, Malformed>>();
                foreach (var name in form.Fields)
                {
                    fields.Add(KeyValuePair.Create(name, Corpus[offset++ % Corpus.Count]));
                    if (form.MultiFields.Contains(name))
                    {
                        fields.Add(KeyValuePair.Create(name, Corpus[offset++ % Corpus.Count]));
                    }
                }

                // Fields the form does not have, including dictionary keys the binder must cope with.
                fields.Add(KeyValuePair.Create(Corpus[offset++ % Corpus.Count].Text, Corpus[offset++ % Corpus.Count]));
                fields.Add(KeyValuePair.Create($"Awarded[{Corpus[offset++ % Corpus.Count].Text}]", Corpus[offset++ % Corpus.Count]));
                requests.Add((form.Who, form.Client, form.Action, form.Token, fields, fields.Count + 2));
            }

            // More values than the form reader allows, and a key longer than it allows.
            requests.Add((form.Who, form.Client, form.Action, form.Token,
                [.. Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create($"f{i}", new Malformed("x"))), KeyValuePair.Create(new string('k', 3000), new Malformed("v"))], 2));
        }

        await ForEachAsync(requests, async request =>
        {
            var body = new StringBuilder("__RequestVerificationToken=").Append(MalformedValues.Escape(request.Token));
            foreach (var (name, value) in request.Fields)
            {
                body.Append('&').Append(MalformedValues.Escape(name)).Append('=').Append(value.Encoded);
            }

            using var content = FormBody(body.ToString());
            var watch = Stopwatch.StartNew();
            var response = await request.Client.PostAsync(new Uri(request.Action, UriKind.Relative), content);
            await stats.CheckAsync($"POST {request.Action} as {request.Who}", response, watch.Elapsed, request.Values, allowRedirect: false);
        });

        var after = await site.ChecksumsAsync();
        output.WriteLine($"{forms.Count} forms: {string.Join(", ", forms.Select(f => $"{f.Action} ({f.Fields.Count} fields, {f.Who})"))}");
        stats.Print(output, "Form posts");
        AssertNothingWritten(before, after);
        stats.AssertClean();
    }

    [Fact]
    public async Task Malformed_query_parameters_and_route_ids_get_no_server_error_write_nothing_and_are_shown_escaped()
    {
        var records = await site.RecordsAsync();
        var queryForms = await site.QueryFormsAsync(records);
        var before = await site.ChecksumsAsync();
        var stats = new Stats();
        var requests = new List<(string Who, HttpClient Client, string Method, string Url, int Values)>();
        var offset = 7;
        foreach (var form in queryForms)
        {
            for (var r = 0; r < RequestsPerQueryForm; r++)
            {
                var query = form.Fields.Select(name => $"{MalformedValues.Escape(name)}={Corpus[offset++ % Corpus.Count].Encoded}").ToList();
                var separator = form.Action.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                requests.Add((form.Who, form.Client, "GET", form.Action + separator + string.Join('&', query), query.Count));
            }
        }

        // Route ids: unknown, out of range, not numbers, and hostile strings where the route takes text.
        var routeValues = MalformedValues.Ids.Select(v => new Malformed(v)).Concat(Corpus.Where(v => v.Text.Length is > 0 and < 300).Take(12)).ToList();
        var analyst = site.Analyst;
        foreach (var value in routeValues)
        {
            var id = value.Encoded;
            foreach (var area in new[] { "organisasjoner", "akkrediteringer", "prosjekter", "mobiliteter" })
            {
                requests.Add(("analyst", analyst, "GET", $"/{area}/{id}", 1));
                requests.Add(("analyst", analyst, "GET", $"/{area}/{id}/endre", 1));
                requests.Add(("analyst", analyst, "GET", $"/{area}/{id}/slett", 1));
                requests.Add(("analyst", analyst, "POST", $"/{area}/{id}/slett", 1));
            }

            requests.Add(("analyst", analyst, "GET", $"/mobiliteter/ny?project={id}", 1));
            requests.Add(("analyst", analyst, "GET", $"/mal/{id}?AsOf={id}", 2));
            requests.Add(("analyst", analyst, "GET", $"/historikk/{id}/{id}", 2));
            requests.Add(("analyst", analyst, "GET", $"/historikk/Project/{id}", 1));
            requests.Add(("admin", site.Administrator, "GET", $"/admin/brukere/{id}", 1));
            foreach (var action in new[] { "las", "las-opp", "deaktiver", "aktiver", "passordlenke" })
            {
                requests.Add(("admin", site.Administrator, "POST", $"/admin/brukere/{id}/{action}", 1));
            }

            requests.Add(("anonymous", site.Anonymous, "GET", $"/konto/nytt-passord?userId={id}&token={id}", 2));
            requests.Add(("anonymous", site.Anonymous, "GET", $"/logg-inn?returnUrl={id}", 1));
        }

        await ForEachAsync(requests, async request =>
        {
            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            if (request.Method == "GET")
            {
                response = await request.Client.GetAsync(new Uri(request.Url, UriKind.Relative));
            }
            else
            {
                var token = request.Who == "admin" ? site.AdministratorToken : site.AnalystToken;
                using var content = FormBody($"__RequestVerificationToken={MalformedValues.Escape(token)}");
                response = await request.Client.PostAsync(new Uri(request.Url, UriKind.Relative), content);
            }

            // Lists may redirect a bad page number; sign-in pages redirect nowhere else.
            await stats.CheckAsync($"{request.Method} {request.Url.Split('?')[0]} as {request.Who}", response, watch.Elapsed, request.Values, allowRedirect: request.Method == "GET");
        });

        var after = await site.ChecksumsAsync();
        output.WriteLine($"{queryForms.Count} query forms and APIs: {string.Join(", ", queryForms.Select(f => $"{f.Action.Split('?')[0]} ({string.Join(" ", f.Fields)})"))}");
        output.WriteLine($"{routeValues.Count} route values on 28 routes");
        stats.Print(output, "Query and route requests");
        AssertNothingWritten(before, after);
        stats.AssertClean();
    }

    [Fact]
    public async Task Another_countys_ids_are_refused_and_write_nothing()
    {
        var records = await site.RecordsAsync();
        var stranger = site.OtherCoordinator;
        var before = await site.ChecksumsAsync();
        var token = await AppFixture.AntiforgeryTokenAsync(stranger, "/organisasjoner/ny");
        var stats = new Stats();
        var id = (int i) => i.ToString(CultureInfo.InvariantCulture);

        // Valid forms, except that every id belongs to county 46 and the poster coordinates county 03.
        var organisation = new Dictionary<string, string>
        {
            ["Name"] = "Fremmed skole", ["Type"] = nameof(OrganisationType.UpperSecondarySchool), ["CountryCode"] = "NO",
            ["OrganisationNumber"] = TestData.NewOrganisationNumber(), ["Oid"] = TestData.NewOid(), ["CountyNumber"] = "46",
            ["Municipality"] = "Bergen", ["FirstParticipationYear"] = "2016", ["Version"] = "0",
        };
        var accreditation = new Dictionary<string, string>
        {
            ["Code"] = $"2021-1-NO01-KA120-VET-{TestData.NextSerial():D9}", ["Sector"] = "VET", ["HolderId"] = id(records.OrganisationId),
            ["ValidFrom"] = "2021-02-01", ["ValidTo"] = "2027-12-31", ["Status"] = "Active", ["DecisionDate"] = "2021-02-01", ["Version"] = "0",
        };
        var project = ProjectPost.Valid(records.Organisation).Fields;
        var mobility = new Dictionary<string, string>
        {
            ["MobilityId"] = "123456-MOB-00001", ["ActivityTypeCode"] = "LM-SHORT-VET", ["ParticipantGroup"] = "Learner", ["Direction"] = "Outgoing",
            ["ParticipantCount"] = "1", ["SendingOrganisationId"] = id(records.OrganisationId), ["SendingCountryCode"] = "NO", ["ReceivingCountryCode"] = "DE",
            ["StartDate"] = "2021-10-01", ["EndDate"] = "2021-10-14", ["Status"] = "Realised", ["Version"] = "0",
        };
        var posts = new (string Url, Dictionary<string, string> Form, HttpStatusCode Expected)[]
        {
            ("/organisasjoner/ny", organisation, HttpStatusCode.OK),
            ($"/organisasjoner/{records.OrganisationId}/endre", organisation, HttpStatusCode.Forbidden),
            ($"/organisasjoner/{records.OrganisationId}/slett", [], HttpStatusCode.Forbidden),
            ("/akkrediteringer/ny", accreditation, HttpStatusCode.OK),
            ($"/akkrediteringer/{records.AccreditationId}/endre", accreditation, HttpStatusCode.Forbidden),
            ($"/akkrediteringer/{records.AccreditationId}/slett", [], HttpStatusCode.Forbidden),
            ("/prosjekter/ny", project, HttpStatusCode.OK),
            ($"/prosjekter/{records.ProjectId}/endre", project, HttpStatusCode.Forbidden),
            ($"/prosjekter/{records.ProjectId}/slett", [], HttpStatusCode.Forbidden),
            ($"/mobiliteter/ny?project={records.ProjectId}", mobility, HttpStatusCode.Forbidden),
            ($"/mobiliteter/{records.MobilityId}/endre", mobility, HttpStatusCode.Forbidden),
            ($"/mobiliteter/{records.MobilityId}/slett", [], HttpStatusCode.Forbidden),
        };
        foreach (var (url, form, expected) in posts)
        {
            var watch = Stopwatch.StartNew();
            var response = await Sessions.PostAsync(stranger, url, token, form);
            var html = await response.Content.ReadAsStringAsync();
            output.WriteLine($"POST {url,-36} as the coordinator of county 03 with county 46's ids: {(int)response.StatusCode}");
            Assert.True(expected == response.StatusCode, $"{url} answered {(int)response.StatusCode}, expected {(int)expected}");
            if (expected == HttpStatusCode.OK)
            {
                Assert.Contains("eget fylke", html, StringComparison.Ordinal);
            }

            await stats.CheckAsync($"POST {url}", response, watch.Elapsed, form.Count, allowRedirect: false);
        }

        foreach (var url in new[] { $"/organisasjoner/{records.OrganisationId}/endre", $"/akkrediteringer/{records.AccreditationId}/endre",
            $"/prosjekter/{records.ProjectId}/endre", $"/mobiliteter/{records.MobilityId}/endre", $"/mobiliteter/ny?project={records.ProjectId}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }

        AssertNothingWritten(before, await site.ChecksumsAsync());
        stats.Print(output, "Another county's ids");
        stats.AssertClean(expectReflections: false);
    }

    private void AssertNothingWritten(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changed = before.Keys.Where(t => before[t] != after.GetValueOrDefault(t)).ToList();
        output.WriteLine($"Rows written: {(changed.Count == 0 ? "none" : "in " + string.Join(", ", changed))} ({before.Count} tables compared by checksum)");
        Assert.Empty(changed);
    }

    /// <summary>An encoded form body as browsers send it: no charset parameter.</summary>
    internal static ByteArrayContent FormBody(string encoded)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(encoded));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }

    private static async Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, _) => await action(item));

    /// <summary>What came back: statuses, escaped reflections, and every problem found.</summary>
    private sealed class Stats
    {
        private readonly ConcurrentDictionary<int, int> _statuses = new();
        private readonly ConcurrentBag<string> _problems = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _requests;
        private int _values;
        private int _escapedReflections;
        private long _slowestTicks;

        public async Task CheckAsync(string what, HttpResponseMessage response, TimeSpan elapsed, int values, bool allowRedirect)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _values, values);
            _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            long slowest;
            do
            {
                slowest = Interlocked.Read(ref _slowestTicks);
            }
            while (elapsed.Ticks > slowest && Interlocked.CompareExchange(ref _slowestTicks, elapsed.Ticks, slowest) != slowest);

            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
            {
                _problems.Add($"{what}: {(int)response.StatusCode}");
            }

            if (!allowRedirect && response.StatusCode == HttpStatusCode.Redirect)
            {
                _problems.Add($"{what}: redirected to {response.Headers.Location} (a save?)");
            }

            foreach (var fragment in MalformedValues.DangerousFragments.Where(f => body.Contains(f, StringComparison.OrdinalIgnoreCase)))
            {
                _problems.Add($"{what}: the page contains the raw payload {fragment}");
            }

            if (body.Contains("&lt;script&gt;alert(", StringComparison.Ordinal) || body.Contains("\\u003Cscript\\u003Ealert(", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _escapedReflections);
            }
        }

        public void Print(ITestOutputHelper output, string title)
        {
            output.WriteLine($"{title}: {_requests} requests carrying {_values} values in {_clock.Elapsed.TotalSeconds:0.0} s " +
                $"(slowest {TimeSpan.FromTicks(_slowestTicks).TotalMilliseconds:0} ms)");
            output.WriteLine($"  statuses: {string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}"))}");
            output.WriteLine($"  responses showing a <script> payload, escaped: {_escapedReflections}; server errors: {_statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}; problems: {_problems.Count}");
            foreach (var problem in _problems.Distinct().Order(StringComparer.Ordinal).Take(40))
            {
                output.WriteLine($"  PROBLEM {problem}");
            }
        }

        public void AssertClean(bool expectReflections = true)
        {
            Assert.True(_problems.IsEmpty, string.Join(Environment.NewLine, _problems.Distinct().Order(StringComparer.Ordinal).Take(40)));
            Assert.True(!expectReflections || _escapedReflections > 0, "No response reflected a script payload: the test would not notice a missing escape.");
        }
    }

    /// <summary>A discovered form: where it posts, its field names (repeatable ones apart), who may use it, and their token.</summary>
    public sealed record FormSpec(string Who, HttpClient Client, string Action, string Token, IReadOnlyList<string> Fields, IReadOnlySet<string> MultiFields);

    public sealed record Records(Organisation Organisation, int OrganisationId, int AccreditationId, int ProjectId, int MobilityId, string VictimUserId);

    /// <summary>The app with records in county 46 and signed-in clients: analyst, administrator, anonymous, and a coordinator of county 03.</summary>
    public sealed class Site : AppFixture
    {
        private Records? _records;

        public HttpClient Analyst { get; private set; } = null!;
        public HttpClient Administrator { get; private set; } = null!;
        public HttpClient Anonymous { get; private set; } = null!;
        public HttpClient OtherCoordinator { get; private set; } = null!;
        public string AnalystToken { get; private set; } = "";
        public string AdministratorToken { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Analyst = await SignInAsAsync(TestRoles.Analyst);
            Administrator = await SignInAsAsync(TestRoles.Administrator);
            OtherCoordinator = await SignInAsAsync(TestRoles.Coordinator, "03");
            Anonymous = CreateClient();
            AnalystToken = await AntiforgeryTokenAsync(Analyst, "/konto/passord");
            AdministratorToken = await AntiforgeryTokenAsync(Administrator, "/konto/passord");
        }

        public async Task<Records> RecordsAsync()
        {
            if (_records is null)
            {
                var victim = await CreateUserAsync(TestRoles.Coordinator, "46");
                await using var db = CreateDbContext();
                var data = new TestData(db);
                var organisation = await data.OrganisationAsync("46");
                var foreign = await data.ForeignOrganisationAsync();
                var accreditation = await data.AccreditationAsync(organisation);
                var project = await data.ProjectAsync(organisation, partners: [foreign], topics: ["inclusion"], awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 });
                var mobility = await data.MobilityAsync(project);
                var victimId = db.Users.Single(u => u.Email == victim).Id;
                _records = new Records(organisation, organisation.Id, accreditation.Id, project.Id, mobility.Id, victimId);
            }

            return _records;
        }

        /// <summary>Every form that posts, read from the pages that show it (the sign-out button apart).</summary>
        public async Task<List<FormSpec>> PostFormsAsync(Records r)
        {
            var pages = new (string Who, HttpClient Client, string Page)[]
            {
                ("analyst", Analyst, "/organisasjoner/ny"), ("analyst", Analyst, $"/organisasjoner/{r.OrganisationId}/endre"), ("analyst", Analyst, $"/organisasjoner/{r.OrganisationId}/slett"),
                ("analyst", Analyst, "/akkrediteringer/ny"), ("analyst", Analyst, $"/akkrediteringer/{r.AccreditationId}/endre"), ("analyst", Analyst, $"/akkrediteringer/{r.AccreditationId}/slett"),
                ("analyst", Analyst, "/prosjekter/ny"), ("analyst", Analyst, $"/prosjekter/{r.ProjectId}/endre"), ("analyst", Analyst, $"/prosjekter/{r.ProjectId}/slett"),
                ("analyst", Analyst, $"/mobiliteter/ny?project={r.ProjectId}"), ("analyst", Analyst, $"/mobiliteter/{r.MobilityId}/endre"), ("analyst", Analyst, $"/mobiliteter/{r.MobilityId}/slett"),
                ("analyst", Analyst, "/konto/passord"),
                ("admin", Administrator, "/admin/brukere/ny"), ("admin", Administrator, $"/admin/brukere/{r.VictimUserId}"),
                ("anonymous", Anonymous, "/logg-inn"), ("anonymous", Anonymous, "/konto/nytt-passord?userId=x&token=y"),
            };
            var forms = new List<FormSpec>();
            foreach (var (who, client, page) in pages)
            {
                var document = await GetDocumentAsync(client, page);
                var token = (document.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)!.Value;
                forms.AddRange(document.QuerySelectorAll("form[method=post]")
                    // Signing out and choosing the language redirect by design and write nothing.
                    .Where(f => f.GetAttribute("action") is not ("/logg-ut" or "/sprak"))
                    .Select(f => Describe(who, client, f.GetAttribute("action") ?? page, token, f)));
            }

            return forms;
        }

        /// <summary>Every search and filter form (GET), and the API, with the list parameters the links carry.</summary>
        public async Task<List<FormSpec>> QueryFormsAsync(Records r)
        {
            var pages = new (string Who, HttpClient Client, string Page)[]
            {
                ("analyst", Analyst, "/organisasjoner"), ("analyst", Analyst, "/akkrediteringer"), ("analyst", Analyst, "/prosjekter"),
                ("analyst", Analyst, "/mobiliteter"), ("analyst", Analyst, "/mobiliteter/ny"), ("analyst", Analyst, "/revisjonslogg"),
                ("analyst", Analyst, "/mal"), ("analyst", Analyst, "/mal/MOB-VET-LEARNERS"), ("analyst", Analyst, "/fylker"),
                ("admin", Administrator, "/admin/brukere"),
            };
            var forms = new List<FormSpec>();
            foreach (var (who, client, page) in pages)
            {
                var document = await GetDocumentAsync(client, page);
                forms.AddRange(document.QuerySelectorAll("form[method=get]").Select(f =>
                {
                    var form = Describe(who, client, f.GetAttribute("action") ?? page, "", f);
                    var listParameters = new[] { "Sort", "Dir", "Page", "PageSize" }.Where(p => !form.Fields.Contains(p));
                    return form with { Fields = [.. form.Fields, .. listParameters] };
                }));
            }

            string[] api = ["AsOf", "Basis", "Structure", "County", "Sector"];
            forms.Add(new FormSpec("analyst", Analyst, "/api/attainment", "", api, new HashSet<string>()));
            forms.Add(new FormSpec("analyst", Analyst, "/api/attainment.csv", "", api, new HashSet<string>()));
            forms.Add(new FormSpec("analyst", Analyst, $"/historikk/Project/{r.ProjectId}", "", ["Page", "PageSize"], new HashSet<string>()));
            return forms;
        }

        public Task<IReadOnlyDictionary<string, string>> ChecksumsAsync() => TableChecksums.ReadAsync(ConnectionString);

        private static FormSpec Describe(string who, HttpClient client, string action, string token, IElement form)
        {
            var fields = PostForm.FieldsOf(form);
            return new FormSpec(who, client, action, token, [.. fields.Select(f => f.Name)],
                fields.Where(f => f.Multiple).Select(f => f.Name).ToHashSet(StringComparer.Ordinal));
        }
    }
}

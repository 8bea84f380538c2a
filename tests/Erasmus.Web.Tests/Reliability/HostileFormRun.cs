using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CsCheck;
using Erasmus.Web.Tests.Infrastructure;
using static Erasmus.Web.Tests.Reliability.HostileInputPropertyTests;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// The form property: each case takes a form as its page fills it in (made valid where the page
/// leaves it empty), puts generated hostile values in one or a few fields (or drops a field, or adds
/// one), posts it and judges the answer and the database. Cases run one at a time, so a checksum of
/// every table before and after tells whether the case wrote.
/// </summary>
public sealed class HostileFormRun(Site site, IReadOnlyList<HostileFormRun.Target> targets)
{
    private const uint Stream = 1;
    private const int Cases = 1000;

    /// <summary>Pages shown to everyone that a stored value must never break (checked on a sample of saves).</summary>
    private static readonly string[] Dashboards = ["/mal", "/api/attainment", "/reports/status.xlsx"];

    /// <summary>Tables whose rows are records with their own pages, by the controller that edits them.</summary>
    private static readonly Dictionary<string, (string Table, string Path)> Records = new(StringComparer.Ordinal)
    {
        ["Organisations"] = ("organisations", "/organisasjoner"),
        ["Accreditations"] = ("accreditations", "/akkrediteringer"),
        ["Projects"] = ("projects", "/prosjekter"),
        ["Mobilities"] = ("mobilities", "/mobiliteter"),
        ["Users"] = ("users", "/admin/brukere"),
        ["Snapshots"] = ("snapshots", "/oyeblikksbilder"),
    };

    /// <summary>Values that make a form valid where its page leaves them empty (forms with no edit page to copy from).</summary>
    private static readonly Dictionary<string, Dictionary<string, Func<Persona, string>>> KnownGood = new(StringComparer.Ordinal)
    {
        ["Targets.AddValue POST"] = new(StringComparer.Ordinal) { ["Value"] = _ => "12000", ["EffectiveFrom"] = _ => "2024-01-01", ["Note"] = _ => "Midtveisrevisjon" },
        ["ReferenceData.AddRule POST"] = new(StringComparer.Ordinal)
        {
            ["ActivityTypeCode"] = _ => "LM-SHORT-VET", ["ValidFromCallYear"] = _ => "2027", ["MinDays"] = _ => "10", ["MaxDays"] = _ => "89",
        },
        ["Users.Create POST"] = new(StringComparer.Ordinal) { ["DisplayName"] = _ => "Ny koordinator", ["Role"] = _ => TestRoles.Coordinator, ["CountyNumber"] = _ => "46" },
        ["Account.ChangePassword POST"] = new(StringComparer.Ordinal)
        {
            ["CurrentPassword"] = p => p.Password, ["NewPassword"] = p => p.NextPassword, ["ConfirmPassword"] = p => p.NextPassword,
        },
        ["Snapshots.Create POST"] = new(StringComparer.Ordinal) { ["AsOf"] = _ => "2021-09-30" },
        // The grid's first row, valid in the site's 2021 VET project, with a fresh mobility ID per case (the other rows stay blank).
        ["Mobilities.Grid POST"] = new(StringComparer.Ordinal)
        {
            ["Rows[0].MobilityId"] = _ => GridMobilityId(), ["Rows[0].ActivityType"] = _ => "LM-SHORT-VET", ["Rows[0].SendingCountry"] = _ => "NO",
            ["Rows[0].ReceivingCountry"] = _ => "DE", ["Rows[0].StartDate"] = _ => "2021-10-04", ["Rows[0].EndDate"] = _ => "2021-10-22", ["Rows[0].Participants"] = _ => "1",
        },
        ["ReferenceData.SetPopulation POST"] = new(StringComparer.Ordinal)
        {
            ["CountyNumber"] = _ => "46", ["Year"] = _ => "2024", ["GroupCode"] = _ => "VET-LEARNERS", ["Value"] = _ => "12000",
        },
    };

    private static int _serial = 700_000;
    private static int _gridSerial;

    private static string GridMobilityId()
    {
        var n = Interlocked.Increment(ref _gridSerial);
        return string.Create(CultureInfo.InvariantCulture, $"{880000 + (n / 100000):D6}-MOB-{n % 100000:D5}");
    }

    /// <summary>
    /// Every table but data_changes: a statement trigger counts attempted writes there for the caches, so a save
    /// refused by the concurrency check still adds a row, which changes no data anyone sees.
    /// </summary>
    public static bool Recorded(string table) => table != "data_changes";

    private readonly RunCounter _counter = new();
    private readonly HashSet<string> _dashboardChecked = new(StringComparer.Ordinal);
    private int _accepted;

    public Findings Findings { get; } = new();

    public string Summary() => _counter.Summary("form posts");

    public async Task RunAsync()
    {
        // Edit forms first: a create form copies its values from its edit twin.
        foreach (var target in targets.OrderBy(t => t.Twin is null ? 0 : 1))
        {
            await target.RenewAsync(site);
        }

        foreach (var target in targets)
        {
            await BaselineAsync(target);
        }

        var weights = HostileValues.Mix(targets.Select((t, i) => (t.Weight, Gen.Const(i))).ToArray());
        foreach (var seed in HostileValues.CaseSeeds(Stream, HostileValues.Scaled(Cases)))
        {
            var pcg = PCG.Parse(seed);
            var target = targets[weights.One(pcg)];
            await RunCaseAsync(target, Mutations(target, pcg), seed);
        }
    }

    /// <summary>One target per form and persona, from what the crawl found: the first form of each action, a create form paired with its edit form.</summary>
    public static List<Target> Targets(Site site, IEnumerable<FoundForm> found)
    {
        var targets = new List<Target>();
        // A form read from its own page (the snapshot form on /oyeblikksbilder/ny, not the dashboard's copy) is preferred: it is read again after each save.
        static int Distance(FoundForm f) => f.Page.Split('?')[0] == f.Form.Action.Split('?')[0] ? 0 : Area(f.Page) == Area(f.Form.Action) ? 1 : 2;
        static string Area(string url) => url.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        foreach (var form in found.Where(f => !NotDrivenAsForms.ContainsKey(f.Key) && !f.Form.Multipart).OrderBy(Distance))
        {
            var persona = site.PersonaNamed(form.Who);
            if (targets.Any(t => t.Key == form.Key && t.Persona == persona))
            {
                continue;
            }

            targets.Add(new Target(persona, form));
        }

        foreach (var target in targets.Where(t => t.Found.ActionName == "Create"))
        {
            target.Twin = targets.FirstOrDefault(t => t.Persona == target.Persona && t.Found.Controller == target.Found.Controller && t.Found.ActionName == "Edit");
        }

        foreach (var target in targets)
        {
            // Every persona tries every form it may use; the analyst, whose forms the coordinator or administrator also has, less often.
            var shared = target.Persona.Role == TestRoles.Analyst && targets.Any(t => t.Key == target.Key && t.Persona != target.Persona);
            target.Weight = (int)Math.Round(Math.Sqrt(target.Fields.Count(f => f.Kind != FieldKind.Command) + 1) * (shared ? 4 : 10));
        }

        return targets;
    }

    private static Gen<int> Percent => Gen.Int[0, 99];

    private static List<Mutation> Mutations(Target target, PCG pcg)
    {
        var fields = target.Fields;
        var mode = Percent.One(pcg);
        if (fields.Count == 0 || mode >= 94)
        {
            // A field the form does not have: a dictionary key, a property the binder might set, or a duplicate.
            var name = Gen.OneOf("Awarded[{0}]", "Id", "CountyNumber", "IsConsortium", "Role", "{0}", "MemberIds").One(pcg);
            var key = HostileValues.Either(HostileValues.UnknownCodes, HostileValues.Texts).One(pcg).Text;
            return [new Mutation(string.Format(CultureInfo.InvariantCulture, name, key), HostileValues.Any.One(pcg), MutationMode.Add)];
        }

        var chosen = HostileValues.Mix(fields.Select((f, i) => (f.Kind == FieldKind.Command ? 1 : 6, Gen.Const(i))).ToArray());
        if (mode >= 88)
        {
            return [new Mutation(fields[chosen.One(pcg)].Name, new Hostile("", "absent"), MutationMode.Remove)];
        }

        var count = mode >= 78 ? Gen.Int[2, 3].One(pcg) : 1;
        var mutations = new List<Mutation>();
        for (var i = 0; i < count; i++)
        {
            var field = fields[chosen.One(pcg)];
            if (mutations.All(m => m.Field != field.Name))
            {
                mutations.Add(new Mutation(field.Name, HostileValues.For(field.Kind, field.Options).One(pcg),
                    field.Multiple && Percent.One(pcg) < 30 ? MutationMode.Append : MutationMode.Replace));
            }
        }

        return mutations;
    }

    /// <summary>The unchanged form must save: otherwise every case of it would be refused for another reason, and prove nothing.</summary>
    private async Task BaselineAsync(Target target)
    {
        var fields = target.CaseFields(NextSerial);
        var response = await PostAsync(target, fields);
        var body = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(body);
        var errors = document.QuerySelectorAll("main .error-summary li, main .error-message").Select(e => e.TextContent.Trim()).ToList();
        if ((int)response.StatusCode >= 400 || errors.Count > 0)
        {
            Findings.Add(new Finding(target.Area, target.Persona.Name, "(the whole form)", "baseline", "", "the valid form is refused",
                $"{(int)response.StatusCode}: {string.Join(" / ", errors.Take(3))}", "-"));
        }

        await AfterWriteAsync(target, fields);
    }

    private async Task RunCaseAsync(Target target, List<Mutation> mutations, string seed)
    {
        var fields = target.CaseFields(NextSerial);
        foreach (var mutation in mutations)
        {
            var value = HostileValues.Resolve(mutation.Value.Text, Resolve);
            switch (mutation.Mode)
            {
                case MutationMode.Replace:
                    fields.RemoveAll(f => f.Key == mutation.Field);
                    fields.Add(KeyValuePair.Create(mutation.Field, value));
                    break;
                case MutationMode.Remove:
                    fields.RemoveAll(f => f.Key == mutation.Field);
                    break;
                default:
                    fields.Add(KeyValuePair.Create(mutation.Field, value));
                    break;
            }
        }

        // An added field's name is generated too: it is shown with the value, so that the report groups by the form's own fields.
        var field = string.Join(" + ", mutations.Select(m => m.Mode switch
        {
            MutationMode.Replace => m.Field,
            MutationMode.Add => "(an extra field)",
            _ => $"{m.Field} ({m.Mode.ToString().ToLowerInvariant()})",
        }));
        var valueClass = string.Join(" + ", mutations.Select(m => m.Value.Class));
        var shown = string.Join(" | ", mutations.Select(m => m.Mode == MutationMode.Add ? $"{HostileValues.Show(m.Field)}={m.Value}" : m.Value.ToString()));
        var problems = new List<(string Problem, string Detail)>();
        void Problem(string problem, string detail) => problems.Add((problem, detail));

        var logMark = site.App.Logs.Count;
        var before = await TableChecksums.ReadAsync(site.ConnectionString, Recorded);
        var response = await PostAsync(target, fields);
        var body = await response.Content.ReadAsStringAsync();
        var after = await TableChecksums.ReadAsync(site.ConnectionString, Recorded);
        var wrote = TableChecksums.Changed(before, after);
        var status = (int)response.StatusCode;
        var document = new HtmlParser().ParseDocument(body);
        var location = response.Headers.Location;
        var redirect = status is >= 300 and < 400;
        var command = mutations.Any(m => target.Fields.Any(f => f.Name == m.Field && f.Kind == FieldKind.Command));
        string outcome;
        if (status >= 500)
        {
            Problem($"server error {status}", Cause(logMark) ?? Trace(document));
            outcome = "5xx";
        }
        else if (redirect && location is not null && !IsLocal(location))
        {
            Problem("redirect outside the site", location.ToString());
            outcome = "redirect";
        }
        else if (redirect && location?.OriginalString.StartsWith("/logg-inn", StringComparison.Ordinal) == true)
        {
            Problem("the user was signed out", location.OriginalString);
            await site.SignInAgainAsync(target.Persona);
            outcome = "signed out";
        }
        else if (wrote.Count > 0)
        {
            outcome = "saved";
            if (status >= 400 || HasError(document))
            {
                Problem("refused but wrote rows", $"{status} with a message, yet changed {string.Join(", ", wrote)}");
            }

            await JudgeSavedAsync(target, location, problems);
        }
        else if (redirect)
        {
            outcome = "saved nothing (redirect)";
            if (location is not null && await StatusOfAsync(target.Persona, location.OriginalString) is var page and not 200)
            {
                Problem($"{SiteCrawler.Shape(location.OriginalString)} answered {page} after the redirect", location.OriginalString);
            }
        }
        else
        {
            outcome = $"wrote nothing, {status}";
            if (!command && body.Trim().Length == 0)
            {
                Problem($"answered {status} with an empty page", "no message, no page");
            }
            else if (!command && !HasMessage(document, status))
            {
                Problem("refused without a message", $"{status}: {Trim(document.QuerySelector("main")?.TextContent)}");
            }
        }

        _counter.Count($"{target.Area} as {target.Persona.Name}", outcome);
        foreach (var (problem, detail) in problems)
        {
            Findings.Add(new Finding(target.Area, target.Persona.Name, field, valueClass, shown, problem, detail, seed));
        }

        if (wrote.Count > 0)
        {
            await AfterWriteAsync(target, fields);
        }

        if (wrote.Contains("activity_type_rules"))
        {
            await site.RestoreDurationRulesAsync();
        }
    }

    /// <summary>A save: every stored value plausible, the record still the coordinator's, and the pages that show it (a sample of the dashboards too) answering 200.</summary>
    private async Task JudgeSavedAsync(Target target, Uri? location, List<(string Problem, string Detail)> problems)
    {
        _accepted++;
        var violations = await PlausibleValues.FindAsync(site.ConnectionString);
        foreach (var violation in violations)
        {
            problems.Add(($"stored an implausible {violation.Table}.{violation.Column}", violation.ToString()));
        }

        var record = RecordOf(target, location);
        var exists = record is { } r && await site.ScalarAsync<long>($"SELECT count(*) FROM {r.Table} WHERE id::text = @id", ("id", r.Id)) > 0;
        var pages = new List<string>();
        if (location is not null && IsLocal(location))
        {
            pages.Add(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        }

        if (exists)
        {
            pages.Add($"{record!.Value.Path}/{record.Value.Id}");
        }

        // The list and the dashboards on a sample: the first save of each form, every tenth save, and the first save of each kind of implausible value.
        var newKinds = violations.Select(v => $"{v.Table}.{v.Column}").Where(_dashboardChecked.Add).ToList();
        if (_accepted % 10 == 1 || newKinds.Count > 0 || !target.DashboardsChecked)
        {
            target.DashboardsChecked = true;
            if (record is { } shown)
            {
                pages.Add(shown.Path);
            }

            pages.AddRange(Dashboards);
        }

        var failed = false;
        foreach (var page in pages.Distinct(StringComparer.Ordinal))
        {
            var logMark = site.App.Logs.Count;
            if (await StatusOfAsync(target.Persona, page) is var status and not 200)
            {
                failed = true;
                problems.Add(($"{SiteCrawler.Shape(page)} answered {status} after the save", $"{page}: {Cause(logMark) ?? "no exception logged"}"));
            }
        }

        // Decision 0002: what a coordinator saves stays theirs to edit, foreign organisations apart (only analysts edit those).
        if (exists && target.Persona.IsCoordinator && record!.Value.Table is "organisations" or "accreditations" or "projects" or "mobilities"
            && !(record.Value.Table == "organisations" && await site.ScalarAsync<string>("SELECT country_code FROM organisations WHERE id = @id::int", ("id", record.Value.Id)) != "NO"))
        {
            var edit = $"{record.Value.Path}/{record.Value.Id}/endre";
            if (await StatusOfAsync(target.Persona, edit) is var status and not 200)
            {
                problems.Add(("the saved record left the coordinator's county", $"{edit} answers {status}"));
            }
        }

        var quarantine = violations.Select(v => (v.Table, v.Key)).ToList();
        if (failed && exists)
        {
            quarantine.Add((record!.Value.Table, record.Value.Id));
        }

        foreach (var (table, key) in quarantine.Distinct())
        {
            await PlausibleValues.QuarantineAsync(site.ConnectionString, table, key);
        }
    }

    private async Task AfterWriteAsync(Target target, List<KeyValuePair<string, string>> posted)
    {
        if (target.Key == "Account.ChangePassword POST"
            && await site.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = @email", ("email", target.Persona.Email)) == 1)
        {
            // Whether the change went through shows in the next sign-in; the posted new password is the one to try.
            var newPassword = posted.FirstOrDefault(p => p.Key == "NewPassword").Value;
            if (newPassword == target.Persona.NextPassword && await CanSignInAsync(target.Persona, newPassword))
            {
                target.Persona.PasswordChanged();
            }
        }

        await target.RenewAsync(site);
    }

    private async Task<bool> CanSignInAsync(Persona persona, string password)
    {
        var client = site.CreateClient();
        var response = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = persona.Email, ["Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private static async Task<HttpResponseMessage> PostAsync(Target target, List<KeyValuePair<string, string>> fields)
    {
        var body = new StringBuilder("__RequestVerificationToken=").Append(MalformedValues.Escape(target.Persona.Token));
        foreach (var (name, value) in fields)
        {
            body.Append('&').Append(MalformedValues.Escape(name)).Append('=').Append(MalformedValues.Escape(value));
        }

        using var content = BadInputTests.FormBody(body.ToString());
        return await target.Persona.Client.PostAsync(new Uri(target.Action, UriKind.Relative), content);
    }

    /// <summary>The exception the app logged since <paramref name="logMark"/>: the root cause of a 500, for the report.</summary>
    private string? Cause(int logMark) => site.App.Logs.Since(logMark).LastOrDefault(l => l.Exception is not null)?.Exception;

    private static async Task<int> StatusOfAsync(Persona persona, string page) =>
        (int)(await persona.Client.GetAsync(new Uri(page, UriKind.Relative))).StatusCode;

    private static (string Table, string Path, string Id)? RecordOf(Target target, Uri? location)
    {
        if (target.RecordId is { } id && Records.TryGetValue(target.Found.Controller, out var own))
        {
            return (own.Table, own.Path, id);
        }

        var path = location is null ? "" : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        foreach (var (table, prefix) in Records.Values)
        {
            if (path.StartsWith(prefix + "/", StringComparison.Ordinal) && path[(prefix.Length + 1)..] is var rest && rest.Length > 0 && !rest.Contains('/', StringComparison.Ordinal))
            {
                return (table, prefix, rest);
            }
        }

        return null;
    }

    private string Resolve(string token) => token switch
    {
        "org:other-county" => Id(site.OtherCountyOrganisation.Id),
        "org:foreign" => Id(site.ForeignOrganisation.Id),
        "org:dissolved-county" => Id(site.DissolvedCountyOrganisation.Id),
        "org:own" => Id(site.OwnOrganisation.Id),
        "project:other-county" => Id(site.OtherCountyProject.Id),
        "project:own" => Id(site.OwnProject.Id),
        "accreditation:other-county" => Id(site.OtherCountyAccreditation.Id),
        "mobility:other-county" => Id(site.OtherCountyMobility.Id),
        _ => throw new ArgumentException($"Unknown placeholder {token}", nameof(token)),
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static int NextSerial() => Interlocked.Increment(ref _serial);

    private static bool IsLocal(Uri location) =>
        location.IsAbsoluteUri
            ? location.Host == "localhost"
            : location.OriginalString.StartsWith('/') && !location.OriginalString.StartsWith("//", StringComparison.Ordinal)
                && !location.OriginalString.StartsWith("/\\", StringComparison.Ordinal);

    private static bool HasError(IHtmlDocument document) => document.QuerySelector("main .error-summary, main .error-message") is not null;

    /// <summary>A message the user can read: an error beside the form, a notice, or the status page's explanation.</summary>
    private static bool HasMessage(IHtmlDocument document, int status) =>
        document.QuerySelector("main .error-summary li, main .error-message, main [role=alert], main [role=status], main .notice") is { } message
            && message.TextContent.Trim().Length > 0
        || (status >= 400 && document.QuerySelector("main h1") is { } title && title.TextContent.Trim().Length > 0);

    private static string Trace(IHtmlDocument document) =>
        document.QuerySelector(".trace-id")?.TextContent is { } trace ? $"trace {trace}" : Trim(document.Body?.TextContent);

    private static string Trim(string? text)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 160 ? flat[..160] + "…" : flat;
    }

    public enum MutationMode
    {
        Replace,
        Append,
        Remove,
        Add,
    }

    public sealed record Mutation(string Field, Hostile Value, MutationMode Mode);

    /// <summary>
    /// A form of one persona and where it posts now. Edit and delete forms act on a record of their
    /// own, replaced by a fresh one after every case that wrote, so each case starts from a valid record.
    /// </summary>
    public sealed class Target(Persona persona, FoundForm found)
    {
        private readonly string _pageTemplate = Template(found.Page, found);
        private readonly string _actionTemplate = Template(found.Form.Action, found);
        private List<KeyValuePair<string, string>> _baseline = [];
        private bool _read;

        public Persona Persona { get; } = persona;
        public FoundForm Found { get; } = found;
        public string Key => Found.Key;

        /// <summary>The action and the page's path shape, for the report.</summary>
        public string Area => $"{Found.Key} {SiteCrawler.Shape(Found.Form.Action)}";

        public Target? Twin { get; set; }
        public int Weight { get; set; } = 1;
        public bool DashboardsChecked { get; set; }
        public string? RecordId { get; private set; }
        public string Page { get; private set; } = found.Page;
        public string Action { get; private set; } = found.Form.Action;

        /// <summary>The form's fields, with those of its edit twin for a create form (a field the page adds later, such as awarded numbers).</summary>
        public IReadOnlyList<FormField> Fields { get; private set; } = found.Form.Fields;

        /// <summary>The record kind (table) when the action names a record by id and the site can make fresh ones.</summary>
        public string? Kind => Found.RouteValues.ContainsKey("id") && Records.TryGetValue(Found.Controller, out var record) ? record.Table : null;

        public async Task RenewAsync(Site site)
        {
            // A list page with a form per record (lock, unlock …): the form is read once, for the record it was found for;
            // a fresh record's form is the same but for its action (the list may not even show it: unlock is for locked users).
            var listPage = !_pageTemplate.Contains("{id}", StringComparison.Ordinal) && _actionTemplate.Contains("{id}", StringComparison.Ordinal);
            if (Kind is { } kind && !(listPage && !_read))
            {
                RecordId = await site.FreshAsync(kind);
                Page = _pageTemplate.Replace("{id}", RecordId, StringComparison.Ordinal);
                Action = _actionTemplate.Replace("{id}", RecordId, StringComparison.Ordinal);
                if (listPage)
                {
                    return;
                }
            }
            else if (Kind is not null)
            {
                RecordId = Found.RouteValues["id"];
            }

            var document = await AppFixture.GetDocumentAsync(Persona.Client, Page);
            var form = PostForm.On(document, Page).FirstOrDefault(f => f.Action == Action)
                ?? throw new InvalidOperationException($"{Page} no longer has the form posting to {Action}.");
            _baseline = [.. form.Fields.Where(f => f.Kind != FieldKind.Command).SelectMany(f => f.Values.Select(v => KeyValuePair.Create(f.Name, v)))];
            _read = true;
            if (Twin is not null)
            {
                Fields = [.. form.Fields, .. Twin.Fields.Where(t => t.Kind != FieldKind.Command && form.Fields.All(f => f.Name != t.Name))];
            }
            else
            {
                Fields = form.Fields;
            }
        }

        /// <summary>The fields of one case before its mutations: the page's values, a create form's copied from its twin, known-good values, and fresh identifiers.</summary>
        public List<KeyValuePair<string, string>> CaseFields(Func<int> serial)
        {
            var fields = new List<KeyValuePair<string, string>>(_baseline);
            if (Twin is not null)
            {
                var copied = Twin._baseline.Where(t => t.Key is not ("Version" or "ConcurrencyStamp")).ToList();
                fields.RemoveAll(f => copied.Any(c => c.Key == f.Key));
                fields.AddRange(copied);
            }

            if (KnownGood.TryGetValue(Key, out var good))
            {
                foreach (var (name, value) in good)
                {
                    fields.RemoveAll(f => f.Key == name);
                    fields.Add(KeyValuePair.Create(name, value(Persona)));
                }
            }

            if (Found.ActionName == "Create")
            {
                for (var i = 0; i < fields.Count; i++)
                {
                    if (Fresh(fields[i].Key, fields[i].Value, serial) is { } fresh)
                    {
                        fields[i] = KeyValuePair.Create(fields[i].Key, fresh);
                    }
                }
            }

            return fields;
        }

        /// <summary>A new value for a field that must be unique (numbers, codes, names, e-mail), or null for other fields.</summary>
        private static string? Fresh(string field, string value, Func<int> serial)
        {
            var n = serial();
            return field switch
            {
                "Reference" or "Code" when value.Length > 0 => ReplaceLastDigits(value, n),
                "MobilityId" => string.Create(CultureInfo.InvariantCulture, $"{n % 1000000:D6}-MOB-{n % 100000:D5}"),
                "OrganisationNumber" when value.Length > 0 => TestData.NewOrganisationNumber(),
                "Oid" when value.Length > 0 => TestData.NewOid(),
                "Email" => string.Create(CultureInfo.InvariantCulture, $"hostile.{n}@test.no"),
                "Name" => string.Create(CultureInfo.InvariantCulture, $"{(value.TrimEnd("0123456789 ".ToCharArray()) is { Length: > 0 } stem ? stem : "Hostile")} {n}"),
                _ => null,
            };
        }

        private static string ReplaceLastDigits(string value, int n)
        {
            var end = value.Length;
            var start = end;
            while (start > 0 && char.IsAsciiDigit(value[start - 1]))
            {
                start--;
            }

            var width = end - start;
            if (width == 0)
            {
                return value;
            }

            var digits = (n % (long)Math.Pow(10, Math.Min(width, 9))).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            return value[..start] + digits;
        }

        /// <summary>The URL with the record id's path segment as {id}, so a fresh record can take its place.</summary>
        private static string Template(string url, FoundForm found)
        {
            if (!found.RouteValues.TryGetValue("id", out var id))
            {
                return url;
            }

            var parts = url.Split('?', 2);
            var path = string.Join('/', parts[0].Split('/').Select(s => s == id ? "{id}" : s));
            return parts.Length > 1 ? path + "?" + parts[1] : path;
        }
    }
}

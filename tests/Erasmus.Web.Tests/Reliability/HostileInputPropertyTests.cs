using System.Diagnostics;
using System.Globalization;
using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Issue #15, "prove it generally": generated hostile values (CsCheck, fixed seed) in every field of
/// every form a signed-in user can post, found by reading the pages of the authorization matrix, and
/// in every column of the mobility and project imports as .csv and .xlsx, as a county coordinator,
/// an analyst and an administrator. For every case: no server error; a refused value shows a message
/// and writes no row (every table's checksum); an accepted value is stored within DOMAIN.md's
/// plausible values, stays in the coordinator's county, and the pages that show it still answer 200.
/// Set ERASMUS_HOSTILE_SEED for other values, ERASMUS_HOSTILE_SCALE for more or fewer cases, and
/// ERASMUS_HOSTILE_REPLAY to the seed printed beside a finding to run that case alone.
/// </summary>
public sealed class HostileInputPropertyTests(HostileInputPropertyTests.Site site, ITestOutputHelper output) : IClassFixture<HostileInputPropertyTests.Site>
{
    /// <summary>POST actions the form property does not post, and why; everything else the matrix lists must be found on a page.</summary>
    internal static readonly Dictionary<string, string> NotDrivenAsForms = new(StringComparer.Ordinal)
    {
        ["Account.Logout POST"] = "ends the session; it takes no values",
        ["Account.Login POST"] = "anonymous; BadInputTests fuzzes it",
        ["Account.SetPassword POST"] = "anonymous and needs a one-time token; BadInputTests fuzzes it",
        ["Import.Upload POST"] = "driven with generated files by the import property",
        ["Import.Confirm POST"] = "driven by the import property",
        ["Import.Cancel POST"] = "driven by the import property",
        ["ReferenceData.PreviewPopulation POST"] = "a file upload; PopulationFigureTests drive it with StatBank and plain files, wrong rows included",
        ["ReferenceData.ConfirmPopulation POST"] = "confirms a previewed upload; PopulationFigureTests drive it",
    };

    [Fact]
    public async Task Every_post_action_a_signed_in_user_may_use_is_found_on_a_page_and_driven()
    {
        var forms = await site.FormsAsync();
        var reachable = AuthorizationMatrixTests.Decisions.Keys.Where(k => k.EndsWith(" POST", StringComparison.Ordinal))
            .Where(k => site.Personas.Any(p => AuthorizationMatrixTests.Decisions[k](site.MatrixRecords).Any(c => p.Access(c) == Access.Allowed)))
            .Order(StringComparer.Ordinal).ToList();
        var found = forms.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var missing = reachable.Where(k => !found.Contains(k) && !NotDrivenAsForms.ContainsKey(k)).ToList();
        output.WriteLine($"POST actions a signed-in user may use: {reachable.Count}; found on pages and driven: {reachable.Count(found.Contains)}");
        foreach (var form in forms.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {form.Key,-40} as {form.Persona.Name,-14} {form.Action} ({form.Fields.Count} fields, from {form.Page})");
        }

        foreach (var (key, why) in NotDrivenAsForms)
        {
            output.WriteLine($"  {key,-40} not as a form: {why}");
        }

        Assert.True(missing.Count == 0, "POST actions no page offered a form for (add a start page, or a reason in NotDrivenAsForms): " + string.Join(", ", missing));
        Assert.True(found.Count >= 20, "Too few forms found: the crawl is broken.");
    }

    [Fact]
    public async Task Hostile_values_in_every_form_field_are_refused_with_a_message_and_nothing_written_or_stored_plausibly()
    {
        var run = new HostileFormRun(site, await site.FormsAsync());
        await run.RunAsync();
        Print("Form posts", run.Findings, run.Summary());
        Assert.True(run.Findings.Count == 0, run.Findings.Report(30));
    }

    [Fact]
    public async Task Hostile_values_in_every_import_column_are_rejected_with_a_message_or_stored_plausibly()
    {
        var run = new HostileImportRun(site);
        await run.RunAsync();
        Print("Imports", run.Findings, run.Summary());
        Assert.True(run.Findings.Count == 0, run.Findings.Report(30));
    }

    private void Print(string title, Findings findings, string summary)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{title}: seed {HostileValues.Seed} (ERASMUS_HOSTILE_SEED), scale via ERASMUS_HOSTILE_SCALE")
            .AppendLine(summary)
            .AppendLine(findings.Report(200))
            .ToString();
        output.WriteLine(text);
        Console.WriteLine(text);
    }

    /// <summary>A signed-in user of one role, with the password they have now (the password form changes it).</summary>
    public sealed class Persona(string name, string role, string? county, string email)
    {
        private static int _passwords;

        public string Name { get; } = name;
        public string Role { get; } = role;
        public string? County { get; } = county;
        public string Email { get; } = email;
        public string Password { get; set; } = AppFixture.Password;

        /// <summary>The password the next change-password case sets; a new one once it has been set.</summary>
        public string NextPassword { get; private set; } = NewPassword();

        public HttpClient Client { get; set; } = null!;
        public string Token { get; set; } = "";

        public bool IsCoordinator => Role == TestRoles.Coordinator;

        public Access Access(Case c) => Role switch
        {
            TestRoles.Administrator => c.Administrator,
            TestRoles.Analyst => c.Analyst,
            _ => c.OwnCoordinator,
        };

        public void PasswordChanged()
        {
            Password = NextPassword;
            NextPassword = NewPassword();
        }

        private static string NewPassword() => string.Create(CultureInfo.InvariantCulture, $"Nytt-sterkt-passord-{Interlocked.Increment(ref _passwords)}-Ok");
    }

    /// <summary>
    /// The app with a coordinator of Vestland (46), an analyst and an administrator signed in, and
    /// records in Vestland, in Oslo (03, another county), in Viken (30, dissolved) and abroad.
    /// </summary>
    public sealed class Site : AppFixture
    {
        private readonly SemaphoreSlim _formsGate = new(1, 1);
        private List<HostileFormRun.Target>? _forms;
        private string _rules = "";

        public List<Persona> Personas { get; } = [];
        public Persona Coordinator => Personas[0];
        public Persona Analyst => Personas[1];
        public Persona Administrator => Personas[2];

        public Organisation OwnOrganisation { get; private set; } = null!;
        public Organisation ForeignOrganisation { get; private set; } = null!;
        public Organisation OtherCountyOrganisation { get; private set; } = null!;
        public Organisation DissolvedCountyOrganisation { get; private set; } = null!;
        public Project OwnProject { get; private set; } = null!;
        public Project OtherCountyProject { get; private set; } = null!;
        public Accreditation OtherCountyAccreditation { get; private set; } = null!;
        public Mobility OtherCountyMobility { get; private set; } = null!;
        public MatrixRecords MatrixRecords { get; private set; } = null!;
        public MatrixRecords SpareMatrixRecords { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            foreach (var (name, role, county) in new[] { ("coordinator-46", TestRoles.Coordinator, "46"), ("analyst", TestRoles.Analyst, null), ("administrator", TestRoles.Administrator, null) })
            {
                var persona = new Persona(name, role, county, await CreateUserAsync(role, county));
                await SignInAgainAsync(persona);
                Personas.Add(persona);
            }

            await using var db = CreateDbContext();
            var data = new TestData(db);
            OwnOrganisation = await data.OrganisationAsync("46");
            var spareOrganisation = await data.OrganisationAsync("46");
            ForeignOrganisation = await data.ForeignOrganisationAsync();
            OtherCountyOrganisation = await data.OrganisationAsync("03", name: "Oslo skole");
            DissolvedCountyOrganisation = await data.OrganisationAsync("30", OrganisationType.CountyAuthority, "Viken fylkeskommune");
            var awarded = new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 };
            var ownAccreditation = await data.AccreditationAsync(OwnOrganisation);
            var spareAccreditation = await data.AccreditationAsync(OwnOrganisation);
            OtherCountyAccreditation = await data.AccreditationAsync(OtherCountyOrganisation);
            OwnProject = await data.ProjectAsync(OwnOrganisation, partners: [ForeignOrganisation], topics: ["inclusion"], awarded: awarded);
            var spareProject = await data.ProjectAsync(OwnOrganisation, partners: [ForeignOrganisation], awarded: awarded);
            OtherCountyProject = await data.ProjectAsync(OtherCountyOrganisation, partners: [ForeignOrganisation], awarded: awarded);
            var ownMobility = await data.MobilityAsync(OwnProject);
            var spareMobility = await data.MobilityAsync(OwnProject);
            OtherCountyMobility = await data.MobilityAsync(OtherCountyProject);
            await FreshAsync("snapshots");
            var victim = await FreshAsync("users");

            // A locked and a deactivated user, so that the user list also offers its unlock and reactivate forms.
            var locked = await FreshAsync("users");
            var deactivated = await FreshAsync("users");
            await ExecuteAsync($"UPDATE users SET lockout_enabled = true, lockout_end = '9999-12-31' WHERE id = '{locked}'; UPDATE users SET is_deactivated = true WHERE id = '{deactivated}';");
            MatrixRecords = new MatrixRecords(victim, OwnOrganisation.Id, ForeignOrganisation.Id, ownAccreditation.Id, OwnProject.Id, ownMobility.Id);
            SpareMatrixRecords = new MatrixRecords(victim, spareOrganisation.Id, ForeignOrganisation.Id, spareAccreditation.Id, spareProject.Id, spareMobility.Id);
            _rules = await ScalarAsync<string>("SELECT coalesce(string_agg(format('(%s, %L, %s, %s, %s)', id, activity_type_code, valid_from_call_year, min_days, max_days), ', '), '') FROM activity_type_rules");
        }

        /// <summary>The forms of every page the authorization matrix lets each persona read (and the pages they link to), once.</summary>
        public async Task<List<HostileFormRun.Target>> FormsAsync()
        {
            await _formsGate.WaitAsync();
            try
            {
                if (_forms is null)
                {
                    var actions = new PostActions(App.Services);
                    var users = Personas.Select(p => (p.Name, p.Client, (IReadOnlyList<string>)[.. StartPages(p)])).ToList();
                    var found = await SiteCrawler.FindFormsAsync(actions, users, depth: 2);
                    _forms = HostileFormRun.Targets(this, found);
                }

                return _forms;
            }
            finally
            {
                _formsGate.Release();
            }
        }

        public Persona PersonaNamed(string name) => Personas.Single(p => p.Name == name);

        public async Task SignInAgainAsync(Persona persona)
        {
            persona.Client = await SignInAsync(persona.Email, persona.Password);
            persona.Token = await AntiforgeryTokenAsync(persona.Client, "/konto/passord");
        }

        /// <summary>A new record of a kind (a table), valid and in the coordinator's county: a target for one more edit or delete.</summary>
        public async Task<string> FreshAsync(string kind)
        {
            await using var db = CreateDbContext();
            var data = new TestData(db);
            string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
            switch (kind)
            {
                case "organisations":
                    return Id((await data.OrganisationAsync("46")).Id);
                case "accreditations":
                    return Id((await data.AccreditationAsync(OwnOrganisation)).Id);
                case "projects":
                    return Id((await data.ProjectAsync(OwnOrganisation, partners: [ForeignOrganisation], topics: ["inclusion"],
                        awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 })).Id);
                case "mobilities":
                    var project = await db.Projects.SingleAsync(p => p.Id == OwnProject.Id);
                    return Id((await data.MobilityAsync(project, mobilityId: $"{TestData.NextSerial() % 1000000:D6}-MOB-{TestData.NextSerial() % 100000:D5}")).Id);
                case "users":
                    var email = await CreateUserAsync(TestRoles.Coordinator, "46");
                    return (await db.Users.SingleAsync(u => u.Email == email)).Id;
                case "snapshots":
                    var snapshot = new Snapshot($"Øyeblikksbilde {TestData.NextSerial()}",
                        new SnapshotParameters(new DateOnly(2021, 9, 30), CountingBasis.Awarded, CountyStructureChoice.AsOfDate, null, null), []);
                    db.Add(snapshot);
                    await db.SaveChangesAsync();
                    return Id(snapshot.Id);
                default:
                    throw new ArgumentException($"No fresh records of {kind}.", nameof(kind));
            }
        }

        /// <summary>Puts the activity duration rules back as they were: a rule an administrator added must not change what later cases may save.</summary>
        public async Task RestoreDurationRulesAsync()
        {
            var insert = _rules.Length == 0 ? "" : $"INSERT INTO activity_type_rules (id, activity_type_code, valid_from_call_year, min_days, max_days) VALUES {_rules};";
            await ExecuteAsync($"BEGIN; DELETE FROM activity_type_rules; {insert} COMMIT;");
        }

        public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return (T)(await command.ExecuteScalarAsync())!;
        }

        public async Task<List<object?[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var rows = new List<object?[]>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return rows;
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        /// <summary>Every GET page of the matrix the persona may read, for the main and the spare records (these have no dependents, so their delete forms show).</summary>
        private IEnumerable<string> StartPages(Persona persona) =>
            AuthorizationMatrixTests.Decisions.Values
                .SelectMany(d => d(MatrixRecords).Concat(d(SpareMatrixRecords)))
                .Where(c => c.Method == "GET" && persona.Access(c) == Access.Allowed)
                .Select(c => c.Url);
    }
}

/// <summary>One thing a case found wrong: where (form or import), who, which field and value, and what.</summary>
public sealed record Finding(string Area, string Who, string Field, string ValueClass, string Value, string Problem, string Detail, string Seed);

/// <summary>The findings of a run, grouped by their root cause (area, field, value class, problem) for the report.</summary>
public sealed class Findings
{
    private readonly List<Finding> _all = [];

    public int Count => _all.Count;

    public void Add(Finding finding) => _all.Add(finding);

    public string Report(int maxGroups)
    {
        if (_all.Count == 0)
        {
            return "No findings.";
        }

        var groups = _all.GroupBy(f => (f.Area, f.Field, f.ValueClass, f.Problem)).OrderBy(g => g.Key.Area, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Field, StringComparer.Ordinal).ThenBy(g => g.Key.Problem, StringComparer.Ordinal).ToList();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{_all.Count} findings in {groups.Count} groups (area | field | value class | problem: count; example value, detail, replay seed):");
        text.AppendLine();
        foreach (var g in groups.Take(maxGroups))
        {
            var example = g.First();
            var values = string.Join(" · ", g.Select(f => f.Value).Distinct(StringComparer.Ordinal).Take(4));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {g.Key.Area} | {g.Key.Field} | {g.Key.ValueClass} | {g.Key.Problem}: {g.Count()}× as {string.Join("/", g.Select(f => f.Who).Distinct(StringComparer.Ordinal))}; e.g. «{values}»; {example.Detail}; ERASMUS_HOSTILE_REPLAY={example.Seed}");
        }

        if (groups.Count > maxGroups)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"… and {groups.Count - maxGroups} more groups");
        }

        return text.ToString();
    }
}

/// <summary>Counts and timing of a run, for the printed summary.</summary>
public sealed class RunCounter
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Cases { get; private set; }

    public void Count(string area, string outcome)
    {
        Cases++;
        if (!_counts.TryGetValue(area, out var outcomes))
        {
            _counts[area] = outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }

    public string Summary(string what) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Cases} {what} in {_clock.Elapsed.TotalSeconds:0.0} s:")
            .AppendLine()
            .AppendJoin(Environment.NewLine, _counts.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c.Key}: {c.Value.Values.Sum()} ({string.Join(", ", c.Value.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))})")))
            .ToString();
}

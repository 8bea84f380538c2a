using System.Text.Json;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Erasmus.Web.Tests.Performance;

/// <summary>
/// The incremental facts (decision 0011) stay exactly equal to a full recomputation: after every step of
/// a randomised sequence of inserts, updates, deletes and imports (a fixed seed, so a failure repeats),
/// <c>mobility_facts</c> equals the records summed afresh, and the figures the cache brings up to date
/// (both bases, two dates, the realisation lag and a detail page's counted projects) equal those the
/// calculator computes from inputs read afresh.
/// </summary>
public sealed class IncrementalFactsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly DateOnly[] Dates = [new(2022, 12, 31), new(2024, 6, 30)];

    /// <summary>Besides the national figures: a county in today's structure, one in the structure of the date, and a sector.</summary>
    private static readonly (CountyStructureChoice Structure, string? County, Sector? Sector)[] Views =
        [(CountyStructureChoice.AsOfDate, null, null), (CountyStructureChoice.Today, "46", null), (CountyStructureChoice.AsOfDate, "03", null), (CountyStructureChoice.AsOfDate, null, Sector.VET)];

    [Theory]
    [InlineData(20261207)]
    [InlineData(19)]
    public async Task Facts_and_figures_kept_up_to_date_equal_a_full_recomputation_after_random_writes(int seed)
    {
        var random = new Random(seed);
        var world = await World.CreateAsync(database, random);
        await using var services = Services(database.ConnectionString);
        await AssertAllEqualAsync(services, $"seed {seed}, before any write");

        for (var step = 0; step < 30; step++)
        {
            var write = await world.WriteAsync(random);
            await AssertAllEqualAsync(services, $"seed {seed}, step {step}: {write}");
        }

        // The figures above came from the targets' sums kept per project, brought up to date by the projects each write changed.
        var (projectsRead, _, _) = services.GetRequiredService<TargetResultMemo>().Counts;
        Assert.True(projectsRead > 0, "no target followed the views' changes: every figure was listed whole");
    }

    [Fact]
    public async Task A_changed_target_definition_counts_anew_though_no_fact_changed()
    {
        // The targets' sums per project are kept under the targets' version: other activity types count other items.
        var world = await World.CreateAsync(database, new Random(11));
        await using var services = Services(database.ConnectionString);
        await AssertAllEqualAsync(services, "before the target changed");
        const string code = "MOB-VET-LEARNERS";
        var before = await ScalarAsync(database.ConnectionString, $"SELECT metric_parameters::text FROM strategy_targets WHERE code = '{code}'");
        try
        {
            await ExecuteAsync(database.ConnectionString, $"UPDATE strategy_targets SET metric_parameters = '{{\"activityTypes\":[\"LM-LONG-VET\"]}}' WHERE code = '{code}'");
            await ExecuteAsync(database.ConnectionString, $"UPDATE projects SET green_travel_top_up = NOT green_travel_top_up WHERE id = {world.Projects[0]}");
            await AssertAllEqualAsync(services, "after the target's activity types changed");
        }
        finally
        {
            await ExecuteAsync(database.ConnectionString, $"UPDATE strategy_targets SET metric_parameters = '{before}' WHERE code = '{code}'");
        }
    }

    [Fact]
    public async Task A_fact_difference_is_caught_by_the_comparison()
    {
        // The comparison itself can fail: a fact the triggers did not write is found.
        await using var services = Services(database.ConnectionString);
        var world = await World.CreateAsync(database, new Random(7));
        await ExecuteAsync(database.ConnectionString, "ALTER TABLE mobilities DISABLE TRIGGER mobilities_facts_update");
        try
        {
            await ExecuteAsync(database.ConnectionString, $"UPDATE mobilities SET participant_count = participant_count + 1 WHERE project_id = {world.Projects[0]}");
            Assert.NotEmpty(await FactDifferencesAsync(database.ConnectionString));
        }
        finally
        {
            await ExecuteAsync(database.ConnectionString, "ALTER TABLE mobilities ENABLE TRIGGER mobilities_facts_update");
            await ExecuteAsync(database.ConnectionString, $"UPDATE mobilities SET participant_count = participant_count - 1 WHERE project_id = {world.Projects[0]}");
        }
    }

    private async Task AssertAllEqualAsync(ServiceProvider services, string when)
    {
        var differences = await FactDifferencesAsync(database.ConnectionString);
        Assert.True(differences.Count == 0, $"{when}: mobility_facts differ from the records: {string.Join("; ", differences)}");
        foreach (var asOf in Dates)
        {
            foreach (var basis in new[] { CountingBasis.Awarded, CountingBasis.Realised })
            {
                foreach (var (structure, county, sector) in Views)
                {
                    var parameters = new AttainmentParameters(asOf, basis, structure, county, sector);
                    await using var scope = services.CreateAsyncScope();
                    var service = scope.ServiceProvider.GetRequiredService<AttainmentService>();
                    var kept = await service.ComputeAsync(parameters);
                    var detail = await service.ComputeTargetAsync("MOB-VET-LEARNERS", parameters);
                    var populations = county is null ? null : await service.PopulationSharesAsync(parameters);
                    var (fresh, freshDetail) = await FreshAsync(parameters, populations);
                    Assert.True(Json(fresh) == Json(kept), $"{when}: the {basis} figures as of {asOf} ({structure}, county {county}, sector {sector}) differ from a full recomputation");
                    Assert.True(Json(freshDetail) == Json(detail!.Result), $"{when}: the {basis} detail of MOB-VET-LEARNERS as of {asOf} ({structure}, county {county}, sector {sector}) differs");
                }
            }
        }
    }

    /// <summary>The figures from every input read again from the tables, with no cache.</summary>
    private async Task<(AttainmentResult Result, TargetResult Detail)> FreshAsync(AttainmentParameters parameters, IReadOnlyList<PopulationShare>? populations)
    {
        await using var db = database.CreateDbContext();
        var queries = new AttainmentSql(db);
        var targets = await queries.TargetsAsync();
        var inputs = await queries.InputsAsync(parameters.AsOf, parameters.Basis, byProject: false);
        var perProject = await queries.InputsAsync(parameters.AsOf, parameters.Basis, byProject: true);
        if (parameters.Basis == CountingBasis.Realised)
        {
            // The lag's median from the records themselves, not from the facts.
            var lag = await queries.RealisationLagAsync(parameters.AsOf, targets);
            (inputs, perProject) = (inputs with { Lag = lag }, perProject with { Lag = lag });
        }

        if (populations is not null)
        {
            inputs = inputs with { Populations = populations };
        }

        return (AttainmentCalculator.Compute(inputs, targets, parameters),
            AttainmentCalculator.ComputeTarget(perProject, targets.Single(t => t.Code == "MOB-VET-LEARNERS"), parameters));
    }

    /// <summary>
    /// The figures as text; counted items in one order (a mobility target's projects are labelled later,
    /// by the page, so their order here is the order the facts came in).
    /// </summary>
    private static string Json(AttainmentResult result) => JsonSerializer.Serialize(result with { Targets = [.. result.Targets.Select(Ordered)] });

    private static string Json(TargetResult result) => JsonSerializer.Serialize(Ordered(result));

    private static TargetResult Ordered(TargetResult result) =>
        result with { CountedItems = [.. result.CountedItems.OrderBy(i => i.Item.Kind, StringComparer.Ordinal).ThenBy(i => i.Item.Id)] };

    /// <summary>Facts missing from or extra in <c>mobility_facts</c>, against the records summed afresh.</summary>
    private static async Task<List<string>> FactDifferencesAsync(string connectionString)
    {
        const string fresh = """
            SELECT project_id, activity_type_code, EXTRACT(YEAR FROM start_date)::int AS start_year, end_date, status, participant_group, direction,
                   count(*)::int AS records, sum(participant_count)::int AS participants
            FROM mobilities GROUP BY 1, 2, 3, 4, 5, 6, 7
            """;
        const string kept = "SELECT project_id, activity_type_code, start_year, end_date, status, participant_group, direction, records, participants FROM mobility_facts";
        var differences = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"(({fresh}) EXCEPT ({kept})) UNION ALL (({kept}) EXCEPT ({fresh}))", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            differences.Add($"project {reader.GetInt32(0)} {reader.GetString(1)} {reader.GetInt32(2)}");
        }

        return differences;
    }

    private static ServiceProvider Services(string connectionString) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddMetrics()
            .AddSingleton<Erasmus.Web.Infrastructure.Observability.ErasmusMetrics>()
            .AddDbContext<ErasmusDbContext>(o => DatabaseSetup.Configure(o, connectionString, new DatabaseOptions()))
            .AddAttainment()
            .BuildServiceProvider();

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A few counties' organisations, projects of every kind the figures count, and their records; then random writes to them.</summary>
    private sealed class World
    {
        private static readonly string[] Counties = ["46", "03", "50"];
        private static readonly string[] Activities = ["LM-SHORT-VET", "LM-LONG-VET", "SM-JOB-SHDW", "LM-GRP-PUPIL"];
        private static readonly string[] Statuses = ["Realised", "Planned", "Cancelled"];

        private readonly string _connectionString;
        private readonly List<int> _organisations;

        private World(string connectionString, List<int> organisations, List<int> projects)
        {
            _connectionString = connectionString;
            _organisations = organisations;
            Projects = projects;
        }

        public List<int> Projects { get; }

        public static async Task<World> CreateAsync(DatabaseFixture database, Random random)
        {
            await using var db = database.CreateDbContext();
            var data = new TestData(db);
            var organisations = new List<Organisation>();
            foreach (var county in Counties)
            {
                organisations.Add(await data.OrganisationAsync(county, firstParticipationYear: random.Next(2) == 0 ? null : 2019));
                organisations.Add(await data.OrganisationAsync(county, OrganisationType.Company, firstParticipationYear: null));
            }

            var foreign = await data.ForeignOrganisationAsync();
            var projects = new List<int>();
            for (var i = 0; i < 8; i++)
            {
                var coordinator = organisations[random.Next(organisations.Count)];
                var callYear = 2021 + random.Next(3);
                var project = await data.ProjectAsync(coordinator, ProjectAction.KA122, Sector.VET, callYear,
                    decided: new DateOnly(callYear, 6, 1 + random.Next(28)), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 10 + random.Next(40) },
                    greenTravel: random.Next(2) == 0);
                projects.Add(project.Id);
                for (var m = 0; m < 6; m++)
                {
                    await data.MobilityAsync(project, participants: 1 + random.Next(3), start: new DateOnly(callYear + 1, 1 + random.Next(12), 1 + random.Next(28)),
                        days: 10 + random.Next(60), status: random.Next(5) == 0 ? MobilityStatus.Planned : MobilityStatus.Realised);
                }
            }

            var partnership = await data.ProjectAsync(foreign, ProjectAction.KA220, Sector.ADU, 2022, partners: [organisations[0], organisations[3]],
                topics: ["inclusion"]);
            projects.Add(partnership.Id);
            return new World(database.ConnectionString, [.. organisations.Select(o => o.Id)], projects);
        }

        /// <summary>One random write, by SQL as any writer could make it; says what it did.</summary>
        public async Task<string> WriteAsync(Random random)
        {
            var project = Projects[random.Next(Projects.Count - 1)];
            var other = Projects[random.Next(Projects.Count - 1)];
            var organisation = _organisations[random.Next(_organisations.Count)];
            var date = $"'{new DateOnly(2022 + random.Next(3), 1 + random.Next(12), 1 + random.Next(28)):yyyy-MM-dd}'";
            var (what, sql) = random.Next(16) switch
            {
                0 => ("mobility inserted", $"""
                    INSERT INTO mobilities (project_id, mobility_id, activity_type_code, participant_group, direction, participant_count, sending_country_code,
                        receiving_country_code, start_date, end_date, duration_days, fewer_opportunities, green_travel, blended, status, registered_at,
                        created_at, created_by, updated_at, updated_by)
                    VALUES ({project}, 'R-{random.Next():D10}', '{Activities[random.Next(Activities.Length)]}', 'Learner', 'Outgoing', {1 + random.Next(4)}, 'NO', 'FR',
                        {date}, {date}::date + {random.Next(40)}, 10, false, false, false, '{Statuses[random.Next(Statuses.Length)]}', now(), now(), 'test', now(), 'test')
                    """),
                1 => ("participants changed", $"UPDATE mobilities SET participant_count = participant_count + {1 + random.Next(3)} WHERE id = (SELECT min(id) FROM mobilities WHERE project_id = {project})"),
                2 => ("status changed", $"UPDATE mobilities SET status = '{Statuses[random.Next(Statuses.Length)]}' WHERE id IN (SELECT id FROM mobilities WHERE project_id = {project} ORDER BY id DESC LIMIT 2)"),
                3 => ("end date moved", $"UPDATE mobilities SET end_date = greatest(start_date, {date}) WHERE id = (SELECT max(id) FROM mobilities WHERE project_id = {project})"),
                4 => ("mobility moved to another project", $"UPDATE mobilities SET project_id = {other} WHERE id = (SELECT min(id) FROM mobilities WHERE project_id = {project})"),
                5 => ("mobilities deleted", $"DELETE FROM mobilities WHERE id IN (SELECT id FROM mobilities WHERE project_id = {project} ORDER BY random() LIMIT {1 + random.Next(3)})"),
                6 => ("no-op update of every record", "UPDATE mobilities SET participant_count = participant_count"),
                7 => ("project status and decision", $"UPDATE projects SET status = '{(random.Next(3) == 0 ? "Rejected" : "Granted")}', decision_date = {date} WHERE id = {project}"),
                8 => ("project flags, sector and call year", $"UPDATE projects SET green_travel_top_up = NOT green_travel_top_up, sector = '{(random.Next(2) == 0 ? "VET" : "SCH")}', call_year = {2021 + random.Next(3)} WHERE id = {project}"),
                9 => ("coordinator changed", $"UPDATE projects SET coordinator_id = {organisation} WHERE id = {project}"),
                10 => ("organisation moved county", $"UPDATE organisations SET county_number = '{Counties[random.Next(Counties.Length)]}' WHERE id = {organisation}"),
                11 => ("award changed", $"""
                    INSERT INTO awarded_mobilities (project_id, activity_type_code, participants) VALUES ({project}, '{Activities[random.Next(2)]}', {1 + random.Next(30)})
                    ON CONFLICT (project_id, activity_type_code) DO UPDATE SET participants = excluded.participants
                    """),
                12 => ("partner added or removed", random.Next(2) == 0
                    ? $"INSERT INTO project_partners (project_id, organisation_id) VALUES ({Projects[^1]}, {organisation}) ON CONFLICT DO NOTHING"
                    : $"DELETE FROM project_partners WHERE project_id = {Projects[^1]} AND organisation_id = {organisation}"),
                13 => ("project start and end moved", $"UPDATE projects SET start_date = make_date(call_year, {1 + random.Next(12)}, {1 + random.Next(28)}), end_date = make_date(call_year + 2, 12, 31) WHERE id = {project}"),
                14 => ("award removed", $"DELETE FROM awarded_mobilities WHERE project_id = {project} AND activity_type_code = '{Activities[random.Next(2)]}'"),
                _ => ("import", ""),
            };
            if (what == "import")
            {
                await ImportAsync(random, project, other);
                return "import: rows copied in and updated set-wise in one transaction";
            }

            await ExecuteAsync(_connectionString, sql);
            return what;
        }

        /// <summary>As the import writes: a binary COPY of new records and a set-wise update of existing ones, in one transaction.</summary>
        private async Task ImportAsync(Random random, int project, int other)
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY mobilities (project_id, mobility_id, activity_type_code, participant_group, direction, participant_count, sending_country_code,
                    receiving_country_code, start_date, end_date, duration_days, fewer_opportunities, green_travel, blended, status, registered_at,
                    created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var i = 0; i < 1 + random.Next(12); i++)
                {
                    var start = new DateOnly(2022 + random.Next(3), 1 + random.Next(12), 1 + random.Next(28));
                    await copy.StartRowAsync();
                    await copy.WriteAsync(i % 2 == 0 ? project : other, NpgsqlDbType.Integer);
                    await copy.WriteAsync($"I-{random.Next():D10}", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(Activities[random.Next(Activities.Length)], NpgsqlDbType.Varchar);
                    await copy.WriteAsync(random.Next(4) == 0 ? "AccompanyingPerson" : "Learner", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(random.Next(5) == 0 ? "Incoming" : "Outgoing", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(1 + random.Next(5), NpgsqlDbType.Integer);
                    await copy.WriteAsync("NO", NpgsqlDbType.Varchar);
                    await copy.WriteAsync("ES", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(start, NpgsqlDbType.Date);
                    await copy.WriteAsync(start.AddDays(random.Next(90)), NpgsqlDbType.Date);
                    await copy.WriteAsync(19, NpgsqlDbType.Integer);
                    foreach (var flag in new[] { false, false, false })
                    {
                        await copy.WriteAsync(flag, NpgsqlDbType.Boolean);
                    }

                    await copy.WriteAsync(Statuses[random.Next(Statuses.Length)], NpgsqlDbType.Varchar);
                    var now = DateTimeOffset.UtcNow;
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("import", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("import", NpgsqlDbType.Varchar);
                }

                await copy.CompleteAsync();
            }

            await using (var update = new NpgsqlCommand($"""
                UPDATE mobilities m SET participant_count = v.participants, status = v.status
                FROM (SELECT id, 1 + (id % 4) AS participants, CASE WHEN id % 3 = 0 THEN 'Planned' ELSE 'Realised' END AS status
                      FROM mobilities WHERE project_id IN ({project}, {other})) v
                WHERE m.id = v.id
                """, connection, transaction))
            {
                await update.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }
}

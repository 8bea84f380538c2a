using System.Data.Common;
using System.Globalization;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The aggregate SQL behind the attainment calculator. Each query groups in PostgreSQL by the
/// attributes the counting rules inspect, with the as-of date folded into a boolean, so no query
/// returns one row per mobility. The rules themselves are applied by <see cref="AttainmentCalculator"/>.
/// The inputs come in two parts that <see cref="AttainmentCache"/> keeps apart: the project,
/// accreditation and county facts of a date, and the mobility facts of a date and basis.
/// </summary>
public sealed class AttainmentSql(ErasmusDbContext db)
{
    /// <summary>A project's county: its Norwegian coordinator's, else its first Norwegian partner's (<see cref="Data.ProjectCounty"/>; reads @norway).</summary>
    public const string ProjectCounty = Data.ProjectCounty.Sql;

    /// <summary>
    /// A date column made safe to compute with: clamped into the years a .NET date and an integer year can
    /// hold. The CHECK constraints keep new dates plausible, but a constraint added NOT VALID leaves older
    /// rows as they were (-infinity, year 0001 or 20000), and one such row must not fail every dashboard
    /// (issue #15). Not for nullable columns: GREATEST ignores NULL.
    /// </summary>
    public static string SafeDate(string column) => $"LEAST(GREATEST({column}, DATE '0001-01-01'), DATE '9999-12-31')";

    /// <summary>The year of a date column, never failing: EXTRACT of an infinite date is ±Infinity, which no integer holds.</summary>
    public static string YearOf(string column) => $"EXTRACT(YEAR FROM {SafeDate(column)})::int";

    /// <summary>As <see cref="YearOf"/> for a nullable date column: NULL stays NULL (GREATEST would turn it into year 1).</summary>
    public static string NullableYearOf(string column) => $"CASE WHEN {column} IS NULL THEN NULL ELSE {YearOf(column)} END";

    /// <summary>A sum of participants as an integer, capped rather than overflowing on implausible rows older than the constraints.</summary>
    public static string SumOf(string expression) => $"LEAST(sum({expression}), 2147483647)::int";

    /// <summary>
    /// Every project's county as a table (<see cref="ProjectCounty"/> joined once per project rather than
    /// evaluated per row), with the project columns the mobility facts group by. Uses @norway and @as_of (<see cref="Constants"/>).
    /// </summary>
    private static string ProjectsWithCounty(bool some) => $"""
        partner_county AS (
            SELECT pp.project_id, min(o.county_number) AS county
            FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
            WHERE o.country_code = @norway{(some ? " AND pp.project_id = ANY(@ids)" : "")}
            GROUP BY pp.project_id),
        project AS (
            SELECT p.id, p.sector, p.call_year, {YearOf("p.start_date")} AS start_year, p.status,
                   coalesce(p.decision_date <= @as_of, false) AS decided, {NullableYearOf("p.decision_date")} AS decision_year,
                   CASE WHEN c.country_code = @norway THEN c.county_number ELSE pc.county END AS county
            FROM projects p
            JOIN organisations c ON c.id = p.coordinator_id
            LEFT JOIN partner_county pc ON pc.project_id = p.id{(some ? " WHERE p.id = ANY(@ids)" : "")})
        """;

    /// <summary>
    /// The domain's constants the SQL compares with, as parameters rather than literals spliced into the text:
    /// @norway, @realised, @outgoing, @accompanying, @first_call_year, @granted and @working_life (text arrays).
    /// A query that names none of them is unaffected by the extra parameters.
    /// </summary>
    private static IEnumerable<NpgsqlParameter> Constants() =>
    [
        new NpgsqlParameter<string>("norway", Norway),
        new NpgsqlParameter<string>("realised", nameof(MobilityStatus.Realised)),
        new NpgsqlParameter<string>("outgoing", nameof(MobilityDirection.Outgoing)),
        new NpgsqlParameter<string>("accompanying", nameof(ParticipantGroup.AccompanyingPerson)),
        new NpgsqlParameter<int>("first_call_year", DomainVocabulary.FirstCallYear),
        new NpgsqlParameter<string[]>("granted", [.. Enum.GetValues<ProjectStatus>().Where(s => s.IsGranted()).Select(s => s.ToString())]),
        new NpgsqlParameter<string[]>("working_life", [.. Enum.GetValues<OrganisationType>().Where(t => t.IsWorkingLife()).Select(t => t.ToString())]),
    ];

    /// <summary>The country code of Norway as organisations store it.</summary>
    private const string Norway = Organisation.Norway;

    /// <summary>Every part of the inputs, uncached, the mobility facts of both bases (the dashboard goes through the cache instead).</summary>
    public async Task<AttainmentInputs> InputsAsync(DateOnly asOf, bool byProject = false, CancellationToken cancellationToken = default)
    {
        var facts = await ProjectPartAsync(asOf, cancellationToken);
        var awarded = await MobilityPartAsync(asOf, CountingBasis.Awarded, byProject, cancellationToken);
        var realised = await MobilityPartAsync(asOf, CountingBasis.Realised, byProject, cancellationToken);
        return facts.With(awarded, realised);
    }

    /// <summary>The inputs of one basis: the other basis's mobility facts are left empty, since the calculator never reads them.</summary>
    public async Task<AttainmentInputs> InputsAsync(DateOnly asOf, CountingBasis basis, bool byProject, CancellationToken cancellationToken = default)
    {
        var facts = await ProjectPartAsync(asOf, cancellationToken);
        var mobility = await MobilityPartAsync(asOf, basis, byProject, cancellationToken);
        return basis == CountingBasis.Awarded ? facts.With(mobility, null) : facts.With(null, mobility);
    }

    /// <summary>The projects, accreditations and counties as of a date, from one snapshot.</summary>
    public Task<ProjectPart> ProjectPartAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async connection => new ProjectPart(
            await ProjectsAsync(connection, asOf, cancellationToken),
            await AccreditationsAsync(connection, asOf, cancellationToken),
            await CountiesAsync(connection, cancellationToken)), cancellationToken);

    /// <summary>The accreditations and counties alone (the county matrix needs nothing else).</summary>
    public Task<ProjectPart> AccreditationPartAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async connection => new ProjectPart([],
            await AccreditationsAsync(connection, asOf, cancellationToken),
            await CountiesAsync(connection, cancellationToken)), cancellationToken);

    /// <summary>The awarded or the realised mobility facts as of a date, per project when asked.</summary>
    public Task<MobilityPart> MobilityPartAsync(DateOnly asOf, CountingBasis basis, bool byProject, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async connection => basis == CountingBasis.Awarded
            ? new MobilityPart(await AwardedAsync(connection, asOf, byProject, cancellationToken), [])
            : new MobilityPart([], await RealisedAsync(connection, asOf, byProject, cancellationToken)), cancellationToken);

    /// <summary>The targets with their value histories and the sectors each belongs to (from its activity types' sectors).</summary>
    public async Task<IReadOnlyList<TargetDefinition>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        var activitySectors = (await db.ActivityTypes.AsNoTracking().Select(a => new { a.Code, a.Sectors }).ToListAsync(cancellationToken))
            .ToDictionary(a => a.Code, a => (IReadOnlyList<Sector>)[.. a.Sectors.Select(s => Enum.TryParse<Sector>(s, out var sector) ? sector : (Sector?)null).OfType<Sector>()],
                StringComparer.Ordinal);
        return (await db.StrategyTargets.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(cancellationToken))
            .Select(t => new TargetDefinition(t.Code, t.Area, t.TitleNb, t.TitleEn, t.Unit, MetricKinds.Parse(t.MetricKind, t.Code), t.MetricParameters, t.SortOrder,
                [.. t.Values.OrderBy(v => v.EffectiveFrom).Select(v => new TargetValuePoint(v.EffectiveFrom, v.Value))]))
            .Select(t => t with { Sectors = TargetSectors.Of(t, activitySectors) })
            .ToList();
    }

    /// <summary>
    /// The median days from a project's decision to a mobility's end over the records that count in some
    /// mobility target on the realised basis as of the date (each record once, whatever its participants),
    /// and their number: the realisation lag's facts (<see cref="RealisationLag"/>). percentile_cont takes
    /// the mean of the two middle values for an even count, as the rule says.
    /// </summary>
    public Task<RealisationLagFact> RealisationLagAsync(DateOnly asOf, IReadOnlyList<TargetDefinition> targets, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async connection =>
        {
            // Who counts, as MobilityRules.CountedParticipants: outgoing, and never an accompanying person.
            var sql = $"""
                WITH counted (activity_type_code, sector) AS (SELECT * FROM unnest(@activities, @sectors))
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY {SafeDate("m.end_date")} - {SafeDate("p.decision_date")}) AS median_days,
                       count(*)::int AS records
                FROM mobilities m
                JOIN projects p ON p.id = m.project_id
                WHERE m.status = @realised AND m.end_date <= @as_of
                  AND m.direction = @outgoing AND m.participant_group <> @accompanying
                  AND p.call_year >= @first_call_year AND p.decision_date IS NOT NULL
                  AND EXISTS (SELECT 1 FROM counted c WHERE c.activity_type_code = m.activity_type_code AND (c.sector = '' OR c.sector = p.sector))
                """;
            await using var command = Command(connection, sql, asOf, null, CountedActivities(targets));
            var rows = await SqlRow.ReadAsync(command, r => new RealisationLagFact((decimal?)r.NullableDouble("median_days"), r.Int("records")), cancellationToken);
            return rows.Single();
        }, cancellationToken);

    /// <summary>
    /// The realisation lag's records (those <see cref="RealisationLagAsync"/> takes the median over) from the
    /// mobility facts, as days from decision to end per project with how many records: what the cache keeps
    /// per project to take the median again after a write without reading every record.
    /// </summary>
    internal static async Task<List<LagRecords>> LagRecordsAsync(DbConnection connection, DateOnly asOf,
        IReadOnlyList<TargetDefinition> targets, CancellationToken cancellationToken, int[]? ids = null)
    {
        var sql = $"""
            WITH counted (activity_type_code, sector) AS (SELECT * FROM unnest(@activities, @sectors))
            SELECT f.project_id, {SafeDate("f.end_date")} - {SafeDate("p.decision_date")} AS days, sum(f.records)::int AS records
            FROM mobility_facts f
            JOIN projects p ON p.id = f.project_id
            WHERE f.status = @realised AND f.end_date <= @as_of
              AND f.direction = @outgoing AND f.participant_group <> @accompanying
              AND p.call_year >= @first_call_year AND p.decision_date IS NOT NULL
              AND EXISTS (SELECT 1 FROM counted c WHERE c.activity_type_code = f.activity_type_code AND (c.sector = '' OR c.sector = p.sector))
              {(ids is null ? "" : "AND f.project_id = ANY(@ids)")}
            GROUP BY 1, 2
            """;
        await using var command = Command(connection, sql, asOf, ids, CountedActivities(targets));
        return await SqlRow.ReadAsync(command, r => new LagRecords(r.Int("project_id"), r.Int("days"), r.Int("records")), cancellationToken);
    }

    /// <summary>The activity types (and sectors, '' for any) counted in some mobility target: @activities and @sectors.</summary>
    private static IEnumerable<NpgsqlParameter> CountedActivities(IReadOnlyList<TargetDefinition> targets)
    {
        var counted = RealisationLag.CountedActivities(targets);
        return
        [
            new NpgsqlParameter<string[]>("activities", [.. counted.Select(c => c.ActivityType)]),
            new NpgsqlParameter<string[]>("sectors", [.. counted.Select(c => c.Sector?.ToString() ?? "")]),
        ];
    }

    /// <summary>
    /// Runs <paramref name="read"/> in a repeatable-read transaction of its own (see <see cref="InSnapshotAsync{T}"/>):
    /// the cache's refreshes read the snapshot, the changes and the facts in one snapshot.
    /// </summary>
    /// <summary>
    /// Runs <paramref name="read"/> in a repeatable-read transaction of its own; <paramref name="read"/> applies
    /// <see cref="SnapshotSettings"/> itself with its first round trip (<see cref="Data.FactChanges.SnapshotAndChangesAsync"/>).
    /// </summary>
    internal Task<T> InOwnSnapshotAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) =>
        InSnapshotAsync(read, cancellationToken, applySettings: false);

    /// <summary>What each snapshot's transaction sets: its aggregates are planned better without the JIT and with more memory to sort in.</summary>
    internal static readonly string[] SnapshotSettings = ["SET LOCAL jit = off", "SET LOCAL work_mem = '64MB'"];

    /// <summary>The awarded facts, per project when asked; of the given projects only when <paramref name="ids"/> is set (then per project).</summary>
    internal static async Task<List<AwardedMobilityFact>> AwardedAsync(DbConnection connection, DateOnly asOf, bool byProject, CancellationToken cancellationToken,
        int[]? ids = null)
    {
        var projectColumn = byProject || ids is not null ? "x.id" : "NULL::int";
        var sql = $"""
            WITH {ProjectsWithCounty(ids is not null)}
            SELECT am.activity_type_code, x.sector, x.county, x.call_year, x.start_year, x.status, x.decided,
                   {SumOf("am.participants")} AS participants, {projectColumn} AS project_id, x.decision_year
            FROM awarded_mobilities am
            JOIN project x ON x.id = am.project_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 9, 10
            """;
        await using var command = Command(connection, sql, asOf, ids);
        return await SqlRow.ReadAsync(command, r => new AwardedMobilityFact(
            ActivityTypeCode: r.Text("activity_type_code"),
            ProjectSector: r.Enum<Sector>("sector"),
            CountyNumber: r.NullableText("county"),
            CallYear: r.Int("call_year"),
            StartYear: r.Int("start_year"),
            ProjectStatus: r.Enum<ProjectStatus>("status"),
            DecidedByAsOf: r.Bool("decided"),
            Participants: r.Int("participants"),
            ProjectId: r.NullableInt("project_id"),
            DecisionYear: r.NullableInt("decision_year")), cancellationToken);
    }

    /// <summary>
    /// Read from the mobility facts (the records already summed per project and attributes by the
    /// triggers, migration IncrementalFacts), cut at the as-of date, joined to their project's county,
    /// sector and call year and summed again; of the given projects only when <paramref name="ids"/> is set (then per project).
    /// </summary>
    internal static async Task<List<RealisedMobilityFact>> RealisedAsync(DbConnection connection, DateOnly asOf, bool byProject, CancellationToken cancellationToken,
        int[]? ids = null)
    {
        var projectColumn = byProject || ids is not null ? "x.id" : "NULL::int";
        var sql = $"""
            WITH {ProjectsWithCounty(ids is not null)},
            records AS (
                SELECT f.project_id, f.activity_type_code, f.start_year, f.status, f.participant_group,
                       f.direction, f.end_date <= @as_of AS ended, {YearOf("f.end_date")} AS end_year, sum(f.participants) AS participants
                FROM mobility_facts f{(ids is null ? "" : " WHERE f.project_id = ANY(@ids)")}
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8)
            SELECT r.activity_type_code, x.sector, x.county, x.call_year, r.start_year, r.status, r.participant_group, r.direction, r.ended,
                   {SumOf("r.participants")} AS participants, {projectColumn} AS project_id, r.end_year
            FROM records r
            JOIN project x ON x.id = r.project_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12
            """;
        await using var command = Command(connection, sql, asOf, ids);
        return await SqlRow.ReadAsync(command, r => new RealisedMobilityFact(
            ActivityTypeCode: r.Text("activity_type_code"),
            ProjectSector: r.Enum<Sector>("sector"),
            CountyNumber: r.NullableText("county"),
            CallYear: r.Int("call_year"),
            StartYear: r.Int("start_year"),
            Status: r.Enum<MobilityStatus>("status"),
            Group: r.Enum<ParticipantGroup>("participant_group"),
            Direction: r.Enum<MobilityDirection>("direction"),
            EndedByAsOf: r.Bool("ended"),
            Participants: r.Int("participants"),
            ProjectId: r.NullableInt("project_id"),
            EndYear: r.NullableInt("end_year")), cancellationToken);
    }

    /// <summary>The project facts, of the given projects only when <paramref name="ids"/> is set.</summary>
    internal static async Task<List<ProjectFact>> ProjectsAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken, int[]? ids = null)
    {
        // For some projects: only their coordinators' participation, partners and topics.
        var some = ids is not null;
        string OfCoordinators(string column) => some ? $"AND {column} IN (SELECT coordinator_id FROM projects WHERE id = ANY(@ids))" : "";

        // Participation for the newcomer rule: any granted project, any role. Partners of a working-life
        // type and topics are aggregated once per table and joined, not looked up per project.
        var sql = $"""
            WITH participation AS (
                SELECT organisation_id, min(call_year) AS first_call_year FROM (
                    SELECT coordinator_id AS organisation_id, call_year FROM projects WHERE status = ANY(@granted) {OfCoordinators("coordinator_id")}
                    UNION ALL
                    SELECT pp.organisation_id, p.call_year FROM project_partners pp JOIN projects p ON p.id = pp.project_id
                    WHERE p.status = ANY(@granted) {OfCoordinators("pp.organisation_id")}
                ) x GROUP BY organisation_id),
            working_life_partner AS (
                SELECT DISTINCT pp.project_id FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                WHERE o.type = ANY(@working_life){(some ? " AND pp.project_id = ANY(@ids)" : "")}),
            topics AS (
                SELECT project_id, array_agg(topic_code ORDER BY topic_code) AS codes FROM project_topics{(some ? " WHERE project_id = ANY(@ids)" : "")} GROUP BY project_id)
            SELECT p.id AS project_id, p.reference, p.action, p.sector, p.call_year, {YearOf("p.start_date")} AS start_year, p.status,
                   coalesce(p.decision_date <= @as_of, false) AS decided, c.id AS coordinator_id, c.name AS coordinator_name,
                   c.country_code = @norway AS coordinator_is_norwegian, c.county_number AS coordinator_county,
                   c.first_participation_year, pa.first_call_year,
                   c.type = ANY(@working_life) OR wl.project_id IS NOT NULL AS has_working_life_organisation,
                   coalesce(t.codes, ARRAY[]::varchar[]) AS topics,
                   p.green_travel_top_up, p.inclusion_support, p.blended_mobility, {NullableYearOf("p.decision_date")} AS decision_year
            FROM projects p
            JOIN organisations c ON c.id = p.coordinator_id
            LEFT JOIN participation pa ON pa.organisation_id = c.id
            LEFT JOIN working_life_partner wl ON wl.project_id = p.id
            LEFT JOIN topics t ON t.project_id = p.id{(some ? " WHERE p.id = ANY(@ids)" : "")}
            """;
        List<ProjectFact> facts;
        await using (var command = Command(connection, sql, asOf, ids))
        {
            facts = await SqlRow.ReadAsync(command, r => new ProjectFact(
                ProjectId: r.Int("project_id"),
                Reference: r.Text("reference"),
                Action: r.Enum<ProjectAction>("action"),
                Sector: r.Enum<Sector>("sector"),
                CallYear: r.Int("call_year"),
                StartYear: r.Int("start_year"),
                Status: r.Enum<ProjectStatus>("status"),
                DecidedByAsOf: r.Bool("decided"),
                CoordinatorId: r.Int("coordinator_id"),
                CoordinatorName: r.Text("coordinator_name"),
                CoordinatorIsNorwegian: r.Bool("coordinator_is_norwegian"),
                CoordinatorCounty: r.NullableText("coordinator_county"),
                CoordinatorFirstParticipationYear: r.NullableInt("first_participation_year"),
                CoordinatorEarliestCallYear: r.NullableInt("first_call_year"),
                HasWorkingLifeOrganisation: r.Bool("has_working_life_organisation"),
                NorwegianParticipants: [],
                Topics: new HashSet<string>(r.Array<string>("topics"), StringComparer.Ordinal),
                GreenTravelTopUp: r.Bool("green_travel_top_up"),
                InclusionSupport: r.Bool("inclusion_support"),
                BlendedMobility: r.Bool("blended_mobility"),
                DecisionYear: r.NullableInt("decision_year")), cancellationToken);
        }

        var participants = await NorwegianParticipantsAsync(connection, ids, cancellationToken);
        return [.. facts.Select(f => participants.TryGetValue(f.ProjectId, out var list) ? f with { NorwegianParticipants = list } : f)];
    }

    /// <summary>Norwegian coordinators and partners of every project, for partnerships, sport and centralised projects.</summary>
    private static async Task<Dictionary<int, List<NorwegianParticipant>>> NorwegianParticipantsAsync(DbConnection connection, int[]? ids,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT p.id AS project_id, o.id AS organisation_id, o.name, o.county_number, o.type, true AS is_coordinator
            FROM projects p JOIN organisations o ON o.id = p.coordinator_id
            WHERE o.country_code = @norway{(ids is null ? "" : " AND p.id = ANY(@ids)")}
            UNION ALL
            SELECT pp.project_id, o.id, o.name, o.county_number, o.type, false
            FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
            WHERE o.country_code = @norway{(ids is null ? "" : " AND pp.project_id = ANY(@ids)")}
            """;
        await using var command = Command(connection, sql, null, ids);
        var rows = await SqlRow.ReadAsync(command, r => (ProjectId: r.Int("project_id"), Participant: new NorwegianParticipant(
            OrganisationId: r.Int("organisation_id"),
            Name: r.Text("name"),
            CountyNumber: r.NullableText("county_number"),
            Type: r.Enum<OrganisationType>("type"),
            IsCoordinator: r.Bool("is_coordinator"))), cancellationToken);
        return rows.GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.Select(r => r.Participant).ToList());
    }

    internal static async Task<List<AccreditationFact>> AccreditationsAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT a.holder_id, o.name AS holder_name, o.county_number AS holder_county, o.type AS holder_type, a.sector,
                   {SafeDate("a.decision_date")} AS decision_date, {SafeDate("a.valid_from")} AS valid_from,
                   CASE WHEN a.valid_to IS NOT NULL THEN {SafeDate("a.valid_to")} END AS valid_to, a.status
            FROM accreditations a JOIN organisations o ON o.id = a.holder_id
            """;
        await using var command = Command(connection, sql, null);
        return await SqlRow.ReadAsync(command, r => new AccreditationFact(
            HolderId: r.Int("holder_id"),
            HolderName: r.Text("holder_name"),
            HolderCounty: r.NullableText("holder_county"),
            HolderType: r.Enum<OrganisationType>("holder_type"),
            Sector: r.Enum<Sector>("sector"),
            InForceOnAsOf: Accreditation.IsInForce(r.Date("decision_date"), r.Date("valid_from"), r.NullableDate("valid_to"),
                r.Enum<AccreditationStatus>("status"), asOf)), cancellationToken);
    }

    internal static async Task<List<CountyInfo>> CountiesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string sql = "SELECT number, name, valid_from, valid_to, is_county_authority, part_of_2020_county_number FROM counties ORDER BY number";
        await using var command = Command(connection, sql, null);
        return await SqlRow.ReadAsync(command, r => new CountyInfo(
            Number: r.Text("number"),
            Name: r.Text("name"),
            ValidFrom: r.Date("valid_from"),
            ValidTo: r.NullableDate("valid_to"),
            IsCountyAuthority: r.Bool("is_county_authority"),
            PartOf2020County: r.Text("part_of_2020_county_number")), cancellationToken);
    }

    /// <summary>
    /// Runs the queries of one part in a repeatable-read transaction, so they see one snapshot, with
    /// JIT compilation off (on these aggregates PostgreSQL spent more time compiling than executing:
    /// 0.4–1.8 s per query, see docs/benchmarks.md) and room to hash-aggregate in memory.
    /// </summary>
    private async Task<T> InSnapshotAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken, bool applySettings = true)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            if (db.Database.CurrentTransaction is not null)
            {
                return await read(connection);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            if (applySettings)
            {
                await using var settings = connection.CreateCommand();
                settings.CommandText = string.Join("; ", SnapshotSettings);
                await settings.ExecuteNonQueryAsync(cancellationToken);
            }

            var result = await read(connection);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>A command with the <see cref="Constants"/>, the as-of date and the projects (when given) as parameters.</summary>
    private static DbCommand Command(DbConnection connection, string sql, DateOnly? asOf, int[]? ids = null, IEnumerable<NpgsqlParameter>? more = null)
    {
        var parameters = Constants().Concat(more ?? []).ToList();
        if (asOf is { } date)
        {
            parameters.Add(new NpgsqlParameter<DateOnly>("as_of", date));
        }

        if (ids is not null)
        {
            parameters.Add(new NpgsqlParameter<int[]>("ids", ids));
        }

        return SqlRow.Command(connection, sql, parameters);
    }
}

/// <summary>The project, accreditation and county facts of a date: the part of the inputs every basis shares.</summary>
public sealed record ProjectPart(IReadOnlyList<ProjectFact> Projects, IReadOnlyList<AccreditationFact> Accreditations, IReadOnlyList<CountyInfo> Counties)
{
    public AttainmentInputs With(MobilityPart? awarded, MobilityPart? realised) =>
        new(awarded?.Awarded ?? [], realised?.Realised ?? [], Projects, Accreditations, Counties);
}

/// <summary>The mobility facts of a date on one basis (the other list is empty).</summary>
public sealed record MobilityPart(IReadOnlyList<AwardedMobilityFact> Awarded, IReadOnlyList<RealisedMobilityFact> Realised)
{
    public int Count => Awarded.Count + Realised.Count;
}

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
public sealed class AttainmentQueries(ErasmusDbContext db)
{
    /// <summary>A project's county: its Norwegian coordinator's, else its first Norwegian partner's (<see cref="Data.ProjectCounty"/>).</summary>
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
    /// evaluated per row), with the project columns the mobility facts group by.
    /// </summary>
    private static string ProjectsWithCounty(bool some) => $"""
        partner_county AS (
            SELECT pp.project_id, min(o.county_number) AS county
            FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
            WHERE o.country_code = 'NO'{(some ? " AND pp.project_id = ANY(@ids)" : "")}
            GROUP BY pp.project_id),
        project AS (
            SELECT p.id, p.sector, p.call_year, {YearOf("p.start_date")} AS start_year, p.status,
                   coalesce(p.decision_date <= @as_of, false) AS decided, {NullableYearOf("p.decision_date")} AS decision_year,
                   CASE WHEN c.country_code = 'NO' THEN c.county_number ELSE pc.county END AS county
            FROM projects p
            JOIN organisations c ON c.id = p.coordinator_id
            LEFT JOIN partner_county pc ON pc.project_id = p.id{(some ? " WHERE p.id = ANY(@ids)" : "")})
        """;

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
            .Select(t => new TargetDefinition(t.Code, t.Area, t.TitleNb, t.TitleEn, t.Unit, t.MetricKind, t.MetricParameters, t.SortOrder,
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
            var counted = RealisationLag.CountedActivities(targets);
            // Who counts, as MobilityRules.CountedParticipants: outgoing, and never an accompanying person.
            var sql = $"""
                WITH counted (activity_type_code, sector) AS (SELECT * FROM unnest(@activities, @sectors))
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY {SafeDate("m.end_date")} - {SafeDate("p.decision_date")}), count(*)::int
                FROM mobilities m
                JOIN projects p ON p.id = m.project_id
                WHERE m.status = '{MobilityStatus.Realised}' AND m.end_date <= @as_of
                  AND m.direction = '{MobilityDirection.Outgoing}' AND m.participant_group <> '{ParticipantGroup.AccompanyingPerson}'
                  AND p.call_year >= {DomainVocabulary.FirstCallYear} AND p.decision_date IS NOT NULL
                  AND EXISTS (SELECT 1 FROM counted c WHERE c.activity_type_code = m.activity_type_code AND (c.sector = '' OR c.sector = p.sector))
                """;
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new NpgsqlParameter("as_of", asOf));
            command.Parameters.Add(new NpgsqlParameter<string[]>("activities", [.. counted.Select(c => c.ActivityType)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("sectors", [.. counted.Select(c => c.Sector?.ToString() ?? "")]));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new RealisationLagFact(reader.IsDBNull(0) ? null : (decimal)reader.GetDouble(0), reader.GetInt32(1));
        }, cancellationToken);

    /// <summary>
    /// The realisation lag's records (those <see cref="RealisationLagAsync"/> takes the median over) from the
    /// mobility facts, as days from decision to end per project with how many records: what the cache keeps
    /// per project to take the median again after a write without reading every record.
    /// </summary>
    internal static async Task<List<(int ProjectId, int Days, int Records)>> LagRecordsAsync(DbConnection connection, DateOnly asOf,
        IReadOnlyList<TargetDefinition> targets, CancellationToken cancellationToken, int[]? ids = null)
    {
        var counted = RealisationLag.CountedActivities(targets);
        var sql = $"""
            WITH counted (activity_type_code, sector) AS (SELECT * FROM unnest(@activities, @sectors))
            SELECT f.project_id, {SafeDate("f.end_date")} - {SafeDate("p.decision_date")}, sum(f.records)::int
            FROM mobility_facts f
            JOIN projects p ON p.id = f.project_id
            WHERE f.status = '{MobilityStatus.Realised}' AND f.end_date <= @as_of
              AND f.direction = '{MobilityDirection.Outgoing}' AND f.participant_group <> '{ParticipantGroup.AccompanyingPerson}'
              AND p.call_year >= {DomainVocabulary.FirstCallYear} AND p.decision_date IS NOT NULL
              AND EXISTS (SELECT 1 FROM counted c WHERE c.activity_type_code = f.activity_type_code AND (c.sector = '' OR c.sector = p.sector))
              {(ids is null ? "" : "AND f.project_id = ANY(@ids)")}
            GROUP BY 1, 2
            """;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter("as_of", asOf));
        command.Parameters.Add(new NpgsqlParameter<string[]>("activities", [.. counted.Select(c => c.ActivityType)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("sectors", [.. counted.Select(c => c.Sector?.ToString() ?? "")]));
        if (ids is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<int[]>("ids", ids));
        }

        var rows = new List<(int, int, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return rows;
    }

    /// <summary>
    /// Runs <paramref name="read"/> in a repeatable-read transaction of its own (see <see cref="InSnapshotAsync{T}"/>):
    /// the cache's refreshes read the snapshot, the changes and the facts in one snapshot.
    /// </summary>
    internal Task<T> InOwnSnapshotAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) => InSnapshotAsync(read, cancellationToken);

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
        var facts = new List<AwardedMobilityFact>();
        await using var reader = await ExecuteAsync(connection, sql, asOf, cancellationToken, ids);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new AwardedMobilityFact(reader.GetString(0), Enum.Parse<Sector>(reader.GetString(1)), Text(reader, 2), reader.GetInt32(3),
                reader.GetInt32(4), Enum.Parse<ProjectStatus>(reader.GetString(5)), reader.GetBoolean(6), reader.GetInt32(7), Int(reader, 8), Int(reader, 9)));
        }

        return facts;
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
        var facts = new List<RealisedMobilityFact>();
        await using var reader = await ExecuteAsync(connection, sql, asOf, cancellationToken, ids);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new RealisedMobilityFact(reader.GetString(0), Enum.Parse<Sector>(reader.GetString(1)), Text(reader, 2), reader.GetInt32(3),
                reader.GetInt32(4), Enum.Parse<MobilityStatus>(reader.GetString(5)), Enum.Parse<ParticipantGroup>(reader.GetString(6)),
                Enum.Parse<MobilityDirection>(reader.GetString(7)), reader.GetBoolean(8), reader.GetInt32(9), Int(reader, 10), Int(reader, 11)));
        }

        return facts;
    }

    /// <summary>The project facts, of the given projects only when <paramref name="ids"/> is set.</summary>
    internal static async Task<List<ProjectFact>> ProjectsAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken, int[]? ids = null)
    {
        // For some projects: only their coordinators' participation, partners and topics.
        var some = ids is not null;
        var ofCoordinators = some ? "AND {0} IN (SELECT coordinator_id FROM projects WHERE id = ANY(@ids))" : "";
        var workingLife = string.Join(", ", Enum.GetValues<OrganisationType>().Where(t => t.IsWorkingLife()).Select(t => $"'{t}'"));
        var granted = string.Join(", ", Enum.GetValues<ProjectStatus>().Where(s => s.IsGranted()).Select(s => $"'{s}'"));
        // Participation for the newcomer rule: any granted project, any role. Partners of a working-life
        // type and topics are aggregated once per table and joined, not looked up per project.
        var sql = $"""
            WITH participation AS (
                SELECT organisation_id, min(call_year) AS first_call_year FROM (
                    SELECT coordinator_id AS organisation_id, call_year FROM projects WHERE status IN ({granted}) {string.Format(CultureInfo.InvariantCulture, ofCoordinators, "coordinator_id")}
                    UNION ALL
                    SELECT pp.organisation_id, p.call_year FROM project_partners pp JOIN projects p ON p.id = pp.project_id
                    WHERE p.status IN ({granted}) {string.Format(CultureInfo.InvariantCulture, ofCoordinators, "pp.organisation_id")}
                ) x GROUP BY organisation_id),
            working_life_partner AS (
                SELECT DISTINCT pp.project_id FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                WHERE o.type IN ({workingLife}){(some ? " AND pp.project_id = ANY(@ids)" : "")}),
            topics AS (
                SELECT project_id, array_agg(topic_code ORDER BY topic_code) AS codes FROM project_topics{(some ? " WHERE project_id = ANY(@ids)" : "")} GROUP BY project_id)
            SELECT p.id, p.reference, p.action, p.sector, p.call_year, {YearOf("p.start_date")}, p.status,
                   coalesce(p.decision_date <= @as_of, false), c.id, c.name, c.country_code = 'NO', c.county_number, c.first_participation_year,
                   pa.first_call_year,
                   c.type IN ({workingLife}) OR wl.project_id IS NOT NULL,
                   coalesce(t.codes, ARRAY[]::varchar[]),
                   p.green_travel_top_up, p.inclusion_support, p.blended_mobility, {NullableYearOf("p.decision_date")}
            FROM projects p
            JOIN organisations c ON c.id = p.coordinator_id
            LEFT JOIN participation pa ON pa.organisation_id = c.id
            LEFT JOIN working_life_partner wl ON wl.project_id = p.id
            LEFT JOIN topics t ON t.project_id = p.id{(some ? " WHERE p.id = ANY(@ids)" : "")}
            """;
        var rows = new List<(ProjectFact Fact, bool Norwegian)>();
        await using (var reader = await ExecuteAsync(connection, sql, asOf, cancellationToken, ids))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((new ProjectFact(reader.GetInt32(0), reader.GetString(1), Enum.Parse<ProjectAction>(reader.GetString(2)), Enum.Parse<Sector>(reader.GetString(3)),
                    reader.GetInt32(4), reader.GetInt32(5), Enum.Parse<ProjectStatus>(reader.GetString(6)), reader.GetBoolean(7), reader.GetInt32(8),
                    reader.GetString(9), reader.GetBoolean(10), Text(reader, 11), Int(reader, 12), Int(reader, 13), reader.GetBoolean(14), [],
                    new HashSet<string>(reader.GetFieldValue<string[]>(15), StringComparer.Ordinal), reader.GetBoolean(16), reader.GetBoolean(17), reader.GetBoolean(18),
                    Int(reader, 19)),
                    reader.GetBoolean(10)));
            }
        }

        var participants = await NorwegianParticipantsAsync(connection, ids, cancellationToken);
        return [.. rows.Select(r => participants.TryGetValue(r.Fact.ProjectId, out var list) ? r.Fact with { NorwegianParticipants = list } : r.Fact)];
    }

    /// <summary>Norwegian coordinators and partners of every project, for partnerships, sport and centralised projects.</summary>
    private static async Task<Dictionary<int, List<NorwegianParticipant>>> NorwegianParticipantsAsync(DbConnection connection, int[]? ids,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT p.id, o.id, o.name, o.county_number, o.type, true FROM projects p JOIN organisations o ON o.id = p.coordinator_id
            WHERE o.country_code = 'NO'{(ids is null ? "" : " AND p.id = ANY(@ids)")}
            UNION ALL
            SELECT pp.project_id, o.id, o.name, o.county_number, o.type, false FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
            WHERE o.country_code = 'NO'{(ids is null ? "" : " AND pp.project_id = ANY(@ids)")}
            """;
        var result = new Dictionary<int, List<NorwegianParticipant>>();
        await using var reader = await ExecuteAsync(connection, sql, null, cancellationToken, ids);
        while (await reader.ReadAsync(cancellationToken))
        {
            var projectId = reader.GetInt32(0);
            if (!result.TryGetValue(projectId, out var list))
            {
                result[projectId] = list = [];
            }

            list.Add(new NorwegianParticipant(reader.GetInt32(1), reader.GetString(2), Text(reader, 3), Enum.Parse<OrganisationType>(reader.GetString(4)), reader.GetBoolean(5)));
        }

        return result;
    }

    internal static async Task<List<AccreditationFact>> AccreditationsAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT a.holder_id, o.name, o.county_number, o.type, a.sector, {SafeDate("a.decision_date")}, {SafeDate("a.valid_from")},
                   CASE WHEN a.valid_to IS NOT NULL THEN {SafeDate("a.valid_to")} END, a.status
            FROM accreditations a JOIN organisations o ON o.id = a.holder_id
            """;
        var facts = new List<AccreditationFact>();
        await using var reader = await ExecuteAsync(connection, sql, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var inForce = Accreditation.IsInForce(reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7), Enum.Parse<AccreditationStatus>(reader.GetString(8)), asOf);
            facts.Add(new AccreditationFact(reader.GetInt32(0), reader.GetString(1), Text(reader, 2), Enum.Parse<OrganisationType>(reader.GetString(3)),
                Enum.Parse<Sector>(reader.GetString(4)), inForce));
        }

        return facts;
    }

    internal static async Task<List<CountyInfo>> CountiesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string sql = "SELECT number, name, valid_from, valid_to, is_county_authority, part_of_2020_county_number FROM counties ORDER BY number";
        var counties = new List<CountyInfo>();
        await using var reader = await ExecuteAsync(connection, sql, null, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counties.Add(new CountyInfo(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.GetBoolean(4), reader.GetString(5)));
        }

        return counties;
    }

    /// <summary>
    /// Runs the queries of one part in a repeatable-read transaction, so they see one snapshot, with
    /// JIT compilation off (on these aggregates PostgreSQL spent more time compiling than executing:
    /// 0.4–1.8 s per query, see docs/benchmarks.md) and room to hash-aggregate in memory.
    /// </summary>
    private async Task<T> InSnapshotAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
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
            await using (var settings = connection.CreateCommand())
            {
                settings.CommandText = "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'";
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

    private static async Task<DbDataReader> ExecuteAsync(DbConnection connection, string sql, DateOnly? asOf, CancellationToken cancellationToken, int[]? ids = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (asOf is { } date)
        {
            command.Parameters.Add(new NpgsqlParameter("as_of", date));
        }

        if (ids is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<int[]>("ids", ids));
        }

        return await command.ExecuteReaderAsync(cancellationToken);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? Int(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
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

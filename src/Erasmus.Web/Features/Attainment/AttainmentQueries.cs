using System.Data.Common;
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
/// </summary>
public sealed class AttainmentQueries(ErasmusDbContext db)
{
    /// <summary>A project's county: its Norwegian coordinator's, else its first Norwegian partner's.</summary>
    public const string ProjectCounty = """
        CASE WHEN c.country_code = 'NO' THEN c.county_number
             ELSE (SELECT min(o.county_number) FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                   WHERE pp.project_id = p.id AND o.country_code = 'NO') END
        """;

    public async Task<AttainmentInputs> InputsAsync(DateOnly asOf, bool byProject = false, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        var awarded = await AwardedAsync(connection, asOf, byProject, cancellationToken);
        var realised = await RealisedAsync(connection, asOf, byProject, cancellationToken);
        var projects = await ProjectsAsync(connection, asOf, cancellationToken);
        var accreditations = await AccreditationsAsync(connection, asOf, cancellationToken);
        var counties = await db.Counties.AsNoTracking()
            .Select(c => new CountyInfo(c.Number, c.Name, c.ValidFrom, c.ValidTo, c.IsCountyAuthority, c.PartOf2020CountyNumber))
            .ToListAsync(cancellationToken);
        return new AttainmentInputs(awarded, realised, projects, accreditations, counties);
    }

    public async Task<IReadOnlyList<TargetDefinition>> TargetsAsync(CancellationToken cancellationToken = default) =>
        (await db.StrategyTargets.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(cancellationToken))
        .Select(t => new TargetDefinition(t.Code, t.Area, t.TitleNb, t.TitleEn, t.Unit, t.MetricKind, t.MetricParameters, t.SortOrder,
            [.. t.Values.OrderBy(v => v.EffectiveFrom).Select(v => new TargetValuePoint(v.EffectiveFrom, v.Value))]))
        .ToList();

    private static async Task<List<AwardedMobilityFact>> AwardedAsync(DbConnection connection, DateOnly asOf, bool byProject, CancellationToken cancellationToken)
    {
        var projectColumn = byProject ? "p.id" : "NULL::int";
        var sql = $"""
            SELECT am.activity_type_code, p.sector, {ProjectCounty} AS county, p.call_year, EXTRACT(YEAR FROM p.start_date)::int AS start_year,
                   p.status, coalesce(p.decision_date <= @as_of, false) AS decided, sum(am.participants)::int AS participants, {projectColumn} AS project_id
            FROM awarded_mobilities am
            JOIN projects p ON p.id = am.project_id
            JOIN organisations c ON c.id = p.coordinator_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 9
            """;
        var facts = new List<AwardedMobilityFact>();
        await using var reader = await ExecuteAsync(connection, sql, asOf, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new AwardedMobilityFact(reader.GetString(0), Enum.Parse<Sector>(reader.GetString(1)), Text(reader, 2), reader.GetInt32(3),
                reader.GetInt32(4), Enum.Parse<ProjectStatus>(reader.GetString(5)), reader.GetBoolean(6), reader.GetInt32(7), Int(reader, 8)));
        }

        return facts;
    }

    private static async Task<List<RealisedMobilityFact>> RealisedAsync(DbConnection connection, DateOnly asOf, bool byProject, CancellationToken cancellationToken)
    {
        var projectColumn = byProject ? "p.id" : "NULL::int";
        var sql = $"""
            SELECT m.activity_type_code, p.sector, {ProjectCounty} AS county, p.call_year, EXTRACT(YEAR FROM m.start_date)::int AS start_year,
                   m.status, m.participant_group, m.direction, m.end_date <= @as_of AS ended, sum(m.participant_count)::int AS participants,
                   {projectColumn} AS project_id
            FROM mobilities m
            JOIN projects p ON p.id = m.project_id
            JOIN organisations c ON c.id = p.coordinator_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 11
            """;
        var facts = new List<RealisedMobilityFact>();
        await using var reader = await ExecuteAsync(connection, sql, asOf, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new RealisedMobilityFact(reader.GetString(0), Enum.Parse<Sector>(reader.GetString(1)), Text(reader, 2), reader.GetInt32(3),
                reader.GetInt32(4), Enum.Parse<MobilityStatus>(reader.GetString(5)), Enum.Parse<ParticipantGroup>(reader.GetString(6)),
                Enum.Parse<MobilityDirection>(reader.GetString(7)), reader.GetBoolean(8), reader.GetInt32(9), Int(reader, 10)));
        }

        return facts;
    }

    private static async Task<List<ProjectFact>> ProjectsAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var workingLife = string.Join(", ", Enum.GetValues<OrganisationType>().Where(t => t.IsWorkingLife()).Select(t => $"'{t}'"));
        var granted = string.Join(", ", Enum.GetValues<ProjectStatus>().Where(s => s.IsGranted()).Select(s => $"'{s}'"));
        // Participation for the newcomer rule: any granted project, any role.
        var sql = $"""
            WITH participation AS (
                SELECT organisation_id, min(call_year) AS first_call_year FROM (
                    SELECT coordinator_id AS organisation_id, call_year FROM projects WHERE status IN ({granted})
                    UNION ALL
                    SELECT pp.organisation_id, p.call_year FROM project_partners pp JOIN projects p ON p.id = pp.project_id WHERE p.status IN ({granted})
                ) x GROUP BY organisation_id)
            SELECT p.id, p.reference, p.action, p.sector, p.call_year, EXTRACT(YEAR FROM p.start_date)::int, p.status,
                   coalesce(p.decision_date <= @as_of, false), c.id, c.name, c.country_code = 'NO', c.county_number, c.first_participation_year,
                   pa.first_call_year,
                   c.type IN ({workingLife}) OR EXISTS (SELECT 1 FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                                                       WHERE pp.project_id = p.id AND o.type IN ({workingLife})),
                   coalesce((SELECT array_agg(t.topic_code ORDER BY t.topic_code) FROM project_topics t WHERE t.project_id = p.id), ARRAY[]::varchar[]),
                   p.green_travel_top_up, p.inclusion_support, p.blended_mobility
            FROM projects p
            JOIN organisations c ON c.id = p.coordinator_id
            LEFT JOIN participation pa ON pa.organisation_id = c.id
            """;
        var rows = new List<(ProjectFact Fact, bool Norwegian)>();
        await using (var reader = await ExecuteAsync(connection, sql, asOf, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((new ProjectFact(reader.GetInt32(0), reader.GetString(1), Enum.Parse<ProjectAction>(reader.GetString(2)), Enum.Parse<Sector>(reader.GetString(3)),
                    reader.GetInt32(4), reader.GetInt32(5), Enum.Parse<ProjectStatus>(reader.GetString(6)), reader.GetBoolean(7), reader.GetInt32(8),
                    reader.GetString(9), reader.GetBoolean(10), Text(reader, 11), Int(reader, 12), Int(reader, 13), reader.GetBoolean(14), [],
                    new HashSet<string>(reader.GetFieldValue<string[]>(15), StringComparer.Ordinal), reader.GetBoolean(16), reader.GetBoolean(17), reader.GetBoolean(18)),
                    reader.GetBoolean(10)));
            }
        }

        var participants = await NorwegianParticipantsAsync(connection, cancellationToken);
        return [.. rows.Select(r => participants.TryGetValue(r.Fact.ProjectId, out var list) ? r.Fact with { NorwegianParticipants = list } : r.Fact)];
    }

    /// <summary>Norwegian coordinators and partners of every project, for partnerships, sport and centralised projects.</summary>
    private static async Task<Dictionary<int, List<NorwegianParticipant>>> NorwegianParticipantsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT p.id, o.id, o.name, o.county_number, o.type, true FROM projects p JOIN organisations o ON o.id = p.coordinator_id WHERE o.country_code = 'NO'
            UNION ALL
            SELECT pp.project_id, o.id, o.name, o.county_number, o.type, false FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id WHERE o.country_code = 'NO'
            """;
        var result = new Dictionary<int, List<NorwegianParticipant>>();
        await using var reader = await ExecuteAsync(connection, sql, null, cancellationToken);
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

    private static async Task<List<AccreditationFact>> AccreditationsAsync(DbConnection connection, DateOnly asOf, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.holder_id, o.name, o.county_number, o.type, a.sector, a.decision_date, a.valid_from, a.valid_to, a.status
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

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        return connection;
    }

    private static async Task<DbDataReader> ExecuteAsync(DbConnection connection, string sql, DateOnly? asOf, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (asOf is { } date)
        {
            command.Parameters.Add(new NpgsqlParameter("as_of", date));
        }

        return await command.ExecuteReaderAsync(cancellationToken);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? Int(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}

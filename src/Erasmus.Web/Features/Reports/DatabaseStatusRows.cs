using System.Runtime.CompilerServices;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Mobilities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

using Erasmus.Web.Features.Attainment;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// The data sheets' rows, streamed from PostgreSQL with a plain <see cref="NpgsqlDataReader"/>. Which
/// records count is decided by the attainment engine itself, never by a second copy of its rules:
/// records are read in batches, each record becomes a one-record fact, and
/// <see cref="AttainmentCalculator.ComputeTarget"/> runs on the batch with the report's parameters
/// (county, sector, structure included). A fact's project id carries the record's position in the
/// batch, so each counted item the engine returns points back at exactly one record. Memory grows with
/// the number of projects at most, never with the number of mobilities.
/// </summary>
/// <param name="inputs">The engine's inputs for the report's date (not per project): the project facts and the counties.</param>
public sealed class DatabaseStatusRows(ErasmusDbContext db, AttainmentResult result, AttainmentInputs inputs) : IStatusRowSource
{
    /// <summary>Records per engine run: large enough to amortise it, small enough to keep memory flat.</summary>
    public const int BatchSize = 4096;

    /// <summary>The awarded facts' columns (0–7), as AttainmentSql reads them; a record's own columns follow.</summary>
    private static readonly string AwardedColumns = $"""
        am.activity_type_code, p.sector, {AttainmentSql.ProjectCounty} AS county, p.call_year, {AttainmentSql.YearOf("p.start_date")},
        p.status, coalesce(p.decision_date <= @as_of, false), am.participants
        """;

    /// <summary>The realised facts' columns (0–8) without the participants, which a record reads as its count and a project as a sum.</summary>
    private static readonly string RealisedColumns = $"""
        m.activity_type_code, p.sector, {AttainmentSql.ProjectCounty} AS county, p.call_year, {AttainmentSql.YearOf("m.start_date")},
        m.status, m.participant_group, m.direction, m.end_date <= @as_of
        """;

    private const string MobilityJoins = """
        JOIN projects p ON p.id = m.project_id
        JOIN organisations c ON c.id = p.coordinator_id
        """;

    /// <summary>The status and end-date conditions only narrow the scan to records the engine could count; it still decides.</summary>
    private const string RealisedScan = "m.activity_type_code = ANY(@activities) AND m.status = 'Realised' AND m.end_date <= @as_of";

    private const int ReadTimeoutSeconds = 3600;

    private readonly Dictionary<string, string> _countyNames = inputs.Counties.ToDictionary(c => c.Number, c => c.Name, StringComparer.Ordinal);

    private AttainmentParameters Parameters => result.Parameters;

    public async IAsyncEnumerable<ProjectRow> ProjectsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var counted = new Dictionary<int, (string? County, Dictionary<string, decimal> Values)>();
        void Add(int projectId, string code, decimal value, string? county)
        {
            if (!counted.TryGetValue(projectId, out var entry))
            {
                counted[projectId] = entry = (county, new Dictionary<string, decimal>(StringComparer.Ordinal));
            }

            entry.Values[code] = entry.Values.GetValueOrDefault(code) + value;
        }

        // Partnership, centralised and share targets: the engine's counted items are the projects themselves.
        foreach (var target in result.Targets.Select(t => t.Target).Where(t => CountedRecords.IsProjectTarget(t) && !CountedRecords.IsMobilityTarget(t)))
        {
            foreach (var item in AttainmentCalculator.ComputeTarget(inputs, target, Parameters).CountedItems.Where(i => i.Item.Kind == "project"))
            {
                Add(item.Item.Id, target.Code, item.Numerator, item.CountyNumber);
            }
        }

        // Mobility targets: the participants each project adds, from its facts streamed per project.
        await foreach (var (projectId, code, participants, county) in ProjectMobilitiesAsync(cancellationToken))
        {
            Add(projectId, code, participants, county);
        }

        if (counted.Count == 0)
        {
            yield break;
        }

        const string sql = """
            SELECT p.id, p.reference, p.action, p.sector, p.call_year, c.name, c.country_code, p.decision_date, p.status
            FROM projects p JOIN organisations c ON c.id = p.coordinator_id
            WHERE p.id = ANY(@ids)
            ORDER BY p.reference
            """;
        await using var command = await CommandAsync(sql, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<int[]>("ids", [.. counted.Keys]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (county, values) = counted[reader.GetInt32(0)];
            yield return new ProjectRow(reader.GetString(1), Enum.Parse<ProjectAction>(reader.GetString(2)), Enum.Parse<Sector>(reader.GetString(3)),
                reader.GetInt32(4), reader.GetString(5), reader.GetString(6), CountyName(county),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7), Enum.Parse<ProjectStatus>(reader.GetString(8)), values);
        }
    }

    public async IAsyncEnumerable<MobilityRow> MobilitiesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Parameters.Basis == CountingBasis.Awarded)
        {
            var sql = $"""
                SELECT {AwardedColumns}, p.reference, p.decision_date
                FROM awarded_mobilities am
                JOIN projects p ON p.id = am.project_id
                JOIN organisations c ON c.id = p.coordinator_id
                WHERE am.activity_type_code = ANY(@activities)
                ORDER BY p.reference, am.activity_type_code
                """;
            await foreach (var (fact, record, code, participants, county) in CountedAsync(sql,
                               (r, i) => (Awarded(r, i, r.GetInt32(7)), (Reference: r.GetString(8), Decided: r.IsDBNull(9) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(9))),
                               cancellationToken))
            {
                yield return new MobilityRow(code, record.Reference, fact.ActivityTypeCode, fact.ProjectSector, CountyName(county), fact.CallYear, participants,
                    DecisionDate: record.Decided);
            }
        }
        else
        {
            var sql = $"""
                SELECT {RealisedColumns}, m.participant_count, p.reference, m.mobility_id, m.start_date, m.end_date
                FROM mobilities m
                {MobilityJoins}
                WHERE {RealisedScan}
                ORDER BY p.reference, m.mobility_id
                """;
            await foreach (var (fact, record, code, participants, county) in CountedAsync(sql,
                               (r, i) => (Realised(r, i, r.GetInt32(9)), (Reference: r.GetString(10), MobilityId: r.GetString(11),
                                   Start: r.GetFieldValue<DateOnly>(12), End: r.GetFieldValue<DateOnly>(13))), cancellationToken))
            {
                yield return new MobilityRow(code, record.Reference, fact.ActivityTypeCode, fact.ProjectSector, CountyName(county), fact.CallYear, participants,
                    record.MobilityId, record.Start, record.End);
            }
        }
    }

    /// <summary>Per project and mobility target, the participants the engine counts, from facts grouped per project in the database.</summary>
    private async IAsyncEnumerable<(int ProjectId, string Code, int Participants, string? County)> ProjectMobilitiesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Parameters.Basis == CountingBasis.Awarded)
        {
            var sql = $"""
                SELECT {AwardedColumns}, p.id
                FROM awarded_mobilities am
                JOIN projects p ON p.id = am.project_id
                JOIN organisations c ON c.id = p.coordinator_id
                WHERE am.activity_type_code = ANY(@activities)
                """;
            await foreach (var (_, projectId, code, participants, county) in CountedAsync(sql, (r, i) => (Awarded(r, i, r.GetInt32(7)), r.GetInt32(8)), cancellationToken))
            {
                yield return (projectId, code, participants, county);
            }
        }
        else
        {
            var sql = $"""
                SELECT {RealisedColumns}, {AttainmentSql.SumOf("m.participant_count")}, p.id
                FROM mobilities m
                {MobilityJoins}
                WHERE {RealisedScan}
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 11
                """;
            await foreach (var (_, projectId, code, participants, county) in CountedAsync(sql, (r, i) => (Realised(r, i, r.GetInt32(9)), r.GetInt32(10)), cancellationToken))
            {
                yield return (projectId, code, participants, county);
            }
        }
    }

    /// <summary>
    /// Streams the query's rows in batches through the engine, one mobility target at a time, and yields
    /// (fact, record, target, participants counted, county key) for each record and target that counts, in row order.
    /// </summary>
    private async IAsyncEnumerable<(TFact Fact, TRecord Record, string Code, int Participants, string? County)> CountedAsync<TFact, TRecord>(
        string sql, Func<NpgsqlDataReader, int, (TFact Fact, TRecord Record)> read, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TFact : class
    {
        var targets = result.Targets.Select(t => t.Target).Where(CountedRecords.IsMobilityTarget).ToList();
        if (targets.Count == 0)
        {
            yield break;
        }

        // Only the activity types some target counts can ever count: the scan skips the rest.
        var activities = targets.SelectMany(t => MobilityTarget.Parse(t.TitleNb, t.MetricParameters).ActivityTypes).Distinct(StringComparer.Ordinal).ToArray();
        await using var command = await CommandAsync(sql, cancellationToken);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("as_of", Parameters.AsOf));
        command.Parameters.Add(ProjectCounty.NorwayParameter());
        command.Parameters.Add(new NpgsqlParameter<string[]>("activities", activities) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batch = new List<(TFact Fact, TRecord Record)>(BatchSize);
        var more = true;
        while (more)
        {
            more = await reader.ReadAsync(cancellationToken);
            if (more)
            {
                batch.Add(read(reader, batch.Count));
            }

            if (batch.Count == BatchSize || (!more && batch.Count > 0))
            {
                var facts = batch.Select(b => b.Fact).ToList();
                var batchInputs = new AttainmentInputs(facts.OfType<AwardedMobilityFact>().ToList(), facts.OfType<RealisedMobilityFact>().ToList(), [], [], inputs.Counties);
                foreach (var (index, code, participants, county) in Count(batchInputs, targets))
                {
                    yield return (batch[index].Fact, batch[index].Record, code, participants, county);
                }

                batch.Clear();
            }
        }
    }

    /// <summary>The engine's verdict on a batch: (record position, target, participants counted, county key), in record order.</summary>
    private List<(int Index, string Code, int Participants, string? County)> Count(AttainmentInputs batch, List<TargetDefinition> targets)
    {
        var counted = new List<(int Index, int TargetOrder, string Code, int Participants, string? County)>();
        for (var order = 0; order < targets.Count; order++)
        {
            var computed = AttainmentCalculator.ComputeTarget(batch, targets[order], Parameters);
            counted.AddRange(computed.CountedItems.Select(i => (i.Item.Id, order, targets[order].Code, (int)i.Numerator, i.CountyNumber)));
        }

        return [.. counted.OrderBy(c => c.Index).ThenBy(c => c.TargetOrder).Select(c => (c.Index, c.Code, c.Participants, c.County))];
    }

    /// <summary>Columns 0–7 of <see cref="AwardedColumns"/> as a fact whose project id is the record's position in its batch.</summary>
    private static AwardedMobilityFact Awarded(NpgsqlDataReader r, int position, int participants) =>
        new(r.GetString(0), Enum.Parse<Sector>(r.GetString(1)), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3), r.GetInt32(4),
            Enum.Parse<ProjectStatus>(r.GetString(5)), r.GetBoolean(6), participants, position);

    /// <summary>Columns 0–8 of <see cref="RealisedColumns"/> as a fact whose project id is the record's position in its batch.</summary>
    private static RealisedMobilityFact Realised(NpgsqlDataReader r, int position, int participants) =>
        new(r.GetString(0), Enum.Parse<Sector>(r.GetString(1)), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3), r.GetInt32(4),
            Enum.Parse<MobilityStatus>(r.GetString(5)), Enum.Parse<ParticipantGroup>(r.GetString(6)), Enum.Parse<MobilityDirection>(r.GetString(7)),
            r.GetBoolean(8), participants, position);

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        // A million rows take longer than the default command timeout to stream to the workbook.
        return new NpgsqlCommand(sql, connection) { CommandTimeout = ReadTimeoutSeconds };
    }

    private string? CountyName(string? county) =>
        county is null ? null : _countyNames.TryGetValue(county, out var name) ? name : county;
}

using Npgsql;
using NpgsqlTypes;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// The set-wise half of the mobility import: staged rows go in by binary COPY, are compared with the
/// saved mobilities in one UPDATE … FROM, and are merged on confirm by one UPDATE and one INSERT.
/// A column the file did not have is neither compared nor overwritten, so an export of fewer columns
/// cannot wipe what the application holds.
/// </summary>
internal static class MobilityStaging
{
    public const string CopyCommand =
        "COPY import_mobility_rows (batch_id, row_number, outcome, project_id, project_reference, mobility_id, activity_type_code, " +
        "participant_group, direction, participant_count, sending_organisation_id, receiving_organisation_id, sending_country_code, " +
        "receiving_country_code, start_date, end_date, duration_days, fewer_opportunities, green_travel, blended, status) FROM STDIN (FORMAT BINARY)";

    /// <summary>Columns that merge; the keys say which file columns must be present for the column to be touched (none: always).</summary>
    private static readonly (string Column, string[] Keys)[] Fields =
    [
        ("activity_type_code", []),
        ("participant_count", []),
        ("sending_country_code", []),
        ("receiving_country_code", []),
        ("start_date", []),
        ("end_date", []),
        ("duration_days", []),
        ("participant_group", [MobilityColumns.ParticipantGroup.Key, MobilityColumns.AccompanyingPerson.Key]),
        ("direction", [MobilityColumns.Direction.Key]),
        ("status", [MobilityColumns.Status.Key]),
        ("sending_organisation_id", [MobilityColumns.SendingOrganisationOid.Key, MobilityColumns.SendingOrganisationName.Key]),
        ("receiving_organisation_id", [MobilityColumns.ReceivingOrganisationOid.Key, MobilityColumns.ReceivingOrganisationName.Key]),
        ("fewer_opportunities", [MobilityColumns.FewerOpportunities.Key]),
        ("green_travel", [MobilityColumns.GreenTravel.Key]),
        ("blended", [MobilityColumns.Blended.Key]),
    ];

    private static readonly string[] InsertColumns =
    [
        "project_id", "mobility_id", "activity_type_code", "participant_group", "direction", "participant_count", "sending_organisation_id",
        "receiving_organisation_id", "sending_country_code", "receiving_country_code", "start_date", "end_date", "duration_days",
        "fewer_opportunities", "green_travel", "blended", "status",
    ];

    public static async Task WriteAsync(NpgsqlBinaryImporter writer, Guid batchId, ImportMobilityRow row, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(batchId, NpgsqlDbType.Uuid, cancellationToken);
        await writer.WriteAsync(row.RowNumber, NpgsqlDbType.Integer, cancellationToken);
        // New until the comparison finds a saved mobility: most rows of a first import are new, and are then never rewritten.
        await writer.WriteAsync(nameof(RowOutcome.New), NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.ProjectId, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(row.ProjectReference, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.MobilityId, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.ActivityTypeCode, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.ParticipantGroup, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.Direction, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.ParticipantCount, NpgsqlDbType.Integer, cancellationToken);
        await WriteNullableAsync(writer, row.SendingOrganisationId, cancellationToken);
        await WriteNullableAsync(writer, row.ReceivingOrganisationId, cancellationToken);
        await writer.WriteAsync(row.SendingCountryCode, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.ReceivingCountryCode, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(row.StartDate, NpgsqlDbType.Date, cancellationToken);
        await writer.WriteAsync(row.EndDate, NpgsqlDbType.Date, cancellationToken);
        await writer.WriteAsync(row.DurationDays, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(row.FewerOpportunities, NpgsqlDbType.Boolean, cancellationToken);
        await writer.WriteAsync(row.GreenTravel, NpgsqlDbType.Boolean, cancellationToken);
        await writer.WriteAsync(row.Blended, NpgsqlDbType.Boolean, cancellationToken);
        await writer.WriteAsync(row.Status, NpgsqlDbType.Varchar, cancellationToken);
    }

    /// <summary>Marks each staged row New, Changed or Unchanged against the saved mobilities (matched on project and mobility ID).</summary>
    public static async Task ClassifyAsync(NpgsqlConnection connection, Guid batchId, IReadOnlyCollection<string> presentKeys, CancellationToken cancellationToken)
    {
        var differs = Differs(presentKeys, "m", "s");
        var sql = $"""
            UPDATE import_mobility_rows s
               SET existing_id = m.id,
                   outcome = CASE WHEN {differs} THEN 'Changed' ELSE 'Unchanged' END
              FROM mobilities m
             WHERE s.batch_id = @batch AND m.project_id = s.project_id AND m.mobility_id = s.mobility_id;
            """;
        await ExecuteAsync(connection, sql, batchId, null, null, cancellationToken);
    }

    /// <summary>Updates the saved mobilities that differ and inserts the missing ones; returns (inserted, updated).</summary>
    public static async Task<(int Inserted, int Updated)> MergeAsync(NpgsqlConnection connection, Guid batchId, IReadOnlyCollection<string> presentKeys,
        DateTimeOffset now, string userName, CancellationToken cancellationToken)
    {
        var present = Present(presentKeys);
        var assignments = string.Join(", ", present.Select(c => $"{c} = s.{c}"));
        var update = $"""
            WITH changed AS (
                UPDATE mobilities m
                   SET {assignments}, updated_at = @now, updated_by = @user
                  FROM import_mobility_rows s
                 WHERE s.batch_id = @batch AND m.project_id = s.project_id AND m.mobility_id = s.mobility_id
                   AND {Differs(presentKeys, "m", "s")}
             RETURNING m.id)
            SELECT count(*) FROM changed
            """;
        var columns = string.Join(", ", InsertColumns);
        var values = string.Join(", ", InsertColumns.Select(c => "s." + c));
        var insert = $"""
            WITH added AS (
                INSERT INTO mobilities ({columns}, registered_at, created_at, created_by, updated_at, updated_by)
                SELECT {values}, @now, @now, @user, @now, @user
                  FROM import_mobility_rows s
                 WHERE s.batch_id = @batch
                   AND NOT EXISTS (SELECT 1 FROM mobilities m WHERE m.project_id = s.project_id AND m.mobility_id = s.mobility_id)
                 ORDER BY s.row_number
             RETURNING id)
            SELECT count(*) FROM added
            """;
        var updated = await ScalarAsync(connection, update, batchId, now, userName, cancellationToken);
        var inserted = await ScalarAsync(connection, insert, batchId, now, userName, cancellationToken);
        return (inserted, updated);
    }

    private static List<string> Present(IReadOnlyCollection<string> presentKeys) =>
        [.. Fields.Where(f => f.Keys.Length == 0 || f.Keys.Any(presentKeys.Contains)).Select(f => f.Column)];

    private static string Differs(IReadOnlyCollection<string> presentKeys, string saved, string staged) =>
        "(" + string.Join(" OR ", Present(presentKeys).Select(c => $"{saved}.{c} IS DISTINCT FROM {staged}.{c}")) + ")";

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, int? value, CancellationToken cancellationToken)
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, NpgsqlDbType.Integer, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql, Guid batchId, DateTimeOffset? now, string? userName, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, batchId, now, userName);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, Guid batchId, DateTimeOffset? now, string? userName, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, batchId, now, userName);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, Guid batchId, DateTimeOffset? now, string? userName)
    {
        // Statements over 100 000 rows may outlast the default 30 s on a slow machine; the batch is bounded anyway.
#pragma warning disable CA2100 // The SQL is built from the fixed column list above, never from input.
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
#pragma warning restore CA2100
        command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Uuid) { Value = batchId });
        if (now is { } time)
        {
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = time.ToUniversalTime() });
        }

        if (userName is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Varchar) { Value = userName });
        }

        return command;
    }
}

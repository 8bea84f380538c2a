using Npgsql;
using NpgsqlTypes;

namespace Erasmus.DemoData;

/// <summary>
/// Writes the built data with PostgreSQL's binary COPY, which is what makes ten times national
/// size seed in seconds. The rows come from the validated domain entities; ids are assigned by the
/// builder, the audit columns are filled here (created and updated by "demo"), and xmin — a system
/// column — is never written.
/// </summary>
internal static class DemoCopyWriter
{
    private const string OrganisationsCopy =
        "COPY organisations (id, name, type, country_code, organisation_number, oid, county_number, municipality, first_participation_year, "
        + "created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)";

    private const string AccreditationsCopy =
        "COPY accreditations (id, code, sector, holder_id, is_consortium, valid_from, valid_to, status, decision_date, "
        + "created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)";

    private const string AccreditationMembersCopy = "COPY accreditation_members (accreditation_id, organisation_id) FROM STDIN (FORMAT BINARY)";

    private const string ProjectsCopy =
        "COPY projects (id, reference, action, sector, call_year, round, coordinator_id, start_date, end_date, decision_date, status, grant_eur, "
        + "green_travel_top_up, inclusion_support, blended_mobility, accreditation_id, created_at, created_by, updated_at, updated_by) "
        + "FROM STDIN (FORMAT BINARY)";

    private const string PartnersCopy = "COPY project_partners (project_id, organisation_id) FROM STDIN (FORMAT BINARY)";
    private const string TopicsCopy = "COPY project_topics (project_id, topic_code) FROM STDIN (FORMAT BINARY)";
    private const string AwardedCopy = "COPY awarded_mobilities (project_id, activity_type_code, participants) FROM STDIN (FORMAT BINARY)";

    private const string MobilitiesCopy =
        "COPY mobilities (id, project_id, mobility_id, activity_type_code, participant_group, direction, participant_count, sending_organisation_id, "
        + "receiving_organisation_id, sending_country_code, receiving_country_code, start_date, end_date, duration_days, fewer_opportunities, "
        + "green_travel, blended, status, registered_at, created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)";

    /// <summary>Moves the identity sequences past the ids written explicitly.</summary>
    public const string ResetSequences = """
        SELECT setval(pg_get_serial_sequence('organisations', 'id'), GREATEST((SELECT max(id) FROM organisations), 1));
        SELECT setval(pg_get_serial_sequence('accreditations', 'id'), GREATEST((SELECT max(id) FROM accreditations), 1));
        SELECT setval(pg_get_serial_sequence('projects', 'id'), GREATEST((SELECT max(id) FROM projects), 1));
        SELECT setval(pg_get_serial_sequence('mobilities', 'id'), GREATEST((SELECT max(id) FROM mobilities), 1));
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, DemoBuilder data, DateTimeOffset now, string user, CancellationToken ct)
    {
        var stamp = now.ToUniversalTime();

        await using (var copy = await connection.BeginBinaryImportAsync(OrganisationsCopy, ct))
        {
            foreach (var o in data.Organisations)
            {
                var e = o.Entity;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(o.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Type.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.CountryCode, NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, e.OrganisationNumber, ct);
                await WriteNullableAsync(copy, e.Oid, ct);
                await WriteNullableAsync(copy, e.CountyNumber, ct);
                await WriteNullableAsync(copy, e.Municipality, ct);
                await WriteNullableAsync(copy, e.FirstParticipationYear, ct);
                await WriteAuditAsync(copy, stamp, user, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(AccreditationsCopy, ct))
        {
            foreach (var a in data.Accreditations)
            {
                var e = a.Entity!;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(a.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.Code, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Sector.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.HolderId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.IsConsortium, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.ValidFrom, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, e.ValidTo, ct);
                await copy.WriteAsync(e.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.DecisionDate, NpgsqlDbType.Date, ct);
                await WriteAuditAsync(copy, stamp, user, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(AccreditationMembersCopy, ct))
        {
            foreach (var a in data.Accreditations)
            {
                foreach (var m in a.Entity!.Members)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(a.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(m.OrganisationId, NpgsqlDbType.Integer, ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(ProjectsCopy, ct))
        {
            foreach (var p in data.Projects)
            {
                var e = p.Entity!;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.Reference, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Action.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Sector.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.CallYear, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.Round, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.CoordinatorId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.StartDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(e.EndDate, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, e.DecisionDate, ct);
                await copy.WriteAsync(e.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.GrantEur, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(e.GreenTravelTopUp, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.InclusionSupport, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.BlendedMobility, NpgsqlDbType.Boolean, ct);
                await WriteNullableAsync(copy, e.AccreditationId, ct);
                await WriteAuditAsync(copy, stamp, user, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(PartnersCopy, ct))
        {
            foreach (var p in data.Projects)
            {
                foreach (var partner in p.Entity!.Partners)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(partner.OrganisationId, NpgsqlDbType.Integer, ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(TopicsCopy, ct))
        {
            foreach (var p in data.Projects)
            {
                foreach (var topic in p.Entity!.Topics)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(topic.TopicCode, NpgsqlDbType.Varchar, ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(AwardedCopy, ct))
        {
            foreach (var p in data.Projects)
            {
                foreach (var awarded in p.Entity!.AwardedMobilities)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(awarded.ActivityTypeCode, NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(awarded.Participants, NpgsqlDbType.Integer, ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(MobilitiesCopy, ct))
        {
            foreach (var m in data.Mobilities)
            {
                var e = m.Entity;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(m.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(m.Project.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.MobilityId, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.ActivityTypeCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.ParticipantGroup.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.Direction.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.ParticipantCount, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(copy, e.SendingOrganisationId, ct);
                await WriteNullableAsync(copy, e.ReceivingOrganisationId, ct);
                await copy.WriteAsync(e.SendingCountryCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.ReceivingCountryCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.StartDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(e.EndDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(e.DurationDays, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(e.FewerOpportunities, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.GreenTravel, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.Blended, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(e.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(e.RegisteredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await WriteAuditAsync(copy, stamp, user, ct);
            }

            await copy.CompleteAsync(ct);
        }
    }

    private static async Task WriteAuditAsync(NpgsqlBinaryImporter copy, DateTimeOffset stamp, string user, CancellationToken ct)
    {
        await copy.WriteAsync(stamp, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(user, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(stamp, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(user, NpgsqlDbType.Varchar, ct);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, int? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Integer, ct) : copy.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateOnly? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Date, ct) : copy.WriteNullAsync(ct);
}

using Npgsql;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>A stored value outside what DOMAIN.md calls plausible: the record (table and key), the column and the value.</summary>
public sealed record Violation(string Table, string Key, string Column, string Value)
{
    public string Record => $"{Table}#{Key}";

    public override string ToString() => $"{Table}.{Column} = {HostileValues.Show(Value)}";
}

/// <summary>
/// DOMAIN.md's "Plausible values", checked on every row the database holds: dates from 2014-01-01 to
/// 2035-12-31; call years 2014 to 2027 and a start no earlier than the year before the call year;
/// 1 to 500 participants per record; 0 to 10 000 awarded per activity; grants from 0 to 100 000 000
/// euro. Also what issue #15 requires of stored text and of counties: no control characters or
/// bidirectional overrides in names, Norwegian accreditation holders, a county for Norwegian
/// organisations only.
/// </summary>
public static class PlausibleValues
{
    // C0 and C1 control characters, DEL, and the bidirectional embeddings, overrides and isolates.
    private const string ControlPattern = "[\u0001-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]";

    // The same for multi-line text (a target value's note is a textarea, and the domain's PlainText rule
    // allows its line breaks and tabs): CR, LF and TAB are what the user typed, not hidden characters.
    private const string MultiLineControlPattern = "[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]";

    private const string Query = """
        SELECT 'projects', id::text, 'start_date', start_date::text FROM projects WHERE NOT (start_date BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'projects', id::text, 'end_date', end_date::text FROM projects WHERE NOT (end_date BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'projects', id::text, 'decision_date', decision_date::text FROM projects WHERE NOT (decision_date BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'projects', id::text, 'call_year', call_year::text FROM projects WHERE call_year NOT BETWEEN 2014 AND 2027
        UNION ALL SELECT 'projects', id::text, 'start_date before the year before the call year', start_date::text || ' (call ' || call_year || ')' FROM projects
            WHERE date_part('year', start_date) < call_year::bigint - 1
        UNION ALL SELECT 'projects', id::text, 'grant_eur', grant_eur::text FROM projects WHERE grant_eur NOT BETWEEN 0 AND 100000000
        UNION ALL SELECT 'projects', project_id::text, 'awarded ' || activity_type_code, participants::text FROM awarded_mobilities WHERE participants NOT BETWEEN 0 AND 10000
        UNION ALL SELECT 'accreditations', id::text, 'valid_from', valid_from::text FROM accreditations WHERE NOT (valid_from BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'accreditations', id::text, 'valid_to', valid_to::text FROM accreditations WHERE NOT (valid_to BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'accreditations', id::text, 'decision_date', decision_date::text FROM accreditations WHERE NOT (decision_date BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'accreditations', a.id::text, 'holder country', o.country_code FROM accreditations a JOIN organisations o ON o.id = a.holder_id WHERE o.country_code <> 'NO'
        UNION ALL SELECT 'mobilities', id::text, 'start_date', start_date::text FROM mobilities WHERE NOT (start_date BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'mobilities', id::text, 'end_date', end_date::text FROM mobilities WHERE NOT (end_date BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'mobilities', id::text, 'participant_count', participant_count::text FROM mobilities WHERE participant_count NOT BETWEEN 1 AND 500
        UNION ALL SELECT 'snapshots', id::text, 'as_of', as_of::text FROM snapshots WHERE NOT (as_of BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'snapshots', id::text, 'name', name FROM snapshots WHERE name ~ @control
        UNION ALL SELECT 'target_values', id::text, 'effective_from', effective_from::text FROM target_values WHERE NOT (effective_from BETWEEN DATE '2014-01-01' AND DATE '2035-12-31')
        UNION ALL SELECT 'target_values', id::text, 'note', note FROM target_values WHERE note ~ @multiline
        UNION ALL SELECT 'organisations', id::text, 'name', name FROM organisations WHERE name ~ @control
        UNION ALL SELECT 'organisations', id::text, 'municipality', municipality FROM organisations WHERE municipality ~ @control
        UNION ALL SELECT 'organisations', id::text, 'county of a ' || country_code || ' organisation', coalesce(county_number, '(none)') FROM organisations
            WHERE (country_code = 'NO') <> (county_number IS NOT NULL)
        UNION ALL SELECT 'users', id, 'display_name', display_name FROM users WHERE display_name ~ @control
        UNION ALL SELECT 'users', id, 'email', email FROM users WHERE email ~ @control
        """;

    public static async Task<List<Violation>> FindAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.AddWithValue("control", ControlPattern);
        command.Parameters.AddWithValue("multiline", MultiLineControlPattern);
        var found = new List<Violation>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(new Violation(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? "" : reader.GetString(3)));
        }

        return found;
    }

    /// <summary>
    /// Removes a record a case stored (with what hangs on it), so that later cases are judged on their
    /// own and not on a row an earlier case left behind.
    /// </summary>
    public static async Task QuarantineAsync(string connectionString, string table, string key)
    {
        var sql = table switch
        {
            "projects" => """
                DELETE FROM mobilities WHERE project_id = @id::int; DELETE FROM project_partners WHERE project_id = @id::int;
                DELETE FROM project_topics WHERE project_id = @id::int; DELETE FROM awarded_mobilities WHERE project_id = @id::int;
                DELETE FROM projects WHERE id = @id::int;
                """,
            "accreditations" => """
                UPDATE projects SET accreditation_id = NULL WHERE accreditation_id = @id::int;
                DELETE FROM accreditation_members WHERE accreditation_id = @id::int; DELETE FROM accreditations WHERE id = @id::int;
                """,
            "mobilities" => "DELETE FROM mobilities WHERE id = @id::int;",
            "snapshots" => "DELETE FROM snapshots WHERE id = @id::int;",
            "target_values" => "DELETE FROM target_values WHERE id = @id::int;",
            "users" => "DELETE FROM users WHERE id = @id;",
            "organisations" => """
                DELETE FROM mobilities WHERE project_id IN (SELECT id FROM projects WHERE coordinator_id = @id::int);
                DELETE FROM project_partners WHERE organisation_id = @id::int
                    OR project_id IN (SELECT id FROM projects WHERE coordinator_id = @id::int);
                DELETE FROM project_topics WHERE project_id IN (SELECT id FROM projects WHERE coordinator_id = @id::int);
                DELETE FROM awarded_mobilities WHERE project_id IN (SELECT id FROM projects WHERE coordinator_id = @id::int);
                UPDATE projects SET accreditation_id = NULL WHERE accreditation_id IN (SELECT id FROM accreditations WHERE holder_id = @id::int);
                DELETE FROM projects WHERE coordinator_id = @id::int;
                DELETE FROM accreditation_members WHERE organisation_id = @id::int
                    OR accreditation_id IN (SELECT id FROM accreditations WHERE holder_id = @id::int);
                DELETE FROM accreditations WHERE holder_id = @id::int;
                UPDATE mobilities SET sending_organisation_id = NULL WHERE sending_organisation_id = @id::int;
                UPDATE mobilities SET receiving_organisation_id = NULL WHERE receiving_organisation_id = @id::int;
                DELETE FROM organisations WHERE id = @id::int;
                """,
            _ => throw new ArgumentException($"No quarantine for table {table}.", nameof(table)),
        };
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", key);
        await command.ExecuteNonQueryAsync();
    }
}

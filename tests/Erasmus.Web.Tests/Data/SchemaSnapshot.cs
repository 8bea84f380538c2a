using Npgsql;

namespace Erasmus.Web.Tests.Data;

/// <summary>
/// The shape of a database's public schema as comparable lines: tables, columns (type, length,
/// precision, nullability, default, identity), indexes, and constraints (primary, unique, check and
/// foreign keys with their delete behaviour). EF's migrations history table is left out.
/// </summary>
public static class SchemaSnapshot
{
    private const string Columns = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name
               || coalesce('(' || character_maximum_length || ')', '')
               || coalesce(' precision ' || numeric_precision || ',' || numeric_scale, '')
               || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE ' null' END
               || coalesce(' default ' || column_default, '')
               || CASE WHEN is_identity = 'YES' THEN ' identity ' || identity_generation ELSE '' END
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
        """;

    private const string Indexes = """
        SELECT 'index ' || indexname || ': ' || indexdef
        FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
        """;

    private const string Constraints = """
        SELECT 'constraint ' || c.conrelid::regclass || '.' || c.conname || ' ' || c.contype::text || ': '
               || pg_get_constraintdef(c.oid)
               || CASE WHEN c.contype = 'f' THEN ' on delete ' || c.confdeltype::text ELSE '' END
        FROM pg_constraint c
        JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '"__EFMigrationsHistory"'
        """;

    public static async Task<SortedSet<string>> ReadAsync(string connectionString)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { Columns, Indexes, Constraints })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return lines;
    }

    /// <summary>Lines only in one of the two schemas, marked with the side they are on.</summary>
    public static IReadOnlyList<string> Differences(SortedSet<string> migrated, SortedSet<string> model) =>
    [
        .. migrated.Except(model).Select(l => "only in migrated: " + l),
        .. model.Except(migrated).Select(l => "only in model:    " + l),
    ];
}

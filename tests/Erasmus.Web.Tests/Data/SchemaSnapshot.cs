using Npgsql;

namespace Erasmus.Web.Tests.Data;

/// <summary>
/// The shape of a database's public schema as comparable lines: tables, columns (type, length,
/// precision, nullability, default, identity), indexes, and constraints (primary, unique, check and
/// foreign keys with their delete behaviour). EF's migrations history table is left out.
/// <see cref="ReadCatalogAsync"/> adds what only SQL in a migration creates, so that two databases
/// built different ways can be proved identical: column order, triggers with their definitions,
/// functions with their source, extensions and sequences.
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

    private const string ColumnOrder = """
        SELECT 'column order ' || table_name || ': ' || string_agg(column_name, ', ' ORDER BY ordinal_position)
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
        GROUP BY table_name
        """;

    private const string Tables = """
        SELECT 'relation ' || c.relname || ' kind ' || c.relkind::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND c.relname <> '__EFMigrationsHistory'
        """;

    private const string Triggers = """
        SELECT 'trigger ' || c.relname || '.' || t.tgname || ': ' || pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal
        """;

    // Functions a migration created, not the ones an extension brought (pg_trgm's).
    private const string Functions = """
        SELECT 'function ' || p.oid::regprocedure::text || ': ' || pg_get_functiondef(p.oid)
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        """;

    // EF creates the history table itself; its shape must stay what older databases have.
    private const string HistoryTable = """
        SELECT 'history ' || column_name || ' ' || udt_name || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = '__EFMigrationsHistory'
        UNION ALL
        SELECT 'history constraint ' || conname || ': ' || pg_get_constraintdef(oid)
        FROM pg_constraint
        WHERE conrelid = '"__EFMigrationsHistory"'::regclass
        """;

    private const string Extensions = """
        SELECT 'extension ' || e.extname || ' ' || e.extversion || ' in ' || n.nspname
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        """;

    private const string Sequences = """
        SELECT 'sequence ' || sequencename || ' ' || data_type::text || ' start ' || start_value || ' increment ' || increment_by
               || ' min ' || min_value || ' max ' || max_value || ' cycle ' || cycle::text
        FROM pg_sequences
        WHERE schemaname = 'public'
        """;

    public static Task<SortedSet<string>> ReadAsync(string connectionString) => ReadAsync(connectionString, [Columns, Indexes, Constraints]);

    /// <summary>The full catalog of the public schema (everything <see cref="ReadAsync(string)"/> reads and more).</summary>
    public static Task<SortedSet<string>> ReadCatalogAsync(string connectionString) =>
        ReadAsync(connectionString, [Tables, Columns, ColumnOrder, Indexes, Constraints, Triggers, Functions, Extensions, Sequences, HistoryTable]);

    private static async Task<SortedSet<string>> ReadAsync(string connectionString, string[] queries)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in queries)
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
    public static IReadOnlyList<string> Differences(SortedSet<string> migrated, SortedSet<string> model, string left = "migrated", string right = "model") =>
    [
        .. migrated.Except(model).Select(l => $"only in {left}: " + l),
        .. model.Except(migrated).Select(l => $"only in {right}: " + l),
    ];
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Data;

/// <summary>
/// Writes to one domain table. A statement trigger on every domain and reference table inserts a row
/// (changes = 1) for each INSERT, UPDATE, DELETE, TRUNCATE or COPY, whoever runs it: EF's
/// SaveChangesAsync, raw SQL, an import, psql. Rows are folded together now and then (their sums per
/// table kept), so the table stays small. Written only by the triggers and <see cref="DataVersion"/>.
/// </summary>
public sealed class DataChange
{
    // Declared in the columns' order in the database (table_name was added last), which EF follows.
    public long Id { get; private set; }

    public long Changes { get; private set; }

    public string TableName { get; private set; } = "";
}

/// <summary>
/// The data's version, per table: the number of committed writes to it, read from
/// <see cref="DataChange"/>. Inserts only (no row every writer updates), so writers never wait for
/// each other, and a write counts from the moment it commits, in the same transaction as the data it
/// changed: a version read before a query never names data newer than the query sees.
/// </summary>
public static class DataVersion
{
    /// <summary>Fold the rows together when there are more than this many.</summary>
    public const int CompactAbove = 500;

    /// <summary>The versions' query: one row per table, its version and how many rows hold it.</summary>
    public const string Query = "SELECT table_name, sum(changes)::bigint, count(*) FROM data_changes GROUP BY table_name";

    public static async Task<DataVersions> ReadAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Query;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, cancellationToken);
    }

    /// <summary>The versions from the rows of <see cref="Query"/> (the reader at its result set, for a batch that asks for more).</summary>
    public static async Task<DataVersions> ReadAsync(DbDataReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var tables = new Dictionary<string, long>(StringComparer.Ordinal);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            tables[reader.GetString(0)] = reader.GetInt64(1);
            rows += reader.GetInt64(2);
        }

        return new DataVersions(tables, rows);
    }

    /// <summary>Folds the rows together when they have piled up (never inside the context's own transaction).</summary>
    public static async Task CompactIfPiledUpAsync(ErasmusDbContext db, DataVersions versions, CancellationToken cancellationToken = default)
    {
        if (versions.Rows > CompactAbove && db.Database.CurrentTransaction is null)
        {
            await CompactAsync(db.Database.GetDbConnection(), cancellationToken);
        }
    }

    /// <summary>Reads the versions on the context's connection, and folds the rows together when they have piled up.</summary>
    public static async Task<DataVersions> ReadAsync(ErasmusDbContext db, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var versions = await ReadAsync(connection, cancellationToken);
            await CompactIfPiledUpAsync(db, versions, cancellationToken);
            return versions;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// Replaces the rows by one per table holding their sum, in one statement: readers see the same
    /// versions before and after, and a concurrent compaction only folds the rows it deleted itself.
    /// </summary>
    public static async Task CompactAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH gone AS (DELETE FROM data_changes RETURNING table_name, changes)
            INSERT INTO data_changes (table_name, changes) SELECT table_name, sum(changes) FROM gone GROUP BY table_name
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Committed writes per table (a table never written to is at 0), and how many rows hold them.</summary>
public sealed record DataVersions(IReadOnlyDictionary<string, long> Tables, long Rows)
{
    /// <summary>The version of what is computed from these tables: it changes exactly when one of them is written to.</summary>
    public long Of(IEnumerable<string> tables) => tables.Sum(t => Tables.GetValueOrDefault(t));

    /// <summary>These versions with those of <paramref name="tables"/> taken from <paramref name="other"/>.</summary>
    public DataVersions With(IEnumerable<string> tables, DataVersions other)
    {
        var merged = new Dictionary<string, long>(Tables, StringComparer.Ordinal);
        foreach (var table in tables)
        {
            merged[table] = other.Tables.GetValueOrDefault(table);
        }

        return this with { Tables = merged };
    }
}

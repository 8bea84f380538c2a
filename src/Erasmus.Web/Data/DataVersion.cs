using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data;

/// <summary>
/// One write to domain data. A statement trigger on every domain and reference table inserts a row
/// (changes = 1) for each INSERT, UPDATE, DELETE, TRUNCATE or COPY, whoever runs it: EF's
/// SaveChangesAsync, raw SQL, an import, psql. Rows are folded together now and then (their sum kept),
/// so the table stays small. Written only by the triggers and <see cref="DataVersion"/>.
/// </summary>
public sealed class DataChange
{
    public long Id { get; private set; }

    public long Changes { get; private set; }
}

internal sealed class DataChangeConfiguration : IEntityTypeConfiguration<DataChange>
{
    public void Configure(EntityTypeBuilder<DataChange> builder)
    {
        builder.ToTable("data_changes");
        builder.HasKey(c => c.Id);
    }
}

/// <summary>
/// The version of the data: the number of committed writes to domain data, read from
/// <see cref="DataChange"/>. Inserts only (no row every writer updates), so writers never wait for
/// each other, and a write counts from the moment it commits, in the same transaction as the data it
/// changed: a version read before a query never names data newer than the query sees.
/// </summary>
public static class DataVersion
{
    /// <summary>Fold the rows together when there are more than this many.</summary>
    public const int CompactAbove = 500;

    /// <summary>The current version and how many rows hold it.</summary>
    public static async Task<(long Version, long Rows)> ReadAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(changes), 0)::bigint, count(*) FROM data_changes";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static async Task<long> ReadAsync(ErasmusDbContext db, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            var (version, rows) = await ReadAsync(connection, cancellationToken);
            if (rows > CompactAbove)
            {
                await CompactAsync(connection, cancellationToken);
            }

            return version;
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
    /// Replaces the rows by one holding their sum, in one statement: readers see the same version
    /// before and after, and a concurrent compaction only folds the rows it deleted itself.
    /// </summary>
    public static async Task CompactAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH gone AS (DELETE FROM data_changes RETURNING changes)
            INSERT INTO data_changes (changes) SELECT sum(changes) FROM gone HAVING count(*) > 0
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

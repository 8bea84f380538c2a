using System.Data.Common;
using Npgsql;

namespace Erasmus.Web.Data;

/// <summary>
/// Where a reader's facts stand: the PostgreSQL snapshot they were read in (<c>pg_current_snapshot()</c>),
/// its xmin (every transaction below it had finished), and the data versions in that snapshot.
/// </summary>
public sealed record FactSnapshot(string Snapshot, long Xmin, DataVersions Versions, DateTimeOffset TakenAt);

/// <summary>The projects whose facts changed between two snapshots, per kind; All… when every project's did (or the log no longer reaches back).</summary>
public sealed record ChangedProjects(
    IReadOnlySet<int> Mobility, IReadOnlySet<int> Awarded, IReadOnlySet<int> Project, bool AllMobility, bool AllAwarded, bool AllProjects)
{
    public static readonly ChangedProjects Everything = new(new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), true, true, true);
}

/// <summary>
/// Reads <see cref="FactChange"/>: which projects the transactions committed since an earlier snapshot
/// changed. A transaction's rows are visible exactly when its data is, and they carry its transaction id,
/// so "visible now and not visible in the earlier snapshot" (<c>pg_visible_in_snapshot</c>) is exactly the
/// writes the earlier facts miss, whatever order transactions committed in. Every call must run in one
/// repeatable-read transaction, <see cref="SnapshotAndChangesAsync"/> first.
/// </summary>
public static class FactChanges
{
    /// <summary>Above this many changed projects, reading everything again is as cheap.</summary>
    public const int MostProjects = 5000;

    /// <summary>The log keeps the rows of this long; a reader whose facts are older reads everything again.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The transaction's settings (<paramref name="settings"/>, statements without parameters), its snapshot with the data
    /// versions in it, and the projects changed since <paramref name="since"/> (when given), in one round trip: a view
    /// brought up to date after a write otherwise waited for four, on two cores kept busy by readers (issue 19).
    /// The first statement of the repeatable-read transaction takes its snapshot, so all of them read the same one.
    /// </summary>
    public static async Task<(FactSnapshot Snapshot, ChangedProjects? Changes)> SnapshotAndChangesAsync(NpgsqlConnection connection, TimeProvider time,
        FactSnapshot? since, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var setting in settings)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(setting));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_current_snapshot()::text, pg_snapshot_xmin(pg_current_snapshot())::text::bigint"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(DataVersion.Query));
        if (since is not null)
        {
            batch.BatchCommands.Add(ChangesCommand(since));
        }

        // The settings return no rows: the reader starts at the snapshot's.
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (text, xmin) = (reader.GetString(0), reader.GetInt64(1));
        await reader.NextResultAsync(cancellationToken);
        var snapshot = new FactSnapshot(text, xmin, await DataVersion.ReadAsync(reader, cancellationToken), time.GetUtcNow());
        if (since is null)
        {
            return (snapshot, null);
        }

        await reader.NextResultAsync(cancellationToken);
        return (snapshot, await ChangesAsync(reader, cancellationToken));
    }

    /// <summary>The projects changed by what the current snapshot sees and <paramref name="since"/> did not (at most enough rows to tell "too many").</summary>
    private static NpgsqlBatchCommand ChangesCommand(FactSnapshot since)
    {
        var command = new NpgsqlBatchCommand("""
            SELECT project_id, kind FROM fact_changes
            WHERE xid >= $1 AND kind <> 'h' AND NOT pg_visible_in_snapshot(xid::text::xid8, $2::pg_snapshot)
            GROUP BY 1, 2
            UNION ALL
            SELECT NULL, 'h' FROM fact_changes WHERE kind = 'h' AND xid > $1
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = since.Xmin });
        command.Parameters.Add(new NpgsqlParameter { Value = since.Snapshot });
        command.Parameters.Add(new NpgsqlParameter { Value = (MostProjects * 3) + 1 });
        return command;
    }

    /// <summary>The changed projects from the rows of the changes query.</summary>
    private static async Task<ChangedProjects> ChangesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var (mobility, awarded, project) = (new HashSet<int>(), new HashSet<int>(), new HashSet<int>());
        bool allMobility = false, allAwarded = false, allProjects = false;
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            var kind = reader.GetString(1);
            if (kind == "h")
            {
                // Rows the earlier snapshot had not seen may be gone.
                return ChangedProjects.Everything;
            }

            var ids = kind switch { "m" => mobility, "a" => awarded, _ => project };
            if (!reader.IsDBNull(0))
            {
                ids.Add(reader.GetInt32(0));
            }
            else if (kind == "m")
            {
                allMobility = true;
            }
            else if (kind == "a")
            {
                allAwarded = true;
            }
            else
            {
                allProjects = true;
            }
        }

        return rows > MostProjects * 3
            ? ChangedProjects.Everything
            : new ChangedProjects(mobility, awarded, project, allMobility || mobility.Count > MostProjects, allAwarded || awarded.Count > MostProjects,
                allProjects || project.Count > MostProjects);
    }

    /// <summary>
    /// Deletes the rows of transactions that had finished before <paramref name="xmin"/> (a snapshot at least
    /// <see cref="Kept"/> old) and notes how far it went, so a reader with older facts reads everything again.
    /// </summary>
    public static async Task PruneAsync(DbConnection connection, long xmin, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM fact_changes WHERE xid < @xmin;
            INSERT INTO fact_changes (xid, project_id, kind) SELECT @xmin, NULL, 'h' WHERE NOT EXISTS (SELECT 1 FROM fact_changes WHERE kind = 'h' AND xid >= @xmin);
            """;
        command.Parameters.Add(new NpgsqlParameter("xmin", xmin));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

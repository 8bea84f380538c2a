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
/// repeatable-read transaction, <see cref="SnapshotAsync"/> first.
/// </summary>
public static class FactChanges
{
    /// <summary>Above this many changed projects, reading everything again is as cheap.</summary>
    public const int MostProjects = 5000;

    /// <summary>The log keeps the rows of this long; a reader whose facts are older reads everything again.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);

    public static async Task<FactSnapshot> SnapshotAsync(DbConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        string snapshot;
        long xmin;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT pg_current_snapshot()::text, pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (snapshot, xmin) = (reader.GetString(0), reader.GetInt64(1));
        }

        return new FactSnapshot(snapshot, xmin, await DataVersion.ReadAsync(connection, cancellationToken), time.GetUtcNow());
    }

    /// <summary>The projects changed by what the current snapshot sees and <paramref name="since"/> did not.</summary>
    public static async Task<ChangedProjects> SinceAsync(DbConnection connection, FactSnapshot since, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT project_id, kind FROM fact_changes
            WHERE xid >= @xmin AND kind <> 'h' AND NOT pg_visible_in_snapshot(xid::text::xid8, @snapshot::pg_snapshot)
            GROUP BY 1, 2
            UNION ALL
            SELECT NULL, 'h' FROM fact_changes WHERE kind = 'h' AND xid > @xmin
            LIMIT @limit
            """;
        command.Parameters.Add(new NpgsqlParameter("xmin", since.Xmin));
        command.Parameters.Add(new NpgsqlParameter("snapshot", since.Snapshot));
        command.Parameters.Add(new NpgsqlParameter("limit", (MostProjects * 3) + 1));
        var (mobility, awarded, project) = (new HashSet<int>(), new HashSet<int>(), new HashSet<int>());
        bool allMobility = false, allAwarded = false, allProjects = false;
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
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

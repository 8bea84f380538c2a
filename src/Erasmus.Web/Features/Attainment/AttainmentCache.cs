using System.Data.Common;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The engine's inputs in the <see cref="DataCache"/>, each under the tables it is read from, as views
/// kept per project (<see cref="FactView"/>): after a write a view reads again only the projects the
/// committed transactions changed (<see cref="FactChanges"/>), in a snapshot newer than the request's
/// versions, so any write shows on the next request and costs what it changed. The parts are kept
/// apart so that a mobility write leaves the project facts (and the awarded figures) as they are.
/// </summary>
public sealed class AttainmentCache(DataCache cache, TimeProvider time, IServiceScopeFactory scopes, ILogger<AttainmentCache> logger)
{
    /// <summary>What the project part (projects, accreditations, counties) is read from.</summary>
    public static readonly string[] ProjectTables =
        ["organisations", "accreditations", "accreditation_members", "projects", "project_partners", "project_topics", "counties"];

    /// <summary>What the awarded mobility facts are read from (a project's county comes from its coordinator and partners).</summary>
    public static readonly string[] AwardedTables = ["awarded_mobilities", "projects", "organisations", "project_partners"];

    /// <summary>What the realised mobility facts are read from (<c>mobility_facts</c> follows <c>mobilities</c> in the same transaction).</summary>
    public static readonly string[] RealisedTables = ["mobilities", "projects", "organisations", "project_partners"];

    /// <summary>What the realised figures read and the awarded never do.</summary>
    public static readonly string[] RealisedOnlyTables = [.. RealisedTables.Except(AwardedTables)];

    /// <summary>What the target definitions are read from (a target's sectors come from its activity types).</summary>
    public static readonly string[] TargetTables = ["strategy_targets", "target_values", "activity_types"];

    private readonly Lock _pruning = new();
    private (DateTimeOffset At, long Xmin)? _oldest;

    public static IReadOnlyList<string> MobilityTables(CountingBasis basis) => basis == CountingBasis.Awarded ? AwardedTables : RealisedTables;

    public Task<DataVersions> VersionsAsync(ErasmusDbContext db, CancellationToken cancellationToken) => cache.VersionsAsync(db, cancellationToken);

    /// <summary>The inputs of one basis as of a date (per project for a mobility target's detail page), with the generations of their parts.</summary>
    public async Task<CachedInputs> InputsAsync(DataVersions versions, DateOnly asOf, CountingBasis basis, bool byProject, CancellationToken cancellationToken)
    {
        var projects = cache.GetAsync(versions, new ProjectKey(asOf), ProjectTables,
            scoped => InSnapshotAsync(scoped, null, (connection, snapshot, _) => ProjectView.LoadAsync(connection, snapshot, asOf, CancellationToken.None)),
            view => (view.Part.Projects.Count * 1700L) + (view.Part.Accreditations.Count * 100L), cancellationToken,
            (provider, previous) => InSnapshotAsync(provider, previous.Snapshot, (connection, snapshot, changes) =>
                previous.UpdateAsync(connection, snapshot, changes!, asOf, CancellationToken.None)));
        var mobility = cache.GetAsync(versions, new MobilityKey(asOf, basis), MobilityTables(basis),
            scoped => InSnapshotAsync(scoped, null, (connection, snapshot, _) => MobilityView.LoadAsync(connection, snapshot, asOf, basis, CancellationToken.None)),
            view => view.EstimatedBytes, cancellationToken,
            (provider, previous) => InSnapshotAsync(provider, previous.Snapshot, (connection, snapshot, changes) =>
                previous.UpdateAsync(connection, snapshot, changes!, asOf, CancellationToken.None)));
        var lag = basis == CountingBasis.Realised ? LagAsync(versions, asOf, cancellationToken) : null;
        var part = await projects;
        var facts = await mobility;
        var mobilityPart = byProject ? facts.PerProject : facts.Part;
        var inputs = basis == CountingBasis.Awarded ? part.Part.With(mobilityPart, null) : part.Part.With(null, mobilityPart);
        if (lag is not null)
        {
            inputs = inputs with { Lag = (await lag).Fact };
        }

        return new CachedInputs(inputs, part.Generation, facts.Generation) { ProjectView = part, MobilityView = facts, ByProject = byProject };
    }

    /// <summary>The targets with their sectors, kept under the tables they are read from.</summary>
    public Task<IReadOnlyList<TargetDefinition>> TargetsAsync(DataVersions versions, CancellationToken cancellationToken) =>
        cache.GetAsync(versions, "targets", TargetTables, scoped => Queries(scoped).TargetsAsync(), t => 1024L * t.Count, cancellationToken);

    /// <summary>The realisation lag's median as of a date, kept apart from the facts (it depends on the targets too).</summary>
    private Task<LagView> LagAsync(DataVersions versions, DateOnly asOf, CancellationToken cancellationToken) =>
        cache.GetAsync(versions, new LagKey(asOf), [.. RealisedTables, .. TargetTables], scoped => LagViewAsync(scoped, versions, asOf, null), _ => 200_000L,
            cancellationToken, (provider, previous) => LagViewAsync(provider, versions, asOf, previous));

    /// <summary>
    /// The targets come from the cache at the request's versions (read before anything else, so at least as
    /// new as those versions), and the view records those versions of the target tables: a change to the
    /// targets after them is never missed, at worst the view is read again once more than needed. A write to
    /// the mobilities thus costs the lag one snapshot and the changed projects' records, not a reading of the targets.
    /// </summary>
    private async Task<LagView> LagViewAsync(IServiceProvider scoped, DataVersions versions, DateOnly asOf, LagView? previous)
    {
        var targets = await TargetsAsync(versions, CancellationToken.None);
        return await InSnapshotAsync(scoped, previous?.Snapshot, async (connection, snapshot, changes) =>
        {
            snapshot = snapshot with { Versions = snapshot.Versions.With(TargetTables, versions) };
            return previous is null
                ? await LagView.LoadAsync(connection, snapshot, asOf, targets, CancellationToken.None)
                : await previous.UpdateAsync(connection, snapshot, changes!, asOf, targets, CancellationToken.None);
        });
    }

    /// <summary>A value computed from the inputs (a result, the targets), kept under the tables it is computed from.</summary>
    public Task<T> ComputedAsync<T>(DataVersions versions, object key, IEnumerable<string> tables, Func<AttainmentSql, Task<T>> compute,
        Func<T, long> estimatedBytes, CancellationToken cancellationToken)
        where T : class =>
        cache.GetAsync(versions, key, tables, scoped => compute(Queries(scoped)), estimatedBytes, cancellationToken);

    /// <summary>A value read with EF (reference data such as the population figures), kept under the tables it is read from.</summary>
    /// <remarks>
    /// The read gets a service scope of its own (it may outlive the request that started it).
    /// </remarks>
    public Task<T> ReadAsync<T>(DataVersions versions, object key, IEnumerable<string> tables, Func<IServiceProvider, Task<T>> read,
        Func<T, long> estimatedBytes, CancellationToken cancellationToken)
        where T : class =>
        cache.GetAsync(versions, key, tables, read, estimatedBytes, cancellationToken);

    private static AttainmentSql Queries(IServiceProvider scoped) => scoped.GetRequiredService<AttainmentSql>();

    /// <summary>
    /// Reads a view in one repeatable-read snapshot: the snapshot itself first, with the projects changed since
    /// <paramref name="since"/> (a view brought up to date) in the same round trip.
    /// </summary>
    private Task<T> InSnapshotAsync<T>(IServiceProvider scoped, FactSnapshot? since, Func<DbConnection, FactSnapshot, ChangedProjects?, Task<T>> read) =>
        Queries(scoped).InOwnSnapshotAsync(async connection =>
        {
            var (snapshot, changes) = await FactChanges.SnapshotAndChangesAsync((Npgsql.NpgsqlConnection)connection, time, since, AttainmentSql.SnapshotSettings,
                CancellationToken.None);
            var value = await read(connection, snapshot, changes);
            Remember(snapshot);
            return value;
        }, CancellationToken.None);

    /// <summary>
    /// Now and then the change log loses the rows older than a snapshot read <see cref="FactChanges.Kept"/>
    /// ago; a view older than that reads everything again. In a transaction of its own, after the read.
    /// </summary>
    private void Remember(FactSnapshot snapshot)
    {
        long? prune = null;
        lock (_pruning)
        {
            if (_oldest is null)
            {
                _oldest = (snapshot.TakenAt, snapshot.Xmin);
            }
            else if (snapshot.TakenAt - _oldest.Value.At > FactChanges.Kept)
            {
                prune = _oldest.Value.Xmin;
                _oldest = (snapshot.TakenAt, snapshot.Xmin);
            }
        }

        if (prune is { } xmin)
        {
            _ = Task.Run(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync();
                await FactChanges.PruneAsync(connection, xmin, CancellationToken.None);
                logger.LogInformation("Fact change log pruned below transaction {Xmin}", xmin);
            });
        }
    }

    private sealed record ProjectKey(DateOnly AsOf);

    private sealed record MobilityKey(DateOnly AsOf, CountingBasis Basis);

    private sealed record LagKey(DateOnly AsOf);
}

/// <summary>The inputs with the generations of the parts they come from: results are kept under those.</summary>
public sealed record CachedInputs(AttainmentInputs Inputs, long ProjectGeneration, long MobilityGeneration)
{
    /// <summary>The view the projects come from, with the projects each of its updates changed.</summary>
    public ProjectView? ProjectView { get; init; }

    /// <summary>The view the mobility facts come from, with its changes.</summary>
    public MobilityView? MobilityView { get; init; }

    /// <summary>Whether the inputs hold the mobility facts per project (a detail page naming the projects counted) rather than summed over projects.</summary>
    public bool ByProject { get; init; }
}

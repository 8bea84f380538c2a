using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The engine's inputs and results in the <see cref="DataCache"/>, each under the tables it is
/// computed from: registering a mobility leaves the awarded figures cached, and any write to what a
/// figure is computed from shows on the next request. The parts are kept apart so the dashboard on
/// both bases and the detail pages share a date's project facts.
/// </summary>
public sealed class AttainmentCache(DataCache cache)
{
    /// <summary>What the project part (projects, accreditations, counties) is read from.</summary>
    public static readonly string[] ProjectTables =
        ["organisations", "accreditations", "accreditation_members", "projects", "project_partners", "project_topics", "counties"];

    /// <summary>What the awarded mobility facts are read from (a project's county comes from its coordinator and partners).</summary>
    public static readonly string[] AwardedTables = ["awarded_mobilities", "projects", "organisations", "project_partners"];

    /// <summary>What the realised mobility facts are read from.</summary>
    public static readonly string[] RealisedTables = ["mobilities", "projects", "organisations", "project_partners"];

    /// <summary>What the target definitions are read from (a target's sectors come from its activity types).</summary>
    public static readonly string[] TargetTables = ["strategy_targets", "target_values", "activity_types"];

    public static IReadOnlyList<string> MobilityTables(CountingBasis basis) => basis == CountingBasis.Awarded ? AwardedTables : RealisedTables;

    public Task<DataVersions> VersionsAsync(ErasmusDbContext db, CancellationToken cancellationToken) => cache.VersionsAsync(db, cancellationToken);

    /// <summary>The inputs of one basis as of a date (per project for a mobility target's detail page).</summary>
    public async Task<AttainmentInputs> InputsAsync(DataVersions versions, DateOnly asOf, CountingBasis basis, bool byProject, CancellationToken cancellationToken)
    {
        var projects = cache.GetAsync(versions, new ProjectKey(asOf), ProjectTables, scoped => Queries(scoped).ProjectPartAsync(asOf),
            part => (part.Projects.Count * 850L) + (part.Accreditations.Count * 100L), cancellationToken);
        var mobility = cache.GetAsync(versions, new MobilityKey(asOf, basis, byProject), MobilityTables(basis),
            scoped => Queries(scoped).MobilityPartAsync(asOf, basis, byProject), part => part.Count * 150L, cancellationToken);
        var lag = basis == CountingBasis.Realised ? LagAsync(versions, asOf, cancellationToken) : null;
        var part = await projects;
        var facts = await mobility;
        var inputs = basis == CountingBasis.Awarded ? part.With(facts, null) : part.With(null, facts);
        return lag is null ? inputs : inputs with { Lag = await lag };
    }

    /// <summary>The realisation lag's median as of a date: one aggregate over the counted records, kept apart from the facts (it depends on the targets too).</summary>
    private Task<RealisationLagFact> LagAsync(DataVersions versions, DateOnly asOf, CancellationToken cancellationToken) =>
        cache.GetAsync(versions, new LagKey(asOf), [.. RealisedTables, .. TargetTables], async scoped =>
        {
            var queries = Queries(scoped);
            return await queries.RealisationLagAsync(asOf, await queries.TargetsAsync());
        }, _ => 64L, cancellationToken);

    /// <summary>A value computed from the inputs (a result, the targets), kept under the tables it is computed from.</summary>
    public Task<T> ComputedAsync<T>(DataVersions versions, object key, IEnumerable<string> tables, Func<AttainmentQueries, Task<T>> compute,
        Func<T, long> estimatedBytes, CancellationToken cancellationToken)
        where T : class =>
        cache.GetAsync(versions, key, tables, scoped => compute(Queries(scoped)), estimatedBytes, cancellationToken);

    private static AttainmentQueries Queries(IServiceProvider scoped) => scoped.GetRequiredService<AttainmentQueries>();

    private sealed record ProjectKey(DateOnly AsOf);

    private sealed record MobilityKey(DateOnly AsOf, CountingBasis Basis, bool ByProject);

    private sealed record LagKey(DateOnly AsOf);
}

using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// Fetches the aggregates and runs the pure calculator: the one source of every target figure. Inputs
/// and results come from <see cref="AttainmentCache"/>, computed again only when their data has changed.
/// </summary>
public sealed class AttainmentService(AttainmentQueries queries, AttainmentCache cache, ErasmusDbContext db)
{
    /// <summary>About what a counted item and its share of a result take in memory, for the cache's budget.</summary>
    private const long BytesPerCountedItem = 130;

    public async Task<AttainmentResult> ComputeAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default) =>
        await ResultAsync(await cache.VersionsAsync(db, cancellationToken), parameters, cancellationToken);

    /// <summary>
    /// The result and the aggregate inputs it was computed from, for pages that also need those (the
    /// workbook). The inputs hold the mobility facts of the parameters' basis only.
    /// </summary>
    public async Task<(AttainmentResult Result, AttainmentInputs Inputs)> ComputeWithInputsAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var versions = await cache.VersionsAsync(db, cancellationToken);
        var result = await ResultAsync(versions, parameters, cancellationToken);
        return (result, await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: false, cancellationToken));
    }

    /// <summary>One target with its counted records (per project for mobility targets), for the detail page.</summary>
    public async Task<(TargetResult Result, AttainmentInputs Inputs)?> ComputeTargetAsync(string code, AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var versions = await cache.VersionsAsync(db, cancellationToken);
        var target = (await TargetsAsync(versions, cancellationToken)).FirstOrDefault(t => t.Code == code);
        if (target is null)
        {
            return null;
        }

        var inputs = await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: target.MetricKind == "mobility-participants", cancellationToken);
        var result = await cache.ComputedAsync(versions, new TargetKey(code, parameters), TablesOf(parameters.Basis),
            _ => Task.FromResult(AttainmentCalculator.ComputeTarget(inputs, target, parameters)),
            r => 1024 + (r.CountedItems.Count * BytesPerCountedItem), cancellationToken);
        return (result, inputs);
    }

    /// <summary>The county × sector matrix: it needs the accreditations and counties only, a few milliseconds uncached.</summary>
    public async Task<CountyMatrix> CountyMatrixAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default) =>
        CountyMatrix.Build((await queries.AccreditationPartAsync(parameters.AsOf, cancellationToken)).With(null, null), parameters);

    private Task<AttainmentResult> ResultAsync(DataVersions versions, AttainmentParameters parameters, CancellationToken cancellationToken) =>
        cache.ComputedAsync(versions, new ResultKey(parameters), TablesOf(parameters.Basis), async _ =>
            {
                var inputs = await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: false, CancellationToken.None);
                return AttainmentCalculator.Compute(inputs, await TargetsAsync(versions, CancellationToken.None), parameters);
            },
            r => 4096 + (r.Targets.Sum(t => t.CountedItems.Count) * BytesPerCountedItem), cancellationToken);

    private Task<IReadOnlyList<TargetDefinition>> TargetsAsync(DataVersions versions, CancellationToken cancellationToken) =>
        cache.ComputedAsync(versions, "targets", AttainmentCache.TargetTables, scoped => scoped.TargetsAsync(), t => 1024L * t.Count, cancellationToken);

    /// <summary>What a result on a basis is computed from: the projects, that basis's mobility facts and the targets.</summary>
    private static string[] TablesOf(CountingBasis basis) =>
        [.. AttainmentCache.ProjectTables, .. AttainmentCache.MobilityTables(basis), .. AttainmentCache.TargetTables];

    private sealed record ResultKey(AttainmentParameters Parameters);

    private sealed record TargetKey(string Code, AttainmentParameters Parameters);
}

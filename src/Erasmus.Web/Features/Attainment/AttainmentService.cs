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

    /// <summary>
    /// One target with its counted records named (per project for mobility targets), for the detail
    /// page: computed once per data version and parameters, so paging and sorting the records reads memory only.
    /// </summary>
    public async Task<TargetDetail?> ComputeTargetAsync(string code, AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var versions = await cache.VersionsAsync(db, cancellationToken);
        var target = (await TargetsAsync(versions, cancellationToken)).FirstOrDefault(t => t.Code == code);
        if (target is null)
        {
            return null;
        }

        return await cache.ComputedAsync(versions, new TargetKey(code, parameters), TablesOf(parameters.Basis), async _ =>
            {
                var inputs = await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: target.MetricKind == AttainmentCalculator.MobilityKind,
                    CancellationToken.None);
                var result = AttainmentCalculator.ComputeTarget(inputs, target, parameters);
                return TargetDetail.Of(result, inputs);
            },
            r => 1024 + (r.Result.CountedItems.Count * BytesPerCountedItem * 2), cancellationToken);
    }

    /// <summary>
    /// The counties of the structure the figures are shown in: those in force on the date (the 2020–2023
    /// structure before 2024), or today's, followed by the dissolved ones (their own organisations stay under their names).
    /// </summary>
    public async Task<IReadOnlyList<CountyColumn>> CountiesAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var versions = await cache.VersionsAsync(db, cancellationToken);
        var counties = (await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: false, cancellationToken)).Counties;
        var shown = parameters.Structure == CountyStructureChoice.Today
            ? counties.Where(c => c.ValidTo is null).Concat(counties.Where(c => c.ValidTo is not null))
            : counties.Where(c => c.IsInForceOn(parameters.AsOf));
        return [.. shown.Select(c => new CountyColumn(c.Number, c.Name, c.ValidTo is { } end && (parameters.Structure == CountyStructureChoice.Today || parameters.AsOf > end)))
            .OrderBy(c => c.Dissolved).ThenBy(c => c.Name, StringComparer.Ordinal)];
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

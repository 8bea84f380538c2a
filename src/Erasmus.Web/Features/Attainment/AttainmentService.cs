using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

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

    private async Task<AttainmentResult> ResultAsync(DataVersions versions, AttainmentParameters parameters, CancellationToken cancellationToken)
    {
        var populations = parameters.County is null ? null : await PopulationSharesAsync(parameters, cancellationToken);
        return await cache.ComputedAsync(versions, new ResultKey(parameters), [.. TablesOf(parameters.Basis), PopulationTable], async _ =>
            {
                var inputs = await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: false, CancellationToken.None);
                return AttainmentCalculator.Compute(inputs with { Populations = populations }, await TargetsAsync(versions, CancellationToken.None), parameters);
            },
            r => 4096 + (r.Targets.Sum(t => t.CountedItems.Count) * BytesPerCountedItem), cancellationToken);
    }

    private const string PopulationTable = "population_figures";

    /// <summary>
    /// Each target's population in the counties of the view's structure, and each county's share of the
    /// national population (the counties' figures added up), from the year of the as-of date or the
    /// latest year loaded before it (the earliest loaded when all are later). One aggregate query.
    /// </summary>
    public async Task<IReadOnlyList<PopulationShare>> PopulationSharesAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var years = await db.PopulationFigures.Select(f => f.Year).Distinct().ToListAsync(cancellationToken);
        if (years.Count == 0)
        {
            return [];
        }

        var year = years.Where(y => y <= parameters.AsOf.Year).DefaultIfEmpty(years.Min()).Max();
        var shown = (await CountiesAsync(parameters, cancellationToken)).Where(c => !c.Dissolved).Select(c => c.Number).ToList();
        var sums = await db.PopulationFigures.Where(f => f.Year == year && shown.Contains(f.CountyNumber))
            .GroupBy(f => new { f.CountyNumber, f.GroupCode })
            .Select(g => new { g.Key.CountyNumber, g.Key.GroupCode, Value = g.Sum(f => (long)f.Value) })
            .ToListAsync(cancellationToken);
        var shares = new List<PopulationShare>();
        foreach (var target in sums.SelectMany(s => Erasmus.Domain.Population.PopulationGroup.Find(s.GroupCode)?.TargetCodes ?? []).Distinct())
        {
            var groups = Erasmus.Domain.Population.PopulationGroup.DenominatorOf(target).Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
            // A county counts only with a figure for every group of the target; a partial sum would understate it.
            var byCounty = sums.Where(s => groups.Contains(s.GroupCode)).GroupBy(s => s.CountyNumber)
                .Where(g => g.Count() == groups.Count)
                .ToDictionary(g => g.Key, g => (decimal)g.Sum(s => s.Value), StringComparer.Ordinal);
            var national = byCounty.Values.Sum();
            shares.AddRange(byCounty.Select(c => new PopulationShare(target, c.Key, national == 0 ? 0 : c.Value / national, c.Value)));
        }

        return shares;
    }

    /// <summary>Whether any population figure of the year a view uses is a demo figure, so the page can say so.</summary>
    public async Task<bool> PopulationIsDemoAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var years = await db.PopulationFigures.Select(f => f.Year).Distinct().ToListAsync(cancellationToken);
        if (years.Count == 0)
        {
            return false;
        }

        var year = years.Where(y => y <= parameters.AsOf.Year).DefaultIfEmpty(years.Min()).Max();
        return await db.PopulationFigures.AnyAsync(f => f.Year == year && f.IsDemo, cancellationToken);
    }

    private Task<IReadOnlyList<TargetDefinition>> TargetsAsync(DataVersions versions, CancellationToken cancellationToken) =>
        cache.ComputedAsync(versions, "targets", AttainmentCache.TargetTables, scoped => scoped.TargetsAsync(), t => 1024L * t.Count, cancellationToken);

    /// <summary>What a result on a basis is computed from: the projects, that basis's mobility facts and the targets.</summary>
    private static string[] TablesOf(CountingBasis basis) =>
        [.. AttainmentCache.ProjectTables, .. AttainmentCache.MobilityTables(basis), .. AttainmentCache.TargetTables];

    private sealed record ResultKey(AttainmentParameters Parameters);

    private sealed record TargetKey(string Code, AttainmentParameters Parameters);
}

using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// Fetches the aggregates and runs the pure calculator: the one source of every target figure. Inputs
/// come from <see cref="AttainmentCache"/>, brought up to date by what changed; each target's result is
/// kept under the generations of the parts it is computed from, so a mobility write computes the
/// mobility targets again and leaves the project targets as they are.
/// </summary>
public sealed class AttainmentService(AttainmentSql queries, AttainmentCache cache, ErasmusDbContext db, TargetResultMemo memo)
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
        var inputs = await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: false, cancellationToken);
        return (await ResultAsync(versions, inputs, parameters, cancellationToken), inputs.Inputs);
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

        var byProject = target.MetricKind == MetricKind.MobilityParticipants;
        var inputs = await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject, cancellationToken);
        return await cache.ComputedAsync(versions, new TargetKey(code, parameters, Stamp(versions, inputs, target)), [], _ =>
            {
                var result = AttainmentCalculator.ComputeTarget(inputs.Inputs, target, parameters);
                return Task.FromResult(TargetDetail.Of(result, inputs.Inputs));
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
        var counties = (await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: false, cancellationToken)).Inputs.Counties;
        var shown = parameters.Structure == CountyStructureChoice.Today
            ? counties.Where(c => c.ValidTo is null).Concat(counties.Where(c => c.ValidTo is not null))
            : counties.Where(c => c.IsInForceOn(parameters.AsOf));
        return [.. shown.Select(c => new CountyColumn(c.Number, c.Name, c.ValidTo is { } end && (parameters.Structure == CountyStructureChoice.Today || parameters.AsOf > end)))
            .OrderBy(c => c.Dissolved).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// <summary>The county × sector matrix: it needs the accreditations and counties only, a few milliseconds uncached.</summary>
    public async Task<CountyMatrix> CountyMatrixAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default) =>
        CountyMatrix.Build((await queries.AccreditationPartAsync(parameters.AsOf, cancellationToken)).With(null, null), parameters);

    private async Task<AttainmentResult> ResultAsync(DataVersions versions, AttainmentParameters parameters, CancellationToken cancellationToken) =>
        await ResultAsync(versions, await cache.InputsAsync(versions, parameters.AsOf, parameters.Basis, byProject: false, cancellationToken), parameters,
            cancellationToken);

    /// <summary>Every target's result, each computed once per parameters and generations of its inputs (the targets in parallel).</summary>
    private async Task<AttainmentResult> ResultAsync(DataVersions versions, CachedInputs inputs, AttainmentParameters parameters, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(versions, cancellationToken);
        // A county view is judged against the county's expected share, from the population figures (#20).
        var populations = parameters.County is null ? null : await PopulationSharesAsync(parameters, cancellationToken);
        var computed = populations is null ? inputs.Inputs : inputs.Inputs with { Populations = populations };
        var results = await Task.WhenAll(targets.OrderBy(t => t.SortOrder).Select(target =>
            cache.ComputedAsync(versions, new ResultKey(target.Code, parameters, Stamp(versions, inputs, target)), [],
                _ => Task.FromResult(memo.Compute(computed, target, parameters, versions.Of(AttainmentCache.TargetTables))),
                r => 512 + (r.CountedItems.Count * BytesPerCountedItem), cancellationToken)));
        return new AttainmentResult(parameters, results, parameters.Basis == CountingBasis.Realised ? RealisationLag.Months(inputs.Inputs.Lag) : null);
    }

    /// <summary>
    /// What a target's result depends on: the project part's generation, the mobility facts' for a mobility
    /// target only, the lag in months (the realised basis shifts every expected value by it), the targets
    /// and the population figures (a county view's expected share).
    /// </summary>
    private static ResultStamp Stamp(DataVersions versions, CachedInputs inputs, TargetDefinition target) =>
        new(inputs.ProjectGeneration, target.MetricKind == MetricKind.MobilityParticipants ? inputs.MobilityGeneration : 0,
            RealisationLag.Months(inputs.Inputs.Lag), versions.Of([.. AttainmentCache.TargetTables, PopulationTable]));

    private const string PopulationTable = "population_figures";

    /// <summary>
    /// Each target's population in the counties of the view's structure, and each county's share of the
    /// national population (the counties' figures added up), from the year of the as-of date or the
    /// latest year loaded before it (the earliest loaded when all are later). One query of the year's rows.
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
        // Institution rows stay out of the county figures but where a county has none of its own (CountyPopulation).
        var entries = await db.PopulationFigures.Where(f => f.Year == year && shown.Contains(f.CountyNumber))
            .Select(f => new Erasmus.Domain.Population.PopulationEntry(f.CountyNumber, f.GroupCode, f.InstitutionId, f.Value))
            .ToListAsync(cancellationToken);
        return Erasmus.Domain.Population.CountyPopulation.Shares(entries);
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
        cache.TargetsAsync(versions, cancellationToken);

    private sealed record ResultStamp(long ProjectGeneration, long MobilityGeneration, int LagMonths, long TargetsVersion);

    private sealed record ResultKey(string Code, AttainmentParameters Parameters, ResultStamp Stamp);

    private sealed record TargetKey(string Code, AttainmentParameters Parameters, ResultStamp Stamp);
}

/// <summary>
/// The last result of each target and parameters with the counted items it was computed from. Listing a
/// target's counted items is cheap; summing them into breakdowns, series and a sorted list is what costs
/// (up to 20 ms for 21 000 projects). A write changes the counted items of few targets, so a target whose
/// items, counties, lag and definition are all as before keeps its result: exactly what computing it again would give.
/// </summary>
public sealed class TargetResultMemo
{
    /// <summary>Past this many targets × parameters the memo starts afresh (each holds its counted items).</summary>
    private const int MostEntries = 400;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Code, AttainmentParameters Parameters), Entry> _entries = [];

    public TargetResult Compute(AttainmentInputs inputs, TargetDefinition target, AttainmentParameters parameters, long targetsVersion)
    {
        var contributions = AttainmentCalculator.Contributions(inputs, target, parameters).ToList();
        var lag = RealisationLag.Months(inputs.Lag);
        Entry? last;
        lock (_gate)
        {
            _entries.TryGetValue((target.Code, parameters), out last);
        }

        if (last is not null && last.TargetsVersion == targetsVersion && last.LagMonths == lag && ReferenceEquals(last.Counties, inputs.Counties)
            && ReferenceEquals(last.Populations, inputs.Populations) && last.Contributions.SequenceEqual(contributions))
        {
            return last.Result;
        }

        var result = AttainmentCalculator.ComputeTarget(inputs, target, parameters, contributions);
        lock (_gate)
        {
            if (_entries.Count >= MostEntries)
            {
                _entries.Clear();
            }

            _entries[(target.Code, parameters)] = new Entry(contributions, inputs.Counties, inputs.Populations, lag, targetsVersion, result);
        }

        return result;
    }

    private sealed record Entry(List<Contribution> Contributions, IReadOnlyList<CountyInfo> Counties, IReadOnlyList<PopulationShare>? Populations,
        int LagMonths, long TargetsVersion, TargetResult Result);
}

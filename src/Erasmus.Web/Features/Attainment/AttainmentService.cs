using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// A number that grows with every write to a table the figures of <paramref name="basis"/> may be read from (a sum of
    /// data versions, which only grow), read with the request's versions: what is rendered from figures computed in
    /// this request may be kept under it (<see cref="Shared.RenderedFragments"/>). The awarded figures never read the
    /// mobility records, so a coordinator's mobility save leaves them kept. Null when the data cache is off, so nothing
    /// rendered is kept either.
    /// </summary>
    public async Task<long?> DataStampAsync(CountingBasis basis, CancellationToken cancellationToken = default)
    {
        var versions = await cache.VersionsAsync(db, cancellationToken);
        return versions.Tables.Count == 0
            ? null
            : versions.Tables.Where(t => basis == CountingBasis.Realised || !AttainmentCache.RealisedOnlyTables.Contains(t.Key)).Sum(t => t.Value);
    }

    /// <summary>Every county, by name, with when it was dissolved (the pages' county filters), kept under the counties' version.</summary>
    public async Task<IReadOnlyList<(string Number, string Name, DateOnly? ValidTo)>> CountyChoicesAsync(CancellationToken cancellationToken = default) =>
        (await cache.ReadAsync(await cache.VersionsAsync(db, cancellationToken), "county-choices", ["counties"], async services =>
            {
                var counties = await services.GetRequiredService<ErasmusDbContext>().Counties.AsNoTracking().OrderBy(c => c.Name)
                    .Select(c => new { c.Number, c.Name, c.ValidTo }).ToListAsync();
                return new CountyChoiceList([.. counties.Select(c => (c.Number, c.Name, c.ValidTo))]);
            }, list => 64L * list.Counties.Count, cancellationToken)).Counties;

    /// <summary>
    /// The names of a mobility target's activity types in the page's language (none for other targets), kept under the
    /// activity types' version: a target page asked the database for them on every request, kept page or not.
    /// </summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> ActivityNamesAsync(TargetDefinition target, bool english, CancellationToken cancellationToken = default)
    {
        if (target.MetricKind != MetricKind.MobilityParticipants)
        {
            return [];
        }

        var codes = AttainmentCalculator.MobilityParameters(target).ActivityTypes.Order(StringComparer.Ordinal).ToList();
        return (await cache.ReadAsync(await cache.VersionsAsync(db, cancellationToken), new ActivityNamesKey(string.Join(',', codes), english), ["activity_types"],
            async services =>
            {
                var names = await services.GetRequiredService<ErasmusDbContext>().ActivityTypes.AsNoTracking().Where(a => codes.Contains(a.Code))
                    .OrderBy(a => a.Code).Select(a => new { a.Code, a.NameEn, a.NameNb }).ToListAsync();
                return new ActivityNameList([.. names.Select(a => (a.Code, english ? a.NameEn : a.NameNb))]);
            }, list => 128L * list.Names.Count, cancellationToken)).Names;
    }

    private sealed record ActivityNamesKey(string Codes, bool English);

    private sealed record ActivityNameList(IReadOnlyList<(string Code, string Name)> Names);

    private sealed record CountyChoiceList(IReadOnlyList<(string Number, string Name, DateOnly? ValidTo)> Counties);

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
                // Through the memo, so a write costs the detail page what it changed, as it costs the dashboard.
                var result = memo.Compute(inputs, inputs.Inputs, target, parameters, versions.Of(AttainmentCache.TargetTables));
                return Task.FromResult(memo.Detail(code, parameters, result, inputs.Inputs));
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
                _ => Task.FromResult(memo.Compute(inputs, computed, target, parameters, versions.Of(AttainmentCache.TargetTables))),
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
    /// latest year loaded before it (the earliest loaded when all are later). Kept under the population
    /// figures' version: every dashboard, map and rate table asks for it.
    /// </summary>
    public async Task<IReadOnlyList<PopulationShare>> PopulationSharesAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var versions = await cache.VersionsAsync(db, cancellationToken);
        if ((await PopulationYearsAsync(versions, cancellationToken)).YearFor(parameters.AsOf) is not { } year)
        {
            return [];
        }

        var shown = (await CountiesAsync(parameters, cancellationToken)).Where(c => !c.Dissolved).Select(c => c.Number).ToList();
        return await cache.ReadAsync(versions, new PopulationSharesKey(year, string.Join(",", shown)), [PopulationTable], async services =>
        {
            var scoped = services.GetRequiredService<ErasmusDbContext>();
            // Institution rows stay out of the county figures but where a county has none of its own (CountyPopulation).
            var entries = await scoped.PopulationFigures.Where(f => f.Year == year && shown.Contains(f.CountyNumber))
                .Select(f => new Erasmus.Domain.Population.PopulationEntry(f.CountyNumber, f.GroupCode, f.InstitutionId, f.Value))
                .ToListAsync(CancellationToken.None);
            return Erasmus.Domain.Population.CountyPopulation.Shares(entries);
        }, shares => 256 + (shares.Count * 96L), cancellationToken);
    }

    /// <summary>The population year a view uses (the as-of date's or the latest loaded before it; the earliest when all are later), null when none is loaded.</summary>
    public async Task<int?> PopulationYearAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default) =>
        (await PopulationYearsAsync(await cache.VersionsAsync(db, cancellationToken), cancellationToken)).YearFor(parameters.AsOf);

    /// <summary>Whether any population figure of the year a view uses is a demo figure, so the page can say so.</summary>
    public async Task<bool> PopulationIsDemoAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var years = await PopulationYearsAsync(await cache.VersionsAsync(db, cancellationToken), cancellationToken);
        return years.YearFor(parameters.AsOf) is { } year && years.DemoYears.Contains(year);
    }

    /// <summary>The years population figures are loaded for, and those with a demo figure: one query per version of the figures.</summary>
    private Task<PopulationYears> PopulationYearsAsync(DataVersions versions, CancellationToken cancellationToken) =>
        cache.ReadAsync(versions, nameof(PopulationYears), [PopulationTable], async services =>
        {
            var years = await services.GetRequiredService<ErasmusDbContext>().PopulationFigures.GroupBy(f => f.Year)
                .Select(g => new { Year = g.Key, Demo = g.Any(f => f.IsDemo) })
                .ToListAsync(CancellationToken.None);
            return new PopulationYears([.. years.Select(y => y.Year).Order()], years.Where(y => y.Demo).Select(y => y.Year).ToHashSet());
        }, years => 128 + (years.Years.Count * 16L), cancellationToken);

    private sealed record PopulationSharesKey(int Year, string Counties);

    /// <summary>The loaded years (ascending) and those with a demo figure.</summary>
    private sealed record PopulationYears(IReadOnlyList<int> Years, IReadOnlySet<int> DemoYears)
    {
        /// <summary>The year of the date or the latest loaded before it; the earliest loaded when all are later; null when none is loaded.</summary>
        public int? YearFor(DateOnly asOf) =>
            Years.Count == 0 ? null : Years.Where(y => y <= asOf.Year).DefaultIfEmpty(Years[0]).Max();
    }

    private Task<IReadOnlyList<TargetDefinition>> TargetsAsync(DataVersions versions, CancellationToken cancellationToken) =>
        cache.TargetsAsync(versions, cancellationToken);

    private sealed record ResultStamp(long ProjectGeneration, long MobilityGeneration, int LagMonths, long TargetsVersion);

    private sealed record ResultKey(string Code, AttainmentParameters Parameters, ResultStamp Stamp);

    private sealed record TargetKey(string Code, AttainmentParameters Parameters, ResultStamp Stamp);
}

/// <summary>
/// The last result of each target and parameters, and what it was computed from. Most targets count each
/// project (or each project's mobility facts) on its own: for those a <see cref="Follower"/> keeps the
/// counted items per project and their sums (<see cref="ContributionSums"/>), and follows the view the items
/// come from: after a write it lists the items of the projects the write changed only, takes their old items
/// out of the sums and puts the new ones in, and the calculator computes the target from the sums. A target
/// whose sums did not change keeps its result. The others (newcomer coordinators and sport organisations,
/// counted per organisation over projects; county authorities, from the accreditations) list all their
/// counted items again and keep the last result while those are equal. Either way the result is exactly what
/// computing the target from all its counted items would give (decision 0011, amendment 2).
/// </summary>
public sealed class TargetResultMemo(IOptions<DataCacheOptions> options)
{
    /// <summary>Past this many targets × parameters the memo starts afresh.</summary>
    private const int MostEntries = 400;

    /// <summary>Past this many targets × dates × bases followed the followers start afresh (each holds its counted items per project).</summary>
    private const int MostFollowers = 80;

    /// <summary>Past this many target pages' details (each holds its named records, some MB at ten times national scale) the last ones are forgotten.</summary>
    private const int MostDetails = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Code, AttainmentParameters Parameters, bool Named), Entry> _entries = [];
    private readonly Dictionary<(string Code, DateOnly AsOf, CountingBasis Basis, bool Named), Follower> _followers = [];
    private readonly Dictionary<(string Code, AttainmentParameters Parameters), TargetDetail> _details = [];
    private long _projectsRead;
    private long _wholeReads;
    private long _listedAgain;

    /// <summary>What the memo did so far, for the benchmarks and tests: projects read again by followers, followers that read every project, targets listed whole.</summary>
    public (long ProjectsRead, long WholeReads, long ListedAgain) Counts =>
        (Interlocked.Read(ref _projectsRead), Interlocked.Read(ref _wholeReads), Interlocked.Read(ref _listedAgain));

    /// <summary>The kinds whose counted items each come from one project's facts alone (one project's items never depend on another's).</summary>
    public static bool CountsPerProject(MetricKind kind) => kind is MetricKind.MobilityParticipants or MetricKind.Partnerships or MetricKind.WorkingLifeShare
        or MetricKind.CentralisedProjects or MetricKind.TopicShare or MetricKind.FlagShare;

    public TargetResult Compute(CachedInputs cached, AttainmentInputs inputs, TargetDefinition target, AttainmentParameters parameters, long targetsVersion)
    {
        var lag = RealisationLag.Months(inputs.Lag);
        var follower = FollowerOf(cached, target, parameters);
        if (follower is not null)
        {
            lock (follower.Gate)
            {
                if (follower.Follow(cached, inputs, target, parameters, targetsVersion) is { } sums)
                {
                    return Kept(target, parameters, cached.ByProject, inputs, lag, targetsVersion, (follower, follower.Version),
                        () => AttainmentCalculator.ComputeTarget(inputs, target, parameters, sums));
                }
            }
        }

        // Counted per organisation or from the accreditations, or inputs older than the follower's: all items listed again.
        Interlocked.Increment(ref _listedAgain);
        var contributions = AttainmentCalculator.Contributions(inputs, target, parameters).ToList();
        return Kept(target, parameters, cached.ByProject, inputs, lag, targetsVersion, contributions,
            () => AttainmentCalculator.ComputeTarget(inputs, target, parameters, contributions));
    }

    /// <summary>The last result when it was computed from the same items, counties, populations, lag and targets; else computed now.</summary>
    private TargetResult Kept(TargetDefinition target, AttainmentParameters parameters, bool named, AttainmentInputs inputs, int lag, long targetsVersion,
        object items, Func<TargetResult> compute)
    {
        Entry? last;
        lock (_gate)
        {
            _entries.TryGetValue((target.Code, parameters, named), out last);
        }

        if (last is not null && last.TargetsVersion == targetsVersion && last.LagMonths == lag && ReferenceEquals(last.Counties, inputs.Counties)
            && ReferenceEquals(last.Populations, inputs.Populations) && SameItems(last.Items, items))
        {
            return last.Result;
        }

        var result = compute();
        lock (_gate)
        {
            if (_entries.Count >= MostEntries)
            {
                _entries.Clear();
            }

            _entries[(target.Code, parameters, named)] = new Entry(items, inputs.Counties, inputs.Populations, lag, targetsVersion, result);
        }

        return result;
    }

    /// <summary>
    /// A target's detail (its records named and in order), patched from the last one of the same target and parameters
    /// where only some records' figures changed: a detail page after a mobility write names a few records, not 20 000.
    /// </summary>
    public TargetDetail Detail(string code, AttainmentParameters parameters, TargetResult result, AttainmentInputs inputs)
    {
        TargetDetail? last;
        lock (_gate)
        {
            _details.TryGetValue((code, parameters), out last);
        }

        var detail = TargetDetail.Of(result, inputs, last);
        lock (_gate)
        {
            if (_details.Count >= MostDetails)
            {
                _details.Clear();
            }

            _details[(code, parameters)] = detail;
        }

        return detail;
    }

    private static bool SameItems(object last, object now) =>
        last is List<Contribution> before && now is List<Contribution> after ? before.SequenceEqual(after) : last.Equals(now);

    private Follower? FollowerOf(CachedInputs cached, TargetDefinition target, AttainmentParameters parameters)
    {
        var mobility = target.MetricKind == MetricKind.MobilityParticipants;
        if (!options.Value.FollowProjects || !CountsPerProject(target.MetricKind) || (mobility ? cached.MobilityView : (FactView?)cached.ProjectView) is null)
        {
            return null;
        }

        lock (_gate)
        {
            // A mobility target's detail page names the projects counted; the dashboard's sums leave them out, so each has its own follower.
            var named = mobility && cached.ByProject;
            var key = (target.Code, parameters.AsOf, parameters.Basis, named);
            if (!_followers.TryGetValue(key, out var follower))
            {
                if (_followers.Count >= MostFollowers)
                {
                    _followers.Clear();
                }

                _followers[key] = follower = new Follower(mobility, named, this);
            }

            return follower;
        }
    }

    private sealed record Entry(object Items, IReadOnlyList<CountyInfo> Counties, IReadOnlyList<PopulationShare>? Populations,
        int LagMonths, long TargetsVersion, TargetResult Result);

    /// <summary>
    /// One target's counted items per project on a date and basis, and their sums, as of one generation of the
    /// view they come from (the project view, or for a mobility target its basis's mobility view). Used under <see cref="Gate"/> only.
    /// </summary>
    private sealed class Follower(bool mobility, bool named, TargetResultMemo memo)
    {
        private Dictionary<int, Contribution[]> _byProject = [];
        private ContributionSums? _sums;
        private long _generation = -1;
        private long _targetsVersion = -1;

        public Lock Gate { get; } = new();

        /// <summary>Grows whenever the sums change: a result is kept under it.</summary>
        public long Version { get; private set; }

        /// <summary>
        /// The sums as of the inputs' view, brought there from the generation followed by the projects changed
        /// since (or read whole when the view's log does not lead there); null when the view is older than the
        /// generation followed (a request with older inputs), which the caller computes from its inputs instead.
        /// </summary>
        public ContributionSums? Follow(CachedInputs cached, AttainmentInputs inputs, TargetDefinition target, AttainmentParameters parameters, long targetsVersion)
        {
            FactView view = mobility ? cached.MobilityView! : (FactView)cached.ProjectView!;
            if (view.Generation < _generation || targetsVersion < _targetsVersion)
            {
                return null;
            }

            if (view.Generation > _generation || _sums is null || targetsVersion != _targetsVersion)
            {
                // A changed definition (its activity types, sector or kind) counts other items: every project is read again.
                var changed = _sums is null || targetsVersion != _targetsVersion ? null : view.Changes.Between(_generation, view.Generation);
                var read = false;
                try
                {
                    if (changed is null || changed.Count > FactChanges.MostProjects)
                    {
                        Read(inputs, target, parameters, cached, null);
                    }
                    else if (changed.Count > 0)
                    {
                        Read(inputs, target, parameters, cached, changed);
                    }

                    read = true;
                }
                finally
                {
                    if (!read)
                    {
                        // Sums changed half-way are never used: the next request reads every project again.
                        (_byProject, _sums, _generation) = ([], null, -1);
                    }
                }

                (_generation, _targetsVersion) = (view.Generation, targetsVersion);
            }

            return _sums;
        }

        /// <summary>The counted items of every project (<paramref name="changed"/> null), or of the changed ones, in place of the old.</summary>
        private void Read(AttainmentInputs inputs, TargetDefinition target, AttainmentParameters parameters, CachedInputs cached, HashSet<int>? changed)
        {
            AttainmentInputs of;
            if (mobility)
            {
                // The facts per project: a mobility target counts each fact on its own, so their items add up to those of the facts summed over projects.
                var facts = changed is null ? cached.MobilityView!.PerProject : cached.MobilityView!.OfProjects(changed);
                of = inputs with { Awarded = facts.Awarded, Realised = facts.Realised };
            }
            else
            {
                of = changed is null ? inputs : inputs with { Projects = [.. changed.Order().Select(cached.ProjectView!.Project).OfType<ProjectFact>()] };
            }

            var fresh = AttainmentCalculator.Contributions(of, target, parameters)
                .GroupBy(c => c.Item is { Kind: "project" } item ? item.Id : throw new InvalidOperationException($"Target {target.Code} counts an item that is not a project."))
                .ToDictionary(g => g.Key, g => g.ToArray());
            if (changed is null)
            {
                Interlocked.Increment(ref memo._wholeReads);
                // A mobility target summed over projects names no projects (the dashboard's), so its sums leave the items out.
                (_byProject, _sums) = (fresh, ContributionSums.Of(fresh.Values.SelectMany(c => c), keepItems: !mobility || named));
                Version++;
                return;
            }

            Interlocked.Add(ref memo._projectsRead, changed.Count);
            var moved = false;
            foreach (var project in changed)
            {
                var before = _byProject.GetValueOrDefault(project) ?? [];
                var after = fresh.GetValueOrDefault(project) ?? [];
                if (before.AsSpan().SequenceEqual(after))
                {
                    continue;
                }

                _sums!.Remove(before);
                _sums.Add(after);
                if (after.Length == 0)
                {
                    _byProject.Remove(project);
                }
                else
                {
                    _byProject[project] = after;
                }

                moved = true;
            }

            if (moved)
            {
                Version++;
            }
        }
    }
}

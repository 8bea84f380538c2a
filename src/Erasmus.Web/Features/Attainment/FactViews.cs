using System.Collections.Immutable;
using System.Data.Common;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// A number that grows whenever the content of a view changes (shared by every view, so a new view never
/// reuses an old number): results computed from views are kept under the generations they were computed from.
/// </summary>
internal static class Generations
{
    private static long _last;

    public static long Next() => Interlocked.Increment(ref _last);
}

/// <summary>How a kind of fact is summed: its project, its count, and its key without project and count.</summary>
internal sealed record FactShape<TFact>(Func<TFact, int> Project, Func<TFact, int> Count, Func<TFact, TFact> Key, Func<TFact, int, TFact> WithCount)
    where TFact : notnull;

/// <summary>
/// Facts kept per project, and their sums over all projects (what the engine reads over all projects): after a
/// write only the changed projects' facts are read again and put in place of their old ones; the sums are made
/// again when first asked for. Immutable: an update makes a new instance and leaves the old one to the requests
/// still using it.
/// </summary>
internal sealed class FactsByProject<TFact>
    where TFact : notnull
{
    private readonly FactShape<TFact> _shape;
    private readonly ImmutableDictionary<int, TFact[]> _byProject;

    /// <summary>The sums kept up to date by each update, for facts with few distinct sums (the lag's days); null: made on first use.</summary>
    private readonly Dictionary<TFact, (long Count, int Facts)>? _kept;

    private FactsByProject(FactShape<TFact> shape, ImmutableDictionary<int, TFact[]> byProject, int facts, Dictionary<TFact, (long Count, int Facts)>? kept)
    {
        _shape = shape;
        _byProject = byProject;
        _kept = kept;
        // Made on first use unless kept. After a write the dashboards' and detail pages' targets follow the mobility
        // facts per project (TargetResultMemo), so nothing may ask for their sums; keeping those up to date copied a
        // dictionary of every summed fact (150 000 at ten times national scale, several MB on the large object heap)
        // per write, and the copies drove the garbage collector into a full collection every few seconds while
        // coordinators saved (issue 19). The lag's sums (a few thousand days) are read after every write and kept.
        Summed = new LazyList<TFact>(() => [.. (kept ?? Sum(shape, byProject)).Where(t => t.Value.Facts > 0)
            .Select(t => shape.WithCount(t.Key, checked((int)t.Value.Count)))]);
        PerProject = new LazyList<TFact>(() => [.. byProject.Values.SelectMany(f => f)]);
        Facts = facts;
    }

    /// <summary>The facts summed over projects (the project left out), made on first use.</summary>
    public IReadOnlyList<TFact> Summed { get; }

    /// <summary>Every project's facts, made on first use.</summary>
    public IReadOnlyList<TFact> PerProject { get; }

    /// <summary>One project's facts (none for a project without any).</summary>
    public IReadOnlyList<TFact> OfProject(int project) => _byProject.TryGetValue(project, out var facts) ? facts : [];

    /// <summary>How many facts are kept per project (for the cache's estimate of the memory taken).</summary>
    public int Facts { get; }

    /// <param name="keepSums">Keep the sums up to date on every update (few distinct sums, read after every write) rather than make them when asked for.</param>
    public static FactsByProject<TFact> Of(IEnumerable<TFact> facts, FactShape<TFact> shape, bool keepSums = false)
    {
        var byProject = facts.GroupBy(shape.Project).ToImmutableDictionary(g => g.Key, g => g.ToArray());
        return new FactsByProject<TFact>(shape, byProject, byProject.Values.Sum(f => f.Length), keepSums ? Sum(shape, byProject) : null);
    }

    /// <summary>The facts with those of <paramref name="projects"/> replaced by <paramref name="facts"/> (all of theirs; none for a project that has none now).</summary>
    public FactsByProject<TFact> With(IReadOnlyCollection<int> projects, IEnumerable<TFact> facts)
    {
        var kept = _kept is null ? null : new Dictionary<TFact, (long Count, int Facts)>(_kept);
        var builder = _byProject.ToBuilder();
        var count = Facts;
        foreach (var project in projects)
        {
            if (builder.TryGetValue(project, out var old))
            {
                count -= old.Length;
                Add(kept, _shape, old, -1);
                builder.Remove(project);
            }
        }

        foreach (var group in facts.GroupBy(_shape.Project))
        {
            var added = group.ToArray();
            builder[group.Key] = added;
            count += added.Length;
            Add(kept, _shape, added, 1);
        }

        return new FactsByProject<TFact>(_shape, builder.ToImmutable(), count, kept);
    }

    /// <summary>The facts' counts summed per fact with the project left out, and how many facts each sum has.</summary>
    private static Dictionary<TFact, (long Count, int Facts)> Sum(FactShape<TFact> shape, ImmutableDictionary<int, TFact[]> byProject)
    {
        var totals = new Dictionary<TFact, (long Count, int Facts)>();
        foreach (var facts in byProject.Values)
        {
            Add(totals, shape, facts, 1);
        }

        return totals;
    }

    private static void Add(Dictionary<TFact, (long Count, int Facts)>? totals, FactShape<TFact> shape, TFact[] facts, int sign)
    {
        if (totals is null)
        {
            return;
        }

        foreach (var fact in facts)
        {
            var key = shape.Key(fact);
            var (count, n) = totals.GetValueOrDefault(key);
            (count, n) = (count + (sign * shape.Count(fact)), n + sign);
            if (n == 0)
            {
                totals.Remove(key);
            }
            else
            {
                totals[key] = (count, n);
            }
        }
    }
}

/// <summary>A list made when it is first read (its count included); the same instance every time, so what is kept per list instance holds.</summary>
internal sealed class LazyList<T>(Func<IReadOnlyList<T>> make) : IReadOnlyList<T>
{
    private readonly Lazy<IReadOnlyList<T>> _items = new(make);

    public int Count => _items.Value.Count;

    public T this[int index] => _items.Value[index];

    public IEnumerator<T> GetEnumerator() => _items.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A value read from the database in one snapshot, brought up to date by the changes since.</summary>
public abstract class FactView : ISnapshotValue
{
    protected FactView(FactSnapshot snapshot, long generation, ViewChanges? changes)
    {
        Snapshot = snapshot;
        Generation = generation;
        Changes = changes ?? ViewChanges.None;
    }

    /// <summary>Which projects each of the last updates changed, so what is computed from the view can follow it (<see cref="TargetResultMemo"/>).</summary>
    public ViewChanges Changes { get; }

    public FactSnapshot Snapshot { get; }

    /// <summary>Changes only when the content does (<see cref="Generations"/>).</summary>
    public long Generation { get; }

    public DataVersions Versions => Snapshot.Versions;

    /// <summary>Whether any of the tables changed between the two snapshots (tables the change log does not cover).</summary>
    protected static bool Changed(FactSnapshot before, FactSnapshot now, IEnumerable<string> tables)
    {
        var list = tables.ToList();
        return before.Versions.Of(list) != now.Versions.Of(list);
    }
}

/// <summary>
/// The last updates of a view: each took it from one generation to the next and read these projects again
/// (none when only accreditations or counties changed). A view read whole starts a new log, so a follower
/// that finds no way from its generation to the view's reads everything again.
/// </summary>
public sealed class ViewChanges
{
    /// <summary>As many updates as are kept: a follower further behind reads everything again.</summary>
    private const int Kept = 256;

    public static readonly ViewChanges None = new(ImmutableQueue<(long, long, IReadOnlyCollection<int>)>.Empty, 0);

    private readonly ImmutableQueue<(long From, long To, IReadOnlyCollection<int> Projects)> _steps;
    private readonly int _count;

    private ViewChanges(ImmutableQueue<(long, long, IReadOnlyCollection<int>)> steps, int count) => (_steps, _count) = (steps, count);

    public ViewChanges Then(long from, long to, IEnumerable<int> projects)
    {
        var steps = _steps.Enqueue((from, to, projects.ToArray()));
        var count = _count + 1;
        if (count > Kept)
        {
            steps = steps.Dequeue();
            count--;
        }

        return new ViewChanges(steps, count);
    }

    /// <summary>The projects changed from generation <paramref name="from"/> to <paramref name="to"/>; null when the log does not lead from one to the other.</summary>
    public HashSet<int>? Between(long from, long to)
    {
        var changed = new HashSet<int>();
        var at = from;
        foreach (var step in _steps)
        {
            if (step.From == at)
            {
                changed.UnionWith(step.Projects);
                at = step.To;
            }
        }

        return at == to ? changed : null;
    }
}

/// <summary>The projects, accreditations and counties as of a date.</summary>
public sealed class ProjectView : FactView
{
    private static readonly string[] _accreditationTables = ["accreditations", "accreditation_members", "organisations", "counties"];

    private readonly ImmutableDictionary<int, ProjectFact> _projects;

    private ProjectView(FactSnapshot snapshot, long generation, ImmutableDictionary<int, ProjectFact> projects, ProjectPart part, ViewChanges? changes = null)
        : base(snapshot, generation, changes)
    {
        _projects = projects;
        Part = part;
    }

    public ProjectPart Part { get; }

    /// <summary>One project's facts, if it is counted at all as of the date.</summary>
    public ProjectFact? Project(int id) => _projects.GetValueOrDefault(id);

    public static async Task<ProjectView> LoadAsync(DbConnection connection, FactSnapshot snapshot, DateOnly asOf, CancellationToken cancellationToken)
    {
        var projects = (await AttainmentSql.ProjectsAsync(connection, asOf, cancellationToken)).ToImmutableDictionary(p => p.ProjectId);
        return new ProjectView(snapshot, Generations.Next(), projects, new ProjectPart(Ordered(projects),
            await AttainmentSql.AccreditationsAsync(connection, asOf, cancellationToken), await AttainmentSql.CountiesAsync(connection, cancellationToken)));
    }

    public async Task<ProjectView> UpdateAsync(DbConnection connection, FactSnapshot snapshot, ChangedProjects changes, DateOnly asOf, CancellationToken cancellationToken)
    {
        if (changes.AllProjects)
        {
            return await LoadAsync(connection, snapshot, asOf, cancellationToken);
        }

        var (projects, list) = (_projects, Part.Projects);
        var changed = false;
        if (changes.Project.Count > 0)
        {
            var ids = changes.Project.ToArray();
            var builder = projects.ToBuilder();
            builder.RemoveRange(ids);
            foreach (var fact in await AttainmentSql.ProjectsAsync(connection, asOf, cancellationToken, ids))
            {
                builder[fact.ProjectId] = fact;
            }

            (projects, list, changed) = (builder.ToImmutable(), Ordered(builder), true);
        }

        var (accreditations, counties) = (Part.Accreditations, Part.Counties);
        if (Changed(Snapshot, snapshot, _accreditationTables))
        {
            (accreditations, counties, changed) = (await AttainmentSql.AccreditationsAsync(connection, asOf, cancellationToken),
                await AttainmentSql.CountiesAsync(connection, cancellationToken), true);
        }

        if (!changed)
        {
            return new ProjectView(snapshot, Generation, projects, Part, Changes);
        }

        var generation = Generations.Next();
        return new ProjectView(snapshot, generation, projects, new ProjectPart(list, accreditations, counties),
            Changes.Then(Generation, generation, changes.Project));
    }

    private static List<ProjectFact> Ordered(IEnumerable<KeyValuePair<int, ProjectFact>> projects) => [.. projects.OrderBy(p => p.Key).Select(p => p.Value)];
}

/// <summary>The awarded or the realised mobility facts as of a date, per project and summed.</summary>
public sealed class MobilityView : FactView
{
    private static readonly FactShape<AwardedMobilityFact> _awarded = new(f => f.ProjectId!.Value, f => f.Participants,
        f => f with { ProjectId = null, Participants = 0 }, (f, n) => f with { Participants = n });

    private static readonly FactShape<RealisedMobilityFact> _realised = new(f => f.ProjectId!.Value, f => f.Participants,
        f => f with { ProjectId = null, Participants = 0 }, (f, n) => f with { Participants = n });

    private readonly FactsByProject<AwardedMobilityFact>? _awardedFacts;
    private readonly FactsByProject<RealisedMobilityFact>? _realisedFacts;

    private MobilityView(FactSnapshot snapshot, long generation, FactsByProject<AwardedMobilityFact>? awarded, FactsByProject<RealisedMobilityFact>? realised,
        ViewChanges? changes = null)
        : base(snapshot, generation, changes)
    {
        (_awardedFacts, _realisedFacts) = (awarded, realised);
        Part = new MobilityPart(awarded?.Summed ?? [], realised?.Summed ?? []);
    }

    public CountingBasis Basis => _awardedFacts is null ? CountingBasis.Realised : CountingBasis.Awarded;

    /// <summary>The facts summed over projects: what the dashboard's engine reads.</summary>
    public MobilityPart Part { get; }

    /// <summary>About the memory the view takes: its facts per project, their sums and, once asked for, the flat list.</summary>
    /// <remarks>The sums over projects are about a quarter as many as the facts (153 000 for 649 000 at ten times national scale).</remarks>
    public long EstimatedBytes => ((_awardedFacts?.Facts ?? 0) + (_realisedFacts?.Facts ?? 0)) * 310L;

    /// <summary>The facts per project (detail pages list the projects counted).</summary>
    public MobilityPart PerProject => new(_awardedFacts?.PerProject ?? [], _realisedFacts?.PerProject ?? []);

    /// <summary>The facts of some projects, per project as <see cref="PerProject"/> has them.</summary>
    public MobilityPart OfProjects(IEnumerable<int> projects)
    {
        var ids = projects.ToList();
        return new MobilityPart(_awardedFacts is null ? [] : [.. ids.SelectMany(_awardedFacts.OfProject)],
            _realisedFacts is null ? [] : [.. ids.SelectMany(_realisedFacts.OfProject)]);
    }

    public static async Task<MobilityView> LoadAsync(DbConnection connection, FactSnapshot snapshot, DateOnly asOf, CountingBasis basis, CancellationToken cancellationToken) =>
        basis == CountingBasis.Awarded
            ? new MobilityView(snapshot, Generations.Next(), FactsByProject<AwardedMobilityFact>.Of(await AttainmentSql.AwardedAsync(connection, asOf, true, cancellationToken), _awarded), null)
            : new MobilityView(snapshot, Generations.Next(), null, FactsByProject<RealisedMobilityFact>.Of(await AttainmentSql.RealisedAsync(connection, asOf, true, cancellationToken), _realised));

    public async Task<MobilityView> UpdateAsync(DbConnection connection, FactSnapshot snapshot, ChangedProjects changes, DateOnly asOf, CancellationToken cancellationToken)
    {
        var awarded = Basis == CountingBasis.Awarded;
        if (changes.AllProjects || (awarded ? changes.AllAwarded : changes.AllMobility))
        {
            return await LoadAsync(connection, snapshot, asOf, Basis, cancellationToken);
        }

        int[] ids = [.. changes.Project.Union(awarded ? changes.Awarded : changes.Mobility)];
        if (ids.Length == 0)
        {
            return new MobilityView(snapshot, Generation, _awardedFacts, _realisedFacts, Changes);
        }

        var generation = Generations.Next();
        var log = Changes.Then(Generation, generation, ids);
        return awarded
            ? new MobilityView(snapshot, generation, _awardedFacts!.With(ids, await AttainmentSql.AwardedAsync(connection, asOf, true, cancellationToken, ids)), null, log)
            : new MobilityView(snapshot, generation, null, _realisedFacts!.With(ids, await AttainmentSql.RealisedAsync(connection, asOf, true, cancellationToken, ids)), log);
    }
}

/// <summary>The realisation lag's records as of a date (days from decision to end, per project), and their median.</summary>
public sealed class LagView : FactView
{
    private static readonly FactShape<LagRecords> _shape = new(r => r.ProjectId, r => r.Records, r => r with { ProjectId = 0, Records = 0 }, (r, n) => r with { Records = n });

    private readonly FactsByProject<LagRecords> _records;

    private LagView(FactSnapshot snapshot, long generation, FactsByProject<LagRecords> records)
        : base(snapshot, generation, null)
    {
        _records = records;
        Fact = Median(records.Summed);
    }

    public RealisationLagFact Fact { get; }

    public static async Task<LagView> LoadAsync(DbConnection connection, FactSnapshot snapshot, DateOnly asOf, IReadOnlyList<TargetDefinition> targets,
        CancellationToken cancellationToken) =>
        new(snapshot, Generations.Next(), FactsByProject<LagRecords>.Of(
            await AttainmentSql.LagRecordsAsync(connection, asOf, targets, cancellationToken), _shape, keepSums: true));

    public async Task<LagView> UpdateAsync(DbConnection connection, FactSnapshot snapshot, ChangedProjects changes, DateOnly asOf,
        IReadOnlyList<TargetDefinition> targets, CancellationToken cancellationToken)
    {
        if (changes.AllProjects || changes.AllMobility || Changed(Snapshot, snapshot, AttainmentCache.TargetTables))
        {
            return await LoadAsync(connection, snapshot, asOf, targets, cancellationToken);
        }

        int[] ids = [.. changes.Project.Union(changes.Mobility)];
        return ids.Length == 0
            ? new LagView(snapshot, Generation, _records)
            : new LagView(snapshot, Generations.Next(), _records.With(ids,
                await AttainmentSql.LagRecordsAsync(connection, asOf, targets, cancellationToken, ids)));
    }

    /// <summary>As percentile_cont(0.5) over the records: the middle value, or the mean of the two middle ones.</summary>
    public static RealisationLagFact Median(IEnumerable<LagRecords> summed)
    {
        var days = summed.OrderBy(r => r.Days).ToList();
        long total = days.Sum(r => (long)r.Records);
        if (total == 0)
        {
            return new RealisationLagFact(null, 0);
        }

        decimal? At(long position)
        {
            long seen = 0;
            foreach (var r in days)
            {
                seen += r.Records;
                if (position < seen)
                {
                    return r.Days;
                }
            }

            return null;
        }

        var lower = At((total - 1) / 2);
        var upper = At(total / 2);
        return new RealisationLagFact((lower + upper) / 2, checked((int)total));
    }
}

/// <summary>Records of the realisation lag: of one project (or summed, project 0) ending this many days after the decision.</summary>
public sealed record LagRecords(int ProjectId, int Days, int Records);

using System.Globalization;
using System.Runtime.CompilerServices;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Collections;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// A target's result with its counted records named and in name order, and the counties and sectors
/// they are in: computed once per data version, so a request only filters, sorts and pages memory.
/// </summary>
public sealed record TargetDetail(TargetResult Result, IReadOnlyList<CountedRow> Rows, CountedRecordsChoices Choices)
{
    /// <summary>Past this share of changed records a detail is named whole rather than patched.</summary>
    private const int MostChangedPerThousand = 125;

    /// <summary>What the rows were named from, and where each record's row is (made on the first patch, kept by the next).</summary>
    private Naming? _naming;

    /// <param name="previous">
    /// The same target's detail before a write, if any: when it was named from the same projects and counties and
    /// lists the same records in the same order, only the records whose figures changed are named again, each in
    /// its row's place (a record's label, and so its place, comes from its project, which did not change). The
    /// result is exactly what naming every record gives (<c>TargetDetailTests</c>).
    /// </param>
    public static TargetDetail Of(TargetResult result, AttainmentInputs inputs, TargetDetail? previous = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(inputs);
        if (previous?.Patched(result, inputs) is { } patched)
        {
            return patched;
        }

        var rows = CountedRow.Of(result, inputs);
        return new TargetDetail(result, rows, CountedRecordsQuery.Choices(rows)) { _naming = new Naming(inputs.Projects, inputs.Counties) };
    }

    private TargetDetail? Patched(TargetResult result, AttainmentInputs inputs)
    {
        // Rows named by this type are chunked (CountedRow.Of); a detail made otherwise is named whole.
        if (_naming is not { } naming || Rows is not ChunkedList<CountedRow> rows
            || !ReferenceEquals(naming.Projects, inputs.Projects) || !ReferenceEquals(naming.Counties, inputs.Counties))
        {
            return null;
        }

        var (before, after) = (Result.CountedItems, result.CountedItems);
        if (before.Count != after.Count)
        {
            return null;
        }

        List<int>? changed = null;
        for (var i = 0; i < after.Count; i++)
        {
            if (!before[i].Item.Equals(after[i].Item))
            {
                return null;
            }

            if (!before[i].Equals(after[i]))
            {
                (changed ??= []).Add(i);
                if (changed.Count * 1000L > MostChangedPerThousand * after.Count)
                {
                    return null;
                }
            }
        }

        if (changed is null)
        {
            return this with { Result = result };
        }

        if (naming.Places(rows) is not { } places)
        {
            return null;
        }

        var name = naming.Namer();
        var patched = rows.With(changed.Select(i => (places[(after[i].Item.Kind, after[i].Item.Id)], name(after[i]))));
        var moved = changed.Any(i => before[i].CountyNumber != after[i].CountyNumber || before[i].Sector != after[i].Sector);

        return new TargetDetail(result, patched, moved ? CountedRecordsQuery.Choices(patched) : Choices) { _naming = naming };
    }

    /// <summary>The projects and counties rows are named from, shared by a detail and those patched from it (their rows are in the same places).</summary>
    private sealed class Naming(IReadOnlyList<ProjectFact> projects, IReadOnlyList<CountyInfo> counties)
    {
        private readonly Lock _gate = new();
        private Dictionary<(string Kind, int Id), int>? _places;
        private bool _placesMade;
        private Func<CountedItemTotal, CountedRow>? _namer;

        public IReadOnlyList<ProjectFact> Projects => projects;

        public IReadOnlyList<CountyInfo> Counties => counties;

        /// <summary>Each record's place among the rows; null if two records share a kind and number (then nothing is patched).</summary>
        public Dictionary<(string Kind, int Id), int>? Places(ChunkedList<CountedRow> rows)
        {
            lock (_gate)
            {
                if (!_placesMade)
                {
                    _placesMade = true;
                    _places = new Dictionary<(string Kind, int Id), int>(rows.Count);
                    for (var place = 0; place < rows.Count && _places is not null; place++)
                    {
                        if (!_places.TryAdd((rows[place].Kind, rows[place].Id), place))
                        {
                            _places = null;
                        }
                    }
                }

                return _places;
            }
        }

        public Func<CountedItemTotal, CountedRow> Namer()
        {
            lock (_gate)
            {
                return _namer ??= CountedRow.Namer(projects, counties);
            }
        }
    }
}

/// <summary>
/// One record behind a figure with names rather than codes: a project as "reference – coordinator",
/// an organisation by its name, the county by its name in the structure the figure is shown in.
/// </summary>
public sealed record CountedRow(string Kind, int Id, string Label, decimal Numerator, decimal Denominator, string? CountyNumber, string? CountyName,
    Sector? Sector, int? CallYear)
{
    /// <summary>Where the record is: its project's or organisation's page.</summary>
    public string? Href => Kind switch
    {
        "project" => $"/prosjekter/{Id}",
        "organisation" => $"/organisasjoner/{Id}",
        _ => null,
    };

    public static ChunkedList<CountedRow> Of(TargetResult result, AttainmentInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(inputs);
        return ChunkedList.Of(result.CountedItems.Select(Namer(inputs.Projects, inputs.Counties))
            .OrderBy(r => SortKeys.GetValue(r.Label, CountedRecordsQuery.NameSortKey), SortKeyOrder));
    }

    /// <summary>Names a counted record: its project's reference and coordinator, its county's name.</summary>
    internal static Func<CountedItemTotal, CountedRow> Namer(IReadOnlyList<ProjectFact> projectFacts, IReadOnlyList<CountyInfo> countyInfos)
    {
        var counties = countyInfos.ToDictionary(c => c.Number, c => c.Name, StringComparer.Ordinal);
        var projects = ProjectsById(projectFacts);
        return i => new CountedRow(i.Item.Kind, i.Item.Id,
            i.Item.Kind == "project" && projects(i.Item.Id) is { } project ? Labels.GetValue(project, p => p.Reference + " – " + p.CoordinatorName)
                : i.Item.Label.Length > 0 ? i.Item.Label
                : i.Item.Kind + " " + i.Item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i.Numerator, i.Denominator, i.CountyNumber,
            i.CountyNumber is { } county && counties.TryGetValue(county, out var name) ? name : i.CountyNumber,
            i.Sector, i.CallYear);
    }

    // A detail page names and sorts its 20 000 records again after every write that changes its figure, and the
    // projects are mostly the same objects from one write to the next (the views keep unchanged projects): their
    // labels and the labels' sort keys are kept with them. Sort keys order exactly as the culture's comparison does.
    private static readonly ConditionalWeakTable<ProjectFact, string> Labels = [];
    private static readonly ConditionalWeakTable<string, SortKey> SortKeys = [];
    private static readonly IComparer<SortKey> SortKeyOrder = Comparer<SortKey>.Create(SortKey.Compare);

    /// <summary>
    /// A project by id: by binary search where the projects are in id order (the cached views keep them so), else
    /// through a dictionary. A detail page is named again after every write, and a dictionary of every project
    /// (30 000 at ten times national scale) went to the large object heap each time.
    /// </summary>
    private static Func<int, ProjectFact?> ProjectsById(IReadOnlyList<ProjectFact> projects)
    {
        for (var i = 1; i < projects.Count; i++)
        {
            if (projects[i - 1].ProjectId >= projects[i].ProjectId)
            {
                var byId = projects.ToDictionary(p => p.ProjectId);
                return id => byId.GetValueOrDefault(id);
            }
        }

        return id =>
        {
            var (low, high) = (0, projects.Count - 1);
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var at = projects[middle].ProjectId;
                if (at == id)
                {
                    return projects[middle];
                }

                (low, high) = at < id ? (middle + 1, high) : (low, middle - 1);
            }

            return null;
        };
    }
}

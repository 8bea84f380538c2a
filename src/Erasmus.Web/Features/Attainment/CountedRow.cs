using System.Globalization;
using System.Runtime.CompilerServices;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// A target's result with its counted records named and in name order, and the counties and sectors
/// they are in: computed once per data version, so a request only filters, sorts and pages memory.
/// </summary>
public sealed record TargetDetail(TargetResult Result, IReadOnlyList<CountedRow> Rows, CountedRecordsChoices Choices)
{
    public static TargetDetail Of(TargetResult result, AttainmentInputs inputs)
    {
        var rows = CountedRow.Of(result, inputs);
        return new TargetDetail(result, rows, CountedRecordsQuery.Choices(rows));
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

    public static IReadOnlyList<CountedRow> Of(TargetResult result, AttainmentInputs inputs)
    {
        var counties = inputs.Counties.ToDictionary(c => c.Number, c => c.Name, StringComparer.Ordinal);
        var projects = ProjectsById(inputs.Projects);
        return [.. result.CountedItems.Select(i => new CountedRow(i.Item.Kind, i.Item.Id,
            i.Item.Kind == "project" && projects(i.Item.Id) is { } project ? Labels.GetValue(project, p => p.Reference + " – " + p.CoordinatorName)
                : i.Item.Label.Length > 0 ? i.Item.Label
                : i.Item.Kind + " " + i.Item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i.Numerator, i.Denominator, i.CountyNumber,
            i.CountyNumber is { } county && counties.TryGetValue(county, out var name) ? name : i.CountyNumber,
            i.Sector, i.CallYear))
            .OrderBy(r => SortKeys.GetValue(r.Label, CountedRecordsQuery.NameSortKey), SortKeyOrder)];
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

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
        var projects = result.CountedItems.Any(i => i.Item.Kind == "project")
            ? inputs.Projects.ToDictionary(p => p.ProjectId, p => p.Reference + " – " + p.CoordinatorName)
            : [];
        return [.. result.CountedItems.Select(i => new CountedRow(i.Item.Kind, i.Item.Id,
            i.Item.Kind == "project" && projects.TryGetValue(i.Item.Id, out var label) ? label
                : i.Item.Label.Length > 0 ? i.Item.Label
                : i.Item.Kind + " " + i.Item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i.Numerator, i.Denominator, i.CountyNumber,
            i.CountyNumber is { } county && counties.TryGetValue(county, out var name) ? name : i.CountyNumber,
            i.Sector, i.CallYear))
            .OrderBy(r => r.Label, CountedRecordsQuery.NameOrder)];
    }
}

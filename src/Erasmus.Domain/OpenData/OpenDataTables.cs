using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;

namespace Erasmus.Domain.OpenData;

/// <summary>A column of an open-data table: a sector and a call year (null where a counted item has none).</summary>
public sealed record OpenDataColumn(Sector? Sector, int? CallYear);

/// <summary>A row of an open-data table: a county (number null for items without a county).</summary>
public sealed record OpenDataRow(string? CountyNumber, string CountyName);

/// <summary>One target's published table: counties × (sector, call year) with its totals and marks.</summary>
public sealed record OpenDataTable(TargetDefinition Target, IReadOnlyList<OpenDataRow> Rows, IReadOnlyList<OpenDataColumn> Columns, SuppressedTable Published);

/// <summary>
/// The open-data tables (decision 0015): for every mobility and partnership target counted in whole
/// numbers, the figures by county × sector × call year from the same counted items as the dashboards,
/// in the county structure of the as-of date. The three dimensions are published as a two-way table
/// (county against sector × call year) with the county totals, the sector × call-year totals and the
/// national total; no county × sector or county × year subtotals, which would add equations the
/// suppression would have to protect as well.
/// </summary>
public static class OpenDataTables
{
    public static bool IsPublished(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Area is TargetArea.Mobility or TargetArea.Partnerships && target.Unit != TargetUnit.Percent;
    }

    /// <param name="counties">The counties shown, in order (those in force on the as-of date); counties with counted items outside them are added.</param>
    public static IReadOnlyList<OpenDataTable> Build(AttainmentInputs inputs, IEnumerable<TargetDefinition> targets, AttainmentParameters parameters,
        IReadOnlyList<OpenDataRow> counties)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(counties);
        var national = parameters with { County = null, Sector = null };
        var map = new AttainmentCalculator.CountyMap(inputs.Counties, national);
        return [.. targets.Where(IsPublished).OrderBy(t => t.SortOrder).Select(t => Build(inputs, t, national, map, counties))];
    }

    private static OpenDataTable Build(AttainmentInputs inputs, TargetDefinition target, AttainmentParameters parameters,
        AttainmentCalculator.CountyMap map, IReadOnlyList<OpenDataRow> counties)
    {
        var counted = AttainmentCalculator.Contributions(inputs, target, parameters)
            .Where(c => c.Numerator != 0)
            .Select(c => (County: map.KeyOf(c.CountyNumber), Column: new OpenDataColumn(c.Sector, c.CallYear), c.Numerator))
            .ToList();
        var rows = counties.ToList();
        foreach (var extra in counted.Select(c => c.County).Distinct().Where(k => rows.All(r => r.CountyNumber != k)).OrderBy(k => k is null ? 1 : 0)
                     .ThenBy(k => k, StringComparer.Ordinal))
        {
            rows.Add(new OpenDataRow(extra, extra is null ? "" : map.Label(extra)));
        }

        var columns = counted.Select(c => c.Column).Distinct()
            .OrderBy(c => c.Sector is null ? 1 : 0).ThenBy(c => c.Sector).ThenBy(c => c.CallYear is null ? 1 : 0).ThenBy(c => c.CallYear)
            .ToList();
        var rowIndex = rows.Select((r, i) => (r.CountyNumber, i)).ToDictionary(x => x.CountyNumber ?? "", x => x.i, StringComparer.Ordinal);
        var columnIndex = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var cells = new int[rows.Count, columns.Count];
        foreach (var c in counted)
        {
            cells[rowIndex[c.County ?? ""], columnIndex[c.Column]] += (int)c.Numerator;
        }

        return new OpenDataTable(target, rows, columns, SmallNumberSuppression.Suppress(new CountTable(cells)));
    }
}

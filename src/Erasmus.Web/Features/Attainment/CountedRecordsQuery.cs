using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The counted records' list on a target's page: its own county and sector filters (the figure above
/// stays as the page's parameters make it), a search in the names, sorting and paging. The records
/// are the cached result's, so this works in memory.
/// </summary>
public sealed class CountedRecordsQuery : ListQuery
{
    public const string DefaultSort = "post";

    /// <summary>Names in Norwegian alphabetical order (æ, ø, å last), whatever the page's language.</summary>
    public static readonly StringComparer NameOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), ignoreCase: true);

    /// <summary>A name's sort key in <see cref="NameOrder"/>: sort keys compare exactly as the comparer does.</summary>
    public static System.Globalization.SortKey NameSortKey(string name) =>
        System.Globalization.CultureInfo.GetCultureInfo("nb-NO").CompareInfo.GetSortKey(name, System.Globalization.CompareOptions.IgnoreCase);

    [StringLength(2)]
    public string? RecordCounty { get; set; }

    public Sector? RecordSector { get; set; }

    public IEnumerable<CountedRow> Filter(IEnumerable<CountedRow> rows)
    {
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        return rows
            .Where(r => string.IsNullOrEmpty(RecordCounty) || r.CountyNumber == RecordCounty)
            .Where(r => RecordSector is null || r.Sector == RecordSector)
            .Where(r => search is null || r.Label.Contains(search, StringComparison.CurrentCultureIgnoreCase));
    }

    /// <param name="rows">The records in name order (as <see cref="TargetDetail"/> keeps them), so the default order needs no sorting.</param>
    public PagedList<CountedRow> Apply(IReadOnlyList<CountedRow> rows)
    {
        if (IsWholeListInItsOwnOrder)
        {
            // A page is read from the kept rows by position: no copy of 20 000 records on every request.
            return Descending ? Paging.ToPagedList(rows.Count, i => rows[rows.Count - 1 - i], Page, PageSize) : rows.ToPagedList(Page, PageSize);
        }

        var filtered = Filter(rows);
        IEnumerable<CountedRow> sorted = (Sort ?? DefaultSort) switch
        {
            "bidrag" => Order(filtered, r => r.Numerator).ThenBy(r => r.Label, NameOrder),
            "fylke" => Order(filtered, r => r.CountyName ?? "").ThenBy(r => r.Label, NameOrder),
            "sektor" => Order(filtered, r => r.Sector?.ToString() ?? "").ThenBy(r => r.Label, NameOrder),
            "aar" => Order(filtered, r => r.CallYear ?? 0).ThenBy(r => r.Label, NameOrder),
            _ when Descending => filtered.Reverse(),
            _ => filtered,
        };
        return sorted.ToList().ToPagedList(Page, PageSize);
    }

    /// <summary>The counties and sectors the records are in, for the list's filters.</summary>
    public static CountedRecordsChoices Choices(IReadOnlyList<CountedRow> rows)
    {
        // One pass, no object per record: a target page's 20 000 records are named again after every write.
        var counties = new Dictionary<string, string>(StringComparer.Ordinal);
        var sectors = new HashSet<Sector>();
        foreach (var row in rows)
        {
            if (row.CountyNumber is { } county)
            {
                counties.TryAdd(county, row.CountyName ?? county);
            }

            if (row.Sector is { } sector)
            {
                sectors.Add(sector);
            }
        }

        return new([.. counties.Select(c => new FieldOption(c.Key, c.Value)).OrderBy(o => o.Text, NameOrder)], [.. sectors.Order()]);
    }

    /// <summary>No filter, and the default order (or its reverse): the rows as they are kept.</summary>
    private bool IsWholeListInItsOwnOrder => string.IsNullOrEmpty(RecordCounty) && RecordSector is null && string.IsNullOrWhiteSpace(Search)
        && (Sort ?? DefaultSort) is not ("bidrag" or "fylke" or "sektor" or "aar");

    private IOrderedEnumerable<CountedRow> Order<TKey>(IEnumerable<CountedRow> rows, Func<CountedRow, TKey> key) =>
        typeof(TKey) == typeof(string)
            ? Descending ? rows.OrderByDescending(r => (string)(object)key(r)!, NameOrder) : rows.OrderBy(r => (string)(object)key(r)!, NameOrder)
            : Descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
}

public sealed record CountedRecordsChoices(IReadOnlyList<FieldOption> Counties, IReadOnlyList<Sector> Sectors);

/// <summary>A county column of the county × target matrix, in the structure the figures are shown in.</summary>
public sealed record CountyColumn(string Number, string Name, bool Dissolved);

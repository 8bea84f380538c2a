using Erasmus.Domain.Entities;

namespace Erasmus.Domain.Attainment;

/// <summary>
/// A target's counted items summed by everything its figures read: by county, sector, call year, start year
/// and year entered (the breakdowns, series and figures by date), and by counted item (the list of counted
/// records). <see cref="AttainmentCalculator.ComputeTarget(AttainmentInputs, TargetDefinition, AttainmentParameters, ContributionSums)"/>
/// computes a target from these sums only, and the list form builds them from its list, so a result cannot
/// depend on anything else. An incremental reader may add the contributions of a changed project and remove
/// its old ones: the sums are then those of the whole list computed afresh (decision 0011, amendment 2).
/// </summary>
public sealed class ContributionSums
{
    private static readonly IComparer<CountedItem> _itemOrder = Comparer<CountedItem>.Create((a, b) =>
    {
        var byLabel = string.CompareOrdinal(a.Label, b.Label);
        if (byLabel != 0)
        {
            return byLabel;
        }

        var byKind = string.CompareOrdinal(a.Kind, b.Kind);
        return byKind != 0 ? byKind : a.Id.CompareTo(b.Id);
    });

    private readonly Dictionary<Dimensions, Sum> _dimensions = [];
    private readonly SortedDictionary<CountedItem, ItemSums>? _items;
    private List<Contribution>? _summed;

    /// <param name="keepItems">False leaves the counted items out (as a mobility target summed over projects has none).</param>
    public ContributionSums(bool keepItems = true)
    {
        _items = keepItems ? new SortedDictionary<CountedItem, ItemSums>(_itemOrder) : null;
    }

    /// <summary>One contribution per combination of dimensions, with the sums (no counted item): what figures, breakdowns and series read.</summary>
    public IReadOnlyList<Contribution> Summed => _summed ??= [.. _dimensions.Select(d =>
        new Contribution(d.Value.Numerator, d.Value.Denominator, d.Key.CountyNumber, d.Key.Sector, d.Key.CallYear, d.Key.StartYear, null, d.Key.EnteredYear))];

    /// <summary>How many counted items there are (all counties and sectors).</summary>
    public int ItemCount => _items?.Count ?? 0;

    public static ContributionSums Of(IEnumerable<Contribution> contributions, bool keepItems = true)
    {
        var sums = new ContributionSums(keepItems);
        sums.Add(contributions);
        return sums;
    }

    public void Add(IEnumerable<Contribution> contributions) => Change(contributions, 1);

    /// <summary>
    /// Takes contributions added before away again. Each counted item must go whole (all its contributions at
    /// once), as a project's do when it changes: its first county and earliest call year cannot be undone in part.
    /// </summary>
    public void Remove(IEnumerable<Contribution> contributions) => Change(contributions, -1);

    private void Change(IEnumerable<Contribution> contributions, int sign)
    {
        _summed = null;
        List<CountedItem>? touched = null;
        foreach (var c in contributions)
        {
            var key = new Dimensions(c.CountyNumber, c.Sector, c.CallYear, c.StartYear, c.EnteredYear);
            var sum = _dimensions.GetValueOrDefault(key).Plus(c, sign);
            if (sum.Count == 0)
            {
                _dimensions.Remove(key);
            }
            else
            {
                _dimensions[key] = sum;
            }

            if (_items is null || c.Item is null)
            {
                continue;
            }

            if (!_items.TryGetValue(c.Item, out var item))
            {
                if (sign < 0)
                {
                    throw new InvalidOperationException($"Counted item {c.Item.Kind} {c.Item.Id} was never added.");
                }

                _items[c.Item] = item = new ItemSums();
            }

            item.Change(c, sign);
            if (sign < 0)
            {
                (touched ??= []).Add(c.Item);
            }
        }

        foreach (var item in touched ?? [])
        {
            if (_items!.TryGetValue(item, out var left))
            {
                if (left.Parts.Count > 0)
                {
                    throw new InvalidOperationException($"Counted item {item.Kind} {item.Id} was removed in part.");
                }

                _items.Remove(item);
            }
        }
    }

    /// <summary>
    /// The counted items, ordered by label (then kind and number), each summed over its contributions that
    /// <paramref name="keep"/> lets through, with the county and sector of the first of those and their earliest call year.
    /// </summary>
    public IEnumerable<(CountedItem Item, decimal Numerator, decimal Denominator, string? CountyNumber, Sector? Sector, int? CallYear)> Items(
        Func<string?, Sector?, bool> keep)
    {
        foreach (var (item, sums) in _items ?? [])
        {
            // The parts are in the order their (county, sector) was first seen, so the first part kept holds the first contribution kept.
            (decimal Numerator, decimal Denominator, string? County, Sector? Sector, int? CallYear)? total = null;
            foreach (var part in sums.Parts)
            {
                if (!keep(part.CountyNumber, part.Sector))
                {
                    continue;
                }

                total = total is { } t
                    ? (t.Numerator + part.Sum.Numerator, t.Denominator + part.Sum.Denominator, t.County, t.Sector, Min(t.CallYear, part.CallYear))
                    : (part.Sum.Numerator, part.Sum.Denominator, part.CountyNumber, part.Sector, part.CallYear);
            }

            if (total is { } kept)
            {
                yield return (item, kept.Numerator, kept.Denominator, kept.County, kept.Sector, kept.CallYear);
            }
        }
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private readonly record struct Dimensions(string? CountyNumber, Sector? Sector, int? CallYear, int? StartYear, int? EnteredYear);

    private readonly record struct Sum(decimal Numerator, decimal Denominator, int Count)
    {
        public Sum Plus(Contribution c, int sign) => new(Numerator + (sign * c.Numerator), Denominator + (sign * c.Denominator), Count + sign);
    }

    /// <summary>One counted item's contributions per county and sector, in the order each pair was first seen.</summary>
    private sealed class ItemSums
    {
        public List<Part> Parts { get; } = [];

        public void Change(Contribution c, int sign)
        {
            var index = Parts.FindIndex(p => p.CountyNumber == c.CountyNumber && p.Sector == c.Sector);
            if (index < 0)
            {
                if (sign < 0)
                {
                    throw new InvalidOperationException($"Counted item {c.Item!.Kind} {c.Item.Id} has nothing in county {c.CountyNumber} to remove.");
                }

                Parts.Add(new Part(c.CountyNumber, c.Sector, c.CallYear, new Sum(c.Numerator, c.Denominator, 1)));
                return;
            }

            var part = Parts[index];
            var sum = part.Sum.Plus(c, sign);
            if (sum.Count == 0)
            {
                Parts.RemoveAt(index);
            }
            else
            {
                Parts[index] = part with { Sum = sum, CallYear = sign > 0 ? Min(part.CallYear, c.CallYear) : part.CallYear };
            }
        }
    }

    private sealed record Part(string? CountyNumber, Sector? Sector, int? CallYear, Sum Sum);
}

using Erasmus.Domain.Attainment;

namespace Erasmus.Domain.Population;

/// <summary>A population figure as the rates read it: a county's own (no institution) or one institution's within the county.</summary>
public sealed record PopulationEntry(string CountyNumber, string GroupCode, int? InstitutionId, decimal Value);

/// <summary>
/// The county figures of the rates and expected shares (DOMAIN.md, "Population figures and rates").
/// A county's figure for a group is its own row. Institution rows are a breakdown of the county and never
/// added to it; only where a county has no row of its own for a higher-education group is its figure the
/// sum of its institutions' rows (the employees or students of the institutions located in it, which is
/// where its higher-education mobility is counted). Such a sum covers the institutions loaded, no more.
/// </summary>
public static class CountyPopulation
{
    /// <summary>Each county's figure per group, by the rule above; a group without a row in a county is absent.</summary>
    public static IReadOnlyDictionary<(string County, string Group), decimal> Figures(IEnumerable<PopulationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var figures = list.Where(e => e.InstitutionId is null)
            .GroupBy(e => (e.CountyNumber, e.GroupCode))
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        foreach (var institutions in list.Where(e => e.InstitutionId is not null && PopulationGroup.Find(e.GroupCode) is { PerInstitution: true })
                     .GroupBy(e => (e.CountyNumber, e.GroupCode)))
        {
            figures.TryAdd(institutions.Key, institutions.Sum(e => e.Value));
        }

        return figures;
    }

    /// <summary>
    /// Each target's population in every county that has a figure for all of the target's groups (a partial
    /// sum would understate it), and the county's share of the national population: the counties' figures added up.
    /// </summary>
    public static IReadOnlyList<PopulationShare> Shares(IEnumerable<PopulationEntry> entries)
    {
        var figures = Figures(entries);
        var shares = new List<PopulationShare>();
        var targets = figures.Keys.SelectMany(k => PopulationGroup.Find(k.Group)?.TargetCodes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var groups = PopulationGroup.DenominatorOf(target).Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
            var byCounty = figures.Where(f => groups.Contains(f.Key.Group)).GroupBy(f => f.Key.County, StringComparer.Ordinal)
                .Where(g => g.Count() == groups.Count)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (County: g.Key, Value: g.Sum(f => f.Value)))
                .ToList();
            var national = byCounty.Sum(c => c.Value);
            shares.AddRange(byCounty.Select(c => new PopulationShare(target, c.County, national == 0 ? 0 : c.Value / national, c.Value)));
        }

        return shares;
    }
}

using System.Globalization;

namespace Erasmus.Domain.Population;

/// <summary>One institution's participants against its own employees or students.</summary>
public sealed record InstitutionRate(int InstitutionId, string CountyNumber, decimal Participants, decimal Population, decimal? RatePer1000, int? Rank);

/// <summary>
/// A higher-education target's rates per institution (DOMAIN.md, "Population figures and rates": the
/// employees and students of each institution): the participants of an institution's own projects per
/// 1 000 of its group, ranked highest first as the counties are, and the rate of all those institutions
/// together. Only institutions with a figure of the target's group get a rate.
/// </summary>
public sealed record InstitutionRates(IReadOnlyList<InstitutionRate> Institutions, decimal? AllRatePer1000)
{
    public InstitutionRate? For(int institutionId) => Institutions.FirstOrDefault(i => i.InstitutionId == institutionId);

    /// <summary>
    /// The rates of <paramref name="targetCode"/> from the year's institution rows (the county rows are no
    /// part of it) and the participants counted per institution. Null for a target whose group has no
    /// figures per institution, or while none is loaded.
    /// </summary>
    public static InstitutionRates? Of(string targetCode, IEnumerable<PopulationEntry> entries, IReadOnlyDictionary<int, decimal> participants)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(participants);
        var groups = PopulationGroup.DenominatorOf(targetCode);
        if (groups.Count == 0 || groups.Any(g => !g.PerInstitution))
        {
            return null;
        }

        var codes = groups.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        // An institution needs a figure for every group of the target, as a county does; rows of one county
        // only (the caller gives the counties of one structure, so an institution is in one of them).
        var populations = entries.Where(e => e.InstitutionId is not null && codes.Contains(e.GroupCode))
            .GroupBy(e => e.InstitutionId!.Value)
            .Select(g => (Id: g.Key, Rows: g.Where(e => e.CountyNumber == g.Select(x => x.CountyNumber).Order(StringComparer.Ordinal).First()).ToList()))
            .Where(g => g.Rows.Select(e => e.GroupCode).Distinct(StringComparer.Ordinal).Count() == codes.Count)
            .Select(g => (g.Id, County: g.Rows[0].CountyNumber, Population: g.Rows.Sum(e => e.Value)))
            .ToList();
        if (populations.Count == 0)
        {
            return null;
        }

        static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
        var ranked = PopulationRates.Rank(populations.Select(p => (Key(p.Id), participants.GetValueOrDefault(p.Id), (decimal?)p.Population)))
            .ToDictionary(r => r.CountyNumber, StringComparer.Ordinal);
        var rates = populations
            .Select(p => (Institution: p, Rate: ranked[Key(p.Id)]))
            .Select(x => new InstitutionRate(x.Institution.Id, x.Institution.County, x.Rate.Participants, x.Institution.Population, x.Rate.RatePer1000, x.Rate.Rank))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.InstitutionId)
            .ToList();
        return new InstitutionRates(rates, PopulationRates.Per1000(rates.Sum(r => r.Participants), rates.Sum(r => r.Population)));
    }
}

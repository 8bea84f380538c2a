namespace Erasmus.Domain.Population;

/// <summary>A county's participants against its population of the target's group.</summary>
public sealed record CountyRate(string CountyNumber, decimal Participants, decimal? Population, decimal? RatePer1000, int? Rank, decimal? PopulationShare);

/// <summary>
/// Rates per 1 000 of a population group and the counties' ranks by rate (DOMAIN.md, "Population
/// figures and rates"). Counties without a figure get no rate and no rank; the rest are ranked highest
/// rate first, equal rates sharing a rank (1, 2, 2, 4).
/// </summary>
public static class PopulationRates
{
    /// <summary>Participants per 1 000 of the group, two decimals; null without a population above 0.</summary>
    public static decimal? Per1000(decimal participants, decimal? population) =>
        population is > 0 ? Math.Round(participants / population.Value * 1000, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>The county's share (0–1) of the national population; null without both figures.</summary>
    public static decimal? ShareOf(decimal? population, decimal nationalPopulation) =>
        population is { } p && nationalPopulation > 0 ? p / nationalPopulation : null;

    /// <summary>The national population: the counties' figures added up, null while no county has one.</summary>
    public static decimal? National(IEnumerable<decimal?> populations)
    {
        var known = populations.OfType<decimal>().ToList();
        return known.Count == 0 ? null : known.Sum();
    }

    public static IReadOnlyList<CountyRate> Rank(IEnumerable<(string CountyNumber, decimal Participants, decimal? Population)> counties)
    {
        var list = counties.ToList();
        var nationalPopulation = National(list.Select(c => c.Population)) ?? 0;
        var rated = list.Select(c => (c.CountyNumber, c.Participants, c.Population, Rate: Per1000(c.Participants, c.Population))).ToList();
        var rates = rated.Where(r => r.Rate is not null).Select(r => r.Rate!.Value).ToList();
        return rated
            .Select(r => new CountyRate(r.CountyNumber, r.Participants, r.Population, r.Rate,
                r.Rate is { } rate ? rates.Count(x => x > rate) + 1 : null,
                ShareOf(r.Population, nationalPopulation)))
            .ToList();
    }
}

/// <summary>A target's rate in every county with a population figure, and the nation's.</summary>
public sealed record TargetRates(IReadOnlyDictionary<string, CountyRate> ByCounty, decimal? NationalRatePer1000)
{
    public CountyRate? For(string county) => ByCounty.GetValueOrDefault(county);

    /// <summary>
    /// The rates of a target's breakdown by county: each county with a population figure of the target's
    /// group gets its participants per 1 000 and its rank (a county without counted participants has 0);
    /// the nation's rate is the national figure (the result's value: a result of the whole country, with
    /// the sector chosen if any) over the counties' populations added up. Null for a share target or a
    /// target without population figures.
    /// </summary>
    public static TargetRates? Of(Erasmus.Domain.Attainment.TargetResult result, IEnumerable<Erasmus.Domain.Attainment.PopulationShare> populations)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsShare || !result.Applicable
            ? null
            : Of(result.Target.Code, result.ByCounty.Select(r => (r.Key, r.Value)), result.Value, populations);
    }

    /// <summary>
    /// The one computation of county rates, which the county matrix, a target's county table, the map, a
    /// county view (the calculator), the API and the workbook all take theirs from: each county with a
    /// population of the target's group gets participants per 1 000 (0 without counted participants) and
    /// its rank; the nation's rate is <paramref name="nationalParticipants"/> over the counties'
    /// populations added up. Null while the target has no population figures.
    /// </summary>
    public static TargetRates? Of(string targetCode, IEnumerable<(string County, decimal Participants)> participants, decimal nationalParticipants,
        IEnumerable<Erasmus.Domain.Attainment.PopulationShare> populations)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(populations);
        var ofTarget = populations.Where(p => p.TargetCode == targetCode && p.Population is not null).ToList();
        if (ofTarget.Count == 0)
        {
            return null;
        }

        var values = participants.GroupBy(r => r.County, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Participants), StringComparer.Ordinal);
        var ranked = PopulationRates.Rank(ofTarget.Select(p => (p.CountyNumber, values.GetValueOrDefault(p.CountyNumber), p.Population)));
        return new TargetRates(ranked.ToDictionary(r => r.CountyNumber, StringComparer.Ordinal),
            PopulationRates.Per1000(nationalParticipants, PopulationRates.National(ofTarget.Select(p => p.Population))));
    }
}

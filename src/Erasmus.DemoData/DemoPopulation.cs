using Erasmus.Domain.Population;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.DemoData;

/// <summary>
/// Plausible population figures for the demo database, marked as demo figures: national totals of the
/// right size (roughly SSB's for the 2020s) split by the counties' rough population weights, for both
/// county structures, 2020 to 2026, each county for the years it was in force. Added once, only while the table is empty.
/// </summary>
internal static class DemoPopulation
{
    /// <summary>Approximate national totals: about 635 000 pupils in primary and lower secondary school, and so on.</summary>
    private static readonly Dictionary<string, int> NationalTotals = new(StringComparer.Ordinal)
    {
        ["SCH-PUPILS-PRIMARY"] = 635_000,
        ["SCH-PUPILS-GENERAL-UPPER"] = 105_000,
        ["VET-LEARNERS"] = 125_000,
        ["ADU-PARTICIPANTS"] = 30_000,
        ["SCH-STAFF"] = 190_000,
        ["HED-STAFF"] = 40_000,
        ["HED-STUDENTS"] = 300_000,
    };

    public const int FirstYear = 2020;
    public const int LastYear = 2026;

    public static async Task SeedAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        if (await db.PopulationFigures.AnyAsync(cancellationToken))
        {
            return;
        }

        var counties = await db.Counties.AsNoTracking().ToListAsync(cancellationToken);
        var weights = NorwegianNames.Counties.ToDictionary(c => c.Number, c => c.Weight, StringComparer.Ordinal);
        var total = weights.Values.Sum();

        // A county of the 2020–2023 structure weighs what its parts of today weigh together.
        double WeightOf(string number) => weights.TryGetValue(number, out var w)
            ? w
            : counties.Where(c => c.PartOf2020CountyNumber == number && c.Number != number && weights.ContainsKey(c.Number)).Sum(c => weights[c.Number]);

        foreach (var county in counties)
        {
            var share = WeightOf(county.Number) / total;
            // Only the years the county was in force: the dissolved ones 2020–2023, the new ones from 2024.
            for (var year = Math.Max(FirstYear, county.ValidFrom.Year); year <= Math.Min(LastYear, county.ValidTo?.Year ?? LastYear); year++)
            {
                // A slow drift over the years, so the figures of different years are not identical.
                var drift = 1 + ((year - 2023) * 0.004);
                foreach (var (group, national) in NationalTotals)
                {
                    db.PopulationFigures.Add(new PopulationFigure(county.Number, year, group, (int)Math.Round(national * share * drift), isDemo: true));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;
using Erasmus.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.DemoData;

/// <summary>
/// Plausible population figures for the demo database, marked as demo figures: national totals of the
/// right size (roughly SSB's for the 2020s) split by the counties' rough population weights, for both
/// county structures, 2020 to 2026, each county for the years it was in force. Added once, only while the table is empty.
/// The higher-education institutions of he-institutions.csv get their own employees and students (roughly DBH's
/// figures of the 2020s), in their county of each year's structure, once, while no institution has a figure.
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

    /// <summary>Approximate students and employees of each institution (short name of he-institutions.csv).</summary>
    private static readonly Dictionary<string, (int Students, int Staff)> Institutions = new(StringComparer.Ordinal)
    {
        ["UiO"] = (27_000, 7_500), ["NTNU"] = (43_000, 8_000), ["UiB"] = (18_000, 4_000), ["UiT"] = (17_000, 3_800),
        ["OsloMet"] = (22_000, 2_500), ["UiA"] = (14_000, 1_600), ["UiS"] = (12_000, 1_900), ["USN"] = (18_000, 1_800),
        ["Nord"] = (11_000, 1_300), ["HVL"] = (17_000, 1_900), ["INN"] = (15_000, 1_200), ["NMBU"] = (7_000, 1_900),
        ["HiØ"] = (7_500, 650), ["HiMolde"] = (2_500, 250), ["HVO"] = (4_000, 350), ["NHH"] = (3_600, 500),
        ["KHiO"] = (650, 250), ["NMH"] = (800, 280), ["NIH"] = (1_200, 250), ["AHO"] = (800, 230), ["SA"] = (300, 100),
    };

    public const int FirstYear = 2020;
    public const int LastYear = 2026;

    public static async Task SeedAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        await SeedCountiesAsync(db, cancellationToken);
        await SeedInstitutionsAsync(db, cancellationToken);
    }

    private static async Task SeedCountiesAsync(ErasmusDbContext db, CancellationToken cancellationToken)
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

    /// <summary>
    /// Each institution's figures for every year, in the county it lies in that year: its own from 2024, the
    /// 2020–2023 county it was part of before. They are a breakdown: the counties' figures stay as they are.
    /// </summary>
    private static async Task SeedInstitutionsAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        if (await db.PopulationFigures.AnyAsync(f => f.InstitutionId != null, cancellationToken))
        {
            return;
        }

        var names = ReferenceFiles.Read("he-institutions.csv").ToDictionary(r => r.Text("name"), r => r.Text("short_name"), StringComparer.Ordinal);
        var nameList = names.Keys.ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Type == OrganisationType.HigherEducationInstitution && o.CountryCode == Organisation.Norway && o.CountyNumber != null && nameList.Contains(o.Name))
            .Select(o => new { o.Id, o.Name, County = o.CountyNumber! })
            .ToListAsync(cancellationToken);
        var counties = await db.Counties.AsNoTracking().ToDictionaryAsync(c => c.Number, cancellationToken);
        foreach (var organisation in organisations.GroupBy(o => o.Name).Select(g => g.OrderBy(o => o.Id).First()))
        {
            if (!Institutions.TryGetValue(names[organisation.Name], out var size) || !counties.TryGetValue(organisation.County, out var own))
            {
                continue;
            }

            for (var year = FirstYear; year <= LastYear; year++)
            {
                var county = year < CountyStructure.SplitDate.Year ? own.PartOf2020CountyNumber : own.Number;
                var drift = 1 + ((year - 2023) * 0.006);
                db.PopulationFigures.Add(new PopulationFigure(county, year, "HED-STUDENTS", (int)Math.Round(size.Students * drift), isDemo: true, organisation.Id));
                db.PopulationFigures.Add(new PopulationFigure(county, year, "HED-STAFF", (int)Math.Round(size.Staff * drift), isDemo: true, organisation.Id));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

using Erasmus.Domain.Entities;

namespace Erasmus.Domain.Attainment;

/// <summary>
/// The county × sector (SCH, VET, ADU) accreditation matrix of the county authorities in force on the
/// as-of date, in that date's structure, marking those accredited in fewer than two sectors.
/// </summary>
public sealed record CountyMatrix(DateOnly AsOf, IReadOnlyList<CountyMatrixRow> Rows)
{
    public int WithTwoOrMore => Rows.Count(r => r.SectorCount >= 2);
    public int WithExactlyOne => Rows.Count(r => r.SectorCount == 1);

    public static CountyMatrix Build(AttainmentInputs inputs, AttainmentParameters parameters)
    {
        var rows = inputs.Counties
            .Where(c => c.IsCountyAuthority && c.IsInForceOn(parameters.AsOf))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c =>
            {
                var held = inputs.Accreditations
                    .Where(a => a.InForceOnAsOf && a.HolderType == OrganisationType.CountyAuthority && a.HolderCounty == c.Number)
                    .ToList();
                var sectors = DomainVocabulary.AccreditationSectors.ToDictionary(s => s, s => held.Any(a => a.Sector == s));
                return new CountyMatrixRow(c.Number, c.Name, held.FirstOrDefault()?.HolderName, sectors, sectors.Count(s => s.Value));
            })
            .ToList();
        return new CountyMatrix(parameters.AsOf, rows);
    }
}

public sealed record CountyMatrixRow(string CountyNumber, string CountyName, string? AuthorityName, IReadOnlyDictionary<Sector, bool> Sectors, int SectorCount)
{
    public bool BelowTwoSectors => SectorCount < 2;
}

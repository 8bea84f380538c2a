using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>
/// The county × sector accreditation matrix (DOMAIN.md, "County authorities"): the county authorities in
/// force on the date, by name, with the sectors in which they hold an accreditation in force.
/// </summary>
public class CountyMatrixTests
{
    private static CountyMatrix Build(DateOnly asOf, params AccreditationFact[] accreditations) =>
        CountyMatrix.Build(Inputs(accreditations: accreditations), new AttainmentParameters(asOf, CountingBasis.Awarded));

    [Fact]
    public void The_rows_are_the_county_authorities_in_force_ordered_by_name()
    {
        var before = Build(new DateOnly(2023, 12, 31));
        var after = Build(new DateOnly(2024, 1, 1));

        // Oslo is no county authority; Viken, Vestfold og Telemark and Troms og Finnmark end with 2023.
        Assert.Equal(["Agder", "Innlandet", "Møre og Romsdal", "Nordland", "Rogaland", "Troms og Finnmark", "Trøndelag", "Vestfold og Telemark", "Vestland", "Viken"],
            before.Rows.Select(r => r.CountyName));
        Assert.Equal(14, after.Rows.Count);
        Assert.Equal("Agder", after.Rows[0].CountyName);
        Assert.DoesNotContain(after.Rows, r => r.CountyNumber == "30");
        Assert.Equal(new DateOnly(2024, 1, 1), after.AsOf);
    }

    [Fact]
    public void Each_row_marks_the_sectors_held_in_force_by_the_county_authority()
    {
        var matrix = Build(new DateOnly(2022, 6, 1),
            Accreditation(46, "46", Sector.VET), Accreditation(46, "46", Sector.SCH), Accreditation(46, "46", Sector.SCH),
            Accreditation(11, "11", Sector.ADU), Accreditation(11, "11", Sector.VET, inForce: false),
            Accreditation(999, "42", Sector.SCH, type: OrganisationType.UpperSecondarySchool));

        var vestland = matrix.Rows.Single(r => r.CountyNumber == "46");
        var rogaland = matrix.Rows.Single(r => r.CountyNumber == "11");
        var agder = matrix.Rows.Single(r => r.CountyNumber == "42");

        Assert.Equal((2, false, "Fylkeskommune 46"), (vestland.SectorCount, vestland.BelowTwoSectors, vestland.AuthorityName));
        Assert.Equal([(Sector.SCH, true), (Sector.VET, true), (Sector.ADU, false)], vestland.Sectors.Select(s => (s.Key, s.Value)));
        Assert.Equal((1, true), (rogaland.SectorCount, rogaland.BelowTwoSectors));
        Assert.Equal(new Dictionary<Sector, bool> { [Sector.SCH] = false, [Sector.VET] = false, [Sector.ADU] = true }, rogaland.Sectors);
        // A school's accreditation is not the county authority's.
        Assert.Equal((0, true, (string?)null), (agder.SectorCount, agder.BelowTwoSectors, agder.AuthorityName));
        Assert.Equal((1, 1), (matrix.WithTwoOrMore, matrix.WithExactlyOne));
    }

    [Fact]
    public void Three_sectors_count_as_two_or_more()
    {
        var matrix = Build(new DateOnly(2022, 6, 1), Accreditation(46, "46", Sector.VET), Accreditation(46, "46", Sector.SCH), Accreditation(46, "46", Sector.ADU));

        Assert.Equal((1, 0, 3), (matrix.WithTwoOrMore, matrix.WithExactlyOne, matrix.Rows.Single(r => r.CountyNumber == "46").SectorCount));
    }
}

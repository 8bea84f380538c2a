using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>DOMAIN.md, "Which targets a sector view shows" and "County views", table by table.</summary>
public sealed class SectorAndCountyViewTests
{
    public static TheoryData<string, TargetDefinition, Sector, bool> ApplicabilityCases => new()
    {
        { "VET learners in a VET view", VetLearners, Sector.VET, true },
        { "VET learners in a school view", VetLearners, Sector.SCH, false },
        { "school pupils in a VET view", SchoolPupils, Sector.VET, false },
        { "school staff (SM-* on SCH projects) in a school view", SchoolStaff, Sector.SCH, true },
        { "school staff in a VET view, though SM-* is used in VET too", SchoolStaff, Sector.VET, false },
        { "adult education in an adult-education view", AdultEducation, Sector.ADU, true },
        { "higher-education staff in a VET view", HigherEducationStaff, Sector.VET, false },
        { "higher-education staff in a higher-education view", HigherEducationStaff, Sector.HED, true },
        { "county authorities in a VET view", CountyAuthorities, Sector.VET, true },
        { "county authorities in an adult-education view", CountyAuthorities, Sector.ADU, true },
        { "county authorities in a higher-education view", CountyAuthorities, Sector.HED, false },
        { "partnerships in a youth view", Partnerships, Sector.YOU, true },
        { "working life in a sport view", WorkingLife, Sector.SPORT, true },
        { "CoVE in a higher-education view (a partnership-area target belongs to every sector)", CentresOfExcellence, Sector.HED, true },
    };

    [Theory]
    [MemberData(nameof(ApplicabilityCases))]
    public void A_target_belongs_to_the_sectors_of_its_activity_types_or_to_every_sector(string because, TargetDefinition target, Sector sector, bool applies)
    {
        Assert.True(applies == TargetSectors.Applies(target, sector), because);
        Assert.True(TargetSectors.Applies(target, null), "every target belongs in a view of all sectors");
    }

    [Fact]
    public void A_target_outside_the_sector_is_not_applicable_never_zero_and_at_risk()
    {
        var inputs = Inputs(awarded: [Awarded(7, "LM-SHORT-PUPIL", Sector.SCH), Awarded(12)]);

        var pupils = AttainmentCalculator.ComputeTarget(inputs, SchoolPupils, new AttainmentParameters(September2021, CountingBasis.Awarded, Sector: Sector.VET));
        var vet = AttainmentCalculator.ComputeTarget(inputs, VetLearners, new AttainmentParameters(September2021, CountingBasis.Awarded, Sector: Sector.VET));

        Assert.False(pupils.Applicable);
        Assert.Null(pupils.Status);
        Assert.Null(pupils.PercentOfTarget);
        Assert.Null(pupils.ExpectedValue);
        Assert.Equal(ProjectionNote.NotApplicable, pupils.ProjectionNote);
        // VET learners are VET only: the VET view's figure is the national one and is judged as such.
        Assert.True(vet.Applicable);
        Assert.Null(vet.Part);
        Assert.Equal(12, vet.Value);
        Assert.Equal(AttainmentStatus.AtRisk, vet.Status);
    }

    [Fact]
    public void A_sector_view_of_a_target_spanning_sectors_shows_the_sectors_part_without_status()
    {
        var projects = new[] { Project(sector: Sector.VET), Project(sector: Sector.VET), Project(sector: Sector.SCH), Project(sector: Sector.ADU) };

        var result = AttainmentCalculator.ComputeTarget(Inputs(projects: projects), Partnerships, new AttainmentParameters(September2021, CountingBasis.Awarded, Sector: Sector.VET));

        Assert.Equal(2, result.Value);
        Assert.Equal(new PartOfNational(4, null, 50m, null), result.Part);
        Assert.Null(result.Status);
        Assert.Null(result.PercentOfTarget);
    }

    public static TheoryData<string, decimal, decimal, decimal?, decimal?, bool, decimal?> ShareOfNationalCases => new()
    {
        // value, national value, numerator, national numerator, is a share → percent of the national figure
        { "Vestland's 796 of 8 478 VET learners", 796m, 8478m, null, null, false, 9.4m },
        { "all of the national figure", 12m, 12m, null, null, false, 100m },
        { "nothing nationally: no share", 0m, 0m, null, null, false, null },
        { "a share target: 5 of the nation's 17 working-life partnerships", 71.4m, 60.7m, 5m, 17m, true, 29.4m },
        { "a share target with no national numerator", 0m, 0m, 0m, 0m, true, null },
        { "one of four county authorities with two sectors", 100m, 40m, 1m, 4m, true, 25m },
    };

    [Theory]
    [MemberData(nameof(ShareOfNationalCases))]
    public void A_countys_share_of_the_national_figure(string because, decimal value, decimal national, decimal? numerator, decimal? nationalNumerator, bool isShare,
        decimal? share)
    {
        Assert.True(share == CountyShare.OfNational(value, national, numerator, nationalNumerator, isShare), because);
    }

    public static TheoryData<string, decimal, decimal?, TargetUnit, decimal?> ExpectedShareCases => new()
    {
        { "no population figures: no expected share", 1068m, null, TargetUnit.Participants, null },
        { "9.4 % of the population of 1 068 expected nationally", 1068m, 0.094m, TargetUnit.Participants, 100m },
        { "a whole number, half up", 1000m, 0.0125m, TargetUnit.Participants, 13m },
        { "a share target has no population share to apply", 15m, 0.1m, TargetUnit.Percent, null },
    };

    [Theory]
    [MemberData(nameof(ExpectedShareCases))]
    public void A_countys_expected_share_exists_only_with_population_figures(string because, decimal nationalExpected, decimal? population, TargetUnit unit,
        decimal? expected)
    {
        Assert.True(expected == CountyShare.Expected(nationalExpected, population, unit), because);
    }

    [Fact]
    public void A_county_view_is_never_judged_against_the_national_target()
    {
        // Vestland 12 + 4, Rogaland 8: Vestland's 16 of 24 nationally.
        var inputs = Inputs(awarded: [Awarded(12, county: "46"), Awarded(4, "LM-LONG-VET", county: "46"), Awarded(8, county: "11")]);

        var vestland = AttainmentCalculator.ComputeTarget(inputs, VetLearners, new AttainmentParameters(September2021, CountingBasis.Awarded, County: "46"));

        Assert.Equal(16, vestland.Value);
        Assert.Equal(new PartOfNational(24, null, 66.7m, null), vestland.Part);
        Assert.Null(vestland.PercentOfTarget);
        Assert.Null(vestland.Status);
        Assert.Null(vestland.ExpectedValue);
        Assert.Null(vestland.ProjectedAt2027);
        Assert.Equal(ProjectionNote.PartOfNational, vestland.ProjectionNote);
    }

    [Fact]
    public void With_a_population_share_a_county_is_judged_against_its_expected_share()
    {
        // 1 068 expected nationally in September 2021; Vestland's 10 % of the group: 107 expected; 16 is 15 % of that: at risk.
        var inputs = Inputs(awarded: [Awarded(16, county: "46"), Awarded(8, county: "11")]) with { Populations = [new PopulationShare("T", "46", 0.1m)] };

        var vestland = AttainmentCalculator.ComputeTarget(inputs, VetLearners, new AttainmentParameters(September2021, CountingBasis.Awarded, County: "46"));

        Assert.Equal(107m, vestland.ExpectedValue);
        Assert.Equal(AttainmentStatus.AtRisk, vestland.Status);
    }
}

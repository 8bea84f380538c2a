using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Population;

/// <summary>A county view's rates are the county matrix's: the calculator takes them from the same computation, with the same participants.</summary>
public sealed class CountyViewRateTests
{
    /// <summary>A target of two sectors, so a sector view counts part of it.</summary>
    private static readonly TargetDefinition TwoSectors = WithSectors(Target(MetricKind.MobilityParticipants, """{"activityTypes":["LM-SHORT-VET","LM-SHORT-PUPIL"]}""", 10000));

    private static readonly DateOnly September2021 = new(2021, 9, 30);

    [Fact]
    public void In_a_sector_view_the_nations_rate_beside_a_countys_counts_the_same_sector()
    {
        // VET: Vestland 10, Rogaland 20; school: Vestland 30. Each county 10 000 in the group.
        var inputs = Inputs(awarded: [Awarded(10, "LM-SHORT-VET", Sector.VET, "46"), Awarded(30, "LM-SHORT-PUPIL", Sector.SCH, "46"), Awarded(20, "LM-SHORT-VET", Sector.VET, "11")])
            with { Populations = [new PopulationShare("T", "46", 0.5m, 10_000), new PopulationShare("T", "11", 0.5m, 10_000)] };

        var vestland = AttainmentCalculator.ComputeTarget(inputs, TwoSectors, new AttainmentParameters(September2021, CountingBasis.Awarded, County: "46", Sector: Sector.VET));
        var matrix = TargetRates.Of(AttainmentCalculator.ComputeTarget(inputs, TwoSectors, new AttainmentParameters(September2021, CountingBasis.Awarded, Sector: Sector.VET)),
            inputs.Populations!)!;

        // Vestland's VET 10 of 10 000 = 1.00, second to Rogaland's 2.00; the nation's VET 30 of 20 000 = 1.50 (all sectors would give 3.00).
        Assert.Equal((1.00m, 2), (vestland.Rate!.RatePer1000!.Value, vestland.Rate.Rank!.Value));
        Assert.Equal(1.50m, vestland.NationalRatePer1000);
        Assert.Equal((matrix.For("46")!.RatePer1000, matrix.For("46")!.Rank, matrix.NationalRatePer1000), (vestland.Rate.RatePer1000, vestland.Rate.Rank, vestland.NationalRatePer1000));
    }

    [Fact]
    public void Without_a_sector_a_county_views_rates_are_the_county_matrixs()
    {
        var inputs = Inputs(awarded: [Awarded(10, "LM-SHORT-VET", Sector.VET, "46"), Awarded(30, "LM-SHORT-PUPIL", Sector.SCH, "46"), Awarded(20, "LM-SHORT-VET", Sector.VET, "11")])
            with { Populations = [new PopulationShare("T", "46", 0.5m, 10_000), new PopulationShare("T", "11", 0.5m, 10_000)] };

        var rogaland = AttainmentCalculator.ComputeTarget(inputs, TwoSectors, new AttainmentParameters(September2021, CountingBasis.Awarded, County: "11"));
        var matrix = TargetRates.Of(AttainmentCalculator.ComputeTarget(inputs, TwoSectors, new AttainmentParameters(September2021, CountingBasis.Awarded)), inputs.Populations!)!;

        // Vestland 40 of 10 000 = 4.00 first; Rogaland 20 = 2.00 second; the nation 60 of 20 000 = 3.00.
        Assert.Equal((2.00m, 2, 3.00m), (rogaland.Rate!.RatePer1000!.Value, rogaland.Rate.Rank!.Value, rogaland.NationalRatePer1000!.Value));
        Assert.Equal((matrix.For("11")!.RatePer1000, matrix.For("11")!.Rank, matrix.NationalRatePer1000), (rogaland.Rate.RatePer1000, rogaland.Rate.Rank, rogaland.NationalRatePer1000));
    }
}

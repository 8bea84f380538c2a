using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;

namespace Erasmus.Domain.Tests.Population;

public class PopulationRatesTests
{
    [Theory]
    [InlineData(57, 12_000, 4.75)]
    [InlineData(1, 3, 333.33)]
    [InlineData(2, 3, 666.67)]
    [InlineData(0, 500, 0)]
    public void A_rate_is_participants_per_1000_of_the_group_to_two_decimals(int participants, int population, double expected) =>
        Assert.Equal((decimal)expected, PopulationRates.Per1000(participants, population));

    [Theory]
    [InlineData(10, null)]
    [InlineData(10, 0)]
    public void Without_a_population_above_zero_there_is_no_rate(int participants, int? population) =>
        Assert.Null(PopulationRates.Per1000(participants, population));

    [Fact]
    public void Counties_are_ranked_by_rate_highest_first_equal_rates_share_a_rank_and_counties_without_figures_get_none()
    {
        // Hand counts: 46 has 30/10 000 = 3.00, 03 has 60/20 000 = 3.00, 18 has 50/5 000 = 10.00,
        // 50 has 10/10 000 = 1.00, 56 has no figure. National population 45 000.
        var rows = PopulationRates.Rank(
        [
            ("46", 30m, 10_000m), ("03", 60m, 20_000m), ("18", 50m, 5_000m), ("50", 10m, 10_000m), ("56", 7m, null),
        ]).ToDictionary(r => r.CountyNumber);

        Assert.Equal(1, rows["18"].Rank);
        Assert.Equal(2, rows["46"].Rank);
        Assert.Equal(2, rows["03"].Rank);
        Assert.Equal(4, rows["50"].Rank);
        Assert.Null(rows["56"].Rank);
        Assert.Null(rows["56"].RatePer1000);
        Assert.Equal(10.00m, rows["18"].RatePer1000);
        Assert.Equal(20_000m / 45_000m, rows["03"].PopulationShare);
        Assert.Null(rows["56"].PopulationShare);
    }

    [Fact]
    public void The_expected_share_is_the_population_share_applied_to_the_national_expected_value()
    {
        // Vestland with 12 % of the VET learners, the nation expected at 4 000 by now: 480 expected.
        Assert.Equal(480m, CountyShare.Expected(4_000m, 0.12m, TargetUnit.Participants));
        Assert.Null(CountyShare.Expected(4_000m, null, TargetUnit.Participants));
    }

    [Theory]
    [InlineData("46 Vestland", "46")]
    [InlineData("03 Oslo", "03")]
    [InlineData("K-50 Trøndelag - Trööndelage", "50")]
    [InlineData("46", "46")]
    [InlineData(" 18 Nordland ", "18")]
    [InlineData("0 Hele landet", null)]
    [InlineData("00 Hele landet", null)]
    [InlineData("4601 Bergen", null)]
    [InlineData("Vestland", null)]
    [InlineData("", null)]
    [InlineData("46Vestland", null)]
    public void A_StatBank_region_reads_as_a_county_number_or_not_at_all(string region, string? expected) =>
        Assert.Equal(expected, StatBankRegion.CountyNumber(region));

    [Theory]
    [InlineData(2013, "VET-LEARNERS", 100, "Year")]
    [InlineData(2036, "VET-LEARNERS", 100, "Year")]
    [InlineData(2024, "NOPE", 100, "GroupCode")]
    [InlineData(2024, "VET-LEARNERS", -1, "Value")]
    [InlineData(2024, "VET-LEARNERS", 2_000_001, "Value")]
    public void A_figure_outside_the_plausible_ranges_is_refused_beside_its_field(int year, string group, int value, string field)
    {
        var error = Assert.Throws<DomainException>(() => new PopulationFigure("46", year, group, value, false));
        Assert.Equal(field, Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Each_mobility_target_with_a_population_names_its_groups()
    {
        Assert.Equal(["SCH-PUPILS-PRIMARY", "SCH-PUPILS-GENERAL-UPPER"], PopulationGroup.DenominatorOf("MOB-SCH-PUPILS").Select(g => g.Code));
        Assert.Equal(["VET-LEARNERS"], PopulationGroup.DenominatorOf("MOB-VET-LEARNERS").Select(g => g.Code));
        Assert.Empty(PopulationGroup.DenominatorOf("PART-TOTAL"));
    }
}

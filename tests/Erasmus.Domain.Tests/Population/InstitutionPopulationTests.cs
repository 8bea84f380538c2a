using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;

namespace Erasmus.Domain.Tests.Population;

/// <summary>
/// Higher-education figures per institution (#20 item 1): never added to a county's own figure, the county's
/// figure where it has none, and the institutions' own rates; and the one computation of county rates.
/// </summary>
public class InstitutionPopulationTests
{
    private const string Staff = "HED-STAFF";

    [Fact]
    public void A_countys_own_figure_is_never_added_to_by_its_institutions()
    {
        // Vestland: its own 10 000 and two institutions of 3 000 and 1 000 within it.
        var figures = CountyPopulation.Figures(
        [
            new("46", Staff, null, 10_000), new("46", Staff, 1, 3_000), new("46", Staff, 2, 1_000),
        ]);

        Assert.Equal(10_000m, figures[("46", Staff)]);
        Assert.Single(figures);
    }

    [Fact]
    public void A_county_with_institution_rows_only_has_their_sum_for_that_group()
    {
        var figures = CountyPopulation.Figures(
        [
            new("11", Staff, 3, 2_000), new("11", Staff, 4, 500),
            new("11", "HED-STUDENTS", 3, 9_000),
            new("11", "VET-LEARNERS", null, 10_000),
        ]);

        Assert.Equal(2_500m, figures[("11", Staff)]);
        Assert.Equal(9_000m, figures[("11", "HED-STUDENTS")]);
        Assert.Equal(10_000m, figures[("11", "VET-LEARNERS")]);
    }

    [Fact]
    public void A_county_without_any_row_of_a_group_has_no_figure_for_it()
    {
        var figures = CountyPopulation.Figures([new("46", Staff, 1, 3_000)]);

        Assert.False(figures.ContainsKey(("03", Staff)));
        Assert.False(figures.ContainsKey(("46", "HED-STUDENTS")));
    }

    [Fact]
    public void An_institution_row_of_a_group_not_kept_per_institution_is_no_part_of_a_county_figure()
    {
        // The database refuses such a row; the rule does not lean on that.
        var figures = CountyPopulation.Figures([new("46", "VET-LEARNERS", 1, 3_000)]);

        Assert.Empty(figures);
    }

    [Fact]
    public void Shares_are_of_the_counties_figures_by_the_rule_institution_rows_included_only_where_a_county_has_none()
    {
        // Vestland's own 10 000 (its institutions' 4 000 left out); Rogaland's institutions 2 000: 12 000 in all.
        var shares = CountyPopulation.Shares(
        [
            new("46", Staff, null, 10_000), new("46", Staff, 1, 3_000), new("46", Staff, 2, 1_000), new("11", Staff, 3, 2_000),
        ]).ToDictionary(s => s.CountyNumber);

        Assert.Equal(10_000m, shares["46"].Population);
        Assert.Equal(2_000m, shares["11"].Population);
        Assert.Equal(10_000m / 12_000m, shares["46"].Share);
        Assert.All(shares.Values, s => Assert.Equal("MOB-HED-STAFF", s.TargetCode));
    }

    [Fact]
    public void A_target_of_two_groups_counts_a_county_only_with_both()
    {
        var shares = CountyPopulation.Shares(
        [
            new("46", "SCH-PUPILS-PRIMARY", null, 60_000), new("46", "SCH-PUPILS-GENERAL-UPPER", null, 10_000),
            new("11", "SCH-PUPILS-PRIMARY", null, 50_000),
        ]);

        var pupils = Assert.Single(shares);
        Assert.Equal(("46", 70_000m, 1m), (pupils.CountyNumber, pupils.Population!.Value, pupils.Share));
    }

    [Fact]
    public void Institutions_get_participants_per_1000_of_their_own_group_ranked_with_ties_and_the_rate_of_them_all()
    {
        // Hand counts: institution 1 has 12 of 3 000 = 4.00; 2 has 5 of 1 000 = 5.00; 3 has 8 of 2 000 = 4.00;
        // 4 has participants but no figure; the county row is no institution's. All: 25 of 6 000 = 4.17.
        var rates = InstitutionRates.Of("MOB-HED-STAFF",
        [
            new("46", Staff, null, 10_000), new("46", Staff, 1, 3_000), new("46", Staff, 2, 1_000), new("11", Staff, 3, 2_000),
            new("46", "HED-STUDENTS", 1, 20_000),
        ], new Dictionary<int, decimal> { [1] = 12, [2] = 5, [3] = 8, [4] = 4 })!;

        Assert.Equal([2, 1, 3], rates.Institutions.Select(i => i.InstitutionId));
        Assert.Equal((5.00m, 1), (rates.For(2)!.RatePer1000!.Value, rates.For(2)!.Rank!.Value));
        Assert.Equal((4.00m, 2), (rates.For(1)!.RatePer1000!.Value, rates.For(1)!.Rank!.Value));
        Assert.Equal((4.00m, 2, "11"), (rates.For(3)!.RatePer1000!.Value, rates.For(3)!.Rank!.Value, rates.For(3)!.CountyNumber));
        Assert.Null(rates.For(4));
        Assert.Equal(4.17m, rates.AllRatePer1000);
    }

    [Fact]
    public void An_institution_without_participants_has_rate_0_and_comes_last()
    {
        var rates = InstitutionRates.Of("MOB-HED-STUDENTS", [new("50", "HED-STUDENTS", 7, 40_000), new("46", "HED-STUDENTS", 8, 18_000)],
            new Dictionary<int, decimal> { [8] = 90 })!;

        Assert.Equal((0m, 2), (rates.For(7)!.RatePer1000!.Value, rates.For(7)!.Rank!.Value));
        Assert.Equal(5.00m, rates.For(8)!.RatePer1000);
    }

    [Fact]
    public void Targets_outside_higher_education_and_targets_without_institution_figures_have_no_institution_rates()
    {
        Assert.Null(InstitutionRates.Of("MOB-VET-LEARNERS", [new("46", "VET-LEARNERS", null, 1_000)], new Dictionary<int, decimal>()));
        Assert.Null(InstitutionRates.Of("MOB-HED-STAFF", [new("46", Staff, null, 1_000)], new Dictionary<int, decimal>()));
        Assert.Null(InstitutionRates.Of("PART-TOTAL", [], new Dictionary<int, decimal>()));
    }

    [Fact]
    public void An_institution_figure_must_be_of_a_higher_education_group()
    {
        var error = Assert.Throws<DomainException>(() => new PopulationFigure("46", 2024, "VET-LEARNERS", 100, false, institutionId: 5));

        var violation = Assert.Single(error.Violations);
        Assert.Equal(nameof(PopulationFigure.InstitutionId), violation.Field);
        Assert.Contains("HED-STAFF eller HED-STUDENTS", violation.Message, StringComparison.Ordinal);
        Assert.Equal(5, new PopulationFigure("46", 2024, Staff, 100, false, institutionId: 5).InstitutionId);
    }

    [Fact]
    public void Only_the_higher_education_groups_are_kept_per_institution()
    {
        Assert.Equal(["HED-STAFF", "HED-STUDENTS"], PopulationGroup.All.Where(g => g.PerInstitution).Select(g => g.Code));
    }

    [Fact]
    public void County_rates_come_from_one_computation_counties_without_participants_at_0_and_the_nation_over_the_counties_populations()
    {
        // 46: 17 of 10 000 = 1.70; 11: 8 of 2 000 = 4.00; 03 has participants and no figure; 50 a figure and none.
        // The nation: every participant, 33, over the populations with figures, 15 000: 2.20.
        var rates = TargetRates.Of("MOB-HED-STAFF", [("46", 17m), ("11", 8m), ("03", 8m)], 33m,
        [
            new PopulationShare("MOB-HED-STAFF", "46", 10m / 15m, 10_000), new PopulationShare("MOB-HED-STAFF", "11", 2m / 15m, 2_000),
            new PopulationShare("MOB-HED-STAFF", "50", 3m / 15m, 3_000), new PopulationShare("MOB-VET-LEARNERS", "03", 1m, 99),
        ])!;

        Assert.Equal((4.00m, 1), (rates.For("11")!.RatePer1000!.Value, rates.For("11")!.Rank!.Value));
        Assert.Equal((1.70m, 2), (rates.For("46")!.RatePer1000!.Value, rates.For("46")!.Rank!.Value));
        Assert.Equal((0m, 3), (rates.For("50")!.RatePer1000!.Value, rates.For("50")!.Rank!.Value));
        Assert.Null(rates.For("03"));
        Assert.Equal(2.20m, rates.NationalRatePer1000);
        Assert.Null(TargetRates.Of("MOB-ADU-ALL", [("46", 3m)], 3m, [new PopulationShare("MOB-HED-STAFF", "46", 1m, 10)]));
    }
}

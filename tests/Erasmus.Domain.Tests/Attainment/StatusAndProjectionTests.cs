using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>DOMAIN.md, "Status words" and "Projection", table by table.</summary>
public sealed class StatusAndProjectionTests
{
    public static TheoryData<string, decimal, decimal, decimal?, AttainmentStatus> StatusCases => new()
    {
        { "at the target: reached", 10000m, 9000m, 10000m, AttainmentStatus.Reached },
        { "a share above its target: reached", 60.7m, 15m, 15m, AttainmentStatus.Reached },
        { "a share just under its target: on track", 14.9m, 15m, 15m, AttainmentStatus.OnTrack },
        { "110 % of expected: ahead", 1100m, 1000m, 10000m, AttainmentStatus.Ahead },
        { "109.9 % of expected: on track", 1099m, 1000m, 10000m, AttainmentStatus.OnTrack },
        { "90 % of expected: on track", 900m, 1000m, 10000m, AttainmentStatus.OnTrack },
        { "89.9 % of expected: behind", 899m, 1000m, 10000m, AttainmentStatus.Behind },
        { "60 % of expected: behind", 600m, 1000m, 10000m, AttainmentStatus.Behind },
        { "59.9 % of expected: at risk", 599m, 1000m, 10000m, AttainmentStatus.AtRisk },
        { "HK-dir's VET learners in September 2021: 573 of 1 068 expected", 573m, 1068m, 10000m, AttainmentStatus.AtRisk },
        { "nothing expected yet and nothing there: on track", 0m, 0m, 10000m, AttainmentStatus.OnTrack },
        { "nothing expected yet and something there: ahead", 3m, 0m, 10000m, AttainmentStatus.Ahead },
        { "a target of 0 is not reached by 0", 0m, 0m, 0m, AttainmentStatus.OnTrack },
        { "a county's expected share has no target to reach: ahead, not reached", 100000m, 100m, null, AttainmentStatus.Ahead },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Status_words_reached_at_the_target_otherwise_by_the_share_of_the_expected_value(string because, decimal value, decimal expected, decimal? target,
        AttainmentStatus status)
    {
        Assert.True(status == AttainmentCalculator.StatusOf(value, expected, target), $"{because}: got {AttainmentCalculator.StatusOf(value, expected, target)}");
    }

    public static TheoryData<string, decimal, decimal, TargetUnit, string, int, decimal?, bool?, decimal?, ProjectionNote?> ProjectionCases => new()
    {
        // value, target, unit, as of, lag → projected, met, yearly pace needed (rounded up), note
        { "CoVE 4 of 5 after nine months: too early, not 37.5", 4m, 5m, TargetUnit.Projects, "2021-09-30", 0, null, null, 1m, ProjectionNote.TooEarlyInPeriod },
        { "a full year has passed but the value is below 5", 4m, 5m, TargetUnit.Projects, "2022-06-30", 0, null, null, 1m, ProjectionNote.ValueBelowFive },
        { "VET 573 after nine months: too early; 9 427 over 6.25 years needs 1 509 a year", 573m, 10000m, TargetUnit.Participants, "2021-09-30", 0, null, null, 1509m, ProjectionNote.TooEarlyInPeriod },
        { "one day short of a full year", 100m, 10000m, TargetUnit.Participants, "2021-12-30", 0, null, null, 1650m, ProjectionNote.TooEarlyInPeriod },
        { "a full year: 100 in 365 of 2 556 days projects 700", 100m, 10000m, TargetUnit.Participants, "2021-12-31", 0, 700m, false, 1651m, null },
        { "half-way with 4 000 projects 8 000", 4000m, 10000m, TargetUnit.Participants, "2024-07-01", 0, 8000m, false, 1715m, null },
        { "reached: no pace needed", 10500m, 10000m, TargetUnit.Participants, "2025-01-01", 0, 18357m, true, null, null },
        { "a share after nine months: too early", 60.7m, 15m, TargetUnit.Percent, "2021-09-30", 0, null, null, null, ProjectionNote.TooEarlyInPeriod },
        { "a share stays where it is", 10m, 15m, TargetUnit.Percent, "2022-01-01", 0, 10m, false, null, null },
        { "realised, a year's lag: 2022-09-30 is 2021-09-30 on the awarded line, too early", 300m, 10000m, TargetUnit.Participants, "2022-09-30", 12, null, null, 1552m, ProjectionNote.TooEarlyInPeriod },
        { "realised, a year's lag: 546 of 2 556 days; to the end of 2028", 1000m, 10000m, TargetUnit.Participants, "2023-06-30", 12, 4681m, false, 1635m, null },
    };

    [Theory]
    [MemberData(nameof(ProjectionCases))]
    public void Projection_waits_a_full_year_on_the_basis_used_and_a_value_of_five(string because, decimal value, decimal target, TargetUnit unit, string asOf, int lag,
        decimal? projected, bool? met, decimal? pace, ProjectionNote? note)
    {
        var outcome = AttainmentCalculator.Projection(value, target, unit, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), lag);

        Assert.True(new ProjectionOutcome(projected, met, pace, note) == outcome, $"{because}: got {outcome}");
    }

    [Fact]
    public void A_reached_target_says_reached_and_has_no_pace()
    {
        var result = AttainmentCalculator.ComputeTarget(Inputs(awarded: [Awarded(10500)]), VetLearners, new AttainmentParameters(new DateOnly(2025, 1, 1), CountingBasis.Awarded));

        Assert.Equal(AttainmentStatus.Reached, result.Status);
        Assert.Null(result.RequiredYearlyPace);
        Assert.True(result.WillBeMet);
    }

    [Fact]
    public void Counts_have_whole_expected_values_and_the_card_figures_of_September_2021()
    {
        var result = AttainmentCalculator.ComputeTarget(Inputs(awarded: [Awarded(573)]), VetLearners, new AttainmentParameters(September2021, CountingBasis.Awarded));

        Assert.Equal((573m, 1068m, AttainmentStatus.AtRisk), (result.Value, result.ExpectedByNow, result.Status!.Value));
        Assert.Equal(5.7m, result.PercentOfTarget);
        Assert.Null(result.ProjectedAt2027);
        Assert.Equal(ProjectionNote.TooEarlyInPeriod, result.ProjectionNote);
        Assert.Equal(1509m, result.RequiredYearlyPace);
    }

    [Fact]
    public void The_value_is_plotted_at_each_year_end_and_at_the_as_of_date()
    {
        // Decided 2021: 5; decided 2022: 7 + 3; decided 2023 (after the as-of date's year-ends): 2.
        var inputs = Inputs(awarded: [Awarded(5, decisionYear: 2021), Awarded(7, callYear: 2022, decisionYear: 2022), Awarded(3, callYear: 2022, decisionYear: 2022),
            Awarded(2, callYear: 2023, decisionYear: 2023)]);

        var result = AttainmentCalculator.ComputeTarget(inputs, VetLearners, new AttainmentParameters(new DateOnly(2023, 9, 30), CountingBasis.Awarded));

        Assert.Equal([(new DateOnly(2021, 12, 31), 5m), (new DateOnly(2022, 12, 31), 15m), (new DateOnly(2023, 9, 30), 17m)],
            result.ByDate.Select(p => (p.Date, p.Value)));
    }
}

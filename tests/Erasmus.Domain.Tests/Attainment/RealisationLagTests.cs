using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>DOMAIN.md, "Expected by now": the realisation lag L and the realised basis's expected line.</summary>
public sealed class RealisationLagTests
{
    public static TheoryData<string, RealisationLagFact?, int> LagCases => new()
    {
        { "no records at all: the default", null, 12 },
        { "99 records are too few, whatever their median", new RealisationLagFact(400m, 99), 12 },
        { "100 records: 400 days / 30.4375 = 13.14 months", new RealisationLagFact(400m, 100), 13 },
        { "exactly 12.5 months rounds half up", new RealisationLagFact(380.46875m, 100), 13 },
        { "just under 12.5 months rounds down", new RealisationLagFact(380.46m, 100), 12 },
        { "a year of 365.25 days is 12 months", new RealisationLagFact(365.25m, 250), 12 },
        { "half a month rounds up to 1", new RealisationLagFact(15.21875m, 100), 1 },
        { "just under half a month is 0", new RealisationLagFact(15.2m, 100), 0 },
        { "an even count's median (mean of the middle two, from SQL) may be a half day", new RealisationLagFact(730.5m, 5000), 24 },
        { "mobilities ending before their decision (bad data) give no negative lag", new RealisationLagFact(-20m, 100), 0 },
    };

    [Theory]
    [MemberData(nameof(LagCases))]
    public void The_lag_is_the_median_in_whole_months_and_twelve_while_there_are_fewer_than_100_records(string because, RealisationLagFact? fact, int months)
    {
        Assert.True(months == RealisationLag.Months(fact), because);
    }

    [Theory]
    [InlineData("2021-09-30", 0, 1068)] // HK-dir's September 2021: day 273 of 2 556, 1 068.1 → 1 068
    [InlineData("2022-09-30", 12, 1068)] // the realised line is the awarded one a year later
    [InlineData("2021-09-30", 12, 0)] // a year's lag: nothing is expected to be realised before 2022
    [InlineData("2024-07-01", 14, 3329)] // 2023-05-01 on the awarded line: day 851 → 3 329.4
    [InlineData("2028-06-30", 12, 9280)] // 2027-06-30: the realised basis reaches the target only at the end of 2028
    [InlineData("2028-12-31", 12, 10000)]
    public void The_expected_value_on_the_realised_basis_is_the_awarded_line_shifted_by_the_lag(string asOf, int lagMonths, decimal expected)
    {
        Assert.Equal(expected, AttainmentCalculator.ExpectedByNow(10000, TargetUnit.Participants, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), lagMonths));
    }

    [Fact]
    public void The_records_the_median_is_taken_over_are_those_of_every_mobility_target_once()
    {
        var activities = RealisationLag.CountedActivities([VetLearners, SchoolStaff, AdultEducation, Partnerships]);

        // 3 VET learner types; 3 staff types on SCH projects; 2 ADU learner and 3 staff types on ADU projects; no partnership.
        Assert.Equal(11, activities.Count);
        Assert.Contains(("LM-SHORT-VET", (Sector?)null), activities);
        Assert.Contains(("SM-JOB-SHDW", (Sector?)Sector.SCH), activities);
        Assert.Contains(("SM-JOB-SHDW", (Sector?)Sector.ADU), activities);
        Assert.DoesNotContain(("SM-JOB-SHDW", (Sector?)null), activities);
    }

    [Fact]
    public void A_realised_result_states_the_lag_it_used_and_an_awarded_one_none()
    {
        var inputs = Inputs(realised: [Realised(10)]) with { Lag = new RealisationLagFact(420m, 150) };
        var realised = AttainmentCalculator.Compute(inputs, [VetLearners], new AttainmentParameters(new DateOnly(2023, 6, 30), CountingBasis.Realised));
        var awarded = AttainmentCalculator.Compute(inputs, [VetLearners], new AttainmentParameters(new DateOnly(2023, 6, 30), CountingBasis.Awarded));

        // 420 / 30.4375 = 13.8 → 14 months; as of 2023-06-30 the awarded line's 2022-04-30 (day 485 of 2 556: 1 897.496 → 1 897).
        Assert.Equal(14, realised.RealisationLagMonths);
        Assert.Equal(14, realised.Targets[0].LagMonths);
        Assert.Equal(1897, realised.Targets[0].ExpectedByNow);
        Assert.Null(awarded.RealisationLagMonths);
        Assert.Equal(0, awarded.Targets[0].LagMonths);
    }
}

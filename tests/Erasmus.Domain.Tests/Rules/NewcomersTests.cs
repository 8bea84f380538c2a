using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class NewcomersTests
{
    [Theory]
    [InlineData(2021, null, new int[0])] // no history at all
    [InlineData(2021, null, new[] { 2021 })] // the partnership itself
    [InlineData(2021, null, new[] { 2021, 2021, 2022 })] // same-call and later projects are not earlier participation
    [InlineData(2022, 2022, new[] { 2022 })] // recorded first participation in the same year
    [InlineData(2022, 2024, new int[0])]
    public void Counts_coordinator_without_earlier_participation_as_newcomer(
        int partnershipCallYear, int? recordedFirstYear, int[] projectCallYears)
    {
        Assert.True(Newcomers.IsNewcomer(partnershipCallYear, recordedFirstYear, projectCallYears));
    }

    [Theory]
    [InlineData(2021, null, new[] { 2020, 2021 })] // a previous-period project, any role
    [InlineData(2021, null, new[] { 2015 })]
    [InlineData(2023, null, new[] { 2021, 2023 })] // its own earlier partnership in this period
    [InlineData(2021, 2008, new int[0])] // recorded participation before Erasmus+ (e.g. Lifelong Learning)
    [InlineData(2021, 2020, new[] { 2021 })]
    [InlineData(2022, 2025, new[] { 2021 })] // the projects win over a wrongly late recorded year
    public void Does_not_count_coordinator_with_earlier_participation_as_newcomer(
        int partnershipCallYear, int? recordedFirstYear, int[] projectCallYears)
    {
        Assert.False(Newcomers.IsNewcomer(partnershipCallYear, recordedFirstYear, projectCallYears));
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    public void Participation_records_the_call_year_of_a_project(int callYear)
    {
        Assert.Equal(callYear, new Newcomers.Participation(callYear).CallYear);
    }
}

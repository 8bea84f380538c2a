using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class ProjectNumberFactsTests
{
    [Theory]
    [InlineData("2021-1-NO01-KA121-VET-000012345", 2021, 1, ProjectAction.KA121, Sector.VET)]
    [InlineData("2023-2-NO01-KA122-SCH-000098765", 2023, 2, ProjectAction.KA122, Sector.SCH)]
    [InlineData("2024-1-NO01-KA182-SPO-000123456", 2024, 1, ProjectAction.KA182, Sector.SPORT)] // SPO in the number, SPORT in the domain
    [InlineData("2022-3-DE02-KA220-ADU-000033333", 2022, 3, ProjectAction.KA220, Sector.ADU)] // a partnership coordinated abroad
    [InlineData("  2021-1-no01-ka131-hed-000111222 ", 2021, 1, ProjectAction.KA131, Sector.HED)]
    public void Reads_call_year_round_action_and_sector_from_a_national_number(string value, int year, int round, ProjectAction action, Sector sector)
    {
        Assert.Equal(new ProjectNumberFacts(year, round, action, sector), ProjectNumberFacts.Read(value));
    }

    public static TheoryData<string, ProjectNumberFacts> Typed => new()
    {
        // Typed from the left: each segment counts once complete, the year once its hyphen is typed.
        { "2021", ProjectNumberFacts.None },
        { "2021-", new(2021, null, null, null) },
        { "2021-1", new(2021, 1, null, null) },
        { "2021-1-NO0", new(2021, 1, null, null) },
        { "2021-1-NO01-KA12", new(2021, 1, null, null) },
        { "2021-1-NO01-KA121", new(2021, 1, ProjectAction.KA121, null) },
        { "2021-1-NO01-KA121-VE", new(2021, 1, ProjectAction.KA121, null) },
        { "2021-1-NO01-KA121-VET", new(2021, 1, ProjectAction.KA121, Sector.VET) },
        { "2021-1-NO01-KA121-VET-0000", new(2021, 1, ProjectAction.KA121, Sector.VET) },
    };

    [Theory]
    [MemberData(nameof(Typed))]
    public void Reads_as_far_as_the_number_is_typed(string value, ProjectNumberFacts expected) =>
        Assert.Equal(expected, ProjectNumberFacts.Read(value));

    public static TheoryData<string?, ProjectNumberFacts> Stops => new()
    {
        // EU grant numbers of centralised projects say nothing.
        { "101055859", ProjectNumberFacts.None },
        { "2021", ProjectNumberFacts.None },
        { null, ProjectNumberFacts.None },
        { "", ProjectNumberFacts.None },
        // Outside the plausible call years nothing is read.
        { "2013-1-NO01-KA101-SCH-000001", ProjectNumberFacts.None },
        { "2028-1-NO01-KA121-VET-000012345", ProjectNumberFacts.None },
        { "21-1-NO01-KA121-VET-000012345", ProjectNumberFacts.None },
        // A round outside 1–3 stops the reading after the year.
        { "2021-4-NO01-KA121-VET-000012345", new(2021, null, null, null) },
        { "2021-12-NO01-KA121-VET-000012345", new(2021, null, null, null) },
        // A wrong agency or action segment stops it after the round.
        { "2021-1-N001-KA121-VET-000012345", new(2021, 1, null, null) },
        { "2021-1-NO01-KB121-VET-000012345", new(2021, 1, null, null) },
        // An action of the previous period is no choice of the form; its sector still is.
        { "2020-1-NO01-KA229-SCH-071234", new(2020, 1, null, Sector.SCH) },
        // An unknown sector code (the domain's SPORT is SPO in numbers) is not read.
        { "2021-1-NO01-KA182-SPORT-000012345", new(2021, 1, ProjectAction.KA182, null) },
        { "2021-1-NO01-KA121-ABC-000012345", new(2021, 1, ProjectAction.KA121, null) },
    };

    [Theory]
    [MemberData(nameof(Stops))]
    public void Reads_nothing_past_a_segment_it_does_not_know(string? value, ProjectNumberFacts expected) =>
        Assert.Equal(expected, ProjectNumberFacts.Read(value));

    [Fact]
    public void Knows_every_sector_by_its_number_code_and_every_numbered_action()
    {
        Assert.Equal(Sector.SPORT, ProjectNumberFacts.SectorCodes["SPO"]);
        Assert.Equal(Enum.GetValues<Sector>().Length, ProjectNumberFacts.SectorCodes.Count);
        Assert.DoesNotContain(ProjectAction.CoVE, ProjectNumberFacts.NumberedActions);
        Assert.Contains(ProjectAction.KA220, ProjectNumberFacts.NumberedActions);
    }
}

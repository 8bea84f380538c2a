using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Rules;

/// <summary>
/// The edges of the rules that mutation testing showed no test reached (docs/mutation-testing.md): the ends of
/// character ranges, a lone surrogate at the end of a text, call years at the ends of their range, guards
/// against programming errors, and the small members of the result model.
/// </summary>
public class RuleEdgesTests
{
    [Theory]
    [InlineData(0x061C)] // Arabic letter mark
    [InlineData(0x200E)] // left-to-right mark
    [InlineData(0x202A)] // the first embedding
    [InlineData(0x2066)] // the first isolate
    [InlineData(0x2069)] // the last isolate
    [InlineData(0xFFF9)] // the first interlinear annotation
    [InlineData(0xFFFB)] // the last interlinear annotation
    [InlineData(0xD83D)] // a lone high surrogate at the very end
    public void Hidden_characters_at_the_ends_of_their_ranges_are_refused(int character) =>
        // Built here rather than written in the attribute, so test names and reports stay printable.
        Assert.True(PlainText.HasHiddenCharacters($"Skole{(char)character}"));

    [Theory]
    [InlineData(0x2065)] // just before the isolates
    [InlineData(0x206A)] // just after them
    [InlineData(0xFFFC)] // the object replacement character, just after the annotations
    public void Characters_just_outside_the_ranges_are_accepted(int character) => Assert.False(PlainText.HasHiddenCharacters($"Skole{(char)character}"));

    [Fact]
    public void A_surrogate_pair_at_the_start_is_one_character() => Assert.False(PlainText.HasHiddenCharacters("😀 på tur"));

    [Theory]
    [InlineData("2011-06-01", 2013, false)] // outside the call years, no start rule applies
    [InlineData("2012-12-31", 2014, true)]
    [InlineData("2013-01-01", 2014, false)]
    [InlineData("2025-12-31", 2027, true)]
    [InlineData("2026-01-01", 2027, false)]
    [InlineData("2026-06-01", 2028, false)]
    public void A_projects_earliest_start_applies_to_the_call_years_of_erasmus_plus(string start, int callYear, bool refused) =>
        Assert.Equal(refused, Plausible.ProjectStart(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), callYear, "StartDate") is not null);

    [Fact]
    public void An_agency_of_five_characters_is_refused_with_its_own_message()
    {
        var violation = ProjectReference.Validate("2022-1-NO012-KA220-SCH-000012345", "Reference");

        Assert.Equal("Det nasjonale kontoret i prosjektnummeret må være landkode og to sifre, for eksempel NO01, ikke NO012.", violation!.Message);
    }

    [Fact]
    public void No_reference_has_no_parts() => Assert.False(ProjectReference.TryParse(null, out _) || AccreditationCode.TryParse(null, out _));

    [Fact]
    public void Guards_against_programming_errors_name_the_argument()
    {
        Assert.Equal("countyNumber", Assert.Throws<ArgumentNullException>(() => CountyStructure.To2020Structure(null!, new Dictionary<string, string>())).ParamName);
        Assert.Equal("partOf2020County", Assert.Throws<ArgumentNullException>(() => CountyStructure.To2020Structure("46", null!)).ParamName);
        Assert.Equal("activityCode", Assert.Throws<ArgumentNullException>(() => MobilityRules.IsGroupActivity(null!)).ParamName);
        Assert.Equal("callYearsOfAllItsProjects", Assert.Throws<ArgumentNullException>(() => Newcomers.IsNewcomer(2021, null, null!)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => OrganisationId.Normalise(null!)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => OrganisationNumber.Normalise(null!)).ParamName);
        Assert.Equal("firstEightDigits", Assert.Throws<ArgumentNullException>(() => OrganisationNumber.WithCheckDigit(null!)).ParamName);
    }

    [Fact]
    public void Errors_in_reference_data_and_generators_say_what_is_wrong()
    {
        Assert.StartsWith("Unknown county number \"99\": it is not in the county mapping (counties.csv). County numbers have two digits, e.g. \"03\" for Oslo.",
            Assert.Throws<ArgumentException>(() => CountyStructure.To2020Structure("99", new Dictionary<string, string> { ["46"] = "46" })).Message, StringComparison.Ordinal);
        Assert.StartsWith("Expected exactly 8 digits, got \"1234567\".", Assert.Throws<ArgumentException>(() => OrganisationNumber.WithCheckDigit("1234567")).Message, StringComparison.Ordinal);
        var noCheckDigit = Enumerable.Range(10000000, 100).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(digits => !OrganisationNumber.TryWithCheckDigit(digits, out _));
        Assert.StartsWith($"\"{noCheckDigit}\" gives modulus-11 remainder 1, so no valid check digit exists; choose other digits.",
            Assert.Throws<ArgumentException>(() => OrganisationNumber.WithCheckDigit(noCheckDigit)).Message, StringComparison.Ordinal);
        var rule = new ActivityTypeRule("LM-SHORT-VET", 2021, 10, 89);
        Assert.Equal("Ugyldig varighet for LM-SHORT-VET: 5–4 dager.", Assert.Throws<DomainException>(() => rule.Update(5, 4)).Message);
    }

    [Fact]
    public void A_target_value_before_the_first_is_the_first_and_a_target_without_values_is_an_error()
    {
        var target = Target(MetricKind.Partnerships, "{}", 1000, TargetUnit.Partnerships, new TargetValuePoint(new DateOnly(2024, 7, 1), 1200));

        Assert.Equal(1000, target.ValueOn(new DateOnly(2020, 6, 1)));
        Assert.Equal(1200, target.ValueOn(new DateOnly(2025, 1, 1)));
        Assert.Equal("Target T has no value.", Assert.Throws<InvalidOperationException>(() => (target with { Values = [] }).ValueOn(new DateOnly(2024, 1, 1))).Message);
    }

    [Fact]
    public void The_summary_counts_targets_on_track_or_better_and_those_with_a_status()
    {
        var template = AttainmentCalculator.ComputeTarget(Inputs(), VetLearners, new AttainmentParameters(September2021, CountingBasis.Awarded));
        AttainmentStatus?[] statuses = [AttainmentStatus.Reached, AttainmentStatus.Reached, AttainmentStatus.Ahead, AttainmentStatus.OnTrack, AttainmentStatus.Behind, AttainmentStatus.AtRisk, null];

        var result = new AttainmentResult(new AttainmentParameters(September2021, CountingBasis.Awarded), [.. statuses.Select(s => template with { Status = s })]);

        Assert.Equal((4, 6), (result.OnTrackOrBetter, result.WithStatus));
    }

    [Fact]
    public void A_national_result_is_judged_against_the_value_expected_by_now_and_a_new_result_applies()
    {
        var national = AttainmentCalculator.ComputeTarget(Inputs(awarded: [Awarded(5)]), VetLearners, new AttainmentParameters(September2021, CountingBasis.Awarded));
        var built = new TargetResult(VetLearners, 1, 0, null, null, null, 0, null, null, null, null, [], [], [], [], []);

        Assert.Equal(1068m, national.ExpectedValue);
        Assert.True(built.Applicable);
    }

    [Fact]
    public void The_records_of_the_lag_are_ordered_by_activity_then_sector()
    {
        var activities = RealisationLag.CountedActivities([AdultEducation, SchoolStaff, VetLearners]);

        Assert.Equal(
            [("LM-GRP-ADU", (Sector?)Sector.ADU), ("LM-LONG-VET", null), ("LM-SHORT-ADU", Sector.ADU), ("LM-SHORT-VET", null), ("LM-SKILL-VET", null),
             ("SM-COUR-TRAIN", Sector.SCH), ("SM-COUR-TRAIN", Sector.ADU), ("SM-JOB-SHDW", Sector.SCH), ("SM-JOB-SHDW", Sector.ADU), ("SM-TTA", Sector.SCH), ("SM-TTA", Sector.ADU)],
            activities.Select(a => (a.ActivityType, a.Sector)));
    }

    [Fact]
    public void A_mobility_target_of_unknown_activities_or_without_parameters_belongs_to_every_sector()
    {
        var unknown = Target(MetricKind.MobilityParticipants, """{"activityTypes":["XX-UNKNOWN"]}""", 1);
        var blank = Target(MetricKind.MobilityParticipants, "  ", 1);

        Assert.Equal(Enum.GetValues<Sector>(), TargetSectors.Of(unknown, ActivitySectors));
        Assert.Equal(Enum.GetValues<Sector>(), TargetSectors.Of(blank, ActivitySectors));
    }

    [Fact]
    public void Only_a_target_counted_per_sector_is_a_part_in_a_sector_view()
    {
        Assert.False(TargetSectors.IsPartInSectorView(CountyAuthorities, Sector.VET));
        Assert.True(TargetSectors.IsPartInSectorView(Partnerships, Sector.VET));
        Assert.False(TargetSectors.IsPartInSectorView(Partnerships, null));
        Assert.False(TargetSectors.IsPartInSectorView(VetLearners, Sector.VET));
    }
}

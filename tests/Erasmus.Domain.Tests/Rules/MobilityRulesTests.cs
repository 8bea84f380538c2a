using System.Globalization;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

public class MobilityRulesTests
{
    [Theory]
    [InlineData("2022-03-01", "2022-03-01", 1)]
    [InlineData("2022-03-01", "2022-03-02", 2)]
    [InlineData("2022-03-01", "2022-03-14", 14)]
    [InlineData("2024-02-28", "2024-03-01", 3)] // leap year
    [InlineData("2023-02-28", "2023-03-01", 2)]
    [InlineData("2022-12-30", "2023-01-02", 4)]
    [InlineData("2022-01-01", "2022-12-31", 365)]
    public void Counts_duration_in_days_including_both_start_and_end(string start, string end, int expected)
    {
        Assert.Equal(expected, MobilityRules.DurationDays(D(start), D(end)));
    }

    [Theory]
    [InlineData("2022-03-01", "2022-03-01")]
    [InlineData("2022-03-01", "2022-03-20")]
    public void Accepts_end_date_on_or_after_start_date(string start, string end)
    {
        Assert.Null(MobilityRules.ValidateDates(D(start), D(end)));
    }

    [Theory]
    [InlineData("2022-03-02", "2022-03-01")]
    [InlineData("2023-01-01", "2022-12-31")]
    public void Rejects_end_date_before_start_date(string start, string end)
    {
        Assert.Equal(
            new RuleViolation("EndDate", "Sluttdato kan ikke være før startdato."),
            MobilityRules.ValidateDates(D(start), D(end)));
    }

    // Ranges from activity-types.csv.
    [Theory]
    [InlineData(10, 10, 29)] // LM-SHORT-PUPIL lower bound
    [InlineData(29, 10, 29)] // LM-SHORT-PUPIL upper bound
    [InlineData(2, 2, 30)] // LM-GRP-PUPIL
    [InlineData(1, 1, 3)] // PREP-VISIT
    [InlineData(365, 90, 365)] // LM-LONG-VET
    [InlineData(5, 5, 5)]
    public void Accepts_duration_inside_the_activity_range(int days, int min, int max)
    {
        Assert.Null(MobilityRules.ValidateDuration(days, min, max, "Kortvarig elevmobilitet"));
    }

    [Theory]
    [InlineData(45, 10, 29, "Kortvarig elevmobilitet",
        "Varigheten (45 dager) er utenfor det aktiviteten «Kortvarig elevmobilitet» tillater (10–29 dager).")]
    [InlineData(9, 10, 29, "Kortvarig elevmobilitet",
        "Varigheten (9 dager) er utenfor det aktiviteten «Kortvarig elevmobilitet» tillater (10–29 dager).")]
    [InlineData(1, 2, 60, "Jobbskygging",
        "Varigheten (1 dag) er utenfor det aktiviteten «Jobbskygging» tillater (2–60 dager).")]
    [InlineData(4, 1, 3, "Forberedende besøk",
        "Varigheten (4 dager) er utenfor det aktiviteten «Forberedende besøk» tillater (1–3 dager).")]
    [InlineData(89, 90, 365, "Langvarig mobilitet for elever og lærlinger (ErasmusPro)",
        "Varigheten (89 dager) er utenfor det aktiviteten «Langvarig mobilitet for elever og lærlinger (ErasmusPro)» tillater (90–365 dager).")]
    [InlineData(2, 1, 1, "Endagsbesøk",
        "Varigheten (2 dager) er utenfor det aktiviteten «Endagsbesøk» tillater (1 dag).")]
    [InlineData(0, 2, 30, "",
        "Varigheten (0 dager) er utenfor det aktiviteten tillater (2–30 dager).")]
    public void Rejects_duration_outside_the_activity_range_and_states_both(
        int days, int min, int max, string activity, string message)
    {
        Assert.Equal(new RuleViolation("EndDate", message), MobilityRules.ValidateDuration(days, min, max, activity));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 9)]
    public void Treats_an_impossible_duration_range_as_a_programming_error(int min, int max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MobilityRules.ValidateDuration(5, min, max, "X"));
    }

    public static TheoryData<string, string> InsidePeriod => new()
    {
        { "2021-09-01", "2021-09-14" },
        { "2021-06-01", "2021-06-01" }, // starts on the project's first day
        { "2023-05-31", "2023-05-31" }, // ends on the project's last day
        { "2021-06-01", "2023-05-31" },
    };

    [Theory]
    [MemberData(nameof(InsidePeriod))]
    public void Accepts_mobility_inside_the_project_period(string start, string end)
    {
        Assert.Empty(MobilityRules.ValidateInsideProjectPeriod(D(start), D(end), D("2021-06-01"), D("2023-05-31")));
    }

    public static TheoryData<string, string, string[]> OutsidePeriod => new()
    {
        {
            "2021-05-31", "2021-06-10",
            ["StartDate: Startdato (31.05.2021) er før prosjektets startdato (01.06.2021)."]
        },
        {
            "2023-05-20", "2023-06-01",
            ["EndDate: Sluttdato (01.06.2023) er etter prosjektets sluttdato (31.05.2023)."]
        },
        {
            "2021-05-01", "2023-06-30",
            [
                "StartDate: Startdato (01.05.2021) er før prosjektets startdato (01.06.2021).",
                "EndDate: Sluttdato (30.06.2023) er etter prosjektets sluttdato (31.05.2023).",
            ]
        },
        {
            "2021-05-01", "2021-05-14",
            [
                "StartDate: Startdato (01.05.2021) er før prosjektets startdato (01.06.2021).",
                "EndDate: Sluttdato (14.05.2021) er før prosjektets startdato (01.06.2021).",
            ]
        },
        {
            "2023-07-01", "2023-07-14",
            [
                "StartDate: Startdato (01.07.2023) er etter prosjektets sluttdato (31.05.2023).",
                "EndDate: Sluttdato (14.07.2023) er etter prosjektets sluttdato (31.05.2023).",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(OutsidePeriod))]
    public void Rejects_start_and_end_outside_the_project_period_separately(string start, string end, string[] expected)
    {
        var violations = MobilityRules.ValidateInsideProjectPeriod(D(start), D(end), D("2021-06-01"), D("2023-05-31"));
        Assert.Equal(expected, violations.Select(v => $"{v.Field}: {v.Message}"));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(30, true)]
    [InlineData(500, true)]
    [InlineData(500, false)]
    public void Accepts_a_sensible_number_of_participants(int participants, bool isGroup)
    {
        Assert.Null(MobilityRules.ValidateParticipantCount(participants, isGroup));
    }

    [Theory]
    [InlineData(1, true, "En gruppemobilitet må ha minst to deltakere.")]
    [InlineData(0, true, "Antall deltakere må være minst 1.")]
    [InlineData(0, false, "Antall deltakere må være minst 1.")]
    [InlineData(-3, false, "Antall deltakere må være minst 1.")]
    [InlineData(501, false, "Antall deltakere kan ikke være over 500.")]
    [InlineData(501, true, "Antall deltakere kan ikke være over 500.")]
    public void Rejects_participant_count_outside_the_rules(int participants, bool isGroup, string message)
    {
        Assert.Equal(
            new RuleViolation("ParticipantCount", message),
            MobilityRules.ValidateParticipantCount(participants, isGroup));
    }

    [Theory]
    [InlineData("LM-GRP-PUPIL", true)]
    [InlineData("LM-GRP-ADU", true)]
    [InlineData("lm-grp-adu", true)]
    [InlineData("LM-SHORT-PUPIL", false)]
    [InlineData("LM-LONG-VET", false)]
    [InlineData("SM-JOB-SHDW", false)]
    [InlineData("HE-BIP", false)]
    [InlineData("GRP", false)]
    [InlineData("", false)]
    public void Recognises_group_activities_by_their_code(string code, bool expected)
    {
        Assert.Equal(expected, MobilityRules.IsGroupActivity(code));
    }

    [Theory]
    [InlineData(ParticipantGroup.Learner, MobilityDirection.Outgoing, 1, 1)]
    [InlineData(ParticipantGroup.Learner, MobilityDirection.Outgoing, 12, 12)] // a group record counts each participant
    [InlineData(ParticipantGroup.Staff, MobilityDirection.Outgoing, 3, 3)]
    [InlineData(ParticipantGroup.Other, MobilityDirection.Outgoing, 2, 2)]
    [InlineData(ParticipantGroup.AccompanyingPerson, MobilityDirection.Outgoing, 2, 0)]
    [InlineData(ParticipantGroup.Learner, MobilityDirection.Incoming, 5, 0)]
    [InlineData(ParticipantGroup.Staff, MobilityDirection.Incoming, 1, 0)]
    [InlineData(ParticipantGroup.AccompanyingPerson, MobilityDirection.Incoming, 1, 0)]
    [InlineData(ParticipantGroup.Learner, MobilityDirection.Outgoing, 0, 0)]
    public void Counts_only_outgoing_participants_who_are_not_accompanying_persons(
        ParticipantGroup group, MobilityDirection direction, int participants, int expected)
    {
        Assert.Equal(expected, MobilityRules.CountedParticipants(group, direction, participants));
    }

    [Theory]
    [InlineData(-1)]
    public void Refuses_to_count_a_negative_number_of_participants(int participants)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => MobilityRules.CountedParticipants(ParticipantGroup.Learner, MobilityDirection.Outgoing, participants));
    }

    private static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

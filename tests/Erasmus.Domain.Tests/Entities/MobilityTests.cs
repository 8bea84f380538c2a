using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Entities;

/// <summary>
/// A mobility's own rules (DOMAIN.md, "Mobilities"), checked by the entity that every path shares: the form,
/// the import and the demo generator. Each row breaks one rule and names the field and message it gets.
/// </summary>
public class MobilityTests
{
    private static readonly DateOnly ProjectStart = new(2022, 9, 1);
    private static readonly DateOnly ProjectEnd = new(2024, 8, 31);

    private static Project Project(Sector sector = Sector.VET, int callYear = 2022) =>
        new(new ProjectDetails($"{callYear}-1-NO01-KA122-{sector}-000012345", ProjectAction.KA122, sector, callYear, 1, 1, ProjectStart, ProjectEnd,
            new DateOnly(callYear, 7, 1), ProjectStatus.Granted, 60000m, false, false, false, null));

    private static ActivityType ShortVet()
    {
        var activity = new ActivityType("LM-SHORT-VET", "Kortvarig læringsmobilitet", "Short-term learning mobility", "learner", ["VET"]);
        activity.SetRule(2021, 10, 89);
        return activity;
    }

    private static ActivityType GroupPupils()
    {
        var activity = new ActivityType("LM-GRP-PUPIL", "Gruppemobilitet", "Group mobility", "learner", ["SCH"]);
        activity.SetRule(2021, 2, 30);
        return activity;
    }

    private static MobilityDetails Details(string mobilityId = "000123-MOB-00001", ParticipantGroup group = ParticipantGroup.Learner,
        MobilityDirection direction = MobilityDirection.Outgoing, int participants = 1, string sending = "NO", string receiving = "DE",
        string start = "2023-01-09", string end = "2023-01-22", MobilityStatus status = MobilityStatus.Realised, bool fewer = false, bool green = false,
        bool blended = false) =>
        new(mobilityId, group, direction, participants, 5, 6, sending, receiving, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), fewer, green, blended, status);

    [Fact]
    public void A_valid_mobility_keeps_its_values_normalised_with_its_duration()
    {
        var registeredAt = new DateTimeOffset(2023, 2, 1, 10, 0, 0, TimeSpan.Zero);

        var mobility = Mobility.Register(Project(), ShortVet(),
            Details(participants: 3, sending: " no ", receiving: "de ", fewer: true, green: true, blended: true), registeredAt);

        Assert.Equal(("000123-MOB-00001", "LM-SHORT-VET", "NO", "DE"), (mobility.MobilityId, mobility.ActivityTypeCode, mobility.SendingCountryCode, mobility.ReceivingCountryCode));
        Assert.Equal((new DateOnly(2023, 1, 9), new DateOnly(2023, 1, 22), 14), (mobility.StartDate, mobility.EndDate, mobility.DurationDays));
        Assert.Equal((ParticipantGroup.Learner, MobilityDirection.Outgoing, 3, 3), (mobility.ParticipantGroup, mobility.Direction, mobility.ParticipantCount, mobility.CountedParticipants));
        Assert.Equal((5, 6), (mobility.SendingOrganisationId, mobility.ReceivingOrganisationId));
        Assert.Equal((true, true, true, MobilityStatus.Realised), (mobility.FewerOpportunities, mobility.GreenTravel, mobility.Blended, mobility.Status));
        Assert.Equal(registeredAt, mobility.RegisteredAt);
        Assert.NotNull(mobility.Project);
    }

    [Fact]
    public void An_update_replaces_every_value()
    {
        var mobility = Mobility.Register(Project(), ShortVet(), Details(), DateTimeOffset.UnixEpoch);

        mobility.Update(Project(), ShortVet(), Details(mobilityId: "000123-MOB-00002", group: ParticipantGroup.AccompanyingPerson, participants: 2,
            start: "2023-03-01", end: "2023-03-10", status: MobilityStatus.Cancelled, fewer: true));

        Assert.Equal(("000123-MOB-00002", ParticipantGroup.AccompanyingPerson, 2, 0), (mobility.MobilityId, mobility.ParticipantGroup, mobility.ParticipantCount, mobility.CountedParticipants));
        Assert.Equal((10, MobilityStatus.Cancelled, true), (mobility.DurationDays, mobility.Status, mobility.FewerOpportunities));
    }

    public static TheoryData<string, MobilityDetails, string[]> Broken => new()
    {
        { "no mobility ID", Details(mobilityId: " "), ["MobilityId"] },
        { "ends before it starts: no period or duration check on top", Details(start: "2023-01-22", end: "2023-01-09"), ["EndDate"] },
        { "starts before the project", Details(start: "2022-08-20", end: "2022-09-05"), ["StartDate"] },
        { "ends after the project", Details(start: "2024-08-25", end: "2024-09-05"), ["EndDate"] },
        { "9 days, the activity needs 10", Details(start: "2023-01-09", end: "2023-01-17"), ["EndDate"] },
        { "a start date outside the plausible range (and so before the project)", Details(start: "2013-12-31", end: "2014-01-10"), ["StartDate", "StartDate", "EndDate"] },
        { "no participants", Details(participants: 0), ["ParticipantCount"] },
        { "no sending country", Details(sending: " "), ["SendingCountryCode"] },
        { "a sending country of three letters", Details(sending: "NOR"), ["SendingCountryCode", "SendingCountryCode"] },
        { "no receiving country", Details(receiving: ""), ["ReceivingCountryCode"] },
        { "a receiving country of one letter", Details(receiving: "D"), ["ReceivingCountryCode"] },
        { "outgoing, sent from Sweden", Details(sending: "SE"), ["SendingCountryCode"] },
        { "incoming, received in Germany", Details(direction: MobilityDirection.Incoming, sending: "DE", receiving: "DE"), ["ReceivingCountryCode"] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_mobility_breaking_a_rule_is_refused_with_the_field(string because, MobilityDetails details, string[] fields)
    {
        var violations = Assert.Throws<DomainException>(() => Mobility.Register(Project(), ShortVet(), details, DateTimeOffset.UnixEpoch)).Violations;

        Assert.True(fields.SequenceEqual(violations.Select(v => v.Field)), $"{because}: {string.Join(" | ", violations)}");
    }

    [Fact]
    public void The_messages_say_what_is_wrong()
    {
        Assert.Equal("En utgående mobilitet sendes fra Norge; avsenderlandet må være Norge.", Message(Details(sending: "SE")));
        Assert.Equal("En innkommende mobilitet tas imot i Norge; mottakerlandet må være Norge.",
            Message(Details(direction: MobilityDirection.Incoming, sending: "DE", receiving: "SE")));
        Assert.Equal("Avsenderland må fylles ut.", Message(Details(sending: "")));
        Assert.Equal("Mottakerland må fylles ut.", Message(Details(receiving: "")));
        Assert.Equal("Varigheten (9 dager) er utenfor det aktiviteten «Kortvarig læringsmobilitet» tillater (10–89 dager).",
            Message(Details(start: "2023-01-09", end: "2023-01-17")));

        static string Message(MobilityDetails details) =>
            Assert.Single(Assert.Throws<DomainException>(() => Mobility.Register(Project(), ShortVet(), details, DateTimeOffset.UnixEpoch)).Violations).Message;
    }

    [Fact]
    public void Implausible_dates_and_a_mobility_of_one_day_get_their_messages()
    {
        Assert.Contains(new RuleViolation("StartDate", "Startdato må være mellom 01.01.2014 og 31.12.2035."), Violations(Details(start: "2013-12-31", end: "2014-01-10")));
        Assert.Contains(new RuleViolation("EndDate", "Sluttdato må være mellom 01.01.2014 og 31.12.2035."), Violations(Details(start: "2024-08-20", end: "2036-01-01")));
        Assert.Equal([new RuleViolation("EndDate", "Varigheten (1 dag) er utenfor det aktiviteten «Kortvarig læringsmobilitet» tillater (10–89 dager).")],
            Violations(Details(start: "2023-01-09", end: "2023-01-09")));

        static IReadOnlyList<RuleViolation> Violations(MobilityDetails details) =>
            Assert.Throws<DomainException>(() => Mobility.Register(Project(), ShortVet(), details, DateTimeOffset.UnixEpoch)).Violations;
    }

    [Fact]
    public void An_incoming_mobility_is_received_in_norway_and_sent_from_anywhere()
    {
        var mobility = Mobility.Register(Project(), ShortVet(), Details(direction: MobilityDirection.Incoming, sending: "DE", receiving: "no"), DateTimeOffset.UnixEpoch);

        Assert.Equal((MobilityDirection.Incoming, "DE", "NO", 0), (mobility.Direction, mobility.SendingCountryCode, mobility.ReceivingCountryCode, mobility.CountedParticipants));
    }

    [Theory]
    [InlineData("2022-09-01", "2022-09-10")] // on the project's first day, 10 days
    [InlineData("2024-06-04", "2024-08-31")] // to the project's last day, 89 days
    public void Dates_on_the_project_period_and_duration_limits_are_accepted(string start, string end)
    {
        var mobility = Mobility.Register(Project(), ShortVet(), Details(start: start, end: end), DateTimeOffset.UnixEpoch);

        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), mobility.EndDate);
    }

    [Fact]
    public void The_activity_must_belong_to_the_projects_sector_and_call_year()
    {
        var schoolProject = Project(Sector.SCH);
        var otherSector = Assert.Throws<DomainException>(() => Mobility.Register(schoolProject, ShortVet(), Details(), DateTimeOffset.UnixEpoch)).Violations;
        var newRule = new ActivityType("LM-SHORT-VET", "Kortvarig", "Short", "learner", ["VET"]);
        newRule.SetRule(2023, 10, 89);
        var noRule = Assert.Throws<DomainException>(() => Mobility.Register(Project(), newRule, Details(), DateTimeOffset.UnixEpoch)).Violations;

        Assert.Equal([new RuleViolation("ActivityTypeCode", "Aktiviteten LM-SHORT-VET hører ikke til sektoren SCH.")], otherSector);
        Assert.Equal([new RuleViolation("ActivityTypeCode", "Aktiviteten LM-SHORT-VET gjelder ikke for utlysningsåret 2022.")], noRule);
    }

    [Theory]
    [InlineData(1, "En gruppemobilitet må ha minst to deltakere.")]
    [InlineData(2, null)]
    [InlineData(500, null)]
    [InlineData(501, "Antall deltakere kan ikke være over 500.")]
    public void A_group_mobility_has_two_to_500_participants(int participants, string? message)
    {
        var project = Project(Sector.SCH);
        var details = Details(participants: participants, start: "2023-01-09", end: "2023-01-12");

        if (message is null)
        {
            Assert.Equal(participants, Mobility.Register(project, GroupPupils(), details, DateTimeOffset.UnixEpoch).CountedParticipants);
        }
        else
        {
            Assert.Equal(message, Assert.Single(Assert.Throws<DomainException>(() => Mobility.Register(project, GroupPupils(), details, DateTimeOffset.UnixEpoch)).Violations).Message);
        }
    }

    [Fact]
    public void A_refused_update_changes_nothing()
    {
        var mobility = Mobility.Register(Project(), ShortVet(), Details(participants: 4), DateTimeOffset.UnixEpoch);

        Assert.Throws<DomainException>(() => mobility.Update(Project(), ShortVet(), Details(participants: 0, sending: "SE")));

        Assert.Equal((4, "NO"), (mobility.ParticipantCount, mobility.SendingCountryCode));
    }
}

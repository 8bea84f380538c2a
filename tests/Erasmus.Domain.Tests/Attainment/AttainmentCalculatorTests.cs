using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

public sealed class AttainmentCalculatorTests
{
    private static TargetResult Compute(TargetDefinition target, AttainmentInputs inputs, DateOnly? asOf = null, CountingBasis basis = CountingBasis.Awarded,
        CountyStructureChoice structure = CountyStructureChoice.AsOfDate, string? county = null, Sector? sector = null) =>
        AttainmentCalculator.ComputeTarget(inputs, target, new AttainmentParameters(asOf ?? September2021, basis, structure, county, sector));

    public static TheoryData<string, AwardedMobilityFact, decimal> AwardedCases => new()
    {
        { "granted, decided by the date", Awarded(10), 10 },
        { "ongoing counts as granted", Awarded(10, status: ProjectStatus.Ongoing), 10 },
        { "completed counts", Awarded(10, status: ProjectStatus.Completed), 10 },
        { "terminated counts", Awarded(10, status: ProjectStatus.Terminated), 10 },
        { "applied does not count", Awarded(10, status: ProjectStatus.Applied), 0 },
        { "rejected does not count", Awarded(10, status: ProjectStatus.Rejected), 0 },
        { "decided after the as-of date", Awarded(10, decided: false), 0 },
        { "call year 2020 belongs to the previous period", Awarded(10, callYear: 2020), 0 },
        { "another target's activity type", Awarded(10, activity: "LM-SHORT-PUPIL", sector: Sector.SCH), 0 },
        { "ErasmusPro counts as VET", Awarded(3, activity: "LM-LONG-VET"), 3 },
    };

    [Theory]
    [MemberData(nameof(AwardedCases))]
    public void Awarded_basis_counts_granted_mobilities_decided_by_the_date(string because, AwardedMobilityFact fact, decimal expected)
    {
        var result = Compute(VetLearners, Inputs(awarded: [fact, Awarded(1, activity: "HE-STA", sector: Sector.HED)]));

        Assert.True(expected == result.Value, because);
    }

    public static TheoryData<string, RealisedMobilityFact, decimal> RealisedCases => new()
    {
        { "a realised single mobility", Realised(1), 1 },
        { "a group record counts each participant", Realised(12, activity: "LM-SHORT-VET"), 12 },
        { "planned does not count", Realised(5, status: MobilityStatus.Planned), 0 },
        { "cancelled does not count", Realised(5, status: MobilityStatus.Cancelled), 0 },
        { "an accompanying person never counts", Realised(2, group: ParticipantGroup.AccompanyingPerson), 0 },
        { "incoming never counts", Realised(4, direction: MobilityDirection.Incoming), 0 },
        { "not ended by the as-of date", Realised(5, ended: false), 0 },
        { "project of the 2020 call", Realised(5, callYear: 2020), 0 },
    };

    [Theory]
    [MemberData(nameof(RealisedCases))]
    public void Realised_basis_counts_outgoing_participants_of_realised_mobilities(string because, RealisedMobilityFact fact, decimal expected)
    {
        var result = Compute(VetLearners, Inputs(realised: [fact]), basis: CountingBasis.Realised);

        Assert.True(expected == result.Value, because);
    }

    [Fact]
    public void Realised_and_awarded_bases_differ_on_the_same_data()
    {
        var inputs = Inputs(awarded: [Awarded(20)], realised: [Realised(8), Realised(3, status: MobilityStatus.Planned)]);

        Assert.Equal(20, Compute(VetLearners, inputs, basis: CountingBasis.Awarded).Value);
        Assert.Equal(8, Compute(VetLearners, inputs, basis: CountingBasis.Realised).Value);
    }

    [Fact]
    public void Staff_activity_codes_count_only_in_the_target_sector()
    {
        var inputs = Inputs(awarded: [Awarded(7, "SM-JOB-SHDW", Sector.SCH), Awarded(5, "SM-JOB-SHDW", Sector.VET), Awarded(2, "SM-TTA", Sector.SCH)]);

        Assert.Equal(9, Compute(SchoolStaff, inputs).Value);
    }

    [Theory]
    [InlineData("2021-09-30", 4, 4, 10, 40)]
    [InlineData("2024-06-30", 4, 4, 14, 28.6)]
    public void County_authorities_count_against_those_in_force_on_the_date(string asOf, int twoSectors, int oneSector, int inForce, decimal percent)
    {
        var accreditations = new List<AccreditationFact>();
        var twoSectorCounties = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture) < new DateOnly(2024, 1, 1)
            ? new[] { "11", "15", "18", "30" }
            : ["11", "15", "18", "32"];
        foreach (var county in twoSectorCounties.Take(twoSectors))
        {
            accreditations.Add(Accreditation(int.Parse(county, System.Globalization.CultureInfo.InvariantCulture), county, Sector.VET));
            accreditations.Add(Accreditation(int.Parse(county, System.Globalization.CultureInfo.InvariantCulture), county, Sector.SCH));
        }

        foreach (var county in new[] { "34", "42", "46", "50" }.Take(oneSector))
        {
            accreditations.Add(Accreditation(int.Parse(county, System.Globalization.CultureInfo.InvariantCulture), county, Sector.VET));
        }

        // Not counted: Oslo is no county authority; a school's accreditation; one not in force; the dissolved Viken after 2023.
        accreditations.Add(Accreditation(3, "03", Sector.VET));
        accreditations.Add(Accreditation(3, "03", Sector.SCH));
        accreditations.Add(Accreditation(999, "34", Sector.SCH, type: OrganisationType.UpperSecondarySchool));
        accreditations.Add(Accreditation(42, "42", Sector.ADU, inForce: false));

        var result = Compute(CountyAuthorities, Inputs(accreditations: accreditations), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(twoSectors, result.Numerator);
        Assert.Equal(inForce, result.Denominator);
        Assert.Equal(percent, result.Value);
        Assert.Equal(inForce, result.ByCounty.Count);
    }

    [Fact]
    public void Partnerships_count_with_a_norwegian_coordinator_or_partner_once_each()
    {
        var projects = new[]
        {
            Project(ProjectAction.KA220), Project(ProjectAction.KA210),
            Project(ProjectAction.KA220, norwegianCoordinator: false, partners: [Partner(1), Partner(2)]),
            Project(ProjectAction.SportPartnership, Sector.SPORT),
            Project(ProjectAction.KA220, norwegianCoordinator: false),
            Project(ProjectAction.KA122),
            Project(ProjectAction.CoVE),
            Project(ProjectAction.KA220, callYear: 2020),
            Project(ProjectAction.KA220, status: ProjectStatus.Applied),
            Project(ProjectAction.KA220, decided: false),
        };
        var target = Target(MetricKind.Partnerships, "{}", 1000, TargetUnit.Partnerships);

        var result = Compute(target, Inputs(projects: projects));

        Assert.Equal(4, result.Value);
        Assert.Equal(4, result.CountedItems.Count);
    }

    [Fact]
    public void Newcomers_are_coordinators_without_earlier_participation_counted_once()
    {
        var projects = new[]
        {
            Project(coordinatorId: 1, firstParticipation: null, earliestCallYear: 2021),
            Project(coordinatorId: 1, firstParticipation: null, earliestCallYear: 2021, callYear: 2022),
            Project(coordinatorId: 2, firstParticipation: 2019),
            Project(coordinatorId: 3, firstParticipation: null, earliestCallYear: 2018),
            Project(coordinatorId: 4, firstParticipation: 2021, earliestCallYear: 2021),
            Project(coordinatorId: 5, firstParticipation: null, norwegianCoordinator: false, partners: [Partner(5)]),
        };
        var target = Target(MetricKind.NewcomerCoordinators, "{}", 75, TargetUnit.Organisations);

        var result = Compute(target, Inputs(projects: projects), new DateOnly(2023, 1, 1));

        Assert.Equal(2, result.Value);
        Assert.Equal([1, 4], result.CountedItems.Select(i => i.Item.Id).Order());
    }

    [Fact]
    public void Sport_organisations_are_distinct_norwegian_participants_of_sport_partnerships()
    {
        var projects = new[]
        {
            Project(ProjectAction.KA220, Sector.SPORT, coordinatorId: 1, partners: [Partner(2), Partner(3)]),
            Project(ProjectAction.KA210, Sector.SPORT, coordinatorId: 2, partners: [Partner(3)]),
            Project(ProjectAction.SportPartnership, Sector.SPORT, norwegianCoordinator: false, partners: [Partner(4)]),
            Project(ProjectAction.KA220, Sector.SCH, coordinatorId: 5, partners: [Partner(6)]),
        };
        var target = Target(MetricKind.SportOrganisations, "{}", 70, TargetUnit.Organisations);

        Assert.Equal(4, Compute(target, Inputs(projects: projects)).Value);
    }

    public static TheoryData<string, int, int, decimal> WorkingLifeCases => new()
    {
        { "17 of 28 as published in September 2021", 17, 28, 60.7m },
        { "none with working life", 0, 5, 0m },
        { "zero denominator gives zero, not an error", 0, 0, 0m },
    };

    [Theory]
    [MemberData(nameof(WorkingLifeCases))]
    public void Working_life_share_is_of_norwegian_coordinated_partnerships(string because, int withWorkingLife, int total, decimal expected)
    {
        var projects = Enumerable.Range(0, total).Select(i => Project(workingLife: i < withWorkingLife))
            .Append(Project(norwegianCoordinator: false, workingLife: true, partners: [Partner(77)]));
        var target = Target(MetricKind.WorkingLifeShare, "{}", 15, TargetUnit.Percent);

        var result = Compute(target, Inputs(projects: projects));

        Assert.True(expected == result.Value, because);
        Assert.Equal(total, result.Denominator);
    }

    [Fact]
    public void Topic_share_counts_norwegian_coordinated_partnerships_with_the_topic()
    {
        var projects = new[]
        {
            Project(topics: ["sustainability"]), Project(topics: ["sustainability", "inclusion"]), Project(topics: ["inclusion"]), Project(),
            Project(ProjectAction.KA122, topics: ["sustainability"]),
        };
        var target = Target(MetricKind.TopicShare, """{"topic":"sustainability"}""", 25, TargetUnit.Percent);

        var result = Compute(target, Inputs(projects: projects));

        Assert.Equal((2m, 4m, 50m), (result.Numerator!.Value, result.Denominator!.Value, result.Value));
    }

    [Fact]
    public void Flag_share_counts_national_agency_projects_only()
    {
        var projects = new[]
        {
            Project(ProjectAction.KA122, greenTravel: true), Project(ProjectAction.KA121), Project(ProjectAction.KA131, greenTravel: true),
            Project(ProjectAction.KA220), Project(ProjectAction.CoVE, greenTravel: true),
            Project(ProjectAction.KA122, greenTravel: true, norwegianCoordinator: false, partners: [Partner(9)]),
        };
        var target = Target(MetricKind.FlagShare, """{"flag":"green-travel"}""", 20, TargetUnit.Percent);

        var result = Compute(target, Inputs(projects: projects));

        Assert.Equal((2m, 4m, 50m), (result.Numerator!.Value, result.Denominator!.Value, result.Value));
    }

    [Fact]
    public void Centralised_projects_count_with_a_norwegian_coordinator_or_partner()
    {
        var projects = new[]
        {
            Project(ProjectAction.CoVE), Project(ProjectAction.CoVE, norwegianCoordinator: false, partners: [Partner(1)]),
            Project(ProjectAction.CoVE, norwegianCoordinator: false, partners: [Partner(2)]), Project(ProjectAction.CoVE, norwegianCoordinator: false, partners: [Partner(3)]),
            Project(ProjectAction.CoVE, norwegianCoordinator: false), Project(ProjectAction.TeacherAcademy),
        };
        var target = Target(MetricKind.CentralisedProjects, """{"action":"CoVE"}""", 5, TargetUnit.Projects);

        Assert.Equal(4, Compute(target, Inputs(projects: projects)).Value);
    }

    [Theory]
    [InlineData("2021-01-01", 10000, 4)]
    [InlineData("2024-07-01", 10000, 5000)]
    [InlineData("2027-12-31", 10000, 10000)]
    [InlineData("2020-06-01", 10000, 0)]
    [InlineData("2030-01-01", 10000, 10000)]
    public void Counts_are_expected_on_a_straight_line_from_2021_to_2027(string asOf, int target, decimal expected)
    {
        var value = AttainmentCalculator.ExpectedByNow(target, TargetUnit.Participants, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, value);
    }

    [Fact]
    public void A_share_is_expected_at_its_target_from_the_start()
    {
        Assert.Equal(25, AttainmentCalculator.ExpectedByNow(25, TargetUnit.Percent, new DateOnly(2021, 2, 1)));
    }

    [Theory]
    [InlineData(110, 100, AttainmentStatus.Ahead)]
    [InlineData(109, 100, AttainmentStatus.OnTrack)]
    [InlineData(90, 100, AttainmentStatus.OnTrack)]
    [InlineData(89, 100, AttainmentStatus.Behind)]
    [InlineData(60, 100, AttainmentStatus.Behind)]
    [InlineData(59, 100, AttainmentStatus.AtRisk)]
    [InlineData(0, 0, AttainmentStatus.OnTrack)]
    public void Status_compares_the_value_with_the_value_expected_by_now(decimal value, decimal expected, AttainmentStatus status)
    {
        Assert.Equal(status, AttainmentCalculator.StatusOf(value, expected));
    }

    [Fact]
    public void Projection_carries_the_current_pace_to_2027_and_says_the_pace_needed()
    {
        // Half-way through the period (2024-07-01 is day 1278 of 2556) with 4 000 of 10 000.
        var (projected, met, pace, note) = AttainmentCalculator.Projection(4000, 10000, TargetUnit.Participants, new DateOnly(2024, 7, 1));

        Assert.Equal(8000, projected!.Value, 0);
        Assert.False(met);
        // 6 000 left over 1 278 days (3.499 years): 1 714.8 a year, a whole number of people: 1 715.
        Assert.Equal(1715m, pace);
        Assert.Null(note);
    }

    [Fact]
    public void A_revised_target_value_applies_from_its_effective_date()
    {
        var revised = Target(MetricKind.MobilityParticipants, """{"activityTypes":["LM-SHORT-VET"]}""", 10000, TargetUnit.Participants,
            new TargetValuePoint(new DateOnly(2024, 7, 1), 12000));
        var inputs = Inputs(awarded: [Awarded(600)]);

        Assert.Equal(10000, Compute(revised, inputs, new DateOnly(2024, 6, 30)).TargetValue);
        Assert.Equal(12000, Compute(revised, inputs, new DateOnly(2024, 7, 1)).TargetValue);
        Assert.Equal(5m, Compute(revised, inputs, new DateOnly(2024, 7, 1)).PercentOfTarget);
    }

    [Fact]
    public void Before_2024_a_report_shows_the_2020_structure_unless_asked_for_todays()
    {
        var inputs = Inputs(awarded: [Awarded(5, county: "32"), Awarded(3, county: "31"), Awarded(2, county: "30"), Awarded(7, county: "46")]);

        var asOfDate = Compute(VetLearners, inputs, new DateOnly(2023, 6, 1));
        var today = Compute(VetLearners, inputs, new DateOnly(2023, 6, 1), structure: CountyStructureChoice.Today);
        var vikenOnly = Compute(VetLearners, inputs, new DateOnly(2023, 6, 1), county: "30");

        Assert.Equal([("30", 10m), ("46", 7m)], asOfDate.ByCounty.Select(r => (r.Key, r.Value)).OrderBy(r => r.Key));
        Assert.Equal([("30", 2m), ("31", 3m), ("32", 5m), ("46", 7m)], today.ByCounty.Select(r => (r.Key, r.Value)).OrderBy(r => r.Key));
        Assert.NotNull(today.ByCounty.Single(r => r.Key == "30").Note);
        Assert.Equal(10, vikenOnly.Value);
    }

    [Fact]
    public void Sector_filter_and_series_by_call_year_and_start_year()
    {
        var inputs = Inputs(awarded: [Awarded(5, callYear: 2021, startYear: 2021), Awarded(7, callYear: 2022, startYear: 2023), Awarded(3, callYear: 2022, startYear: 2022)]);

        var result = Compute(VetLearners, inputs, new DateOnly(2024, 1, 1));
        var filtered = Compute(VetLearners, inputs, new DateOnly(2024, 1, 1), sector: Sector.SCH);

        Assert.Equal([(2021, 5m, 5m), (2022, 10m, 15m)], result.ByCallYear.Select(p => (p.Year, p.Value, p.Cumulative)));
        Assert.Equal([(2021, 5m), (2022, 3m), (2023, 7m)], result.ByStartYear.Select(p => (p.Year, p.Value)));
        Assert.Equal(15, result.BySector.Single(r => r.Key == "VET").Value);
        Assert.Equal(0, filtered.Value);
    }
}

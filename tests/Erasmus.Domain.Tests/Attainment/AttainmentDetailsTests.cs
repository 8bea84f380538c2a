using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using static Erasmus.Domain.Tests.Attainment.Facts;

namespace Erasmus.Domain.Tests.Attainment;

/// <summary>
/// What a target's result carries besides its value (DOMAIN.md, "Dashboards" and "County views"): the
/// breakdowns by county and sector with their labels and notes, the counted records, the series of shares,
/// the year-end points; and the rules' edges (each flag its own field, unknown kinds refused, populations
/// matched by target and county, projections at their limits).
/// </summary>
public sealed class AttainmentDetailsTests
{
    private static TargetResult Compute(TargetDefinition target, AttainmentInputs inputs, DateOnly? asOf = null, CountingBasis basis = CountingBasis.Awarded,
        CountyStructureChoice structure = CountyStructureChoice.AsOfDate, string? county = null, Sector? sector = null) =>
        AttainmentCalculator.ComputeTarget(inputs, target, new AttainmentParameters(asOf ?? September2021, basis, structure, county, sector));

    [Theory]
    [InlineData("green-travel", 1, 20)]
    [InlineData("inclusion-support", 2, 40)]
    [InlineData("blended", 3, 60)]
    public void Each_flag_share_reads_its_own_flag(string flag, int numerator, decimal percent)
    {
        var projects = new[]
        {
            Project(ProjectAction.KA122, greenTravel: true), Project(ProjectAction.KA122, inclusion: true), Project(ProjectAction.KA122, inclusion: true, blended: true),
            Project(ProjectAction.KA121, blended: true), Project(ProjectAction.KA220, blended: true),
        };

        var result = Compute(Target(MetricKind.FlagShare, $$"""{"flag":"{{flag}}"}""", 20, TargetUnit.Percent), Inputs(projects: projects));

        Assert.Equal((numerator, 5m, percent), (result.Numerator!.Value, result.Denominator!.Value, result.Value));
    }

    [Fact]
    public void An_unknown_metric_kind_or_flag_is_an_error_not_a_zero()
    {
        var unknownKind = Assert.Throws<InvalidOperationException>(() => MetricKinds.Parse("no-such-kind", "T"));
        var unknownFlag = Assert.Throws<InvalidOperationException>(() => Compute(Target(MetricKind.FlagShare, """{"flag":"no-such-flag"}""", 1, TargetUnit.Percent), Inputs()));

        Assert.Equal("Unknown metric kind 'no-such-kind' for target T.", unknownKind.Message);
        Assert.Equal("Unknown flag 'no-such-flag'.", unknownFlag.Message);
    }

    [Fact]
    public void A_count_has_no_numerator_or_denominator_and_a_share_has_both()
    {
        var count = Compute(VetLearners, Inputs(awarded: [Awarded(3)]));
        var share = Compute(WorkingLife, Inputs(projects: [Project(workingLife: true), Project()]));

        Assert.Equal((3m, (decimal?)null, (decimal?)null, true), (count.Value, count.Numerator, count.Denominator, count.Target.IsCount));
        Assert.Equal((50m, (decimal?)1, (decimal?)2), (share.Value, share.Numerator, share.Denominator));
        Assert.True(share.IsShare);
    }

    [Fact]
    public void The_county_breakdown_has_names_the_unknown_as_they_are_and_a_row_without_county_last()
    {
        var inputs = Inputs(awarded: [Awarded(5, county: "46"), Awarded(3, county: "30"), Awarded(1, county: "99"), Awarded(2) with { CountyNumber = null }]);

        var rows = Compute(VetLearners, inputs, new DateOnly(2023, 6, 30)).ByCounty;

        Assert.Equal(
            [("99", "99", 1m, (string?)null), ("46", "Vestland", 5m, null), ("30", "Viken", 3m, null), ("", "Uten fylke/sektor", 2m, null)],
            rows.Select(r => (r.Key, r.Label, r.Value, r.Note)));
        Assert.All(rows, r => Assert.Equal((null, null), (r.Numerator, r.Denominator)));
    }

    [Theory]
    [InlineData("2023-12-31", CountyStructureChoice.AsOfDate, null)] // Viken's last day: no note
    [InlineData("2024-01-01", CountyStructureChoice.AsOfDate, "Oppløst 2024; viser fylkets egne organisasjoner")]
    [InlineData("2023-06-30", CountyStructureChoice.Today, "Oppløst 2024; viser fylkets egne organisasjoner")]
    public void A_dissolved_county_in_the_breakdown_is_noted_once_it_is_dissolved_or_todays_structure_is_shown(string asOf, CountyStructureChoice structure, string? note)
    {
        var inputs = Inputs(awarded: [Awarded(3, county: "30"), Awarded(2, county: "46")]);

        var rows = Compute(VetLearners, inputs, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), structure: structure).ByCounty;

        Assert.Equal(note, rows.Single(r => r.Key == "30").Note);
        Assert.Null(rows.Single(r => r.Key == "46").Note);
    }

    [Fact]
    public void A_share_breaks_down_with_numerators_and_denominators_by_county_and_sector()
    {
        var projects = new[]
        {
            Project(county: "46", workingLife: true), Project(county: "46"), Project(county: "11", sector: Sector.VET, workingLife: true),
        };

        var result = Compute(WorkingLife, Inputs(projects: projects));

        Assert.Equal([("11", 100m, 1m, 1m), ("46", 50m, 1m, 2m)], result.ByCounty.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value, r.Numerator!.Value, r.Denominator!.Value)));
        Assert.Equal([("SCH", "SCH", 50m), ("VET", "VET", 100m)], result.BySector.Select(r => (r.Key, r.Label, r.Value)));
    }

    [Fact]
    public void A_share_by_call_year_is_the_years_share_and_the_share_so_far()
    {
        var projects = new[] { Project(callYear: 2021, workingLife: true), Project(callYear: 2021), Project(callYear: 2022, workingLife: true) };

        var result = Compute(WorkingLife, Inputs(projects: projects), new DateOnly(2023, 1, 1));

        Assert.Equal([(2021, 50m, 50m), (2022, 100m, 66.7m)], result.ByCallYear.Select(p => (p.Year, p.Value, p.Cumulative)));
        Assert.Empty(result.ByDate);
    }

    [Fact]
    public void The_counted_records_sum_per_record_with_county_sector_and_first_call_year()
    {
        var inputs = Inputs(awarded:
        [
            Awarded(4, callYear: 2022, startYear: 2022) with { ProjectId = 7 }, Awarded(2, activity: "LM-LONG-VET", callYear: 2023) with { ProjectId = 7 },
            Awarded(3, county: "11") with { ProjectId = 8 }, Awarded(9),
        ]);

        var items = Compute(VetLearners, inputs, new DateOnly(2023, 1, 1)).CountedItems;

        Assert.Equal(
            [(new CountedItem("project", 7, ""), 6m, "46", (Sector?)Sector.VET, (int?)2022), (new CountedItem("project", 8, ""), 3m, "11", Sector.VET, 2021)],
            items.Select(i => (i.Item, i.Numerator, i.CountyNumber, i.Sector, i.CallYear)).OrderBy(i => i.Item.Id));
    }

    [Fact]
    public void Realised_records_are_counted_by_project_without_those_that_add_nobody()
    {
        var inputs = Inputs(realised:
        [
            Realised(3) with { ProjectId = 7 }, Realised(2, group: ParticipantGroup.AccompanyingPerson, county: "11") with { ProjectId = 8 },
        ]);

        var result = Compute(VetLearners, inputs, new DateOnly(2023, 1, 1), CountingBasis.Realised);

        Assert.Equal((new CountedItem("project", 7, ""), 3m), result.CountedItems.Select(i => (i.Item, i.Numerator)).Single());
        Assert.Equal(["46"], result.ByCounty.Select(r => r.Key));
    }

    [Fact]
    public void Project_records_are_labelled_by_reference_in_order()
    {
        var projects = new[] { Project(), Project(), Project() };

        var items = Compute(Partnerships, Inputs(projects: projects)).CountedItems;

        Assert.Equal(projects.Select(p => p.Reference).Order(StringComparer.Ordinal), items.Select(i => i.Item.Label));
        Assert.All(items, i => Assert.Equal("project", i.Item.Kind));
    }

    [Fact]
    public void A_project_led_from_abroad_counts_in_its_first_norwegian_partners_county()
    {
        var projects = new[]
        {
            Project(norwegianCoordinator: false, partners: [Partner(1, "46"), Partner(2, "11")]),
            Project(norwegianCoordinator: false, partners: [Partner(3) with { CountyNumber = null }, Partner(4, "50")]),
            Project(county: "42", partners: [Partner(5, "03")]),
            Project(norwegianCoordinator: false, partners: [Partner(6) with { CountyNumber = null }]),
        };

        var result = Compute(Partnerships, Inputs(projects: projects));

        // By name (Agder, Rogaland, Trøndelag); the last, whose only Norwegian partner has no county, is counted without one.
        Assert.Equal([("42", 1m), ("11", 1m), ("50", 1m), ("", 1m)], result.ByCounty.Select(r => (r.Key, r.Value)));
    }

    [Fact]
    public void County_authorities_are_counted_by_their_holder_or_named_by_county()
    {
        var inputs = Inputs(accreditations: [Accreditation(46, "46", Sector.VET), Accreditation(46, "46", Sector.SCH), Accreditation(11, "11", Sector.VET)]);

        var items = Compute(CountyAuthorities, inputs).CountedItems;

        Assert.Equal((new CountedItem("organisation", 46, "Fylkeskommune 46"), 1m, 1m), items.Where(i => i.CountyNumber == "46").Select(i => (i.Item, i.Numerator, i.Denominator)).Single());
        Assert.Equal((new CountedItem("organisation", 11, "Fylkeskommune 11"), 0m, 1m), items.Where(i => i.CountyNumber == "11").Select(i => (i.Item, i.Numerator, i.Denominator)).Single());
        Assert.Equal((new CountedItem("county", 0, "Agder"), 0m, 1m), items.Where(i => i.CountyNumber == "42").Select(i => (i.Item, i.Numerator, i.Denominator)).Single());
    }

    [Fact]
    public void Only_the_sectors_a_county_target_names_count()
    {
        var twoOfSchoolAndVet = WithSectors(Target(MetricKind.CountyAuthoritiesAccredited, """{"minSectors":2,"sectors":["SCH","VET"]}""", 100, TargetUnit.Percent));
        var inputs = Inputs(accreditations: [Accreditation(46, "46", Sector.VET), Accreditation(46, "46", Sector.ADU), Accreditation(11, "11", Sector.VET), Accreditation(11, "11", Sector.SCH)]);

        var result = Compute(twoOfSchoolAndVet, inputs);

        Assert.Equal((1m, 10m), (result.Numerator!.Value, result.Denominator!.Value));
    }

    [Theory]
    [InlineData("2021-06-30", 1)] // the as-of date only
    [InlineData("2023-03-31", 3)] // 2021 and 2022 year-ends, then the as-of date
    [InlineData("2035-06-30", 11)] // year-ends up to 2030 (the period's end and three years of realisation), then the as-of date
    public void A_count_is_plotted_at_each_year_end_before_the_as_of_date_up_to_three_years_after_the_period(string asOf, int points)
    {
        var date = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);

        var byDate = Compute(VetLearners, Inputs(awarded: [Awarded(5)]), date).ByDate;

        Assert.Equal(points, byDate.Count);
        Assert.Equal((date, 5m), (byDate[^1].Date, byDate[^1].Value));
        Assert.All(byDate.SkipLast(1), p => Assert.Equal((12, 31), (p.Date.Month, p.Date.Day)));
    }

    [Fact]
    public void A_countys_population_share_is_the_one_of_that_target_and_county()
    {
        var inputs = Inputs(awarded: [Awarded(16, county: "46")]) with
        {
            Populations = [new PopulationShare("T", "11", 0.5m), new PopulationShare("OTHER", "46", 0.5m), new PopulationShare("T", "46", 0.1m)],
        };

        var vestland = Compute(VetLearners, inputs, county: "46");

        // 10 % of the 1 068 expected nationally in September 2021.
        Assert.Equal(107m, vestland.ExpectedValue);
    }

    [Fact]
    public void Without_a_population_share_of_that_county_there_is_no_expected_share()
    {
        var inputs = Inputs(awarded: [Awarded(16, county: "46")]) with { Populations = [new PopulationShare("T", "11", 0.5m)] };

        var vestland = Compute(VetLearners, inputs, county: "46");

        Assert.Null(vestland.ExpectedValue);
        Assert.Null(vestland.Status);
    }

    [Fact]
    public void A_county_view_of_a_share_shows_the_national_share_and_numerator()
    {
        // Vestland: 1 of 1 with working life; nationally 1 + 2 of 1 + 4.
        var projects = new[]
        {
            Project(county: "46", workingLife: true), Project(county: "11", workingLife: true), Project(county: "11", workingLife: true),
            Project(county: "11"), Project(county: "11"),
        };

        var vestland = Compute(WorkingLife, Inputs(projects: projects), county: "46");

        Assert.Equal(new PartOfNational(60m, 3m, 33.3m, null), vestland.Part);
        Assert.Equal((100m, 1m, 1m), (vestland.Value, vestland.Numerator!.Value, vestland.Denominator!.Value));
    }

    [Fact]
    public void A_target_outside_the_sector_has_no_points_by_date()
    {
        var pupils = Compute(SchoolPupils, Inputs(awarded: [Awarded(7, "LM-SHORT-PUPIL", Sector.SCH)]), new DateOnly(2023, 1, 1), sector: Sector.VET);

        Assert.Empty(pupils.ByDate);
    }

    [Fact]
    public void From_2024_01_01_a_county_of_today_is_shown_as_itself()
    {
        var inputs = Inputs(awarded: [Awarded(4, county: "32")]);

        Assert.Equal(["30"], Compute(VetLearners, inputs, new DateOnly(2023, 12, 31)).ByCounty.Select(r => r.Key));
        Assert.Equal(["32"], Compute(VetLearners, inputs, new DateOnly(2024, 1, 1)).ByCounty.Select(r => r.Key));
    }

    [Fact]
    public void The_targets_come_in_their_sort_order()
    {
        var first = VetLearners with { Code = "A", SortOrder = 1 };
        var second = VetLearners with { Code = "B", SortOrder = 2 };

        var result = AttainmentCalculator.Compute(Inputs(), [second, first], new AttainmentParameters(September2021, CountingBasis.Awarded));

        Assert.Equal(["A", "B"], result.Targets.Select(t => t.Target.Code));
    }

    [Fact]
    public void A_newcomer_is_counted_with_its_first_partnership_and_entered_with_its_first_decision()
    {
        // Two partnerships of the 2021 call by the same newcomer: the first (by id) is a school one in Vestland, decided in 2022;
        // the second a VET one, decided in 2021.
        var target = Target(MetricKind.NewcomerCoordinators, "{}", 100, TargetUnit.Organisations);
        var projects = new[]
        {
            Project(coordinatorId: 1, firstParticipation: null, sector: Sector.SCH, decisionYear: 2022),
            Project(coordinatorId: 1, firstParticipation: null, sector: Sector.VET, decisionYear: 2021),
        };

        var result = Compute(target, Inputs(projects: projects), new DateOnly(2023, 6, 30));

        Assert.Equal((new CountedItem("organisation", 1, "Koordinator 1"), 1m), result.CountedItems.Select(i => (i.Item, i.Numerator)).Single());
        Assert.Equal(["SCH"], result.BySector.Select(r => r.Key));
        Assert.Equal([1m, 1m, 1m], result.ByDate.Select(p => p.Value));
    }

    [Fact]
    public void A_sport_organisation_is_counted_once_from_its_first_call_and_entered_with_its_first_decision()
    {
        var target = Target(MetricKind.SportOrganisations, "{}", 70, TargetUnit.Organisations);
        var projects = new[]
        {
            Project(ProjectAction.KA220, Sector.SPORT, callYear: 2022, coordinatorId: 9, partners: [Partner(2)]),
            Project(ProjectAction.KA210, Sector.SPORT, callYear: 2021, norwegianCoordinator: false, partners: [Partner(2)]),
        };

        var result = Compute(target, Inputs(projects: projects), new DateOnly(2023, 6, 30));

        Assert.Equal(new CountedItem("organisation", 2, "Partner 2"), result.CountedItems.Single(i => i.Item.Id == 2).Item);
        Assert.Equal([(2021, 1m), (2022, 1m)], result.ByCallYear.Select(p => (p.Year, p.Value)));
        // Partner 2 entered in 2021 (its first decision), the coordinator 9 in 2022.
        Assert.Equal([1m, 2m, 2m], result.ByDate.Select(p => p.Value));
    }

    [Fact]
    public void A_sport_organisation_counts_with_its_first_project_of_the_call_and_that_projects_start_year()
    {
        var target = Target(MetricKind.SportOrganisations, "{}", 70, TargetUnit.Organisations);
        var projects = new[]
        {
            Project(ProjectAction.KA220, Sector.SPORT, norwegianCoordinator: false, partners: [Partner(2)]),
            Project(ProjectAction.KA210, Sector.SPORT, norwegianCoordinator: false, partners: [Partner(2)]) with { StartYear = 2022 },
        };

        var result = Compute(target, Inputs(projects: projects), new DateOnly(2023, 6, 30));

        Assert.Equal([(2021, 1m)], result.ByStartYear.Select(p => (p.Year, p.Value)));
    }

    [Fact]
    public void A_target_of_zero_is_zero_percent_reached_not_an_error() =>
        Assert.Equal(0m, Compute(Target(MetricKind.MobilityParticipants, """{"activityTypes":["LM-SHORT-VET"]}""", 0), Inputs(awarded: [Awarded(3)])).PercentOfTarget);

    public static TheoryData<string, decimal, decimal, string, decimal?, bool?, decimal?, ProjectionNote?> ProjectionEdges => new()
    {
        // 546 of 2 556 days on 2022-06-30; 2 010 days (5.503 years) left.
        { "a value of exactly 5 is projected: 5 / 0.2136 = 23", 5m, 10000m, "2022-06-30", 23m, false, 1817m, null },
        { "below 5 it is not", 4m, 10000m, "2022-06-30", null, null, 1817m, ProjectionNote.ValueBelowFive },
        { "at the target exactly: met, no pace", 10000m, 10000m, "2025-01-01", 17483m, true, null, null },
        { "after the period: the pace has no years left", 9000m, 10000m, "2028-06-30", 9000m, false, null, null },
        { "on the period's last day: no years left, no pace", 9000m, 10000m, "2027-12-31", 9000m, false, null, null },
        { "projected exactly to the target: met", 10000m, 10000m, "2027-12-31", 10000m, true, null, null },
    };

    [Theory]
    [MemberData(nameof(ProjectionEdges))]
    public void Projection_at_its_limits(string because, decimal value, decimal target, string asOf, decimal? projected, bool? met, decimal? pace, ProjectionNote? note)
    {
        var outcome = AttainmentCalculator.Projection(value, target, TargetUnit.Participants, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(new ProjectionOutcome(projected, met, pace, note) == outcome, $"{because}: got {outcome}");
    }

    [Fact]
    public void A_share_exactly_at_its_target_will_be_met() =>
        Assert.Equal(new ProjectionOutcome(15m, true, null, null), AttainmentCalculator.Projection(15m, 15m, TargetUnit.Percent, new DateOnly(2022, 1, 1)));

    [Fact]
    public void A_target_without_parameters_has_no_activity_types()
    {
        var (activities, sector) = AttainmentCalculator.MobilityParameters(Target(MetricKind.MobilityParticipants, " ", 1));

        Assert.Empty(activities);
        Assert.Null(sector);
    }
}

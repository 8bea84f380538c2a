using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Entities;

/// <summary>
/// A project's own rules beyond the reference (DOMAIN.md, "Projects"): call year, round, decision, grant,
/// accreditation, and its partners, topics and awarded mobilities.
/// </summary>
public class ProjectTests
{
    private static ProjectDetails Details(string reference = "2022-1-NO01-KA122-VET-000012345", ProjectAction action = ProjectAction.KA122, Sector sector = Sector.VET,
        int callYear = 2022, int round = 1, string start = "2022-09-01", string end = "2024-08-31", string? decision = "2022-07-01",
        ProjectStatus status = ProjectStatus.Granted, int? accreditationId = null) =>
        new(reference, action, sector, callYear, round, 3, D(start), D(end), decision is null ? null : D(decision), status, 60000m, true, false, true, accreditationId);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_valid_project_keeps_its_values_with_the_reference_in_upper_case()
    {
        var project = new Project(Details(reference: " 2022-1-no01-ka121-vet-000012345 ", action: ProjectAction.KA121, accreditationId: 8));

        Assert.Equal(("2022-1-NO01-KA121-VET-000012345", ProjectAction.KA121, Sector.VET, 2022, 1, 3), (project.Reference, project.Action, project.Sector, project.CallYear, project.Round, project.CoordinatorId));
        Assert.Equal((D("2022-09-01"), D("2024-08-31"), (DateOnly?)D("2022-07-01"), ProjectStatus.Granted), (project.StartDate, project.EndDate, project.DecisionDate, project.Status));
        Assert.Equal((60000m, true, false, true, (int?)8), (project.GrantEur, project.GreenTravelTopUp, project.InclusionSupport, project.BlendedMobility, project.AccreditationId));
    }

    public static TheoryData<string, ProjectDetails, RuleViolation[]> Broken => new()
    {
        { "a mobility project not granted by the Norwegian agency", Details(reference: "2022-1-SE01-KA122-VET-000012345"),
            [new("Reference", "Mobilitetsprosjekter (KA1) tildeles av det norske nasjonale kontoret og har NO01 i prosjektnummeret.")] },
        { "a malformed project number", Details(reference: "2022-1-NO01-KA122"), [new("Reference", "Prosjektnummeret må ha formen ÅÅÅÅ-R-NO01-KAnnn-SEK-NNNNNNNNN, for eksempel 2021-1-NO01-KA121-VET-000012345.")] },
        { "an action other than the project number's", Details(action: ProjectAction.KA121), [new("Action", "Tiltaket må stemme med prosjektnummeret (KA122).")] },
        { "a call year other than the project number's", Details(callYear: 2023, start: "2023-09-01", end: "2025-08-31", decision: "2023-07-01"),
            [new("CallYear", "Utlysningsåret må stemme med prosjektnummeret (2022).")] },
        { "a round other than the project number's", Details(round: 2), [new("Round", "Søknadsrunden må stemme med prosjektnummeret (1).")] },
        { "granted without a decision date", Details(decision: null), [new("DecisionDate", "Et innvilget prosjekt må ha vedtaksdato.")] },
        { "ends before it starts", Details(end: "2022-08-31"), [new("EndDate", "Sluttdato kan ikke være før startdato.")] },
        { "an accreditation on a KA122", Details(accreditationId: 8), [new("AccreditationId", "Bare KA121-prosjekter bygger på en akkreditering.")] },
        { "a centralised project with a project number", Details(action: ProjectAction.CoVE),
            [new("Reference", "EU-prosjektnummeret må ha 9 sifre, for eksempel 101055859.")] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_project_breaking_a_rule_is_refused_with_the_field_and_message(string because, ProjectDetails details, RuleViolation[] expected)
    {
        Assert.True(expected.SequenceEqual(Project.Check(details)), $"{because}: {string.Join(" | ", Project.Check(details))}");
        Assert.Equal(expected, Assert.Throws<DomainException>(() => new Project(details)).Violations);
    }

    [Theory]
    [InlineData(2013, false)]
    [InlineData(2014, true)]
    [InlineData(2027, true)]
    [InlineData(2028, false)]
    public void The_call_year_is_from_2014_to_2027(int callYear, bool accepted)
    {
        var details = Details(reference: "101104519", action: ProjectAction.CoVE, callYear: callYear, start: $"{Math.Clamp(callYear, 2014, 2035)}-09-01",
            end: $"{Math.Clamp(callYear, 2014, 2033) + 2}-08-31", decision: null, status: ProjectStatus.Applied);

        Assert.Equal(accepted ? [] : [new RuleViolation("CallYear", "Utlysningsåret må være mellom 2014 og 2027.")], Project.Check(details));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void The_round_is_1_2_or_3(int round, bool accepted)
    {
        var details = Details(reference: "101104519", action: ProjectAction.CoVE, round: round);

        Assert.Equal(accepted ? [] : [new RuleViolation("Round", "Søknadsrunden må være 1, 2 eller 3.")], Project.Check(details));
    }

    [Theory]
    [InlineData(ProjectStatus.Applied)]
    [InlineData(ProjectStatus.Rejected)]
    public void A_project_not_granted_needs_no_decision_date(ProjectStatus status) =>
        Assert.Empty(Project.Check(Details(decision: null, status: status)));

    [Fact]
    public void A_project_of_one_day_is_accepted() => Assert.Empty(Project.Check(Details(start: "2022-09-01", end: "2022-09-01")));

    [Fact]
    public void Partners_exclude_the_coordinator_and_are_kept_once()
    {
        var project = new Project(Details());

        project.SetPartners([5, 6, 6, 3]);
        Assert.Equal([5, 6], project.Partners.Select(p => p.OrganisationId).Order());

        project.SetPartners([6, 7]);
        Assert.Equal([6, 7], project.Partners.Select(p => p.OrganisationId).Order());
        Assert.All(project.Partners, p => Assert.Equal(project.Id, p.ProjectId));
    }

    [Fact]
    public void Topics_are_kept_once_and_replaced()
    {
        var project = new Project(Details());

        project.SetTopics(["inclusion", "digital", "inclusion"]);
        Assert.Equal(["digital", "inclusion"], project.Topics.Select(t => t.TopicCode).Order(StringComparer.Ordinal));

        project.SetTopics(["sustainability", "digital"]);
        Assert.Equal(["digital", "sustainability"], project.Topics.Select(t => t.TopicCode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Awarded_mobilities_are_set_changed_and_removed_by_zero()
    {
        var project = new Project(Details());

        project.SetAwardedMobilities(new Dictionary<string, int> { ["LM-SHORT-VET"] = 10, ["LM-LONG-VET"] = 2, ["SM-JOB-SHDW"] = 0 });
        Assert.Equal([("LM-LONG-VET", 2), ("LM-SHORT-VET", 10)], Lines(project));

        var shortVet = project.AwardedMobilities.Single(a => a.ActivityTypeCode == "LM-SHORT-VET");
        project.SetAwardedMobilities(new Dictionary<string, int> { ["LM-SHORT-VET"] = 12, ["LM-LONG-VET"] = 0, ["SM-JOB-SHDW"] = 3 });
        Assert.Equal([("LM-SHORT-VET", 12), ("SM-JOB-SHDW", 3)], Lines(project));
        // A changed line is the same line (the database updates it rather than deleting and inserting).
        Assert.Same(shortVet, project.AwardedMobilities.Single(a => a.ActivityTypeCode == "LM-SHORT-VET"));

        project.SetAwardedMobilities(new Dictionary<string, int> { ["SM-JOB-SHDW"] = 3 });
        Assert.Equal([("SM-JOB-SHDW", 3)], Lines(project));

        static IEnumerable<(string, int)> Lines(Project p) => p.AwardedMobilities.Select(a => (a.ActivityTypeCode, a.Participants)).Order();
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void An_awarded_number_is_from_0_to_10000(int participants, bool accepted)
    {
        var project = new Project(Details());
        var awarded = new Dictionary<string, int> { ["LM-SHORT-VET"] = 5, ["LM-LONG-VET"] = participants };

        if (accepted)
        {
            project.SetAwardedMobilities(awarded);
            Assert.Null(Project.CheckAwarded(awarded.Values, "Awarded"));
        }
        else
        {
            var violation = new RuleViolation("AwardedMobilities", "Antall tildelte mobiliteter per aktivitetstype må være mellom 0 og 10 000.");
            Assert.Equal([violation], Assert.Throws<DomainException>(() => project.SetAwardedMobilities(awarded)).Violations);
            Assert.Empty(project.AwardedMobilities);
            Assert.Equal(violation with { Field = "Awarded" }, Project.CheckAwarded(awarded.Values, "Awarded"));
        }
    }

    [Fact]
    public void A_refused_update_changes_nothing()
    {
        var project = new Project(Details());

        Assert.Throws<DomainException>(() => project.Update(Details(decision: null, round: 2)));

        Assert.Equal((1, (DateOnly?)D("2022-07-01")), (project.Round, project.DecisionDate));
    }
}

using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

/// <summary>The project's own rules, which the form, the import and the entity share.</summary>
public class ProjectRulesTests
{
    private static ProjectDetails Details(string reference, ProjectAction action, Sector sector, int callYear = 2022, int round = 1) =>
        new(reference, action, sector, callYear, round, CoordinatorId: 1, new DateOnly(2022, 9, 1), new DateOnly(2024, 8, 31), new DateOnly(2022, 7, 1),
            ProjectStatus.Granted, 60000m, false, false, false, null);

    [Theory]
    [InlineData("2022-1-NO01-KA122-SCH-000012345", ProjectAction.KA122, Sector.SCH)]
    [InlineData("2022-1-NO01-KA121-VET-000012345", ProjectAction.KA121, Sector.VET)]
    [InlineData("2022-1-NO01-KA220-ADU-000012345", ProjectAction.KA220, Sector.ADU)]
    [InlineData("2022-1-NO01-KA182-SPO-000012345", ProjectAction.KA182, Sector.SPORT)]
    [InlineData(" 2022-1-no01-ka122-sch-000012345 ", ProjectAction.KA122, Sector.SCH)]
    public void Accepts_a_sector_that_matches_the_project_number(string reference, ProjectAction action, Sector sector) =>
        Assert.Empty(Project.Check(Details(reference, action, sector)));

    [Theory]
    [InlineData("2022-1-NO01-KA122-SCH-000012345", ProjectAction.KA122, Sector.VET, "SCH")]
    [InlineData("2022-1-NO01-KA220-ADU-000012345", ProjectAction.KA220, Sector.SCH, "ADU")]
    [InlineData("2022-1-NO01-KA182-SPO-000012345", ProjectAction.KA182, Sector.YOU, "SPO")]
    public void Refuses_a_sector_that_differs_from_the_project_number(string reference, ProjectAction action, Sector sector, string code)
    {
        var violation = Assert.Single(Project.Check(Details(reference, action, sector)));
        Assert.Equal(new RuleViolation("Sector", $"Sektoren må stemme med prosjektnummeret ({code})."), violation);
        Assert.Equal([violation], Assert.Throws<DomainException>(() => new Project(Details(reference, action, sector))).Violations);
    }

    [Fact]
    public void Gives_every_violation_at_once()
    {
        var violations = Project.Check(Details("2022-1-NO01-KA122-SCH-000012345", ProjectAction.KA121, Sector.VET, callYear: 2023, round: 2));

        Assert.Equal(["Action", "Sector", "CallYear", "Round"], violations.Select(v => v.Field));
    }

    [Theory]
    [InlineData("NO", new[] { "NO" }, new string[0])]
    [InlineData("NO", new string[0], new string[0])]
    [InlineData("DE", new[] { "DE", "NO" }, new string[0])]
    [InlineData("DE", new[] { "FR", "SE" }, new[] { "Et prosjekt som koordineres fra utlandet, må ha minst én norsk partner." })]
    [InlineData("DE", new string[0], new[] { "Et prosjekt som koordineres fra utlandet, må ha minst én norsk partner." })]
    public void A_project_coordinated_abroad_needs_a_norwegian_partner(string coordinatorCountry, string[] partnerCountries, string[] expected)
    {
        var partners = partnerCountries.Select((country, i) => (Id: 10 + i, CountryCode: country)).ToList();

        Assert.Equal(expected, Project.CheckParticipants(1, coordinatorCountry, partners).Select(v => v.Message));
    }

    [Fact]
    public void The_coordinator_is_not_also_a_partner_and_the_messages_go_to_the_given_field()
    {
        var violations = Project.CheckParticipants(1, "DE", [(1, "DE")], field: "PartnerIds");

        Assert.Equal(
            [new RuleViolation("PartnerIds", "Koordinatoren kan ikke også være partner i prosjektet."),
             new RuleViolation("PartnerIds", "Et prosjekt som koordineres fra utlandet, må ha minst én norsk partner.")],
            violations);
    }
}

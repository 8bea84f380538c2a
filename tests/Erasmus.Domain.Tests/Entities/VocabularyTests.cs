using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Entities;

/// <summary>The domain's vocabulary (DOMAIN.md): which statuses, actions and organisation types count as what.</summary>
public class VocabularyTests
{
    [Fact]
    public void Granted_means_granted_ongoing_completed_or_terminated() =>
        Assert.Equal([ProjectStatus.Granted, ProjectStatus.Ongoing, ProjectStatus.Completed, ProjectStatus.Terminated],
            Enum.GetValues<ProjectStatus>().Where(s => s.IsGranted()));

    [Fact]
    public void Working_life_is_companies_training_companies_social_partners_and_chambers() =>
        Assert.Equal([OrganisationType.TrainingCompany, OrganisationType.Company, OrganisationType.SocialPartner, OrganisationType.Chamber],
            Enum.GetValues<OrganisationType>().Where(t => t.IsWorkingLife()));

    [Fact]
    public void The_actions_by_kind()
    {
        var actions = Enum.GetValues<ProjectAction>();

        Assert.Equal([ProjectAction.KA210, ProjectAction.KA220, ProjectAction.SportPartnership], actions.Where(a => a.IsPartnership()));
        Assert.Equal([ProjectAction.CoVE, ProjectAction.TeacherAcademy, ProjectAction.SportPartnership], actions.Where(a => a.IsCentralised()));
        Assert.Equal(actions.Except([ProjectAction.CoVE, ProjectAction.TeacherAcademy, ProjectAction.SportPartnership]), actions.Where(a => a.IsNationalAgencyAction()));
        Assert.Equal([ProjectAction.KA121, ProjectAction.KA122, ProjectAction.KA131, ProjectAction.KA151, ProjectAction.KA152, ProjectAction.KA153, ProjectAction.KA154,
            ProjectAction.KA155, ProjectAction.KA182], actions.Where(a => a.IsMobilityAction()));
    }

    [Fact]
    public void The_period_and_the_accreditation_sectors()
    {
        Assert.Equal((2021, 2027), (DomainVocabulary.FirstCallYear, DomainVocabulary.LastCallYear));
        Assert.Equal((new DateOnly(2021, 1, 1), new DateOnly(2027, 12, 31)), (DomainVocabulary.PeriodStart, DomainVocabulary.PeriodEnd));
        Assert.Equal([Sector.SCH, Sector.VET, Sector.ADU], DomainVocabulary.AccreditationSectors);
    }

    [Fact]
    public void A_domain_exception_carries_its_violations_and_their_messages()
    {
        var two = new DomainException([new RuleViolation("Name", "Navnet må fylles ut."), new RuleViolation("CountyNumber", "Fylket mangler.")]);
        var one = new DomainException(new RuleViolation("Name", "Navnet må fylles ut."));
        var plain = new DomainException("Noe er galt.");
        var inner = new DomainException("Noe annet er galt.", new InvalidOperationException("indre"));

        Assert.Equal("Navnet må fylles ut. Fylket mangler.", two.Message);
        Assert.Equal(["Name", "CountyNumber"], two.Violations.Select(v => v.Field));
        Assert.Equal(("Navnet må fylles ut.", 1), (one.Message, one.Violations.Count));
        Assert.Equal([new RuleViolation("", "Noe er galt.")], plain.Violations);
        Assert.Equal([new RuleViolation("", "Noe annet er galt.")], inner.Violations);
        Assert.IsType<InvalidOperationException>(inner.InnerException);
        Assert.Empty(new DomainException().Violations);
    }

    [Fact]
    public void Throw_if_any_throws_only_for_broken_rules()
    {
        DomainException.ThrowIfAny(null, null);

        var thrown = Assert.Throws<DomainException>(() => DomainException.ThrowIfAny(null, new RuleViolation("A", "a"), null, new RuleViolation("B", "b")));

        Assert.Equal(["A", "B"], thrown.Violations.Select(v => v.Field));
    }
}

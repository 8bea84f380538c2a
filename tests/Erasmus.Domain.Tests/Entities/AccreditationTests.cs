using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Entities;

/// <summary>
/// An accreditation's rules: when it is in force (DOMAIN.md, "Accreditations": decided by the date, valid
/// then, neither suspended nor withdrawn), what it may hold, and its consortium members.
/// </summary>
public class AccreditationTests
{
    private static readonly DateOnly Decision = new(2021, 2, 1);
    private static readonly DateOnly From = new(2021, 3, 1);
    private static readonly DateOnly To = new(2027, 12, 31);

    private static Accreditation Vet(bool consortium = false, AccreditationStatus status = AccreditationStatus.Active, DateOnly? validTo = null) =>
        new("2021-1-NO01-KA120-VET-000012345", Sector.VET, 7, consortium, From, validTo ?? To, status, Decision);

    public static TheoryData<string, string, AccreditationStatus, string?, bool> InForceCases => new()
    {
        // date, status, valid to (null: open-ended) → in force
        { "the day before the decision", "2021-01-31", AccreditationStatus.Active, "2027-12-31", false },
        { "decided, but the day before it is valid", "2021-02-28", AccreditationStatus.Active, "2027-12-31", false },
        { "its first valid day", "2021-03-01", AccreditationStatus.Active, "2027-12-31", true },
        { "its last valid day", "2027-12-31", AccreditationStatus.Active, "2027-12-31", true },
        { "the day after its last valid day", "2028-01-01", AccreditationStatus.Active, "2027-12-31", false },
        { "open-ended, far ahead", "2030-06-01", AccreditationStatus.Active, null, true },
        { "expired since, but in force on a date inside its validity", "2024-01-01", AccreditationStatus.Expired, "2027-12-31", true },
        { "suspended", "2024-01-01", AccreditationStatus.Suspended, "2027-12-31", false },
        { "withdrawn", "2024-01-01", AccreditationStatus.Withdrawn, "2027-12-31", false },
    };

    [Theory]
    [MemberData(nameof(InForceCases))]
    public void In_force_when_decided_valid_and_neither_suspended_nor_withdrawn(string because, string date, AccreditationStatus status, string? validTo, bool inForce)
    {
        var on = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var to = validTo is null ? (DateOnly?)null : DateOnly.Parse(validTo, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(inForce == Accreditation.IsInForce(Decision, From, to, status, on), because);
    }

    [Fact]
    public void Decided_after_it_became_valid_it_is_in_force_from_the_decision()
    {
        var lateDecision = new DateOnly(2021, 4, 15);

        Assert.False(Accreditation.IsInForce(lateDecision, From, To, AccreditationStatus.Active, new DateOnly(2021, 4, 14)));
        Assert.True(Accreditation.IsInForce(lateDecision, From, To, AccreditationStatus.Active, lateDecision));
    }

    [Fact]
    public void A_valid_accreditation_keeps_its_values_with_the_code_in_upper_case()
    {
        var accreditation = new Accreditation(" 2021-1-no01-ka120-adu-000012345 ", Sector.ADU, 9, true, From, null, AccreditationStatus.Suspended, Decision);

        Assert.Equal(("2021-1-NO01-KA120-ADU-000012345", Sector.ADU, 9, true), (accreditation.Code, accreditation.Sector, accreditation.HolderId, accreditation.IsConsortium));
        Assert.Equal((From, (DateOnly?)null, AccreditationStatus.Suspended, Decision), (accreditation.ValidFrom, accreditation.ValidTo, accreditation.Status, accreditation.DecisionDate));
    }

    public static TheoryData<string, string, Sector, string, string?, string, RuleViolation[]> Broken => new()
    {
        { "no code", "", Sector.VET, "2021-03-01", "2027-12-31", "2021-02-01", [new("Code", "Akkrediteringsnummeret må fylles ut.")] },
        { "a sector other than the code's", "2021-1-NO01-KA120-VET-000012345", Sector.SCH, "2021-03-01", "2027-12-31", "2021-02-01",
            [new("Sector", "Sektoren må stemme med akkrediteringskoden (VET).")] },
        { "higher education is not accredited (and differs from the code)", "2021-1-NO01-KA120-VET-000012345", Sector.HED, "2021-03-01", "2027-12-31", "2021-02-01",
            [new("Sector", "Sektoren må stemme med akkrediteringskoden (VET)."), new("Sector", "Akkreditering gis bare i sektorene SCH, VET og ADU.")] },
        { "valid to before valid from", "2021-1-NO01-KA120-VET-000012345", Sector.VET, "2021-03-01", "2021-02-28", "2021-02-01",
            [new("ValidTo", "Gyldig til kan ikke være før gyldig fra.")] },
        { "a valid-from date outside the plausible range", "2021-1-NO01-KA120-VET-000012345", Sector.VET, "2013-12-31", "2027-12-31", "2021-02-01",
            [new("ValidFrom", "Gyldig fra må være mellom 01.01.2014 og 31.12.2035.")] },
        { "a valid-to date outside the plausible range", "2021-1-NO01-KA120-VET-000012345", Sector.VET, "2021-03-01", "2036-01-01", "2021-02-01",
            [new("ValidTo", "Gyldig til må være mellom 01.01.2014 og 31.12.2035.")] },
        { "a decision date outside the plausible range", "2021-1-NO01-KA120-VET-000012345", Sector.VET, "2021-03-01", "2027-12-31", "0001-01-01",
            [new("DecisionDate", "Vedtaksdato må være mellom 01.01.2014 og 31.12.2035.")] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void An_accreditation_breaking_a_rule_is_refused_with_every_violation(string because, string code, Sector sector, string from, string? to, string decision,
        RuleViolation[] expected)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        var violations = Assert.Throws<DomainException>(() =>
            new Accreditation(code, sector, 7, false, D(from), to is null ? null : D(to), AccreditationStatus.Active, D(decision))).Violations;

        Assert.True(expected.SequenceEqual(violations), $"{because}: {string.Join(" | ", violations)}");
    }

    [Fact]
    public void Valid_from_and_to_may_be_the_same_day() =>
        Assert.Equal(From, Vet(validTo: From).ValidTo);

    [Fact]
    public void A_consortium_has_members_other_than_its_holder_each_once()
    {
        var consortium = Vet(consortium: true);

        consortium.SetMembers([3, 4, 4, 7]);
        Assert.Equal([3, 4], consortium.Members.Select(m => m.OrganisationId).Order());

        consortium.SetMembers([4, 5]);
        Assert.Equal([4, 5], consortium.Members.Select(m => m.OrganisationId).Order());
        Assert.All(consortium.Members, m => Assert.Equal(consortium.Id, m.AccreditationId));
    }

    [Fact]
    public void Only_a_consortium_has_members_and_one_with_members_stays_a_consortium()
    {
        var single = Vet();
        var refused = Assert.Throws<DomainException>(() => single.SetMembers([3]));
        single.SetMembers([7]); // the holder alone is no member
        var consortium = Vet(consortium: true);
        consortium.SetMembers([3]);
        var unmade = Assert.Throws<DomainException>(() =>
            consortium.Update(consortium.Code, Sector.VET, 7, false, From, To, AccreditationStatus.Active, Decision));

        Assert.Equal([new RuleViolation("MemberIds", "Bare et konsortium kan ha medlemmer.")], refused.Violations);
        Assert.Empty(single.Members);
        Assert.Equal([new RuleViolation("IsConsortium", "En akkreditering med konsortiemedlemmer må være et konsortium.")], unmade.Violations);
        Assert.True(consortium.IsConsortium);
    }

    [Fact]
    public void A_consortium_without_members_may_become_a_single_accreditation()
    {
        var consortium = Vet(consortium: true);
        consortium.SetMembers([3]);
        consortium.SetMembers([]);

        consortium.Update(consortium.Code, Sector.VET, 7, false, From, To, AccreditationStatus.Active, Decision);

        Assert.False(consortium.IsConsortium);
    }
}

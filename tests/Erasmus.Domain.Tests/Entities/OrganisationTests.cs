using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Entities;

/// <summary>
/// An organisation's own rules (DOMAIN.md, "Organisations"): a Norwegian one has a valid organisation number
/// and a county, a foreign one neither; every violation is reported at once with its field.
/// </summary>
public class OrganisationTests
{
    private const string Number = "974760673";

    private static Organisation Create(string name = "Bergen katedralskole", string country = "NO", string? number = Number, string? oid = "E10000001",
        string? county = "46", string? municipality = "Bergen", int? firstYear = 2015) =>
        new(name, OrganisationType.UpperSecondarySchool, country, number, oid, county, municipality, firstYear);

    [Fact]
    public void A_norwegian_organisation_is_kept_trimmed_and_normalised()
    {
        var organisation = Create(name: "  Bergen katedralskole ", country: " no ", number: "974 760 673", oid: " e10000001 ", county: " 46 ", municipality: " Bergen ");

        Assert.Equal(("Bergen katedralskole", "NO", "974760673", "E10000001"), (organisation.Name, organisation.CountryCode, organisation.OrganisationNumber, organisation.Oid));
        Assert.Equal(("46", "Bergen", 2015, OrganisationType.UpperSecondarySchool), (organisation.CountyNumber, organisation.Municipality, organisation.FirstParticipationYear, organisation.Type));
        Assert.True(organisation.IsNorwegian);
        // Stamped by the data layer on save; empty, never null, until then.
        Assert.Equal(("", ""), (organisation.CreatedBy, organisation.UpdatedBy));
    }

    [Fact]
    public void A_foreign_organisation_has_no_number_county_or_municipality_and_blank_ones_are_none()
    {
        var organisation = Create(country: "de", number: " ", oid: "", county: "", municipality: "  ", firstYear: null);

        Assert.Equal(("DE", null, null, null, null), (organisation.CountryCode, organisation.OrganisationNumber, organisation.Oid, organisation.CountyNumber, organisation.Municipality));
        Assert.False(organisation.IsNorwegian);
    }

    public static TheoryData<string, Func<Organisation>, RuleViolation[]> Broken => new()
    {
        { "no name", () => Create(name: "  "), [new("Name", "Navnet må fylles ut.")] },
        { "301 characters", () => Create(name: new string('a', 301)), [new("Name", "Navnet kan ha høyst 300 tegn.")] },
        { "no country", () => Create(country: " ", number: null, county: null), [new("CountryCode", "Landet må fylles ut.")] },
        { "a country of three letters", () => Create(country: "NOR", number: null, county: null), [new("CountryCode", "Landet må fylles ut.")] },
        { "Norwegian without a number", () => Create(number: null), [new("OrganisationNumber", "Organisasjonsnummeret må fylles ut.")] },
        { "Norwegian without a county", () => Create(county: " "), [new("CountyNumber", "Norske organisasjoner må ha et fylke.")] },
        { "foreign with a number", () => Create(country: "SE", county: null), [new("OrganisationNumber", "Bare norske organisasjoner har organisasjonsnummer.")] },
        { "foreign with a county", () => Create(country: "SE", number: null), [new("CountyNumber", "Bare norske organisasjoner har fylke.")] },
        { "first participation in 1986", () => Create(firstYear: 1986), [new("FirstParticipationYear", "Første deltakelsesår må være mellom 1987 og 2027.")] },
        { "first participation in 2028", () => Create(firstYear: 2028), [new("FirstParticipationYear", "Første deltakelsesår må være mellom 1987 og 2027.")] },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void An_organisation_breaking_a_rule_is_refused_with_the_field_and_message(string because, Func<Organisation> create, RuleViolation[] expected)
    {
        var violations = Assert.Throws<DomainException>(create).Violations;

        Assert.True(expected.SequenceEqual(violations), $"{because}: {string.Join(" | ", violations)}");
    }

    [Theory]
    [InlineData(1987)]
    [InlineData(2027)]
    public void First_participation_from_1987_to_2027_is_accepted(int year) => Assert.Equal(year, Create(firstYear: year).FirstParticipationYear);

    [Fact]
    public void A_name_of_300_characters_is_accepted() => Assert.Equal(300, Create(name: new string('a', 300)).Name.Length);

    [Fact]
    public void Every_violation_is_reported_at_once()
    {
        var violations = Assert.Throws<DomainException>(() => Create(name: "", country: "SE", oid: "X1", firstYear: 1900)).Violations;

        Assert.Equal(["Name", "OrganisationNumber", "CountyNumber", "Oid", "FirstParticipationYear"], violations.Select(v => v.Field));
    }

    [Fact]
    public void A_refused_update_changes_nothing()
    {
        var organisation = Create();

        Assert.Throws<DomainException>(() => organisation.Update("Nytt navn", OrganisationType.Company, "NO", Number, null, null, null, null, OrganisationTies.None));

        Assert.Equal(("Bergen katedralskole", OrganisationType.UpperSecondarySchool, "46"), (organisation.Name, organisation.Type, organisation.CountyNumber));
    }

    [Fact]
    public void An_update_needs_its_ties() =>
        Assert.Throws<ArgumentNullException>(() => Create().Update("Navn", OrganisationType.Company, "NO", Number, null, "46", null, null, null!));
}

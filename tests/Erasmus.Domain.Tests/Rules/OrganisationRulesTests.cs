using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Tests.Rules;

/// <summary>
/// An organisation's own rules from issue #15: what depends on it being Norwegian keeps it Norwegian (an
/// accreditation with a foreign holder could not be saved again by anyone), and its name and municipality
/// hold no control characters and nothing that turns the direction of the text.
/// </summary>
public class OrganisationRulesTests
{
    private static Organisation Norwegian() =>
        new("Bergen katedralskole", OrganisationType.UpperSecondarySchool, "NO", "974760673", "E10000001", "46", "Bergen", 2015);

    private static void MakeSwedish(Organisation organisation, OrganisationTies ties) =>
        organisation.Update(organisation.Name, organisation.Type, "SE", null, organisation.Oid, null, null, organisation.FirstParticipationYear, ties);

    public static TheoryData<OrganisationTies, string[]> Ties => new()
    {
        { OrganisationTies.None, [] },
        { new OrganisationTies(1, 0, 0), ["Organisasjonen har en akkreditering og må være norsk. Innehaveren av en akkreditering kan ikke være utenlandsk."] },
        { new OrganisationTies(0, 2, 0), ["Organisasjonen er medlem av et akkrediteringskonsortium og må være norsk."] },
        { new OrganisationTies(0, 0, 1), ["Organisasjonen er den eneste norske deltakeren i minst ett prosjekt og må være norsk: ellers hører prosjektet ikke til noe fylke."] },
        {
            new OrganisationTies(3, 1, 4),
            [
                "Organisasjonen har en akkreditering og må være norsk. Innehaveren av en akkreditering kan ikke være utenlandsk.",
                "Organisasjonen er medlem av et akkrediteringskonsortium og må være norsk.",
                "Organisasjonen er den eneste norske deltakeren i minst ett prosjekt og må være norsk: ellers hører prosjektet ikke til noe fylke.",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Ties))]
    public void An_organisation_others_depend_on_being_norwegian_cannot_become_foreign(OrganisationTies ties, string[] messages)
    {
        var organisation = Norwegian();

        if (messages.Length == 0)
        {
            MakeSwedish(organisation, ties);
            Assert.Equal(("SE", null), (organisation.CountryCode, organisation.CountyNumber));
        }
        else
        {
            var violations = Assert.Throws<DomainException>(() => MakeSwedish(organisation, ties)).Violations;
            Assert.Equal(messages, violations.Select(v => v.Message));
            Assert.All(violations, v => Assert.Equal("CountryCode", v.Field));
            Assert.Equal(("NO", "46"), (organisation.CountryCode, organisation.CountyNumber));
        }
    }

    [Fact]
    public void Ties_do_not_stop_other_changes_to_a_norwegian_organisation()
    {
        var organisation = Norwegian();

        organisation.Update("Bergen katedralskole (ny)", organisation.Type, "NO", organisation.OrganisationNumber, organisation.Oid, "46", "Bergen", 2015,
            new OrganisationTies(1, 1, 1));

        Assert.Equal("Bergen katedralskole (ny)", organisation.Name);
    }

    [Theory]
    [InlineData(0x202E)] // right-to-left override: "Skole‮fdp.exe" reads "Skoleexe.pdf"
    [InlineData(0x2067)] // right-to-left isolate
    [InlineData(0x200F)] // right-to-left mark
    [InlineData(0x0000)]
    [InlineData(0x0007)]
    [InlineData(0x000A)] // a line break
    [InlineData(0x0085)] // C1 next line
    [InlineData(0x200B)] // zero-width space
    [InlineData(0xFEFF)]
    [InlineData(0xD800)] // a lone surrogate
    public void A_name_with_control_or_direction_characters_is_refused(int character)
    {
        // Built here rather than written in the attribute, so test names and reports stay printable.
        var name = $"Skole{(char)character}midt";
        var violations = Assert.Throws<DomainException>(() =>
            new Organisation(name, OrganisationType.UpperSecondarySchool, "NO", "974760673", null, "46", "Bergen", null)).Violations;

        Assert.Equal([new RuleViolation("Name", "Teksten kan ikke inneholde kontrolltegn eller usynlige tegn som endrer skriveretningen.")], violations);
    }

    [Theory]
    [InlineData("Skule på Nordfjordeid")]
    [InlineData("Åsane vgs. – avdeling «Nord»")]
    [InlineData("École Saint-Exupéry")]
    [InlineData("مدرسة القاهرة")] // Arabic is fine: its direction is its own, not an override
    [InlineData("Skolelaget 👩‍🏫")] // an emoji sequence with a zero-width joiner
    public void Ordinary_names_in_any_script_are_accepted(string name) =>
        Assert.Equal(name, new Organisation(name, OrganisationType.UpperSecondarySchool, "NO", "974760673", null, "46", "Bergen", null).Name);

    [Fact]
    public void The_municipality_is_checked_too()
    {
        var violations = Assert.Throws<DomainException>(() =>
            new Organisation("Skolen", OrganisationType.UpperSecondarySchool, "NO", "974760673", null, "46", "Ber\u202Egen", null)).Violations;

        Assert.Equal("Municipality", Assert.Single(violations).Field);
    }

    [Fact]
    public void A_note_may_have_line_breaks_but_no_other_control_characters()
    {
        Assert.Null(PlainText.Validate("Første linje\r\nandre linje\tmed tabulator", "Note", allowLineBreaks: true));
        Assert.NotNull(PlainText.Validate("Første linje\u001B[31m", "Note", allowLineBreaks: true));
    }
}

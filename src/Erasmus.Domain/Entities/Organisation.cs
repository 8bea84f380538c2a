using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Entities;

/// <summary>
/// An organisation taking part in Erasmus+, Norwegian or foreign. A Norwegian one has a valid
/// organisation number and a county; a foreign partner has neither.
/// </summary>
public sealed class Organisation : AuditableEntity
{
    public const string Norway = "NO";

    private Organisation()
    {
        Name = "";
        CountryCode = Norway;
    }

    public Organisation(string name, OrganisationType type, string countryCode, string? organisationNumber, string? oid,
        string? countyNumber, string? municipality, int? firstParticipationYear)
        : this() => Update(name, type, countryCode, organisationNumber, oid, countyNumber, municipality, firstParticipationYear, OrganisationTies.None);

    public int Id { get; private set; }
    public string Name { get; private set; }
    public OrganisationType Type { get; private set; }
    public string CountryCode { get; private set; }

    /// <summary>The Norwegian organisation number (9 digits, modulus-11 checked); Norwegian organisations only.</summary>
    public string? OrganisationNumber { get; private set; }

    /// <summary>The Commission's organisation ID (E + 8 digits), unique when present.</summary>
    public string? Oid { get; private set; }

    /// <summary>The county in force while the organisation exists (Norwegian organisations only).</summary>
    public string? CountyNumber { get; private set; }

    public string? Municipality { get; private set; }

    /// <summary>Year of first Erasmus+ participation as recorded, which may be before 2021.</summary>
    public int? FirstParticipationYear { get; private set; }

    public bool IsNorwegian => CountryCode == Norway;

    /// <summary>
    /// Changes the organisation. <paramref name="ties"/> says what depends on it: an accreditation's
    /// holder or consortium member, and the only Norwegian participant of a project, must stay Norwegian
    /// (a foreign one belongs to no county, so those records would fall out of every county, issue #15).
    /// </summary>
    public void Update(string name, OrganisationType type, string countryCode, string? organisationNumber, string? oid,
        string? countyNumber, string? municipality, int? firstParticipationYear, OrganisationTies ties)
    {
        ArgumentNullException.ThrowIfNull(ties);
        var violations = new List<RuleViolation>();
        name = name.Trim();
        countryCode = countryCode.Trim().ToUpperInvariant();
        organisationNumber = string.IsNullOrWhiteSpace(organisationNumber) ? null : Rules.OrganisationNumber.Normalise(organisationNumber);
        oid = string.IsNullOrWhiteSpace(oid) ? null : OrganisationId.Normalise(oid);
        countyNumber = string.IsNullOrWhiteSpace(countyNumber) ? null : countyNumber.Trim();
        municipality = string.IsNullOrWhiteSpace(municipality) ? null : municipality.Trim();

        if (name.Length == 0)
        {
            violations.Add(new RuleViolation(nameof(Name), "Navnet må fylles ut."));
        }
        else if (name.Length > 300)
        {
            violations.Add(new RuleViolation(nameof(Name), "Navnet kan ha høyst 300 tegn."));
        }

        violations.AddRange(new[] { PlainText.Validate(name, nameof(Name)), PlainText.Validate(municipality, nameof(Municipality)) }.OfType<RuleViolation>());

        if (countryCode.Length != 2)
        {
            violations.Add(new RuleViolation(nameof(CountryCode), "Landet må fylles ut."));
        }

        if (countryCode == Norway)
        {
            if (Rules.OrganisationNumber.Validate(organisationNumber, nameof(OrganisationNumber)) is { } numberViolation)
            {
                violations.Add(numberViolation);
            }

            if (countyNumber is null)
            {
                violations.Add(new RuleViolation(nameof(CountyNumber), "Norske organisasjoner må ha et fylke."));
            }
        }
        else
        {
            if (organisationNumber is not null)
            {
                violations.Add(new RuleViolation(nameof(OrganisationNumber), "Bare norske organisasjoner har organisasjonsnummer."));
            }

            if (countyNumber is not null)
            {
                violations.Add(new RuleViolation(nameof(CountyNumber), "Bare norske organisasjoner har fylke."));
            }

            violations.AddRange(ties.MustStayNorwegian(nameof(CountryCode)));
        }

        if (oid is not null && OrganisationId.Validate(oid, nameof(Oid)) is { } oidViolation)
        {
            violations.Add(oidViolation);
        }

        if (firstParticipationYear is { } year && (year < Plausible.FirstParticipationYearFrom || year > DomainVocabulary.LastCallYear))
        {
            violations.Add(new RuleViolation(nameof(FirstParticipationYear), "Første deltakelsesår må være mellom 1987 og 2027."));
        }

        DomainException.ThrowIfAny([.. violations]);
        Name = name;
        Type = type;
        CountryCode = countryCode;
        OrganisationNumber = organisationNumber;
        Oid = oid;
        CountyNumber = countyNumber;
        Municipality = municipality;
        FirstParticipationYear = firstParticipationYear;
    }
}

/// <summary>
/// What depends on an organisation being Norwegian, counted by the caller from the database: the
/// accreditations it holds, the consortia it is a member of, and the projects in which it is the only
/// Norwegian participant (coordinator or partner).
/// </summary>
public sealed record OrganisationTies(int AccreditationsHeld, int ConsortiumMemberships, int ProjectsWithNoOtherNorwegianParticipant)
{
    /// <summary>A new organisation: nothing depends on it yet.</summary>
    public static readonly OrganisationTies None = new(0, 0, 0);

    /// <summary>Why the organisation cannot become foreign, one message per kind of record that depends on it.</summary>
    public IEnumerable<RuleViolation> MustStayNorwegian(string field)
    {
        if (AccreditationsHeld > 0)
        {
            yield return new RuleViolation(field, "Organisasjonen har en akkreditering og må være norsk. Innehaveren av en akkreditering kan ikke være utenlandsk.");
        }

        if (ConsortiumMemberships > 0)
        {
            yield return new RuleViolation(field, "Organisasjonen er medlem av et akkrediteringskonsortium og må være norsk.");
        }

        if (ProjectsWithNoOtherNorwegianParticipant > 0)
        {
            yield return new RuleViolation(field, "Organisasjonen er den eneste norske deltakeren i minst ett prosjekt og må være norsk: ellers hører prosjektet ikke til noe fylke.");
        }
    }
}

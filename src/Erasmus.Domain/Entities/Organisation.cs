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
        : this() => Update(name, type, countryCode, organisationNumber, oid, countyNumber, municipality, firstParticipationYear);

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

    public void Update(string name, OrganisationType type, string countryCode, string? organisationNumber, string? oid,
        string? countyNumber, string? municipality, int? firstParticipationYear)
    {
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
        }

        if (oid is not null && OrganisationId.Validate(oid, nameof(Oid)) is { } oidViolation)
        {
            violations.Add(oidViolation);
        }

        if (firstParticipationYear is { } year && (year < 1987 || year > DomainVocabulary.LastCallYear))
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

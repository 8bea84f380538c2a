using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Organisations;

/// <summary>The organisation form. Shape checks here; the domain's rules run when applied to the entity.</summary>
public sealed class OrganisationForm : IVersionedForm
{
    [Label("Navn")]
    [Required(ErrorMessage = "Navnet må fylles ut.")]
    [StringLength(300, ErrorMessage = "Navnet kan ha høyst 300 tegn.")]
    public string Name { get; set; } = "";

    [Label("Type")]
    [Required(ErrorMessage = "Velg en organisasjonstype.")]
    [EnumDataType(typeof(OrganisationType), ErrorMessage = "Velg en organisasjonstype fra listen.")]
    public OrganisationType? Type { get; set; }

    [Label("Land")]
    [Required(ErrorMessage = "Velg et land.")]
    [StringLength(2, MinimumLength = 2, ErrorMessage = "Velg et land fra listen.")]
    public string CountryCode { get; set; } = Organisation.Norway;

    [Label("Organisasjonsnummer")]
    [StringLength(20, ErrorMessage = "Organisasjonsnummeret er for langt.")]
    public string? OrganisationNumber { get; set; }

    [Label("OID (organisasjons-ID i EUs systemer)")]
    [StringLength(20, ErrorMessage = "OID er for lang.")]
    public string? Oid { get; set; }

    [Label("Fylke (norske organisasjoner)")]
    [StringLength(2, ErrorMessage = "Velg et fylke fra listen.")]
    public string? CountyNumber { get; set; }

    [Label("Kommune")]
    [StringLength(100, ErrorMessage = "Kommunenavnet kan ha høyst 100 tegn.")]
    public string? Municipality { get; set; }

    [Label("Første år med Erasmus+-deltakelse")]
    [Range(1987, 2027, ErrorMessage = "Første deltakelsesår må være mellom 1987 og 2027.")]
    public int? FirstParticipationYear { get; set; }

    /// <summary>The row version the user started from (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    public static OrganisationForm From(Organisation o) => new()
    {
        Name = o.Name,
        Type = o.Type,
        CountryCode = o.CountryCode,
        OrganisationNumber = o.OrganisationNumber,
        Oid = o.Oid,
        CountyNumber = o.CountyNumber,
        Municipality = o.Municipality,
        FirstParticipationYear = o.FirstParticipationYear,
        Version = o.Version,
    };

    public Organisation ToNew() => new(Name, Type!.Value, CountryCode, OrganisationNumber, Oid, NorwegianOnly(CountyNumber), NorwegianOnly(Municipality), FirstParticipationYear);

    public void ApplyTo(Organisation o, OrganisationTies ties) =>
        o.Update(Name, Type!.Value, CountryCode, OrganisationNumber, Oid, NorwegianOnly(CountyNumber), NorwegianOnly(Municipality), FirstParticipationYear, ties);

    public IEnumerable<ConflictRow> CompareWith(OrganisationForm mine) =>
    [
        new("Navn", Name, mine.Name),
        new("Type", Type is { } t ? DomainText.Of(t) : null, mine.Type is { } m ? DomainText.Of(m) : null),
        new("Land", CountryCode, mine.CountryCode),
        new("Organisasjonsnummer", OrganisationNumber, mine.OrganisationNumber),
        new("OID", Oid, mine.Oid),
        new("Fylke", CountyNumber, mine.CountyNumber),
        new("Kommune", Municipality, mine.Municipality),
        new("Første deltakelsesår", FirstParticipationYear?.ToString(CultureInfo.InvariantCulture), mine.FirstParticipationYear?.ToString(CultureInfo.InvariantCulture)),
    ];

    // County and municipality belong to Norwegian organisations; a foreign one's are dropped, not refused.
    private string? NorwegianOnly(string? value) => CountryCode == Organisation.Norway ? value : null;
}

/// <summary>What the organisation form offers to choose from; computed for the user and the record, never posted.</summary>
public sealed record OrganisationOptions(IReadOnlyList<FieldOption> Countries, IReadOnlyList<FieldOption> Counties);

/// <summary>
/// The organisation form's page: the posted form (<see cref="OrganisationForm"/>, only what the browser sends) and
/// its choices. The views bind to Form.X unprefixed, so the posted names stay the form's own.
/// </summary>
public sealed record OrganisationPage(OrganisationForm Form, OrganisationOptions Choices);

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Accreditations;

/// <summary>The accreditation form. Shape checks here; the domain's rules run when applied to the entity.</summary>
public sealed class AccreditationForm : IVersionedForm
{
    [Label("Akkrediteringsnummer")]
    [Required(ErrorMessage = "Akkrediteringsnummeret må fylles ut.")]
    [StringLength(40, ErrorMessage = "Akkrediteringsnummeret kan ha høyst 40 tegn.")]
    public string Code { get; set; } = "";

    [Label("Sektor")]
    [Required(ErrorMessage = "Velg en sektor.")]
    [EnumDataType(typeof(Sector), ErrorMessage = "Velg en sektor fra listen.")]
    public Sector? Sector { get; set; }

    [Required(ErrorMessage = "Velg innehaveren av akkrediteringen.")]
    public int? HolderId { get; set; }

    public bool IsConsortium { get; set; }

    public List<int> MemberIds { get; set; } = [];

    [Label("Gyldig fra")]
    [Required(ErrorMessage = "Gyldig fra må fylles ut.")]
    public DateOnly? ValidFrom { get; set; }

    [Label("Gyldig til")]
    public DateOnly? ValidTo { get; set; }

    [Label("Status")]
    [Required(ErrorMessage = "Velg en status.")]
    [EnumDataType(typeof(AccreditationStatus), ErrorMessage = "Velg en status fra listen.")]
    public AccreditationStatus? Status { get; set; } = AccreditationStatus.Active;

    [Label("Vedtaksdato")]
    [Required(ErrorMessage = "Vedtaksdatoen må fylles ut.")]
    public DateOnly? DecisionDate { get; set; }

    /// <summary>The row version the user started from (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    /// <summary>Analysts only: the county whose organisations the member list offers; empty means the holder's county.</summary>
    [StringLength(2)]
    public string? MemberCounty { get; set; }

    /// <summary>Set by the "show organisations" button: re-render the member list without saving (works without JavaScript).</summary>
    public bool ShowMembers { get; set; }

    public static AccreditationForm From(Accreditation a) => new()
    {
        Code = a.Code,
        Sector = a.Sector,
        HolderId = a.HolderId,
        IsConsortium = a.IsConsortium,
        MemberIds = [.. a.Members.Select(m => m.OrganisationId).Order()],
        ValidFrom = a.ValidFrom,
        ValidTo = a.ValidTo,
        Status = a.Status,
        DecisionDate = a.DecisionDate,
        Version = a.Version,
    };

    public Accreditation ToNew()
    {
        var accreditation = new Accreditation(Code, Sector!.Value, HolderId!.Value, IsConsortium, ValidFrom!.Value, ValidTo, Status!.Value, DecisionDate!.Value);
        accreditation.SetMembers(MemberIds);
        return accreditation;
    }

    public void ApplyTo(Accreditation a)
    {
        // Clearing members first lets a consortium become a single holder in one save; members
        // posted without the consortium box are then refused by SetMembers, beside the member list.
        if (!IsConsortium)
        {
            a.SetMembers([]);
        }

        a.Update(Code, Sector!.Value, HolderId!.Value, IsConsortium, ValidFrom!.Value, ValidTo, Status!.Value, DecisionDate!.Value);
        a.SetMembers(MemberIds);
    }

    /// <summary>The saved values beside the user's, with organisation ids shown by name.</summary>
    public IEnumerable<ConflictRow> CompareWith(AccreditationForm mine, IReadOnlyDictionary<int, string> names)
    {
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i, i.ToString(CultureInfo.InvariantCulture)) : null;
        string Members(IEnumerable<int> ids) => string.Join(", ", ids.Distinct().Select(i => Name(i)).Order(StringComparer.CurrentCulture));
        return
        [
            new("Akkrediteringsnummer", Code, mine.Code?.Trim().ToUpperInvariant()),
            new("Sektor", Sector is { } s ? DomainText.Of(s) : null, mine.Sector is { } ms ? DomainText.Of(ms) : null),
            new("Innehaver", Name(HolderId), Name(mine.HolderId)),
            new("Konsortium", DomainText.YesNo(IsConsortium), DomainText.YesNo(mine.IsConsortium)),
            new("Konsortiemedlemmer", Members(MemberIds), Members(mine.MemberIds.Where(i => i != mine.HolderId))),
            new("Gyldig fra", Date(ValidFrom), Date(mine.ValidFrom)),
            new("Gyldig til", Date(ValidTo), Date(mine.ValidTo)),
            new("Status", Status is { } st ? DomainText.Of(st) : null, mine.Status is { } mst ? DomainText.Of(mst) : null),
            new("Vedtaksdato", Date(DecisionDate), Date(mine.DecisionDate)),
        ];
    }

    /// <summary>The value of a date input (ISO, whatever the culture).</summary>
    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date for reading, in the user's culture.</summary>
    public static string Display(DateOnly? date) => date?.ToString("d", CultureInfo.CurrentCulture) ?? "–";
}

/// <summary>
/// What the accreditation form offers to choose from; computed for the form and the user, never posted.
/// <paramref name="MemberCountyFixed"/> is true when the member list is fixed to the user's own county (coordinators).
/// </summary>
public sealed record AccreditationOptions(IReadOnlyList<OrganisationChoice> Holders, IReadOnlyList<OrganisationChoice> Members,
    IReadOnlyList<FieldOption> Counties, bool MemberCountyFixed);

/// <summary>
/// The accreditation form's page: the posted form (<see cref="AccreditationForm"/>, only what the browser sends) and
/// its choices. The views bind to Form.X unprefixed, so the posted names stay the form's own.
/// </summary>
public sealed record AccreditationPage(AccreditationForm Form, AccreditationOptions Choices);

/// <summary>A Norwegian organisation offered as holder or member, with the county it is grouped under and what the picker searches.</summary>
public sealed record OrganisationChoice(int Id, string Name, string CountyName, string? Municipality = null, string? OrganisationNumber = null, string? Oid = null)
{
    /// <summary>The holder picker's groups: one per county, in name order.</summary>
    public static IReadOnlyList<OrganisationOptionGroup> ByCounty(IEnumerable<OrganisationChoice> choices) =>
    [
        .. choices.GroupBy(c => c.CountyName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.CurrentCulture)
            .Select(g => new OrganisationOptionGroup(g.Key, [.. g.Select(c => new OrganisationOption(c.Id, c.Name, Organisation.Norway, c.Municipality, c.OrganisationNumber, c.Oid))])),
    ];
}

using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Entities;

/// <summary>
/// An Erasmus accreditation (KA120) in one sector, held by one organisation or by a consortium
/// coordinator on behalf of its member organisations.
/// </summary>
public sealed class Accreditation : AuditableEntity
{
    private readonly List<AccreditationMember> _members = [];

    private Accreditation()
    {
        Code = "";
    }

    public Accreditation(string code, Sector sector, int holderId, bool isConsortium, DateOnly validFrom, DateOnly? validTo,
        AccreditationStatus status, DateOnly decisionDate)
        : this() => Update(code, sector, holderId, isConsortium, validFrom, validTo, status, decisionDate);

    public int Id { get; private set; }
    public string Code { get; private set; }
    public Sector Sector { get; private set; }
    public int HolderId { get; private set; }
    public Organisation? Holder { get; private set; }
    public bool IsConsortium { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public AccreditationStatus Status { get; private set; }
    public DateOnly DecisionDate { get; private set; }
    public IReadOnlyList<AccreditationMember> Members => _members;

    /// <summary>
    /// The rule on its own, for aggregate queries that return the columns rather than entities. An
    /// expired accreditation was in force on dates inside its validity; a suspended or withdrawn one is not.
    /// </summary>
    public static bool IsInForce(DateOnly decisionDate, DateOnly validFrom, DateOnly? validTo, AccreditationStatus status, DateOnly date) =>
        decisionDate <= date && validFrom <= date && (validTo is null || date <= validTo)
        && status is AccreditationStatus.Active or AccreditationStatus.Expired;

    public void Update(string code, Sector sector, int holderId, bool isConsortium, DateOnly validFrom, DateOnly? validTo,
        AccreditationStatus status, DateOnly decisionDate)
    {
        code = code.Trim().ToUpperInvariant();
        var violations = new List<RuleViolation?> { AccreditationCode.Validate(code, nameof(Code)) };
        if (AccreditationCode.TryParse(code, out var parsed) && parsed is not null && parsed.Sector != sector.ToString())
        {
            violations.Add(new RuleViolation(nameof(Sector), $"Sektoren må stemme med akkrediteringskoden ({parsed.Sector})."));
        }

        if (Array.IndexOf(DomainVocabulary.AccreditationSectors, sector) < 0)
        {
            violations.Add(new RuleViolation(nameof(Sector), "Akkreditering gis bare i sektorene SCH, VET og ADU."));
        }

        violations.Add(Plausible.Date(validFrom, nameof(ValidFrom), "Gyldig fra"));
        violations.Add(Plausible.Date(validTo, nameof(ValidTo), "Gyldig til"));
        violations.Add(Plausible.Date(decisionDate, nameof(DecisionDate), "Vedtaksdato"));
        if (validTo is { } to && to < validFrom)
        {
            violations.Add(new RuleViolation(nameof(ValidTo), "Gyldig til kan ikke være før gyldig fra."));
        }

        if (!isConsortium && _members.Count > 0)
        {
            violations.Add(new RuleViolation(nameof(IsConsortium), "En akkreditering med konsortiemedlemmer må være et konsortium."));
        }

        DomainException.ThrowIfAny([.. violations]);
        Code = code;
        Sector = sector;
        HolderId = holderId;
        IsConsortium = isConsortium;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Status = status;
        DecisionDate = decisionDate;
    }

    public void SetMembers(IEnumerable<int> organisationIds)
    {
        var wanted = organisationIds.Distinct().Where(id => id != HolderId).ToHashSet();
        if (wanted.Count > 0 && !IsConsortium)
        {
            throw new DomainException(new RuleViolation("MemberIds", "Bare et konsortium kan ha medlemmer."));
        }

        _members.RemoveAll(m => !wanted.Contains(m.OrganisationId));
        foreach (var id in wanted.Where(id => _members.All(m => m.OrganisationId != id)))
        {
            _members.Add(new AccreditationMember(Id, id));
        }
    }
}

/// <summary>A member organisation of a consortium accreditation.</summary>
public sealed class AccreditationMember(int accreditationId, int organisationId)
{
    public int AccreditationId { get; private set; } = accreditationId;
    public int OrganisationId { get; private set; } = organisationId;
    public Organisation? Organisation { get; private set; }
}

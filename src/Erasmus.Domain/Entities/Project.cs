using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Entities;

/// <summary>
/// A funded (or applied-for) Erasmus+ project: one coordinator, any number of partners, topics,
/// funding flags and the awarded number of mobilities per activity type.
/// </summary>
public sealed class Project : AuditableEntity
{
    private readonly List<ProjectPartner> _partners = [];
    private readonly List<ProjectTopic> _topics = [];
    private readonly List<AwardedMobility> _awardedMobilities = [];

    private Project()
    {
        Reference = "";
    }

    public Project(ProjectDetails details)
        : this() => Update(details);

    public int Id { get; private set; }

    /// <summary>The project number (2021-1-NO01-KA121-VET-000012345) or, for centralised actions, the EU grant number.</summary>
    public string Reference { get; private set; }

    public ProjectAction Action { get; private set; }
    public Sector Sector { get; private set; }
    public int CallYear { get; private set; }
    public int Round { get; private set; }
    public int CoordinatorId { get; private set; }
    public Organisation? Coordinator { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public DateOnly? DecisionDate { get; private set; }
    public ProjectStatus Status { get; private set; }
    public decimal GrantEur { get; private set; }
    public bool GreenTravelTopUp { get; private set; }
    public bool InclusionSupport { get; private set; }
    public bool BlendedMobility { get; private set; }

    /// <summary>The accreditation a KA121 project draws on.</summary>
    public int? AccreditationId { get; private set; }

    public Accreditation? Accreditation { get; private set; }
    public IReadOnlyList<ProjectPartner> Partners => _partners;
    public IReadOnlyList<ProjectTopic> Topics => _topics;
    public IReadOnlyList<AwardedMobility> AwardedMobilities => _awardedMobilities;

    public void Update(ProjectDetails d)
    {
        DomainException.ThrowIfAny([.. Check(d)]);
        Reference = d.Reference.Trim().ToUpperInvariant();
        Action = d.Action;
        Sector = d.Sector;
        CallYear = d.CallYear;
        Round = d.Round;
        CoordinatorId = d.CoordinatorId;
        StartDate = d.StartDate;
        EndDate = d.EndDate;
        DecisionDate = d.DecisionDate;
        Status = d.Status;
        GrantEur = d.GrantEur;
        GreenTravelTopUp = d.GreenTravelTopUp;
        InclusionSupport = d.InclusionSupport;
        BlendedMobility = d.BlendedMobility;
        AccreditationId = d.AccreditationId;
    }

    /// <summary>
    /// What is wrong with the details, all at once, so a form can show every message beside its field
    /// before anything is saved; <see cref="Update"/> refuses the same.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(ProjectDetails d)
    {
        var reference = d.Reference.Trim().ToUpperInvariant();
        var violations = new List<RuleViolation?>();
        if (d.Action is ProjectAction.CoVE or ProjectAction.TeacherAcademy or ProjectAction.SportPartnership)
        {
            violations.Add(CentralisedGrantNumber.Validate(reference, nameof(Reference)));
        }
        else
        {
            violations.Add(ProjectReference.Validate(reference, nameof(Reference)));
            if (ProjectReference.TryParse(reference, out var parsed) && parsed is not null)
            {
                if (parsed.Action != d.Action.ToString())
                {
                    violations.Add(new RuleViolation(nameof(Action), $"Tiltaket må stemme med prosjektnummeret ({parsed.Action})."));
                }

                if (parsed.Sector != ProjectReference.SectorCodeOf(d.Sector))
                {
                    violations.Add(new RuleViolation(nameof(Sector), $"Sektoren må stemme med prosjektnummeret ({parsed.Sector})."));
                }

                if (parsed.CallYear != d.CallYear)
                {
                    violations.Add(new RuleViolation(nameof(CallYear), $"Utlysningsåret må stemme med prosjektnummeret ({parsed.CallYear})."));
                }

                if (!parsed.IsNorwegianAgency && d.Action.IsMobilityAction())
                {
                    violations.Add(new RuleViolation(nameof(Reference), "Mobilitetsprosjekter (KA1) tildeles av det norske nasjonale kontoret og har NO01 i prosjektnummeret."));
                }

                if (parsed.Round != d.Round)
                {
                    violations.Add(new RuleViolation(nameof(Round), $"Søknadsrunden må stemme med prosjektnummeret ({parsed.Round})."));
                }
            }
        }

        if (d.CallYear is < Plausible.FirstCallYear or > Plausible.LastCallYear)
        {
            violations.Add(new RuleViolation(nameof(CallYear), "Utlysningsåret må være mellom 2014 og 2027."));
        }

        if (d.Round is < 1 or > 3)
        {
            violations.Add(new RuleViolation(nameof(Round), "Søknadsrunden må være 1, 2 eller 3."));
        }

        violations.Add(Plausible.Date(d.StartDate, nameof(StartDate), "Startdato"));
        violations.Add(Plausible.Date(d.EndDate, nameof(EndDate), "Sluttdato"));
        violations.Add(Plausible.Date(d.DecisionDate, nameof(DecisionDate), "Vedtaksdato"));
        if (Plausible.IsPlausible(d.StartDate))
        {
            violations.Add(Plausible.ProjectStart(d.StartDate, d.CallYear, nameof(StartDate)));
        }

        if (d.EndDate < d.StartDate)
        {
            violations.Add(new RuleViolation(nameof(EndDate), "Sluttdato kan ikke være før startdato."));
        }

        violations.Add(Plausible.Grant(d.GrantEur, nameof(GrantEur)));

        if (d.Status.IsGranted() && d.DecisionDate is null)
        {
            violations.Add(new RuleViolation(nameof(DecisionDate), "Et innvilget prosjekt må ha vedtaksdato."));
        }

        if (d.AccreditationId is not null && d.Action != ProjectAction.KA121)
        {
            violations.Add(new RuleViolation(nameof(AccreditationId), "Bare KA121-prosjekter bygger på en akkreditering."));
        }

        return [.. violations.OfType<RuleViolation>()];
    }

    /// <summary>
    /// Who takes part: the coordinator is not also a partner, and a project coordinated from abroad
    /// has a Norwegian partner (otherwise it is not Norwegian participation and belongs to no county).
    /// </summary>
    /// <param name="field">The field the messages belong to (the form's partner list, or the import's column).</param>
    public static IReadOnlyList<RuleViolation> CheckParticipants(int coordinatorId, string coordinatorCountry, IReadOnlyCollection<(int Id, string CountryCode)> partners,
        string field = nameof(Partners))
    {
        var violations = new List<RuleViolation>();
        if (partners.Any(p => p.Id == coordinatorId))
        {
            violations.Add(new RuleViolation(field, "Koordinatoren kan ikke også være partner i prosjektet."));
        }

        if (coordinatorCountry != Organisation.Norway && !partners.Any(p => p.CountryCode == Organisation.Norway))
        {
            violations.Add(new RuleViolation(field, "Et prosjekt som koordineres fra utlandet, må ha minst én norsk partner."));
        }

        return violations;
    }

    public void SetPartners(IEnumerable<int> organisationIds)
    {
        var wanted = organisationIds.Distinct().Where(id => id != CoordinatorId).ToHashSet();
        _partners.RemoveAll(p => !wanted.Contains(p.OrganisationId));
        foreach (var id in wanted.Where(id => _partners.All(p => p.OrganisationId != id)))
        {
            _partners.Add(new ProjectPartner(Id, id));
        }
    }

    public void SetTopics(IEnumerable<string> topicCodes)
    {
        var wanted = topicCodes.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        _topics.RemoveAll(t => !wanted.Contains(t.TopicCode));
        foreach (var code in wanted.Where(code => _topics.All(t => t.TopicCode != code)))
        {
            _topics.Add(new ProjectTopic(Id, code));
        }
    }

    /// <summary>The awarded numbers outside 0–10 000, one violation for the lot (they share one field in every form and file).</summary>
    public static RuleViolation? CheckAwarded(IEnumerable<int> participants, string field = nameof(AwardedMobilities)) =>
        participants.Select(n => Plausible.Awarded(n, field)).FirstOrDefault(v => v is not null);

    /// <summary>Sets the awarded number of mobilities per activity type; zero removes the line.</summary>
    public void SetAwardedMobilities(IReadOnlyDictionary<string, int> participantsByActivityType)
    {
        DomainException.ThrowIfAny(CheckAwarded(participantsByActivityType.Values));

        _awardedMobilities.RemoveAll(a => !participantsByActivityType.TryGetValue(a.ActivityTypeCode, out var n) || n == 0);
        foreach (var (code, participants) in participantsByActivityType.Where(p => p.Value > 0))
        {
            var existing = _awardedMobilities.FirstOrDefault(a => a.ActivityTypeCode == code);
            if (existing is null)
            {
                _awardedMobilities.Add(new AwardedMobility(Id, code, participants));
            }
            else
            {
                existing.Participants = participants;
            }
        }
    }
}

/// <summary>The editable fields of a project, as one value so forms, imports and the generator share one path.</summary>
public sealed record ProjectDetails(
    string Reference,
    ProjectAction Action,
    Sector Sector,
    int CallYear,
    int Round,
    int CoordinatorId,
    DateOnly StartDate,
    DateOnly EndDate,
    DateOnly? DecisionDate,
    ProjectStatus Status,
    decimal GrantEur,
    bool GreenTravelTopUp,
    bool InclusionSupport,
    bool BlendedMobility,
    int? AccreditationId);

public sealed class ProjectPartner(int projectId, int organisationId)
{
    public int ProjectId { get; private set; } = projectId;
    public int OrganisationId { get; private set; } = organisationId;
    public Organisation? Organisation { get; private set; }
}

public sealed class ProjectTopic(int projectId, string topicCode)
{
    public int ProjectId { get; private set; } = projectId;
    public string TopicCode { get; private set; } = topicCode;
}

/// <summary>The number of participants granted for one activity type in the project decision.</summary>
public sealed class AwardedMobility(int projectId, string activityTypeCode, int participants)
{
    public int ProjectId { get; private set; } = projectId;
    public string ActivityTypeCode { get; private set; } = activityTypeCode;
    public int Participants { get; internal set; } = participants;
}

using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Entities;

/// <summary>
/// One mobility record in a project: a single participant, or a group whose participants are counted
/// individually. Incoming mobilities and accompanying persons are shown but never counted in a target.
/// </summary>
public sealed class Mobility : AuditableEntity
{
    private Mobility()
    {
        MobilityId = "";
        ActivityTypeCode = "";
        SendingCountryCode = "";
        ReceivingCountryCode = "";
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public Project? Project { get; private set; }

    /// <summary>The beneficiary tool's mobility activity ID, unique within the project.</summary>
    public string MobilityId { get; private set; }

    public string ActivityTypeCode { get; private set; }
    public ActivityType? ActivityType { get; private set; }
    public ParticipantGroup ParticipantGroup { get; private set; }
    public MobilityDirection Direction { get; private set; }
    public int ParticipantCount { get; private set; }
    public int? SendingOrganisationId { get; private set; }
    public Organisation? SendingOrganisation { get; private set; }
    public int? ReceivingOrganisationId { get; private set; }
    public Organisation? ReceivingOrganisation { get; private set; }
    public string SendingCountryCode { get; private set; }
    public string ReceivingCountryCode { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public int DurationDays { get; private set; }
    public bool FewerOpportunities { get; private set; }
    public bool GreenTravel { get; private set; }
    public bool Blended { get; private set; }
    public MobilityStatus Status { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>Participants this record adds to a national target when it counts at all.</summary>
    public int CountedParticipants => MobilityRules.CountedParticipants(ParticipantGroup, Direction, ParticipantCount);

    /// <summary>
    /// Creates a mobility after checking every rule of DOMAIN.md against the project and the
    /// activity's duration rule for the project's call year.
    /// </summary>
    public static Mobility Register(Project project, ActivityType activityType, MobilityDetails details, DateTimeOffset registeredAt)
    {
        var mobility = new Mobility { ProjectId = project.Id, Project = project, RegisteredAt = registeredAt };
        mobility.Update(project, activityType, details);
        return mobility;
    }

    public void Update(Project project, ActivityType activityType, MobilityDetails d)
    {
        var violations = new List<RuleViolation?> { Rules.MobilityId.Validate(d.MobilityId, nameof(MobilityId)) };
        violations.Add(Plausible.Date(d.StartDate, nameof(StartDate), "Startdato"));
        violations.Add(Plausible.Date(d.EndDate, nameof(EndDate), "Sluttdato"));
        violations.Add(MobilityRules.ValidateDates(d.StartDate, d.EndDate));
        if (d.EndDate >= d.StartDate)
        {
            violations.AddRange(MobilityRules.ValidateInsideProjectPeriod(d.StartDate, d.EndDate, project.StartDate, project.EndDate));
            var rule = activityType.RuleFor(project.CallYear);
            if (rule is null)
            {
                violations.Add(new RuleViolation(nameof(ActivityTypeCode), $"Aktiviteten {activityType.Code} gjelder ikke for utlysningsåret {project.CallYear}."));
            }
            else
            {
                violations.Add(MobilityRules.ValidateDuration(MobilityRules.DurationDays(d.StartDate, d.EndDate), rule.MinDays, rule.MaxDays, activityType.NameNb));
            }
        }

        if (!activityType.Sectors.Contains(project.Sector.ToString(), StringComparer.Ordinal))
        {
            violations.Add(new RuleViolation(nameof(ActivityTypeCode), $"Aktiviteten {activityType.Code} hører ikke til sektoren {project.Sector}."));
        }

        violations.Add(MobilityRules.ValidateParticipantCount(d.ParticipantCount, activityType.IsGroupActivity));
        if (string.IsNullOrWhiteSpace(d.SendingCountryCode) || d.SendingCountryCode.Trim().Length != 2)
        {
            violations.Add(new RuleViolation(nameof(SendingCountryCode), "Avsenderland må fylles ut."));
        }

        if (string.IsNullOrWhiteSpace(d.ReceivingCountryCode) || d.ReceivingCountryCode.Trim().Length != 2)
        {
            violations.Add(new RuleViolation(nameof(ReceivingCountryCode), "Mottakerland må fylles ut."));
        }

        // Outgoing participants are sent from Norway, incoming ones received here: that is what
        // the direction means for the targets, which count outgoing participants only.
        var norway = Organisation.Norway;
        if (d.Direction == MobilityDirection.Outgoing && !string.IsNullOrWhiteSpace(d.SendingCountryCode)
            && !string.Equals(d.SendingCountryCode.Trim(), norway, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new RuleViolation(nameof(SendingCountryCode), "En utgående mobilitet sendes fra Norge; avsenderlandet må være Norge."));
        }

        if (d.Direction == MobilityDirection.Incoming && !string.IsNullOrWhiteSpace(d.ReceivingCountryCode)
            && !string.Equals(d.ReceivingCountryCode.Trim(), norway, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new RuleViolation(nameof(ReceivingCountryCode), "En innkommende mobilitet tas imot i Norge; mottakerlandet må være Norge."));
        }

        DomainException.ThrowIfAny([.. violations]);
        MobilityId = d.MobilityId.Trim();
        ActivityTypeCode = activityType.Code;
        ParticipantGroup = d.ParticipantGroup;
        Direction = d.Direction;
        ParticipantCount = d.ParticipantCount;
        SendingOrganisationId = d.SendingOrganisationId;
        ReceivingOrganisationId = d.ReceivingOrganisationId;
        SendingCountryCode = d.SendingCountryCode.Trim().ToUpperInvariant();
        ReceivingCountryCode = d.ReceivingCountryCode.Trim().ToUpperInvariant();
        StartDate = d.StartDate;
        EndDate = d.EndDate;
        DurationDays = MobilityRules.DurationDays(d.StartDate, d.EndDate);
        FewerOpportunities = d.FewerOpportunities;
        GreenTravel = d.GreenTravel;
        Blended = d.Blended;
        Status = d.Status;
    }
}

/// <summary>The editable fields of a mobility.</summary>
public sealed record MobilityDetails(
    string MobilityId,
    ParticipantGroup ParticipantGroup,
    MobilityDirection Direction,
    int ParticipantCount,
    int? SendingOrganisationId,
    int? ReceivingOrganisationId,
    string SendingCountryCode,
    string ReceivingCountryCode,
    DateOnly StartDate,
    DateOnly EndDate,
    bool FewerOpportunities,
    bool GreenTravel,
    bool Blended,
    MobilityStatus Status);

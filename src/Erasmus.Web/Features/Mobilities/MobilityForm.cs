using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>
/// The mobility form. Shape checks here (filled in, parsable); every rule of DOMAIN.md runs in
/// <see cref="Mobility.Register"/> / <see cref="Mobility.Update"/> against the project.
/// </summary>
public sealed class MobilityForm : IVersionedForm
{
    [Label("Mobilitets-ID")]
    [Required(ErrorMessage = "Mobilitets-ID-en må fylles ut.")]
    [StringLength(40, ErrorMessage = "Mobilitets-ID-en er for lang.")]
    public string MobilityId { get; set; } = "";

    [Label("Aktivitetstype")]
    [Required(ErrorMessage = "Velg en aktivitetstype.")]
    [StringLength(20, ErrorMessage = "Velg en aktivitetstype fra listen.")]
    public string? ActivityTypeCode { get; set; }

    [Label("Deltakergruppe")]
    [Required(ErrorMessage = "Velg en deltakergruppe.")]
    [EnumDataType(typeof(ParticipantGroup), ErrorMessage = "Velg en deltakergruppe fra listen.")]
    public ParticipantGroup? ParticipantGroup { get; set; }

    [Label("Retning")]
    [Required(ErrorMessage = "Velg retning.")]
    [EnumDataType(typeof(MobilityDirection), ErrorMessage = "Velg retning fra listen.")]
    public MobilityDirection? Direction { get; set; }

    [Label("Antall deltakere")]
    [Required(ErrorMessage = "Antall deltakere må fylles ut.")]
    public int? ParticipantCount { get; set; }

    [Label("Avsenderorganisasjon")]
    public int? SendingOrganisationId { get; set; }

    [Label("Mottakerorganisasjon")]
    public int? ReceivingOrganisationId { get; set; }

    [Label("Avsenderland")]
    [Required(ErrorMessage = "Avsenderland må fylles ut.")]
    [StringLength(2, MinimumLength = 2, ErrorMessage = "Velg et avsenderland fra listen.")]
    public string? SendingCountryCode { get; set; }

    [Label("Mottakerland")]
    [Required(ErrorMessage = "Mottakerland må fylles ut.")]
    [StringLength(2, MinimumLength = 2, ErrorMessage = "Velg et mottakerland fra listen.")]
    public string? ReceivingCountryCode { get; set; }

    [Label("Startdato")]
    [Required(ErrorMessage = "Startdato må fylles ut.")]
    public DateOnly? StartDate { get; set; }

    [Label("Sluttdato")]
    [Required(ErrorMessage = "Sluttdato må fylles ut.")]
    public DateOnly? EndDate { get; set; }

    public bool FewerOpportunities { get; set; }

    public bool GreenTravel { get; set; }

    public bool Blended { get; set; }

    [Label("Status")]
    [Required(ErrorMessage = "Velg en status.")]
    [EnumDataType(typeof(MobilityStatus), ErrorMessage = "Velg en status fra listen.")]
    public MobilityStatus? Status { get; set; }

    /// <summary>The row version the user started from (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    // Messages for values the browser sent but the binder could not parse: its own messages are English.
    private static readonly (string Field, Func<MobilityForm, object?> Value, string Message)[] ParseMessages =
    [
        (nameof(ParticipantCount), f => f.ParticipantCount, "Antall deltakere må være et helt tall."),
        (nameof(StartDate), f => f.StartDate, "Startdato må være en gyldig dato."),
        (nameof(EndDate), f => f.EndDate, "Sluttdato må være en gyldig dato."),
        (nameof(SendingOrganisationId), f => f.SendingOrganisationId, "Velg en avsenderorganisasjon fra listen."),
        (nameof(ReceivingOrganisationId), f => f.ReceivingOrganisationId, "Velg en mottakerorganisasjon fra listen."),
        (nameof(ParticipantGroup), f => f.ParticipantGroup, "Velg en deltakergruppe fra listen."),
        (nameof(Direction), f => f.Direction, "Velg retning fra listen."),
        (nameof(Status), f => f.Status, "Velg en status fra listen."),
    ];

    public static MobilityForm From(Mobility m) => new()
    {
        MobilityId = m.MobilityId,
        ActivityTypeCode = m.ActivityTypeCode,
        ParticipantGroup = m.ParticipantGroup,
        Direction = m.Direction,
        ParticipantCount = m.ParticipantCount,
        SendingOrganisationId = m.SendingOrganisationId,
        ReceivingOrganisationId = m.ReceivingOrganisationId,
        SendingCountryCode = m.SendingCountryCode,
        ReceivingCountryCode = m.ReceivingCountryCode,
        StartDate = m.StartDate,
        EndDate = m.EndDate,
        FewerOpportunities = m.FewerOpportunities,
        GreenTravel = m.GreenTravel,
        Blended = m.Blended,
        Status = m.Status,
        Version = m.Version,
    };

    /// <summary>
    /// The next mobility of a batch after a saved one: what the participants of one activity share (activity, group,
    /// direction, count, organisations, countries, dates, blended, status) is kept; the ID is the suggested next one,
    /// and what is each participant's own (fewer opportunities, green travel) starts unticked.
    /// </summary>
    public static MobilityForm NextAfter(Mobility saved, string? suggestedId)
    {
        var form = CopyOf(saved, suggestedId);
        form.FewerOpportunities = false;
        form.GreenTravel = false;
        return form;
    }

    /// <summary>A copy of a mobility to register as a new one: every value but the ID (the suggested next one) and the version.</summary>
    public static MobilityForm CopyOf(Mobility source, string? suggestedId)
    {
        var form = From(source);
        form.MobilityId = suggestedId ?? "";
        form.Version = 0;
        return form;
    }

    /// <summary>A new mobility starts as a planned outgoing mobility from Norway.</summary>
    public static MobilityForm ForNew(ProjectSummary project) => new()
    {
        Direction = MobilityDirection.Outgoing,
        ParticipantCount = 1,
        SendingCountryCode = Organisation.Norway,
        SendingOrganisationId = project.CoordinatorIsNorwegian ? project.CoordinatorId : null,
        Status = MobilityStatus.Planned,
    };

    /// <summary>Trims and upper-cases what users type in free form, so "000123-mob-00001 " is accepted.</summary>
    public void Normalise()
    {
        MobilityId = (MobilityId ?? "").Trim().ToUpperInvariant();
        SendingCountryCode = SendingCountryCode?.Trim().ToUpperInvariant();
        ReceivingCountryCode = ReceivingCountryCode?.Trim().ToUpperInvariant();
    }

    /// <summary>Replaces the binder's English parse errors with bokmål ones beside the same fields.</summary>
    public void ReplaceBindingErrors(ModelStateDictionary modelState)
    {
        foreach (var (field, value, message) in ParseMessages)
        {
            if (modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
                && !string.IsNullOrWhiteSpace(entry.AttemptedValue) && value(this) is null)
            {
                entry.Errors.Clear();
                modelState.AddModelError(field, message);
            }
        }
    }

    /// <summary>
    /// While a required field is missing the entity cannot run its rules; the ones that need no project
    /// (ID format, end before start) are shown at once so the user fixes everything in one round.
    /// </summary>
    public void AddRulesCheckableWithoutTheEntity(ModelStateDictionary modelState)
    {
        if (modelState.IsValid)
        {
            return;
        }

        if (!string.IsNullOrEmpty(MobilityId) && modelState.GetFieldValidationState(nameof(MobilityId)) != ModelValidationState.Invalid
            && Erasmus.Domain.Rules.MobilityId.Validate(MobilityId, nameof(MobilityId)) is { } idProblem)
        {
            modelState.AddModelError(idProblem.Field, idProblem.Message);
        }

        if (StartDate is { } start && EndDate is { } end && modelState.GetFieldValidationState(nameof(EndDate)) != ModelValidationState.Invalid
            && MobilityRules.ValidateDates(start, end) is { } dateProblem)
        {
            modelState.AddModelError(dateProblem.Field, dateProblem.Message);
        }
    }

    public MobilityDetails ToDetails() => new(
        MobilityId,
        ParticipantGroup!.Value,
        Direction!.Value,
        ParticipantCount!.Value,
        SendingOrganisationId,
        ReceivingOrganisationId,
        SendingCountryCode ?? "",
        ReceivingCountryCode ?? "",
        StartDate!.Value,
        EndDate!.Value,
        FewerOpportunities,
        GreenTravel,
        Blended,
        Status!.Value);

    /// <summary>The saved record's values (this) beside the user's (mine), for the conflict table.</summary>
    public IEnumerable<ConflictRow> CompareWith(MobilityForm mine, IReadOnlyDictionary<int, string> organisationNames) =>
    [
        new("Mobilitets-ID", MobilityId, mine.MobilityId),
        new("Aktivitetstype", ActivityTypeCode, mine.ActivityTypeCode),
        new("Deltakergruppe", ParticipantGroup is { } g ? DomainText.Of(g) : null, mine.ParticipantGroup is { } mg ? DomainText.Of(mg) : null),
        new("Retning", Direction is { } d ? DomainText.Of(d) : null, mine.Direction is { } md ? DomainText.Of(md) : null),
        new("Antall deltakere", Number(ParticipantCount), Number(mine.ParticipantCount)),
        new("Avsenderorganisasjon", Name(SendingOrganisationId, organisationNames), Name(mine.SendingOrganisationId, organisationNames)),
        new("Mottakerorganisasjon", Name(ReceivingOrganisationId, organisationNames), Name(mine.ReceivingOrganisationId, organisationNames)),
        new("Avsenderland", SendingCountryCode, mine.SendingCountryCode),
        new("Mottakerland", ReceivingCountryCode, mine.ReceivingCountryCode),
        new("Startdato", Date(StartDate), Date(mine.StartDate)),
        new("Sluttdato", Date(EndDate), Date(mine.EndDate)),
        new("Færre muligheter", DomainText.YesNo(FewerOpportunities), DomainText.YesNo(mine.FewerOpportunities)),
        new("Grønn reise", DomainText.YesNo(GreenTravel), DomainText.YesNo(mine.GreenTravel)),
        new("Blandet mobilitet", DomainText.YesNo(Blended), DomainText.YesNo(mine.Blended)),
        new("Status", Status is { } s ? DomainText.Of(s) : null, mine.Status is { } ms ? DomainText.Of(ms) : null),
    ];

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static string? Name(int? id, IReadOnlyDictionary<int, string> names) =>
        id is { } value ? names.GetValueOrDefault(value, value.ToString(CultureInfo.InvariantCulture)) : null;
}

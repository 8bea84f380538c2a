using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Web.Features.Shared;

/// <summary>The one place that names the domain's values in bokmål (English comes from the resources).</summary>
public static class DomainText
{
    public static string Of(OrganisationType type) => type switch
    {
        OrganisationType.Kindergarten => "Barnehage",
        OrganisationType.PrimaryOrLowerSecondarySchool => "Grunnskole",
        OrganisationType.UpperSecondarySchool => "Videregående skole",
        OrganisationType.TrainingOffice => "Opplæringskontor",
        OrganisationType.TrainingCompany => "Lærebedrift",
        OrganisationType.Company => "Bedrift",
        OrganisationType.SocialPartner => "Partsorganisasjon i arbeidslivet",
        OrganisationType.Chamber => "Bransje- eller næringsforening",
        OrganisationType.CountyAuthority => "Fylkeskommune",
        OrganisationType.Municipality => "Kommune",
        OrganisationType.HigherEducationInstitution => "Høyere utdanningsinstitusjon",
        OrganisationType.AdultEducationProvider => "Voksenopplæring",
        OrganisationType.AssociationOrNgo => "Forening eller frivillig organisasjon",
        OrganisationType.SportOrganisation => "Idrettsorganisasjon",
        OrganisationType.PublicBody => "Offentlig virksomhet",
        _ => "Annet",
    };

    public static string Of(Sector sector) => sector switch
    {
        Sector.SCH => "Skole (SCH)",
        Sector.VET => "Yrkesfag (VET)",
        Sector.ADU => "Voksenopplæring (ADU)",
        Sector.HED => "Høyere utdanning (HED)",
        Sector.YOU => "Ungdom (YOU)",
        _ => "Idrett (SPORT)",
    };

    public static string Of(ProjectAction action) => action switch
    {
        ProjectAction.CoVE => "Yrkesfaglige fremragende sentre (CoVE)",
        ProjectAction.TeacherAcademy => "Erasmus+ lærerakademi",
        ProjectAction.SportPartnership => "Samarbeidspartnerskap i idrett",
        _ => action.ToString(),
    };

    public static string Of(ProjectStatus status) => status switch
    {
        ProjectStatus.Applied => "Søkt",
        ProjectStatus.Granted => "Innvilget",
        ProjectStatus.Rejected => "Avslått",
        ProjectStatus.Ongoing => "Pågår",
        ProjectStatus.Completed => "Avsluttet",
        _ => "Terminert",
    };

    public static string Of(AccreditationStatus status) => status switch
    {
        AccreditationStatus.Active => "Aktiv",
        AccreditationStatus.Suspended => "Suspendert",
        AccreditationStatus.Withdrawn => "Trukket tilbake",
        _ => "Utløpt",
    };

    public static string Of(MobilityStatus status) => status switch
    {
        MobilityStatus.Planned => "Planlagt",
        MobilityStatus.Realised => "Gjennomført",
        _ => "Avlyst",
    };

    public static string Of(ParticipantGroup group) => group switch
    {
        ParticipantGroup.Learner => "Elev, lærling eller deltaker",
        ParticipantGroup.Staff => "Ansatt",
        ParticipantGroup.AccompanyingPerson => "Ledsager",
        _ => "Annen",
    };

    public static string Of(MobilityDirection direction) => direction == MobilityDirection.Outgoing ? "Utgående" : "Innkommende";

    public static string YesNo(bool value) => value ? "Ja" : "Nei";

    public static IReadOnlyList<FieldOption> Options<TEnum>(Func<TEnum, string> text)
        where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => new FieldOption(v.ToString(), text(v)))];

    /// <summary>A target's title in the page's language (the English title where there is one).</summary>
    public static string Title(Erasmus.Domain.Attainment.TargetDefinition target) =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(target.TitleEn) ? target.TitleEn : target.TitleNb;

    public static string Of(TargetArea area) => area switch
    {
        TargetArea.Mobility => "Mobilitet",
        TargetArea.Counties => "Fylkeskommunene",
        TargetArea.Partnerships => "Partnerskap",
        _ => "Samfunnsutfordringer",
    };

    public static string Of(TargetUnit unit) => unit switch
    {
        TargetUnit.Participants => "Deltakere",
        TargetUnit.Percent => "Prosent",
        TargetUnit.Partnerships => "Partnerskap",
        TargetUnit.Organisations => "Organisasjoner",
        _ => "Prosjekter",
    };
}

/// <summary>Bokmål words for the attainment status, with the thresholds stated on the page.</summary>
public static class StatusText
{
    public static string Of(Erasmus.Domain.Attainment.AttainmentStatus status) => status switch
    {
        Erasmus.Domain.Attainment.AttainmentStatus.Reached => "Nådd",
        Erasmus.Domain.Attainment.AttainmentStatus.Ahead => "Foran skjema",
        Erasmus.Domain.Attainment.AttainmentStatus.OnTrack => "I rute",
        Erasmus.Domain.Attainment.AttainmentStatus.Behind => "Bak skjema",
        _ => "I fare",
    };

    /// <summary>A shape as well as a colour, so status is never carried by colour alone.</summary>
    public static string Symbol(Erasmus.Domain.Attainment.AttainmentStatus status) => status switch
    {
        Erasmus.Domain.Attainment.AttainmentStatus.Reached => "✔",
        Erasmus.Domain.Attainment.AttainmentStatus.Ahead => "▲",
        Erasmus.Domain.Attainment.AttainmentStatus.OnTrack => "●",
        Erasmus.Domain.Attainment.AttainmentStatus.Behind => "▼",
        _ => "■",
    };

    public static string CssClass(Erasmus.Domain.Attainment.AttainmentStatus status) => "status-" + status.ToString().ToLowerInvariant();

    /// <summary>A status that may be missing (a county's part without an expected share, a target outside the sector).</summary>
    public static string Of(Erasmus.Domain.Attainment.AttainmentStatus? status) => status is { } s ? Of(s) : "Ingen status";

    public static string Symbol(Erasmus.Domain.Attainment.AttainmentStatus? status) => status is { } s ? Symbol(s) : "–";

    public static string CssClass(Erasmus.Domain.Attainment.AttainmentStatus? status) => status is { } s ? CssClass(s) : "status-none";

    /// <summary>The CSS class of a result's status, or of its having none.</summary>
    public static string CssClass(Erasmus.Domain.Attainment.TargetResult result) =>
        !result.Applicable ? "status-none not-applicable" : result.Status is { } status ? CssClass(status) : "status-none";

    /// <summary>A result's status in words: the status, or why there is none (outside the sector; a part of the national figure).</summary>
    public static string Words(Microsoft.Extensions.Localization.IStringLocalizer T, Erasmus.Domain.Attainment.TargetResult result) =>
        !result.Applicable ? T["Gjelder ikke sektoren"].Value
        : result.Status is { } status ? T[Of(status)].Value
        : T["Ingen status: del av landets tall"].Value;

    /// <summary>Why a result has no projection, in words; null when it has one.</summary>
    public static string? ProjectionWords(Microsoft.Extensions.Localization.IStringLocalizer T, Erasmus.Domain.Attainment.ProjectionNote? note) => note switch
    {
        Erasmus.Domain.Attainment.ProjectionNote.TooEarlyInPeriod => T["For tidlig å fremskrive: mindre enn ett helt år av perioden er gått."].Value,
        Erasmus.Domain.Attainment.ProjectionNote.ValueBelowFive => T["For tidlig å fremskrive: verdien er under 5."].Value,
        Erasmus.Domain.Attainment.ProjectionNote.PartOfNational => T["Fremskrives ikke: en del av et nasjonalt mål."].Value,
        Erasmus.Domain.Attainment.ProjectionNote.NotApplicable => T["Gjelder ikke sektoren"].Value,
        _ => null,
    };
}

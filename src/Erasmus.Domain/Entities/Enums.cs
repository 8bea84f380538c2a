namespace Erasmus.Domain.Entities;

/// <summary>Programme sectors, stored by their programme codes.</summary>
public enum Sector
{
    SCH,
    VET,
    ADU,
    HED,
    YOU,
    SPORT,
}

public enum OrganisationType
{
    Kindergarten,
    PrimaryOrLowerSecondarySchool,
    UpperSecondarySchool,
    TrainingOffice,
    TrainingCompany,
    Company,
    SocialPartner,
    Chamber,
    CountyAuthority,
    Municipality,
    HigherEducationInstitution,
    AdultEducationProvider,
    AssociationOrNgo,
    SportOrganisation,
    PublicBody,
    Other,
}

public enum AccreditationStatus
{
    Active,
    Suspended,
    Withdrawn,
    Expired,
}

/// <summary>The actions a project is funded under; CoVE, Teacher Academies and sport partnerships are centralised.</summary>
public enum ProjectAction
{
    KA121,
    KA122,
    KA131,
    KA151,
    KA152,
    KA153,
    KA154,
    KA155,
    KA182,
    KA210,
    KA220,
    CoVE,
    TeacherAcademy,
    SportPartnership,
}

public enum ProjectStatus
{
    Applied,
    Granted,
    Rejected,
    Ongoing,
    Completed,
    Terminated,
}

public enum MobilityStatus
{
    Planned,
    Realised,
    Cancelled,
}

public enum TargetArea
{
    Mobility,
    Counties,
    Partnerships,
    Societal,
}

public enum TargetUnit
{
    Participants,
    Percent,
    Partnerships,
    Organisations,
    Projects,
}

public static class DomainVocabulary
{
    /// <summary>Partner organisation types that count as working life (DOMAIN.md).</summary>
    public static bool IsWorkingLife(this OrganisationType type) =>
        type is OrganisationType.Company or OrganisationType.TrainingCompany or OrganisationType.SocialPartner or OrganisationType.Chamber;

    /// <summary>Projects count when granted, not when applied for or rejected.</summary>
    public static bool IsGranted(this ProjectStatus status) =>
        status is ProjectStatus.Granted or ProjectStatus.Ongoing or ProjectStatus.Completed or ProjectStatus.Terminated;

    public static bool IsPartnership(this ProjectAction action) =>
        action is ProjectAction.KA210 or ProjectAction.KA220 or ProjectAction.SportPartnership;

    public static bool IsCentralised(this ProjectAction action) =>
        action is ProjectAction.CoVE or ProjectAction.TeacherAcademy or ProjectAction.SportPartnership;

    /// <summary>The actions managed by the national agency (the basis of the funding and blended shares).</summary>
    public static bool IsNationalAgencyAction(this ProjectAction action) => !action.IsCentralised();

    public static bool IsMobilityAction(this ProjectAction action) =>
        action is ProjectAction.KA121 or ProjectAction.KA122 or ProjectAction.KA131
            or ProjectAction.KA151 or ProjectAction.KA152 or ProjectAction.KA153 or ProjectAction.KA154 or ProjectAction.KA155
            or ProjectAction.KA182;

    /// <summary>The sectors in which accreditations are granted (KA120).</summary>
    public static readonly Sector[] AccreditationSectors = [Sector.SCH, Sector.VET, Sector.ADU];

    public const int FirstCallYear = 2021;
    public const int LastCallYear = 2027;
    public static readonly DateOnly PeriodStart = new(2021, 1, 1);
    public static readonly DateOnly PeriodEnd = new(2027, 12, 31);
}

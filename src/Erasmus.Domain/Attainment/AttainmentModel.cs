using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Attainment;

/// <summary>Which figures count: the mobilities granted in project decisions, or those carried out.</summary>
public enum CountingBasis
{
    Awarded,
    Realised,
}

/// <summary>The county structure a breakdown is shown in: the one in force on the as-of date, or today's.</summary>
public enum CountyStructureChoice
{
    AsOfDate,
    Today,
}

public enum AttainmentStatus
{
    Ahead,
    OnTrack,
    Behind,
    AtRisk,
}

/// <summary>What an analyst asks for: a date, a basis, a county structure and an optional county or sector.</summary>
public sealed record AttainmentParameters(
    DateOnly AsOf,
    CountingBasis Basis,
    CountyStructureChoice Structure = CountyStructureChoice.AsOfDate,
    string? County = null,
    Sector? Sector = null);

/// <summary>
/// Awarded mobilities aggregated by the attributes the counting rules look at. The as-of date enters
/// as <see cref="DecidedByAsOf"/>, so the SQL can group by it instead of returning dates.
/// </summary>
public sealed record AwardedMobilityFact(
    string ActivityTypeCode,
    Sector ProjectSector,
    string? CountyNumber,
    int CallYear,
    int StartYear,
    ProjectStatus ProjectStatus,
    bool DecidedByAsOf,
    int Participants,
    int? ProjectId = null);

/// <summary>Registered mobility records aggregated by the attributes the counting rules look at.</summary>
public sealed record RealisedMobilityFact(
    string ActivityTypeCode,
    Sector ProjectSector,
    string? CountyNumber,
    int CallYear,
    int StartYear,
    MobilityStatus Status,
    ParticipantGroup Group,
    MobilityDirection Direction,
    bool EndedByAsOf,
    int Participants,
    int? ProjectId = null);

/// <summary>A Norwegian organisation taking part in a project, as coordinator or partner.</summary>
public sealed record NorwegianParticipant(int OrganisationId, string Name, string? CountyNumber, OrganisationType Type, bool IsCoordinator);

/// <summary>One project with what the partnership, share and centralised-project rules need.</summary>
public sealed record ProjectFact(
    int ProjectId,
    string Reference,
    ProjectAction Action,
    Sector Sector,
    int CallYear,
    int StartYear,
    ProjectStatus Status,
    bool DecidedByAsOf,
    int CoordinatorId,
    string CoordinatorName,
    bool CoordinatorIsNorwegian,
    string? CoordinatorCounty,
    int? CoordinatorFirstParticipationYear,
    int? CoordinatorEarliestCallYear,
    bool HasWorkingLifeOrganisation,
    IReadOnlyList<NorwegianParticipant> NorwegianParticipants,
    IReadOnlySet<string> Topics,
    bool GreenTravelTopUp,
    bool InclusionSupport,
    bool BlendedMobility);

/// <summary>An accreditation as it stands on the as-of date.</summary>
public sealed record AccreditationFact(int HolderId, string HolderName, string? HolderCounty, OrganisationType HolderType, Sector Sector, bool InForceOnAsOf);

public sealed record CountyInfo(string Number, string Name, DateOnly ValidFrom, DateOnly? ValidTo, bool IsCountyAuthority, string PartOf2020County)
{
    public bool IsInForceOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}

/// <summary>A target as stored: how it is computed (kind and JSON parameters) and its value history.</summary>
public sealed record TargetDefinition(
    string Code,
    TargetArea Area,
    string TitleNb,
    string TitleEn,
    TargetUnit Unit,
    string MetricKind,
    string MetricParameters,
    int SortOrder,
    IReadOnlyList<TargetValuePoint> Values)
{
    /// <summary>The value in force on a date: the newest effective on or before it (the first one before any).</summary>
    public decimal ValueOn(DateOnly date) =>
        (Values.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom) ?? Values.MinBy(v => v.EffectiveFrom))?.Value
        ?? throw new InvalidOperationException($"Target {Code} has no value.");
}

public sealed record TargetValuePoint(DateOnly EffectiveFrom, decimal Value);

/// <summary>Everything the calculator needs, fetched by a few aggregate queries.</summary>
public sealed record AttainmentInputs(
    IReadOnlyList<AwardedMobilityFact> Awarded,
    IReadOnlyList<RealisedMobilityFact> Realised,
    IReadOnlyList<ProjectFact> Projects,
    IReadOnlyList<AccreditationFact> Accreditations,
    IReadOnlyList<CountyInfo> Counties);

/// <summary>
/// One counted item's share of a figure (a group of participants, a partnership, an organisation),
/// with the dimensions breakdowns and series need. For shares, Numerator/Denominator are 0 or 1.
/// </summary>
public sealed record Contribution(
    decimal Numerator,
    decimal Denominator,
    string? CountyNumber,
    Sector? Sector,
    int? CallYear,
    int? StartYear,
    CountedItem? Item = null);

/// <summary>A record behind a figure, for drill-down: a project or an organisation.</summary>
public sealed record CountedItem(string Kind, int Id, string Label);

public sealed record BreakdownRow(string Key, string Label, decimal Value, decimal? Numerator, decimal? Denominator, string? Note = null);

public sealed record SeriesPoint(int Year, decimal Value, decimal Cumulative);

/// <summary>A target's figures on the as-of date, on one basis.</summary>
public sealed record TargetResult(
    TargetDefinition Target,
    decimal TargetValue,
    decimal Value,
    decimal? Numerator,
    decimal? Denominator,
    decimal PercentOfTarget,
    decimal ExpectedByNow,
    AttainmentStatus Status,
    decimal? ProjectedAt2027,
    bool? WillBeMet,
    decimal? RequiredYearlyPace,
    IReadOnlyList<SeriesPoint> ByCallYear,
    IReadOnlyList<SeriesPoint> ByStartYear,
    IReadOnlyList<BreakdownRow> ByCounty,
    IReadOnlyList<BreakdownRow> BySector,
    IReadOnlyList<CountedItemTotal> CountedItems)
{
    public bool IsShare => Target.Unit == TargetUnit.Percent;
}

public sealed record CountedItemTotal(CountedItem Item, decimal Numerator, decimal Denominator, string? CountyNumber, Sector? Sector, int? CallYear);

public sealed record AttainmentResult(AttainmentParameters Parameters, IReadOnlyList<TargetResult> Targets);

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

/// <summary>Where a figure stands against the value expected by now (DOMAIN.md, "Status words").</summary>
public enum AttainmentStatus
{
    Ahead,
    OnTrack,
    Behind,
    AtRisk,

    /// <summary>At or above the target itself (last, so statuses stored by name or number keep their meaning).</summary>
    Reached,
}

/// <summary>Why a target has no projection to 2027.</summary>
public enum ProjectionNote
{
    /// <summary>Less than one full year of the period has passed on the basis used.</summary>
    TooEarlyInPeriod,

    /// <summary>The value is below 5: a pace drawn from so few is noise.</summary>
    ValueBelowFive,

    /// <summary>A county's or a sector's part of a national target is not projected against the national target.</summary>
    PartOfNational,

    /// <summary>The target does not belong to the sector chosen.</summary>
    NotApplicable,
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
    int? ProjectId = null,
    int? DecisionYear = null);

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
    int? ProjectId = null,
    int? EndYear = null);

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
    bool BlendedMobility,
    int? DecisionYear = null);

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
    MetricKind MetricKind,
    string MetricParameters,
    int SortOrder,
    IReadOnlyList<TargetValuePoint> Values,
    IReadOnlyList<Sector>? Sectors = null)
{
    /// <summary>Counts of people, organisations, partnerships and projects are whole numbers, expected values included.</summary>
    public bool IsCount => Unit != TargetUnit.Percent;

    /// <summary>The value in force on a date: the newest effective on or before it (the first one before any).</summary>
    public decimal ValueOn(DateOnly date) =>
        (Values.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom) ?? Values.MinBy(v => v.EffectiveFrom))?.Value
        ?? throw new InvalidOperationException($"Target {Code} has no value.");
}

public sealed record TargetValuePoint(DateOnly EffectiveFrom, decimal Value);

/// <summary>
/// The median number of days from a project's decision date to a mobility's end date over the records
/// that count on the realised basis as of a date (computed in SQL), and how many records there were.
/// </summary>
public sealed record RealisationLagFact(decimal? MedianDays, int Records);

/// <summary>
/// A county's share (0–1) of the national population of a target's group, and the population itself
/// (the sum of the target's groups in the county), loaded by administrators.
/// </summary>
public sealed record PopulationShare(string TargetCode, string CountyNumber, decimal Share, decimal? Population = null);

/// <summary>Everything the calculator needs, fetched by a few aggregate queries.</summary>
public sealed record AttainmentInputs(
    IReadOnlyList<AwardedMobilityFact> Awarded,
    IReadOnlyList<RealisedMobilityFact> Realised,
    IReadOnlyList<ProjectFact> Projects,
    IReadOnlyList<AccreditationFact> Accreditations,
    IReadOnlyList<CountyInfo> Counties,
    RealisationLagFact? Lag = null,
    IReadOnlyList<PopulationShare>? Populations = null);

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
    CountedItem? Item = null,
    int? EnteredYear = null);

/// <summary>A record behind a figure, for drill-down: a project or an organisation.</summary>
public sealed record CountedItem(string Kind, int Id, string Label);

public sealed record BreakdownRow(string Key, string Label, decimal Value, decimal? Numerator, decimal? Denominator, string? Note = null);

public sealed record SeriesPoint(int Year, decimal Value, decimal Cumulative);

/// <summary>A count's value as it stood on a date: at the end of each year before the as-of date, and on the as-of date.</summary>
public sealed record DatePoint(DateOnly Date, decimal Value);

/// <summary>
/// A county's (or a sector's) part of a national figure: the national figure, the part's share of it
/// (for a share target, of its numerator), and the expected share where population figures exist.
/// </summary>
public sealed record PartOfNational(decimal NationalValue, decimal? NationalNumerator, decimal? ShareOfNational, decimal? ExpectedShare);

/// <summary>
/// A target's figures on the as-of date, on one basis. <see cref="ExpectedByNow"/> is always the
/// national path; a county's (or a sector's) part has no percentage of the national target and no
/// status unless it has an expected share (<see cref="Part"/>); a target outside the sector chosen is
/// not applicable and has neither.
/// </summary>
public sealed record TargetResult(
    TargetDefinition Target,
    decimal TargetValue,
    decimal Value,
    decimal? Numerator,
    decimal? Denominator,
    decimal? PercentOfTarget,
    decimal ExpectedByNow,
    AttainmentStatus? Status,
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

    /// <summary>False for a target outside the sector chosen: shown as not applicable, never as 0 and at risk.</summary>
    public bool Applicable { get; init; } = true;

    /// <summary>Set for a county view (and a sector view of a target that spans several sectors).</summary>
    public PartOfNational? Part { get; init; }

    /// <summary>Why there is no projection, when there is none.</summary>
    public ProjectionNote? ProjectionNote { get; init; }

    /// <summary>The months the realised basis trails the awarded one (0 on the awarded basis).</summary>
    public int LagMonths { get; init; }

    /// <summary>A county view's rate per 1 000 of the target's group and its rank among the counties; null without population figures.</summary>
    public Erasmus.Domain.Population.CountyRate? Rate { get; init; }

    /// <summary>The nation's rate per 1 000 of the target's group, beside a county's; null without population figures.</summary>
    public decimal? NationalRatePer1000 { get; init; }

    /// <summary>The value at each year end before the as-of date and on the as-of date, for counts.</summary>
    public IReadOnlyList<DatePoint> ByDate { get; init; } = [];

    /// <summary>What the status is judged against: the national value expected by now, or a part's expected share.</summary>
    public decimal? ExpectedValue => !Applicable ? null : Part is null ? ExpectedByNow : Part.ExpectedShare;
}

public sealed record CountedItemTotal(CountedItem Item, decimal Numerator, decimal Denominator, string? CountyNumber, Sector? Sector, int? CallYear);

/// <param name="RealisationLagMonths">The lag used on the realised basis; null on the awarded basis.</param>
public sealed record AttainmentResult(AttainmentParameters Parameters, IReadOnlyList<TargetResult> Targets, int? RealisationLagMonths = null)
{
    /// <summary>Targets reached, ahead or on track: the dashboard's summary line.</summary>
    public int OnTrackOrBetter => Targets.Count(t => t.Status is AttainmentStatus.Reached or AttainmentStatus.Ahead or AttainmentStatus.OnTrack);

    /// <summary>Targets with a status at all (not those outside the sector, nor a county's parts without an expected share).</summary>
    public int WithStatus => Targets.Count(t => t.Status is not null);
}

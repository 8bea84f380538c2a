using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// The records behind the figures, for the data sheets. A source streams them in a stable order and
/// never holds them all: the workbook writes each row as it arrives.
/// </summary>
public interface IStatusRowSource
{
    /// <summary>Every project counted by some project or mobility target, with what it adds to each.</summary>
    IAsyncEnumerable<ProjectRow> ProjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>Awarded basis: every awarded line that counts; realised basis: every counted mobility record. One row per target it counts toward.</summary>
    IAsyncEnumerable<MobilityRow> MobilitiesAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A counted project. <see cref="Counted"/> holds, per target code, what the project adds: participants
/// for a mobility target, 1 for a counted project, and for a share 1 (numerator) or 0 (denominator only).
/// </summary>
public sealed record ProjectRow(
    string Reference,
    ProjectAction Action,
    Sector Sector,
    int CallYear,
    string Coordinator,
    string CoordinatorCountry,
    string? County,
    DateOnly? DecisionDate,
    ProjectStatus Status,
    IReadOnlyDictionary<string, decimal> Counted);

/// <summary>
/// One counted mobility line toward one target: an awarded line (awarded basis; no mobility ID or
/// dates) or a mobility record (realised basis). <see cref="Participants"/> is what it adds to the target.
/// </summary>
public sealed record MobilityRow(
    string TargetCode,
    string ProjectReference,
    string ActivityType,
    Sector Sector,
    string? County,
    int CallYear,
    int Participants,
    string? MobilityId = null,
    DateOnly? StartDate = null,
    DateOnly? EndDate = null,
    DateOnly? DecisionDate = null);

/// <summary>Which targets count records the data sheets list: projects (and their mobilities), not organisations or counties.</summary>
public static class CountedRecords
{
    private static readonly HashSet<MetricKind> ProjectKinds =
        [MetricKind.MobilityParticipants, MetricKind.Partnerships, MetricKind.WorkingLifeShare, MetricKind.CentralisedProjects, MetricKind.TopicShare, MetricKind.FlagShare];

    /// <summary>Targets whose counted items are projects (or the mobilities of projects): these get a column on the project sheet.</summary>
    public static bool IsProjectTarget(TargetDefinition target) => ProjectKinds.Contains(target.MetricKind);

    public static bool IsMobilityTarget(TargetDefinition target) => target.MetricKind == MetricKind.MobilityParticipants;

    /// <summary>Targets that count organisations (newcomers, sport): their organisations are listed on the partnership sheet.</summary>
    public static bool IsOrganisationTarget(TargetDefinition target) => target.MetricKind is MetricKind.NewcomerCoordinators or MetricKind.SportOrganisations;
}

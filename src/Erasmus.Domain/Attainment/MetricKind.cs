namespace Erasmus.Domain.Attainment;

/// <summary>Which counting rule of DOMAIN.md computes a target (stored as its code, e.g. "mobility-participants").</summary>
public enum MetricKind
{
    MobilityParticipants,
    CountyAuthoritiesAccredited,
    Partnerships,
    NewcomerCoordinators,
    SportOrganisations,
    WorkingLifeShare,
    CentralisedProjects,
    TopicShare,
    FlagShare,
}

/// <summary>The metric kinds' codes as the targets' reference data and the database store them.</summary>
public static class MetricKinds
{
    private static readonly Dictionary<string, MetricKind> ByCode =
        Enum.GetValues<MetricKind>().ToDictionary(Code, k => k, StringComparer.Ordinal);

    public static string Code(this MetricKind kind) => kind switch
    {
        MetricKind.MobilityParticipants => "mobility-participants",
        MetricKind.CountyAuthoritiesAccredited => "county-authorities-accredited",
        MetricKind.Partnerships => "partnerships",
        MetricKind.NewcomerCoordinators => "newcomer-coordinators",
        MetricKind.SportOrganisations => "sport-organisations",
        MetricKind.WorkingLifeShare => "working-life-share",
        MetricKind.CentralisedProjects => "centralised-projects",
        MetricKind.TopicShare => "topic-share",
        MetricKind.FlagShare => "flag-share",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown metric kind."),
    };

    public static bool TryParse(string? code, out MetricKind kind) => ByCode.TryGetValue(code ?? "", out kind);

    /// <summary>The kind of a stored code; an unknown code is an error in the targets' reference data.</summary>
    public static MetricKind Parse(string code, string targetCode) =>
        TryParse(code, out var kind) ? kind : throw new InvalidOperationException($"Unknown metric kind '{code}' for target {targetCode}.");
}

using System.Text.Json;
using Erasmus.Domain.Entities;

namespace Erasmus.Domain.Attainment;

/// <summary>
/// Which sectors a target belongs to (DOMAIN.md, "Which targets a sector view shows"): a mobility
/// target to the sectors of its activity types (narrowed to its own sector when it names one), a
/// county-authority accreditation target to its sectors (SCH, VET, ADU), every other target to every sector.
/// </summary>
public static class TargetSectors
{
    private static readonly Sector[] All = Enum.GetValues<Sector>();

    /// <param name="activitySectors">The sectors each activity type is used in (activity-types.csv).</param>
    public static IReadOnlyList<Sector> Of(TargetDefinition target, IReadOnlyDictionary<string, IReadOnlyList<Sector>> activitySectors)
    {
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(target.MetricParameters) ? "{}" : target.MetricParameters);
        var root = json.RootElement;
        switch (target.MetricKind)
        {
            case MetricKind.MobilityParticipants:
            {
                var (activities, own) = AttainmentCalculator.MobilityParameters(target);
                var sectors = activities.SelectMany(a => activitySectors.TryGetValue(a, out var s) ? s : []).ToHashSet();
                if (own is { } sector)
                {
                    return [sector];
                }

                return sectors.Count == 0 ? All : [.. All.Where(sectors.Contains)];
            }

            case MetricKind.CountyAuthoritiesAccredited when root.TryGetProperty("sectors", out var list):
                return [.. All.Where(s => list.EnumerateArray().Any(e => e.GetString() == s.ToString()))];
            default:
                return All;
        }
    }

    /// <summary>The sectors a target belongs to: those stored with it, or every sector when none are.</summary>
    public static IReadOnlyList<Sector> Of(TargetDefinition target) => target.Sectors is { Count: > 0 } sectors ? sectors : All;

    /// <summary>Whether a target belongs in a view of the sector (every target belongs in a view of all sectors).</summary>
    public static bool Applies(TargetDefinition target, Sector? sector) => sector is null || Of(target).Contains(sector.Value);

    /// <summary>
    /// Whether the sector's figure is only a part of the national one: the target spans other sectors too
    /// and its records carry a sector. The county-authority target counts authorities across sectors, so
    /// a sector view shows its national figure.
    /// </summary>
    public static bool IsPartInSectorView(TargetDefinition target, Sector? sector) =>
        sector is not null && Applies(target, sector) && Of(target).Count > 1 && target.MetricKind != MetricKind.CountyAuthoritiesAccredited;
}

using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Attainment;

/// <summary>
/// How far the realised basis trails the awarded one (DOMAIN.md, "Expected by now"): the median days
/// from decision to mobility end over the records counted on the realised basis, in whole months.
/// </summary>
public static class RealisationLag
{
    /// <summary>Below this many records the median says little, and the lag is <see cref="DefaultMonths"/>.</summary>
    public const int MinimumRecords = 100;

    public const int DefaultMonths = 12;

    /// <summary>Days in an average month (365.25 / 12).</summary>
    public const decimal DaysPerMonth = 30.4375m;

    /// <summary>The lag in months: the median divided by 30.4375 and rounded half up; 12 while fewer than 100 records.</summary>
    public static int Months(RealisationLagFact? fact)
    {
        if (fact is not { MedianDays: { } median } || fact.Records < MinimumRecords)
        {
            return DefaultMonths;
        }

        // A mobility that ended before its project's decision (bad data) cannot make the lag negative.
        return (int)Math.Max(0, Math.Round(median / DaysPerMonth, 0, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The activity types (with the project sector a target restricts them to, if any) whose records
    /// count in some mobility target: the records the median is taken over. The SQL matches records to
    /// these pairs; group and direction follow <see cref="MobilityRules.CountedParticipants"/>.
    /// </summary>
    public static IReadOnlyList<(string ActivityType, Sector? Sector)> CountedActivities(IEnumerable<TargetDefinition> targets) =>
        [.. targets.Where(t => t.MetricKind == MetricKind.MobilityParticipants)
            .SelectMany(t =>
            {
                var (activities, sector) = AttainmentCalculator.MobilityParameters(t);
                return activities.Select(a => (a, sector));
            })
            .Distinct()
            .OrderBy(x => x.a, StringComparer.Ordinal).ThenBy(x => x.sector)];
}

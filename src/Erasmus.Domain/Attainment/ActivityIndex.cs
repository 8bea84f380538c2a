using System.Runtime.CompilerServices;

namespace Erasmus.Domain.Attainment;

/// <summary>
/// Where each activity type's facts are in a list of mobility facts, so a mobility target visits only the
/// facts of its own activity types (two to five of about forty) instead of every fact, in the list's own
/// order. Kept per list instance: the cache hands the same summed list to every request until a write
/// changes it, so the index is built once per change; a list made for one call is indexed and dropped
/// with it. Invisible in the results: the facts visited and their order are those a full scan keeps.
/// </summary>
internal static class ActivityIndex
{
    private static readonly ConditionalWeakTable<object, Index> _indexes = new();

    /// <summary>The facts of <paramref name="activityTypes"/>, in the order they have in <paramref name="facts"/>.</summary>
    public static IEnumerable<TFact> Select<TFact>(IReadOnlyList<TFact> facts, IReadOnlySet<string> activityTypes, Func<TFact, string> activityOf)
    {
        var index = _indexes.GetValue(facts, _ => Build(facts, activityOf));
        if (index.Count != facts.Count)
        {
            // A list changed after it was indexed (the calculator's callers do not do that; a test might).
            index = Build(facts, activityOf);
            _indexes.AddOrUpdate(facts, index);
        }

        var positions = activityTypes.Select(a => index.Positions.GetValueOrDefault(a)).OfType<int[]>().ToList();
        var merged = positions.Count == 1 ? positions[0] : [.. positions.SelectMany(p => p).Order()];
        return merged.Select(i => facts[i]);
    }

    /// <summary>The positions of each activity type's facts in a list of <see cref="Count"/> facts.</summary>
    private sealed record Index(int Count, Dictionary<string, int[]> Positions);

    private static Index Build<TFact>(IReadOnlyList<TFact> facts, Func<TFact, string> activityOf)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Count; i++)
        {
            var activity = activityOf(facts[i]);
            if (!lists.TryGetValue(activity, out var list))
            {
                lists[activity] = list = [];
            }

            list.Add(i);
        }

        return new Index(facts.Count, lists.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal));
    }
}

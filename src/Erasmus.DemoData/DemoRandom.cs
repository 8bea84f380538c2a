using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage(
    "Security", "CA5394:Do not use insecure randomness", Scope = "namespaceanddescendants", Target = "~N:Erasmus.DemoData",
    Justification = "Demo data must be reproducible from a fixed seed; nothing here is security-relevant.")]

namespace Erasmus.DemoData;

/// <summary>
/// A seeded random source with the few helpers the generator needs. Every choice goes through one
/// of these, so the same seed always gives the same data (System.Random with a seed is stable).
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>A new independent stream, so one part of the generator can change without reshuffling the others.</summary>
    public DemoRandom Fork(int salt) => new(unchecked((_random.Next() * 31) + salt));

    /// <summary>Both ends inclusive.</summary>
    public int Between(int minInclusive, int maxInclusive) => _random.Next(minInclusive, maxInclusive + 1);

    public double NextDouble() => _random.NextDouble();

    public double Between(double min, double max) => min + (_random.NextDouble() * (max - min));

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            throw new InvalidOperationException("Cannot pick from an empty list.");
        }

        return items[_random.Next(items.Count)];
    }

    public T PickWeighted<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += Math.Max(0, weight(item));
        }

        if (items.Count == 0 || total <= 0)
        {
            throw new InvalidOperationException("Cannot pick from an empty or weightless list.");
        }

        var target = _random.NextDouble() * total;
        foreach (var item in items)
        {
            target -= Math.Max(0, weight(item));
            if (target < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> items) => PickWeighted(items, i => i.Weight).Item;

    /// <summary>Picks up to <paramref name="count"/> distinct items (fewer when the list is shorter).</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var copy = items.ToList();
        Shuffle(copy);
        return copy.Take(Math.Max(0, count)).ToList();
    }

    public void Shuffle<T>(IList<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>A date between two dates, both inclusive.</summary>
    public DateOnly DateBetween(DateOnly from, DateOnly to) =>
        to <= from ? from : DateOnly.FromDayNumber(from.DayNumber + _random.Next(to.DayNumber - from.DayNumber + 1));

    public string Digits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }

        return new string(chars);
    }
}

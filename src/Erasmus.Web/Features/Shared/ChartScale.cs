using System.Globalization;

namespace Erasmus.Web.Features.Shared;

/// <summary>The arithmetic the SVG chart partials share: round axis ticks and coordinates written for SVG.</summary>
public static class ChartScale
{
    /// <summary>Ticks from 0 to at least <paramref name="max"/> in steps of 1, 2, 2.5 or 5 times a power of ten, four to six of them.</summary>
    public static IReadOnlyList<decimal> Ticks(decimal max, int target = 5)
    {
        if (max <= 0)
        {
            return [0, 1];
        }

        var rough = (double)max / target;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        var stepDecimal = (decimal)step;
        var ticks = new List<decimal>();
        for (var value = 0m; ticks.Count == 0 || ticks[^1] < max; value += stepDecimal)
        {
            ticks.Add(value);
        }

        return ticks;
    }

    /// <summary>A number for an SVG attribute: invariant, at most two decimals.</summary>
    public static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A percentage of the chart's width for an SVG attribute ("12.5%"), so the text keeps its size at any width.</summary>
    public static string Pct(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

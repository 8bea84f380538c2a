using System.Globalization;

namespace Erasmus.Web.Features.Shared;

/// <summary>The one place that formats figures for the user's culture: "10 000", "5,7 %", "30.09.2021".</summary>
public static class Format
{
    public static string Number(decimal value) =>
        value == decimal.Truncate(value) ? value.ToString("N0", CultureInfo.CurrentCulture) : value.ToString("N1", CultureInfo.CurrentCulture);

    public static string Number(decimal? value) => value is { } v ? Number(v) : "–";

    public static string Percent(decimal value) => (value / 100m).ToString("P1", CultureInfo.CurrentCulture);

    public static string Percent(decimal? value) => value is { } v ? Percent(v) : "–";

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A target's figure in its unit: a share as a percentage, a count as a number.</summary>
    public static string Figure(decimal value, bool isShare) => isShare ? Percent(value) : Number(value);

    /// <summary>Invariant ISO date for URLs and inputs.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

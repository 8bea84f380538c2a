using System.Globalization;

namespace Erasmus.Web.Features.Shared;

/// <summary>The one place that formats figures for the user's culture: "10 000", "5,7 %", "30.09.2021".</summary>
public static class Format
{
    public static string Number(decimal value) =>
        value == decimal.Truncate(value) ? value.ToString("N0", CultureInfo.CurrentCulture) : value.ToString("N1", CultureInfo.CurrentCulture);

    public static string Number(decimal? value) => value is { } v ? Number(v) : "–";

    /// <summary>A rate per 1 000, two decimals: "1,50".</summary>
    public static string Rate(decimal? value) => value is { } v ? v.ToString("N2", CultureInfo.CurrentCulture) : "–";

    public static string Percent(decimal value) => (value / 100m).ToString("P1", CultureInfo.CurrentCulture);

    public static string Percent(decimal? value) => value is { } v ? Percent(v) : "–";

    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A target's figure in its unit: a share as a percentage, a count as a number.</summary>
    public static string Figure(decimal value, bool isShare) => isShare ? Percent(value) : Number(value);

    /// <summary>
    /// A moment in Norwegian time with the zone named, one format per language:
    /// "07.12.2026 kl. 06:40 norsk tid (CET)" / "07/12/2026 06:40 Norwegian time (CET)".
    /// </summary>
    public static string DateTime(DateTimeOffset moment)
    {
        var local = NorwegianTime(moment);
        var zone = local.Offset == TimeSpan.FromHours(2) ? "CEST" : "CET";
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? $"{local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)} Norwegian time ({zone})"
            : $"{local.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)} kl. {local.ToString("HH:mm", CultureInfo.InvariantCulture)} norsk tid ({zone})";
    }

    /// <summary>The moment on Norwegian clocks (Europe/Oslo; the EU's summer-time rule where the machine has no time-zone data).</summary>
    public static DateTimeOffset NorwegianTime(DateTimeOffset moment)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Oslo", out var oslo))
        {
            return TimeZoneInfo.ConvertTime(moment, oslo);
        }

        var utc = moment.UtcDateTime;
        static System.DateTime LastSunday(int year, int month)
        {
            var last = new System.DateTime(year, month, System.DateTime.DaysInMonth(year, month), 1, 0, 0, DateTimeKind.Utc);
            return last.AddDays(-(int)last.DayOfWeek);
        }

        var summer = utc >= LastSunday(utc.Year, 3) && utc < LastSunday(utc.Year, 10);
        return moment.ToOffset(TimeSpan.FromHours(summer ? 2 : 1));
    }

    /// <summary>Invariant ISO date for URLs and inputs.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

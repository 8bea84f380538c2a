using System.Globalization;
using System.Text.RegularExpressions;

namespace Erasmus.Domain.Rules;

/// <summary>
/// The shared shape of decentralised project numbers and accreditation codes,
/// YYYY-R-AGENCY-ACTION-SECTOR-SERIAL. The match is deliberately loose per segment so that
/// callers can say which segment is wrong instead of only "wrong format".
/// </summary>
internal static partial class ReferenceShape
{
    /// <summary>Call years from 2021 use 9-digit serials; earlier calls used 6.</summary>
    public const int NineDigitSerialFromYear = 2021;

    public const string NorwegianAgency = "NO01";

    public static int SerialLength(int callYear) => callYear >= NineDigitSerialFromYear ? 9 : 6;

    /// <summary>Explains the serial length rule; <paramref name="subject"/> is the identifier in the definite form, e.g. "prosjektnummeret".</summary>
    public static string SerialMessage(string subject, int serialLength) =>
        serialLength == 9
            ? $"Løpenummeret i {subject} må ha 9 sifre for søknadsår {NineDigitSerialFromYear} og senere."
            : $"Løpenummeret i {subject} må ha 6 sifre for søknadsår før {NineDigitSerialFromYear}.";

    /// <summary>Splits a trimmed, upper-cased reference into its segments, or returns false when the overall shape is wrong.</summary>
    public static bool TryMatch(string? value, out Parts parts)
    {
        parts = default;
        if (value is null)
        {
            return false;
        }

        var match = Shape().Match(value.Trim().ToUpperInvariant());
        if (!match.Success)
        {
            return false;
        }

        var g = match.Groups;
        parts = new Parts(
            int.Parse(g[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture),
            int.Parse(g[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture),
            g[3].Value,
            g[4].Value,
            g[5].Value,
            g[6].Value);
        return true;
    }

    public static bool IsKeyAction(string action) => ActionShape().IsMatch(action);

    public static string Format(int callYear, int round, string agency, string action, string sector, string serial) =>
        string.Create(CultureInfo.InvariantCulture, $"{callYear:D4}-{round}-{agency}-{action}-{sector}-{serial}");

    internal readonly record struct Parts(
        int CallYear, int Round, string Agency, string Action, string Sector, string Serial);

    // [0-9], not \d: \d also matches other scripts' digits. \z rejects a trailing newline, which $ allows.
    [GeneratedRegex(@"^([0-9]{4})-([1-9])-([A-Z0-9]+)-([A-Z0-9]+)-([A-Z]+)-([0-9]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^KA[0-9]{3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActionShape();
}

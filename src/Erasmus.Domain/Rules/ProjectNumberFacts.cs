using System.Globalization;
using Erasmus.Domain.Entities;

namespace Erasmus.Domain.Rules;

/// <summary>
/// What a national project number (YYYY-R-NO01-KAnnn-SEK-NNNNNNNNN) says about its project, read from the left
/// as far as it is typed: the call year, the round, the action and the sector. Each part counts only when its
/// segment is complete and known, and reading stops at the first segment that is not; an EU grant number
/// (9 digits) says nothing. The project form fills its empty fields from this, in the browser as the number is
/// typed (wwwroot/js/project-form.js reads the same segments) and on the server when the form is posted.
/// </summary>
public sealed record ProjectNumberFacts(int? CallYear, int? Round, ProjectAction? Action, Sector? Sector)
{
    public static readonly ProjectNumberFacts None = new(null, null, null, null);

    /// <summary>The sector codes of project numbers and the sectors they name (sport is SPO in the number).</summary>
    public static readonly IReadOnlyDictionary<string, Sector> SectorCodes =
        Enum.GetValues<Sector>().ToDictionary(ProjectReference.SectorCodeOf, s => s, StringComparer.Ordinal);

    /// <summary>The actions whose code appears in national project numbers (KA121 …); the centralised ones have EU numbers.</summary>
    public static readonly IReadOnlyList<ProjectAction> NumberedActions =
        [.. Enum.GetValues<ProjectAction>().Where(a => ReferenceShape.IsKeyAction(a.ToString()))];

    /// <summary>The rounds a call has.</summary>
    public const int LastRound = 3;

    public bool IsEmpty => this == None;

    /// <summary>Reads the leading segments of <paramref name="value"/> (surrounding spaces and lower case accepted).</summary>
    public static ProjectNumberFacts Read(string? value)
    {
        var segments = (value ?? "").Trim().ToUpperInvariant().Split('-');
        // The year needs its hyphen: a bare number may be the start of an EU grant number.
        if (segments.Length < 2 || !IsDigits(segments[0], 4))
        {
            return None;
        }

        var callYear = int.Parse(segments[0], NumberStyles.None, CultureInfo.InvariantCulture);
        if (callYear is < Plausible.FirstCallYear or > Plausible.LastCallYear)
        {
            return None;
        }

        if (!IsDigits(segments[1], 1) || segments[1][0] - '0' is < 1 or > LastRound)
        {
            return new(callYear, null, null, null);
        }

        var round = segments[1][0] - '0';
        if (segments.Length < 4 || !IsAgency(segments[2]) || !ReferenceShape.IsKeyAction(segments[3]))
        {
            return new(callYear, round, null, null);
        }

        // An action of the previous period (KA101, KA229) is no choice of the form, but the sector after it still is.
        ProjectAction? action = NumberedActions.Cast<ProjectAction?>().FirstOrDefault(a => a.ToString() == segments[3]);
        Sector? sector = segments.Length >= 5 && SectorCodes.TryGetValue(segments[4], out var s) ? s : null;
        return new(callYear, round, action, sector);
    }

    private static bool IsDigits(string segment, int length) => segment.Length == length && segment.All(char.IsAsciiDigit);

    private static bool IsAgency(string segment) =>
        segment.Length == 4 && char.IsAsciiLetterUpper(segment[0]) && char.IsAsciiLetterUpper(segment[1]) && char.IsAsciiDigit(segment[2]) && char.IsAsciiDigit(segment[3]);
}

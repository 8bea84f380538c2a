using System.Globalization;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>
/// The mobility ID to suggest for the next registration in a project: the number at the end of an ID
/// counted on past the highest one of the same stem in the project, at the same width, never one the
/// project has. Mobility IDs come from the beneficiary tool numbered in a row (000123-MOB-00001, -00002 …),
/// so this is usually what the user types next; they can still change it.
/// </summary>
public static class NextMobilityId
{
    /// <summary>The suggestion after <paramref name="from"/> (or after the project's highest ID when null); null when there is nothing to count on from.</summary>
    public static string? After(string? from, IReadOnlyCollection<string> used)
    {
        var basis = from is not null && Split(from) is not null
            ? from
            : used.Where(id => Split(id) is not null).OrderBy(id => id, StringComparer.Ordinal).LastOrDefault();
        if (basis is null || Split(basis) is not (var stem, var digits))
        {
            return null;
        }

        var width = digits.Length;
        var highest = used.Select(Split).OfType<(string Stem, string Digits)>()
            .Where(s => s.Stem == stem && s.Digits.Length == width)
            .Select(s => long.Parse(s.Digits, CultureInfo.InvariantCulture))
            .Append(long.Parse(digits, CultureInfo.InvariantCulture))
            .Max();
        var taken = used.ToHashSet(StringComparer.Ordinal);
        var limit = width >= 18 ? long.MaxValue : (long)Math.Pow(10, width);
        for (var n = highest + 1; n < limit; n++)
        {
            var candidate = stem + n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The suggestion for a project, read from its saved mobility IDs.</summary>
    public static async Task<string?> ForProjectAsync(ErasmusDbContext db, int projectId, string? from, CancellationToken cancellationToken)
    {
        var used = await db.Mobilities.AsNoTracking().Where(m => m.ProjectId == projectId).Select(m => m.MobilityId).ToListAsync(cancellationToken);
        return After(from, used);
    }

    /// <summary>An ID as its stem and the digits it ends with; null when it ends with none (or with too many to count on).</summary>
    private static (string Stem, string Digits)? Split(string id)
    {
        var start = id.Length;
        while (start > 0 && char.IsAsciiDigit(id[start - 1]))
        {
            start--;
        }

        var width = id.Length - start;
        return width is 0 or > 17 ? null : (id[..start], id[start..]);
    }
}

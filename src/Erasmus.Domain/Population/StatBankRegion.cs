using System.Globalization;

namespace Erasmus.Domain.Population;

/// <summary>
/// A region cell of a Statistics Norway StatBank download ("46 Vestland", "K-46 Vestland", or a bare
/// "46") read as a county number of two digits; municipalities (four digits) and the country ("0 Hele
/// landet") are not counties.
/// </summary>
public static class StatBankRegion
{
    public static string? CountyNumber(string? region)
    {
        var text = region?.Trim() ?? "";
        if (text.StartsWith("K-", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end != 2 || (end < text.Length && text[end] != ' '))
        {
            return null;
        }

        return int.Parse(text[..2], CultureInfo.InvariantCulture) == 0 ? null : text[..2];
    }
}

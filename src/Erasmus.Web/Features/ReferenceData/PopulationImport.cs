using System.Globalization;
using System.Text;
using Erasmus.Domain.Population;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Features.ReferenceData;

/// <summary>One row of a population file read, with the figure it gives or why it gives none.</summary>
public sealed record PopulationRow(int Row, string? CountyNumber, int? Year, string? GroupCode, int? Value, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

public sealed record PopulationFile(string Shape, IReadOnlyList<PopulationRow> Rows)
{
    public IEnumerable<PopulationRow> Valid => Rows.Where(r => r.IsValid);
}

/// <summary>
/// Reads population figures from a CSV in one of two shapes: a Statistics Norway StatBank download
/// (semicolon separated, quoted headers, maybe a title line and a blank line first, a region column
/// such as "46 Vestland", a year column and the value in the last column; the group is chosen on the
/// form since the file does not say it), or the plain shape county;year;group;value. The file is read
/// by the import's bounded CSV reader.
/// </summary>
public static class PopulationImport
{
    /// <summary>A county's figures for every group and year of the period fit in a few hundred kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const int MaxRows = 20_000;

    public static PopulationFile Read(byte[] content, string? statBankGroup, IReadOnlySet<string> countyNumbers, CancellationToken cancellationToken)
    {
        if (content.Length > MaxBytes)
        {
            throw new ImportFileException("Filen er større enn 1 MB; befolkningstall for alle fylker og år er langt mindre.");
        }

        var limits = new ImportOptions { MaxCellChars = 200, MaxColumns = 50, MaxLineChars = 10_000 };
        using var sheet = CsvSheet.Open(new MemoryStream(SkipTitle(content)), limits);
        using var rows = sheet.ReadRows(cancellationToken).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new ImportFileException("Filen er tom.");
        }

        var header = rows.Current.Cells.Select(c => c.Display.Trim().ToLowerInvariant()).ToList();
        int Column(params string[] names) => header.FindIndex(h => names.Any(n => h == n || h.StartsWith(n + " ", StringComparison.Ordinal)));
        var plain = (County: Column("county", "fylke"), Year: Column("year", "år"), Group: Column("group", "gruppe"), Value: Column("value", "verdi"));
        var statBank = (Region: Column("region"), Year: Column("år", "year", "tid"));
        string shape;
        Func<SheetRow, (string County, string Year, string Group, string Value)> pick;
        if (plain is { County: >= 0, Year: >= 0, Group: >= 0, Value: >= 0 })
        {
            shape = "plain";
            pick = r => (r[plain.County].Display, r[plain.Year].Display, r[plain.Group].Display, r[plain.Value].Display);
        }
        else if (statBank is { Region: >= 0, Year: >= 0 } && header.Count >= 3)
        {
            if (PopulationGroup.Find(statBankGroup) is null)
            {
                throw new ImportFileException("Filen er en nedlasting fra SSBs statistikkbank: velg hvilken gruppe tallene gjelder.");
            }

            shape = "statbank";
            var valueColumn = header.Count - 1;
            pick = r => (StatBankRegion.CountyNumber(r[statBank.Region].Display) ?? r[statBank.Region].Display, r[statBank.Year].Display, statBankGroup!, r[valueColumn].Display);
        }
        else
        {
            throw new ImportFileException("Fant ikke kolonnene. Bruk fylke;år;gruppe;verdi (county;year;group;value), eller en CSV-nedlasting fra SSBs statistikkbank med kolonnene «region» og «år».");
        }

        var result = new List<PopulationRow>();
        var seen = new HashSet<(string, int, string)>();
        while (rows.MoveNext())
        {
            if (result.Count >= MaxRows)
            {
                throw new ImportFileException("Filen har mer enn 20 000 rader.");
            }

            var (countyText, yearText, groupText, valueText) = pick(rows.Current);
            result.Add(Check(rows.Current.Number, countyText.Trim(), yearText.Trim(), groupText.Trim(), valueText.Trim(), countyNumbers, seen));
        }

        return new PopulationFile(shape, result);
    }

    private static PopulationRow Check(int row, string countyText, string yearText, string groupText, string valueText,
        IReadOnlySet<string> countyNumbers, HashSet<(string, int, string)> seen)
    {
        var errors = new List<string>();
        var county = countyText.Length == 1 && char.IsAsciiDigit(countyText[0]) ? "0" + countyText : countyText;
        if (!countyNumbers.Contains(county))
        {
            errors.Add($"«{Short(countyText)}» er ikke et fylkesnummer (for eksempel 46 eller «46 Vestland»).");
        }

        int? year = int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
        var group = PopulationGroup.Find(groupText);
        if (group is null)
        {
            errors.Add($"«{Short(groupText)}» er ikke en gruppe. Gruppene er {string.Join(", ", PopulationGroup.All.Select(g => g.Code))}.");
        }

        // Thin spaces and non-breaking spaces as thousands separators are how Norwegian spreadsheets write numbers.
        var digits = valueText.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        int? value = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        if (year is null)
        {
            errors.Add($"«{Short(yearText)}» er ikke et årstall.");
        }

        if (value is null)
        {
            errors.Add(valueText is ".." or "." or ":" or "-" or ""
                ? "Tallet mangler (SSB skriver «..» eller «:» for tall som ikke finnes eller er skjult)."
                : $"«{Short(valueText)}» er ikke et helt tall.");
        }

        if (year is { } yy && value is { } vv && group is not null)
        {
            errors.AddRange(PopulationFigure.Check(yy, group.Code, vv).OfType<RuleViolation>().Select(x => x.Message));
        }

        if (errors.Count == 0 && !seen.Add((county, year!.Value, group!.Code)))
        {
            errors.Add("Samme fylke, år og gruppe står på en tidligere rad i filen.");
        }

        return new PopulationRow(row, errors.Count == 0 ? county : null, year, group?.Code, value, errors);
    }

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>StatBank files "with heading" start with a title line and a blank line: everything before the first line with a semicolon or comma outside quotes goes.</summary>
    private static byte[] SkipTitle(byte[] content)
    {
        var text = content.AsSpan();
        var offset = text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var start = offset;
        while (start < text.Length)
        {
            var end = text[start..].IndexOf((byte)'\n');
            var line = end < 0 ? text[start..] : text[start..(start + end)];
            if (HasSeparator(line))
            {
                break;
            }

            if (end < 0 || !IsTitle(line))
            {
                start = offset;
                break;
            }

            start += end + 1;
        }

        return start >= text.Length ? content : content[start..];
    }

    private static bool IsTitle(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line).Trim() is var t && (t.Length == 0 || t.StartsWith('"'));

    private static bool HasSeparator(ReadOnlySpan<byte> line)
    {
        var inQuotes = false;
        foreach (var b in line)
        {
            if (b == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && b is (byte)';' or (byte)',' or (byte)'\t')
            {
                return true;
            }
        }

        return false;
    }
}

using System.Globalization;
using System.Text;
using Erasmus.Domain.Population;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Features.ReferenceData;

/// <summary>One row of a population file read, with the figure it gives or why it gives none; an institution row names its institution.</summary>
public sealed record PopulationRow(int Row, string? CountyNumber, int? Year, string? GroupCode, int? Value, IReadOnlyList<string> Errors,
    int? InstitutionId = null, string? InstitutionName = null)
{
    public bool IsValid => Errors.Count == 0;
}

public sealed record PopulationFile(string Shape, IReadOnlyList<PopulationRow> Rows)
{
    public IEnumerable<PopulationRow> Valid => Rows.Where(r => r.IsValid);

    /// <summary>Whether the file has an institution column (the preview then shows it).</summary>
    public bool HasInstitutions { get; init; }
}

/// <summary>A higher-education institution a population row may name: by organisation number, OID or an unambiguous name.</summary>
public sealed record PopulationInstitution(int Id, string Name, string? OrganisationNumber, string? Oid, string? CountyNumber);

/// <summary>What a population file is checked against: the counties (each with its 2020–2023 county) and the higher-education institutions.</summary>
public sealed record PopulationReferences(IReadOnlyDictionary<string, string?> Counties, IReadOnlyList<PopulationInstitution> Institutions)
{
    public IReadOnlySet<string> CountyNumbers => Counties.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The institution a cell names: 9 digits are an organisation number, E and 8 digits an OID, anything
    /// else a name (a leading DBH code such as "1110 " ignored), accepted only when one institution has it.
    /// </summary>
    public (PopulationInstitution? Institution, string? Error) FindInstitution(string text)
    {
        var compact = OrganisationNumber.Normalise(text);
        if (compact.Length == 9 && compact.All(char.IsAsciiDigit))
        {
            var byNumber = Institutions.FirstOrDefault(i => i.OrganisationNumber == compact);
            return byNumber is null ? (null, $"Fant ingen institusjon i høyere utdanning med organisasjonsnummer {compact}.") : (byNumber, null);
        }

        var oid = OrganisationId.Normalise(text);
        if (OrganisationId.IsValid(oid))
        {
            var byOid = Institutions.FirstOrDefault(i => string.Equals(i.Oid, oid, StringComparison.Ordinal));
            return byOid is null ? (null, $"Fant ingen institusjon i høyere utdanning med OID {oid}.") : (byOid, null);
        }

        var name = NameKey(text);
        var named = Institutions.Where(i => NameKey(i.Name) == name).ToList();
        return named.Count switch
        {
            1 => (named[0], null),
            0 => (null, $"Fant ingen institusjon i høyere utdanning som heter «{Short(text)}». Bruk organisasjonsnummer eller OID."),
            _ => (null, $"Navnet «{Short(text)}» passer på flere institusjoner ({string.Join(", ", named.Select(i => i.OrganisationNumber ?? i.Oid ?? i.Id.ToString(CultureInfo.InvariantCulture)))}). Bruk organisasjonsnummer eller OID."),
        };
    }

    /// <summary>The institution's own county, or the 2020–2023 county it was part of (figures of the years before 2024).</summary>
    public bool IsInCounty(PopulationInstitution institution, string county) =>
        institution.CountyNumber is { } own && (own == county || (Counties.TryGetValue(own, out var before) && before == county));

    private static string NameKey(string text)
    {
        var name = text.Trim();
        var code = 0;
        while (code < name.Length && char.IsAsciiDigit(name[code]))
        {
            code++;
        }

        if (code > 0 && code < name.Length && name[code] == ' ')
        {
            name = name[(code + 1)..];
        }

        return string.Join(' ', name.Replace('\u2013', '-').Replace('\u2014', '-').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }

    internal static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

/// <summary>
/// Reads population figures from a CSV in one of two shapes: a Statistics Norway StatBank download
/// (semicolon separated, quoted headers, maybe a title line and a blank line first, a region column
/// such as "46 Vestland" or an institution column as DBH's tables have, a year column and the value in
/// the last column; the group is chosen on the form since the file does not say it), or the plain shape
/// county;year;group;value with an optional institution column. An institution is named by organisation
/// number, OID or an unambiguous name; its county may be left empty (the institution's own is taken).
/// The file is read by the import's bounded CSV reader.
/// </summary>
public static class PopulationImport
{
    /// <summary>A county's figures for every group and year of the period fit in a few hundred kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const int MaxRows = 20_000;

    private static readonly string[] InstitutionHeaders = ["institution", "institusjon", "lærested", "larested", "organisation", "organisasjon"];

    public static PopulationFile Read(byte[] content, string? statBankGroup, PopulationReferences references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
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
        var institution = Column(InstitutionHeaders);
        var plain = (County: Column("county", "fylke"), Year: Column("year", "år"), Group: Column("group", "gruppe"), Value: Column("value", "verdi"));
        var statBank = (Region: Column("region"), Year: Column("år", "year", "tid"));
        string shape;
        Func<SheetRow, (string County, string Year, string Group, string Value)> pick;
        if (plain is { County: >= 0, Year: >= 0, Group: >= 0, Value: >= 0 })
        {
            shape = "plain";
            pick = r => (r[plain.County].Display, r[plain.Year].Display, r[plain.Group].Display, r[plain.Value].Display);
        }
        else if (statBank.Year >= 0 && (statBank.Region >= 0 || institution >= 0) && header.Count >= 3)
        {
            if (PopulationGroup.Find(statBankGroup) is null)
            {
                throw new ImportFileException("Filen er en nedlasting fra SSBs statistikkbank: velg hvilken gruppe tallene gjelder.");
            }

            shape = "statbank";
            var valueColumn = header.Count - 1;
            pick = r => (statBank.Region < 0 ? "" : StatBankRegion.CountyNumber(r[statBank.Region].Display) ?? r[statBank.Region].Display,
                r[statBank.Year].Display, statBankGroup!, r[valueColumn].Display);
        }
        else
        {
            throw new ImportFileException("Fant ikke kolonnene. Bruk fylke;år;gruppe;verdi (county;year;group;value), eller en CSV-nedlasting fra SSBs statistikkbank med kolonnene «region» og «år».");
        }

        var result = new List<PopulationRow>();
        var seen = new HashSet<(string, int?, int, string)>();
        while (rows.MoveNext())
        {
            if (result.Count >= MaxRows)
            {
                throw new ImportFileException("Filen har mer enn 20 000 rader.");
            }

            var (countyText, yearText, groupText, valueText) = pick(rows.Current);
            var institutionText = institution >= 0 ? rows.Current[institution].Display.Trim() : "";
            result.Add(Check(rows.Current.Number, countyText.Trim(), institutionText, yearText.Trim(), groupText.Trim(), valueText.Trim(), references, seen));
        }

        return new PopulationFile(shape, result) { HasInstitutions = institution >= 0 };
    }

    private static PopulationRow Check(int row, string countyText, string institutionText, string yearText, string groupText, string valueText,
        PopulationReferences references, HashSet<(string, int?, int, string)> seen)
    {
        var errors = new List<string>();
        PopulationInstitution? institution = null;
        if (institutionText.Length > 0)
        {
            (institution, var error) = references.FindInstitution(institutionText);
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        // An institution row may leave its county to the institution.
        var county = countyText.Length == 0 && institution?.CountyNumber is { } own ? own
            : countyText.Length == 1 && char.IsAsciiDigit(countyText[0]) ? "0" + countyText : countyText;
        if (!references.Counties.ContainsKey(county))
        {
            errors.Add($"«{Short(countyText)}» er ikke et fylkesnummer (for eksempel 46 eller «46 Vestland»).");
        }
        else if (institution is not null && !references.IsInCounty(institution, county))
        {
            errors.Add($"{institution.Name} ligger i fylke {institution.CountyNumber ?? "–"}, ikke {county}.");
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

        // Said even when the institution is unknown: every fault of the row at once.
        if (group is { PerInstitution: false } && institutionText.Length > 0)
        {
            errors.Add(PopulationFigure.InstitutionGroupMessage(group.Code));
        }

        if (errors.Count == 0 && !seen.Add((county, institution?.Id, year!.Value, group!.Code)))
        {
            errors.Add(institution is null
                ? "Samme fylke, år og gruppe står på en tidligere rad i filen."
                : "Samme lærested, år og gruppe står på en tidligere rad i filen.");
        }

        return new PopulationRow(row, errors.Count == 0 ? county : null, year, group?.Code, value, errors, institution?.Id, institution?.Name);
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

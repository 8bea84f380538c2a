using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;

namespace Erasmus.Web.Features.Import.Reading;

/// <summary>
/// The first worksheet of an .xlsx workbook, read with a plain XmlReader straight from the zip entry, so
/// that a sheet of 100 000 rows, or a hostile file, never sits in memory: every part is unpacked under the
/// limits of <see cref="XlsxPackage"/>, a cell's text is read in chunks and kept only up to what the import
/// can use, and what the file may hold (cells in a row, columns, rows, shared strings, cell formats,
/// characters in a cell) is bounded by <see cref="ImportOptions"/>, each refused with a message naming the
/// limit. Numbers in date-formatted cells come out as dates, formulas and error values as such, so the
/// import can name them.
/// </summary>
public sealed partial class XlsxSheet : ISheetSource
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNamespace = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>A formula is named in messages by its first characters only.</summary>
    private const int FormulaShown = 60;

    private readonly XlsxPackage _package;
    private readonly ZipArchiveEntry _sheet;
    private readonly ImportOptions _limits;
    private readonly Names _names;
    private readonly SharedStrings _sharedStrings;
    private readonly bool[] _dateStyles;
    private int _rowsRead;

    private XlsxSheet(XlsxPackage package, ZipArchiveEntry sheet, string sheetName, ImportOptions limits, Names names, SharedStrings sharedStrings, bool[] dateStyles)
    {
        _package = package;
        _sheet = sheet;
        SheetName = sheetName;
        _limits = limits;
        _names = names;
        _sharedStrings = sharedStrings;
        _dateStyles = dateStyles;
    }

    public string SheetName { get; }

    /// <summary>The last row of the sheet's declared dimension, when the file states it (known once rows are being read).</summary>
    public int? DeclaredLastRow { get; private set; }

    public double? Fraction => DeclaredLastRow is > 0 and var last ? Math.Min(1, (double)_rowsRead / last) : null;

    /// <summary>With the import's default limits but for the cell length.</summary>
    public static XlsxSheet Open(string path, int maxCellChars) => Open(path, new ImportOptions { MaxCellChars = maxCellChars });

    public static XlsxSheet Open(string path, ImportOptions limits)
    {
        var package = XlsxPackage.Open(path, limits);
        try
        {
            var names = new Names();
            var workbookPath = package.Relationships("").Values.FirstOrDefault(r => IsType(r.Type, "officeDocument")).Target;
            if (workbookPath is null || package.Part(workbookPath) is not { } workbook)
            {
                throw new ImportFileException("Filen er en zip-pakke, men ikke en Excel-arbeidsbok: den har ingen arbeidsbok i seg. Lagre regnearket som «Excel-arbeidsbok (.xlsx)».");
            }

            var (sheetName, sheetId) = FirstSheet(package, workbook, names);
            var parts = package.Relationships(workbookPath);
            if (sheetId is null || !parts.TryGetValue(sheetId, out var sheetPart) || !IsType(sheetPart.Type, "worksheet") || package.Part(sheetPart.Target) is not { } sheet)
            {
                throw new ImportFileException($"Det første arket («{sheetName}») er ikke et regneark (kanskje et diagram). Legg dataene i det første arket.");
            }

            var sharedStrings = PartOfType(package, parts, "sharedStrings");
            var styles = PartOfType(package, parts, "styles");
            return new XlsxSheet(package, sheet, sheetName, limits, names,
                ReadSharedStrings(package, sharedStrings, limits, names), ReadDateStyles(package, styles, limits, names));
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        using var reader = _package.OpenXml(_sheet, _names.Table);
        var value = new CellText(_limits.MaxCellChars + 1);
        var formula = new CellText(FormulaShown + 1);
        var attribute = new char[24];

        // Up to the rows: the declared dimension on the way, for the progress.
        var more = Step(reader, skip: false);
        while (more && !(reader.NodeType == XmlNodeType.Element && Is(reader, _names.SheetData)))
        {
            if (reader.NodeType == XmlNodeType.Element && Is(reader, _names.Dimension))
            {
                DeclaredLastRow = CellRange.Parse(reader.GetAttribute("ref"))?.LastRow;
            }

            more = Step(reader, skip: false);
        }

        if (!more || reader.IsEmptyElement)
        {
            yield break;
        }

        var dataDepth = reader.Depth;
        var previousRow = 0;
        var rowsSeen = 0;
        var cells = new List<SheetCell>();
        more = Step(reader, skip: false);
        while (more && reader.Depth > dataDepth)
        {
            if (reader.NodeType != XmlNodeType.Element || !Is(reader, _names.Row) || reader.Depth != dataDepth + 1)
            {
                more = Step(reader, skip: reader.NodeType == XmlNodeType.Element);
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var number = int.TryParse(Attribute(reader, _names.R, attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0
                ? index : previousRow + 1;
            if (++rowsSeen > _limits.MaxSheetRows || number > _limits.MaxSheetRows)
            {
                throw new ImportFileException(
                    $"Arket har flere enn {ImportOptions.Count(_limits.MaxSheetRows)} rader (rad {ImportOptions.Count(Math.Max(number, rowsSeen))}), flere enn et regneark kan ha. Filen er skadet og kan ikke importeres.");
            }

            previousRow = number;
            _rowsRead = number;
            var blank = ReadCells(reader, number, cells, value, formula, attribute);
            if (!blank)
            {
                yield return new SheetRow(number, [.. cells]);
            }

            more = Step(reader, skip: false);
        }
    }

    /// <summary>
    /// The first range of merged cells (more than one cell) that covers the row. One pass over the sheet
    /// that skips the rows finds it, so that no list of ranges (a sheet can hold millions) is kept.
    /// </summary>
    public CellRange? MergedOn(int row)
    {
        using var reader = _package.OpenXml(_sheet, _names.Table);
        var more = Step(reader, skip: false);
        while (more)
        {
            var skip = false;
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (Is(reader, _names.SheetData))
                {
                    skip = true;
                }
                else if (Is(reader, _names.MergeCell) && CellRange.Parse(reader.GetAttribute("ref")) is { } range
                    && range.FirstRow <= row && range.LastRow >= row && (range.FirstRow != range.LastRow || range.FirstColumn != range.LastColumn))
                {
                    return range;
                }
            }

            more = Step(reader, skip);
        }

        return null;
    }

    public void Dispose() => _package.Dispose();

    public static bool IsDateFormat(uint id, string? code)
    {
        if (id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58)
        {
            return true;
        }

        // Excel's format codes are at most 255 characters; a longer one is no date format of any program.
        if (string.IsNullOrEmpty(code) || code.Length > 1000)
        {
            return false;
        }

        // Quoted text, escaped characters and [colour]/[locale] sections are not format letters.
        var letters = FormatNoise().Replace(code, "").ToLowerInvariant();
        return letters.Contains('y', StringComparison.Ordinal) || letters.Contains('d', StringComparison.Ordinal)
            || (letters.Contains('m', StringComparison.Ordinal) && !letters.Contains('h', StringComparison.Ordinal) && !letters.Contains('s', StringComparison.Ordinal));
    }

    /// <summary>The next node, or with <paramref name="skip"/> the node after the current element's end; false at the end of the part.</summary>
    internal static bool Step(XmlReader reader, bool skip)
    {
        try
        {
            if (skip)
            {
                reader.Skip();
                return !reader.EOF;
            }

            return reader.Read();
        }
        catch (XmlException ex)
        {
            throw Damaged(ex);
        }
    }

    internal static bool Read(XmlReader reader) => Step(reader, skip: false);

    /// <summary>Reads one row's cells (the reader on its start tag, left on its end tag); true when every cell is blank.</summary>
    private bool ReadCells(XmlReader reader, int number, List<SheetCell> cells, CellText value, CellText formula, char[] attribute)
    {
        cells.Clear();
        var blank = true;
        if (reader.IsEmptyElement)
        {
            return blank;
        }

        var rowDepth = reader.Depth;
        var next = 0;
        var cellsSeen = 0;
        var more = Step(reader, skip: false);
        while (more && reader.Depth > rowDepth)
        {
            if (reader.NodeType != XmlNodeType.Element || !Is(reader, _names.C) || reader.Depth != rowDepth + 1)
            {
                more = Step(reader, skip: reader.NodeType == XmlNodeType.Element);
                continue;
            }

            if (++cellsSeen > _limits.MaxCellsPerRow)
            {
                throw new ImportFileException(
                    $"Rad {ImportOptions.Count(number)} har flere enn {ImportOptions.Count(_limits.MaxCellsPerRow)} celler, flere enn et regneark kan ha. Filen er skadet og kan ikke importeres.");
            }

            var (column, type, style) = CellAttributes(reader, attribute, next);
            next = column + 1;
            var cell = reader.IsEmptyElement ? SheetCell.Empty : ReadCell(reader, number, column, type, style, value, formula);
            if (cell.Kind == CellKind.Empty)
            {
                more = Step(reader, skip: false);
                continue;
            }

            if (column >= _limits.MaxColumns && !cell.IsBlank)
            {
                throw new ImportFileException(
                    $"Rad {ImportOptions.Count(number)} har en verdi i kolonne {ColumnNames.Letter(column)}, men importen leser bare de første {ImportOptions.Count(_limits.MaxColumns)} kolonnene. Slett det som står lenger til høyre.");
            }

            if (column < _limits.MaxColumns)
            {
                while (cells.Count < column)
                {
                    cells.Add(SheetCell.Empty);
                }

                if (column < cells.Count)
                {
                    cells[column] = cell;
                }
                else
                {
                    cells.Add(cell);
                }

                blank &= cell.IsBlank;
            }

            more = Step(reader, skip: false);
        }

        return blank;
    }

    /// <summary>The cell's column (its reference, else the one after the previous cell), type and style, read without making strings.</summary>
    private (int Column, CellType Type, int Style) CellAttributes(XmlReader reader, char[] buffer, int next)
    {
        var column = next;
        var type = CellType.Number;
        var style = 0;
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            var name = reader.LocalName;
            if (reader.NamespaceURI.Length != 0)
            {
                continue;
            }

            if (ReferenceEquals(name, _names.R))
            {
                column = ColumnOf(AttributeValue(reader, buffer)) ?? next;
            }
            else if (ReferenceEquals(name, _names.S))
            {
                style = int.TryParse(AttributeValue(reader, buffer), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            }
            else if (ReferenceEquals(name, _names.T))
            {
                type = AttributeValue(reader, buffer) switch
                {
                    "s" => CellType.Shared,
                    "str" => CellType.String,
                    "inlineStr" => CellType.Inline,
                    "b" => CellType.Boolean,
                    "e" => CellType.Error,
                    "d" => CellType.IsoDate,
                    _ => CellType.Number,
                };
            }
        }

        reader.MoveToElement();
        return (column, type, style);
    }

    /// <summary>The cell's value from its children (the reader on its start tag, left on its end tag).</summary>
    private SheetCell ReadCell(XmlReader reader, int number, int column, CellType type, int style, CellText value, CellText formula)
    {
        value.Clear();
        formula.Clear();
        var hasValue = false;
        var hasFormula = false;
        var cellDepth = reader.Depth;
        var more = Step(reader, skip: false);
        while (more && reader.Depth > cellDepth)
        {
            var skip = false;
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == cellDepth + 1)
            {
                if (Is(reader, _names.V))
                {
                    hasValue = true;
                    value.Clear();
                    ReadText(reader, value, number, column);
                }
                else if (Is(reader, _names.F))
                {
                    hasFormula = true;
                    ReadText(reader, formula, number, column);
                }
                else if (Is(reader, _names.Is) && type == CellType.Inline)
                {
                    hasValue = true;
                    value.Clear();
                    ReadRichText(reader, value, () => TooLongCell(number, column));
                }
                else
                {
                    skip = true;
                }
            }

            more = Step(reader, skip);
        }

        if (hasFormula)
        {
            var text = formula.Length > FormulaShown ? string.Concat("=", formula.Kept[..FormulaShown], "…") : string.Concat("=", formula.Kept);
            return new SheetCell(CellKind.Formula, text);
        }

        if (!hasValue || value.Length == 0)
        {
            return SheetCell.Empty;
        }

        if (type is CellType.Inline or CellType.String or CellType.IsoDate)
        {
            return value.ToCell(_limits.MaxCellChars);
        }

        if (type == CellType.Shared)
        {
            if (!int.TryParse(value.Kept, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
            {
                throw new ImportFileException("Arbeidsboken er skadet: en celle viser til en tekst som ikke finnes. Åpne den i Excel og lagre den på nytt.");
            }

            return _sharedStrings[index] is { } shared ? new SheetCell(CellKind.Text, shared) : new SheetCell(CellKind.TooLong);
        }

        if (type == CellType.Boolean)
        {
            var truth = value.Kept is "1";
            return new SheetCell(CellKind.Boolean, truth ? "1" : "0", truth ? 1 : 0);
        }

        if (type == CellType.Error)
        {
            return value.ToCell(_limits.MaxCellChars) with { Kind = CellKind.Error };
        }

        if (value.Length > _limits.MaxCellChars || !double.TryParse(value.Kept, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return value.ToCell(_limits.MaxCellChars);
        }

        // The number's text is not kept: Display and the import read Number (no string per numeric cell).
        return new SheetCell(style < _dateStyles.Length && _dateStyles[style] ? CellKind.Date : CellKind.Number, "", parsed);
    }

    private static void ReadText(XmlReader reader, CellText text, int number, int column)
    {
        if (!ReadTextOf(reader, text))
        {
            throw TooLongCell(number, column);
        }
    }

    private static ImportFileException TooLongCell(int number, int column) => new ImportFileException(
        $"Cellen {ColumnNames.Letter(column) + number.ToString(CultureInfo.InvariantCulture)} har over {ImportOptions.Count(ImportOptions.MaxFieldChars)} tegn, og ingen celle i et regneark er så lang (Excel tillater 32 767). Filen er skadet og kan ikke importeres.");

    /// <summary>The text of an element that holds only text (v, f, t), in chunks; false when it is longer than any cell can be.</summary>
    private static bool ReadTextOf(XmlReader reader, CellText text)
    {
        if (reader.IsEmptyElement)
        {
            return true;
        }

        var depth = reader.Depth;
        var more = Step(reader, skip: false);
        while (more && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (!text.ReadFrom(reader))
                {
                    return false;
                }
            }

            more = Step(reader, skip: reader.NodeType == XmlNodeType.Element);
        }

        return true;
    }

    /// <summary>A string item (si, is): its own t, or its runs' t; phonetic hints (rPh) are not part of the text.</summary>
    private static void ReadRichText(XmlReader reader, CellText text, Func<ImportFileException> tooLong)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        var more = Step(reader, skip: false);
        while (more && reader.Depth > depth)
        {
            var skip = false;
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.LocalName == "t")
                {
                    if (!ReadTextOf(reader, text))
                    {
                        throw tooLong();
                    }
                }
                else if (reader.LocalName == "rPh")
                {
                    skip = true;
                }
            }

            more = Step(reader, skip);
        }
    }

    private static SharedStrings ReadSharedStrings(XlsxPackage package, ZipArchiveEntry? part, ImportOptions limits, Names names)
    {
        var strings = new SharedStrings();
        if (part is null)
        {
            return strings;
        }

        using var reader = package.OpenXml(part, names.Table);
        var text = new CellText(limits.MaxCellChars + 1);
        var total = 0L;
        var more = Step(reader, skip: false);
        while (more)
        {
            if (reader.NodeType == XmlNodeType.Element && Is(reader, names.Si))
            {
                if (strings.Count >= limits.MaxSharedStrings)
                {
                    throw new ImportFileException(
                        $"Arbeidsboken har flere enn {ImportOptions.Count(limits.MaxSharedStrings)} ulike tekster (delte strenger). Del filen opp i mindre filer.");
                }

                text.Clear();
                ReadRichText(reader, text, () => new ImportFileException(
                    $"En tekst i arbeidsboken har over {ImportOptions.Count(ImportOptions.MaxFieldChars)} tegn, og ingen celle i et regneark er så lang (Excel tillater 32 767). Filen er skadet og kan ikke importeres."));
                total += text.Length;
                if (total > limits.MaxSharedStringChars)
                {
                    throw new ImportFileException(
                        $"Tekstene i arbeidsboken (de delte strengene) har til sammen over {ImportOptions.Count(limits.MaxSharedStringChars)} tegn. Del filen opp i mindre filer.");
                }

                strings.Add(text.Kept, tooLong: text.Length > limits.MaxCellChars);
            }

            more = Step(reader, skip: false);
        }

        return strings;
    }

    /// <summary>Which cell formats show numbers as dates: the built-in date formats and custom codes with day, month or year.</summary>
    private static bool[] ReadDateStyles(XlsxPackage package, ZipArchiveEntry? part, ImportOptions limits, Names names)
    {
        if (part is null)
        {
            return [];
        }

        var customDates = new HashSet<uint>();
        var custom = 0;
        var formats = new List<uint>();
        using var reader = package.OpenXml(part, names.Table);
        string? section = null;
        var more = Step(reader, skip: false);
        while (more)
        {
            var skip = false;
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                // The number formats and the cell formats; fonts, fills, borders, dxfs and the rest are skipped unread.
                section = Is(reader, names.NumFmts) || Is(reader, names.CellXfs) ? reader.LocalName : null;
                skip = section is null;
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && section is not null)
            {
                var id = uint.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                if (ReferenceEquals(section, names.CellXfs) && Is(reader, names.Xf))
                {
                    if (formats.Count >= limits.MaxCellFormats)
                    {
                        throw TooManyFormats(limits);
                    }

                    formats.Add(id);
                }
                else if (ReferenceEquals(section, names.NumFmts) && Is(reader, names.NumFmt))
                {
                    if (++custom > limits.MaxCellFormats)
                    {
                        throw TooManyFormats(limits);
                    }

                    if (IsDateFormat(id, reader.GetAttribute("formatCode")))
                    {
                        customDates.Add(id);
                    }
                }

                skip = true;
            }

            more = Step(reader, skip);
        }

        return [.. formats.Select(id => IsDateFormat(id, null) || customDates.Contains(id))];
    }

    private static ImportFileException TooManyFormats(ImportOptions limits) => new ImportFileException(
        $"Arbeidsboken har flere enn {ImportOptions.Count(limits.MaxCellFormats)} celleformater, flere enn Excel tillater. Kopier dataene over i en ny arbeidsbok og lagre den.");

    /// <summary>The first sheet's name and relationship id, from the workbook part.</summary>
    private static (string Name, string? Id) FirstSheet(XlsxPackage package, ZipArchiveEntry workbook, Names names)
    {
        using var reader = package.OpenXml(workbook, names.Table);
        var more = Step(reader, skip: false);
        while (more && reader.NodeType != XmlNodeType.Element)
        {
            more = Step(reader, skip: false);
        }

        if (!more || reader.LocalName != "workbook")
        {
            throw new ImportFileException("Filen kan ikke åpnes som en Excel-arbeidsbok (.xlsx). Den er kanskje skadet, eller laget av et program som ikke lagrer ekte .xlsx. Åpne den i Excel og lagre den på nytt som «Excel-arbeidsbok».");
        }

        while (more)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
            {
                var name = reader.GetAttribute("name") ?? "";
                var id = reader.GetAttribute("id", RelationshipsNamespace) ?? reader.GetAttribute("id", StrictRelationshipsNamespace);
                return (name.Length > 31 ? name[..31] + "…" : name, id);
            }

            // Only the sheet list matters; definedNames, calcPr and the rest are skipped unread.
            more = Step(reader, skip: reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName != "sheets");
        }

        throw new ImportFileException("Arbeidsboken har ingen ark.");
    }

    private static ZipArchiveEntry? PartOfType(XlsxPackage package, Dictionary<string, (string Type, string Target)> parts, string type) =>
        parts.Values.Where(p => IsType(p.Type, type)).Select(p => package.Part(p.Target)).FirstOrDefault(p => p is not null);

    /// <summary>Transitional and strict relationship types end alike: ".../relationships/worksheet".</summary>
    private static bool IsType(string type, string name) => type.EndsWith("/" + name, StringComparison.Ordinal);

    private static bool Is(XmlReader reader, string name) => ReferenceEquals(reader.LocalName, name);

    /// <summary>"AB12" → 27; null when not a cell reference.</summary>
    private static int? ColumnOf(ReadOnlySpan<char> reference)
    {
        var column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > 16384)
            {
                return null;
            }

            i++;
        }

        return column > 0 && i < reference.Length && !reference[i..].ContainsAnyExceptInRange('0', '9') ? column - 1 : null;
    }

    /// <summary>The current attribute's value, into <paramref name="buffer"/>; empty when longer than it (no attribute the reader needs is).</summary>
    private static ReadOnlySpan<char> AttributeValue(XmlReader reader, char[] buffer)
    {
        try
        {
            if (!reader.ReadAttributeValue())
            {
                return [];
            }

            var length = reader.ReadValueChunk(buffer, 0, buffer.Length);
            return length < buffer.Length ? buffer.AsSpan(0, length) : [];
        }
        catch (XmlException ex)
        {
            throw Damaged(ex);
        }
    }

    /// <summary>The value of the current element's attribute, without making a string; empty when absent.</summary>
    private static ReadOnlySpan<char> Attribute(XmlReader reader, string name, char[] buffer)
    {
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            if (ReferenceEquals(reader.LocalName, name) && reader.NamespaceURI.Length == 0)
            {
                var value = AttributeValue(reader, buffer);
                reader.MoveToElement();
                return value;
            }
        }

        reader.MoveToElement();
        return [];
    }

    private static ImportFileException Damaged(XmlException ex) =>
        new ImportFileException("Regnearket i arbeidsboken er skadet (ugyldig XML) og kan ikke leses videre. Åpne den i Excel og lagre den på nytt.", ex);

    [GeneratedRegex("\"[^\"]*\"|\\\\.|\\[[^\\]]*\\]|_.|\\*.", RegexOptions.CultureInvariant)]
    private static partial Regex FormatNoise();

    private enum CellType
    {
        Number,
        Shared,
        String,
        Inline,
        Boolean,
        Error,
        IsoDate,
    }

    /// <summary>The element and attribute names the reader compares, atomised in the parts' shared name table so a comparison is a reference check.</summary>
    private sealed class Names
    {
        public Names()
        {
            SheetData = Table.Add("sheetData");
            Dimension = Table.Add("dimension");
            MergeCell = Table.Add("mergeCell");
            Row = Table.Add("row");
            C = Table.Add("c");
            V = Table.Add("v");
            F = Table.Add("f");
            Is = Table.Add("is");
            R = Table.Add("r");
            S = Table.Add("s");
            T = Table.Add("t");
            Si = Table.Add("si");
            NumFmts = Table.Add("numFmts");
            NumFmt = Table.Add("numFmt");
            CellXfs = Table.Add("cellXfs");
            Xf = Table.Add("xf");
        }

        public BoundedNameTable Table { get; } = new();
        public string SheetData { get; }
        public string Dimension { get; }
        public string MergeCell { get; }
        public string Row { get; }
        public string C { get; }
        public string V { get; }
        public string F { get; }
        public string Is { get; }
        public string R { get; }
        public string S { get; }
        public string T { get; }
        public string Si { get; }
        public string NumFmts { get; }
        public string NumFmt { get; }
        public string CellXfs { get; }
        public string Xf { get; }
    }

    /// <summary>A cell's text as it is read: the first characters kept (as many as the import can use, and one more), the rest only counted.</summary>
    private sealed class CellText(int keep)
    {
        private readonly char[] _kept = new char[keep];
        private readonly char[] _scratch = new char[4096];

        public int Length { get; private set; }

        public ReadOnlySpan<char> Kept => _kept.AsSpan(0, Math.Min(Length, _kept.Length));

        public void Clear() => Length = 0;

        /// <summary>The current text node, in chunks; false once the text is longer than any cell can be.</summary>
        public bool ReadFrom(XmlReader reader)
        {
            try
            {
                while (true)
                {
                    var read = Length < _kept.Length
                        ? reader.ReadValueChunk(_kept, Length, _kept.Length - Length)
                        : reader.ReadValueChunk(_scratch, 0, _scratch.Length);
                    if (read == 0)
                    {
                        return true;
                    }

                    Length += read;
                    if (Length > ImportOptions.MaxFieldChars)
                    {
                        return false;
                    }
                }
            }
            catch (XmlException ex)
            {
                throw Damaged(ex);
            }
        }

        public SheetCell ToCell(int maxCellChars) =>
            Length == 0 ? SheetCell.Empty : Length > maxCellChars ? new SheetCell(CellKind.TooLong, "", Length) : new SheetCell(CellKind.Text, Kept.ToString());
    }
}

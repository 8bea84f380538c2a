using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Erasmus.Web.Features.Import.Reading;

/// <summary>
/// The first worksheet of an .xlsx workbook, read with the Open XML SDK's OpenXmlReader (SAX-like), so a
/// sheet of 100 000 rows never sits in memory as a DOM. Before anything is opened the file must be a
/// zip package of sensible size (a 20 MB zip can unpack to gigabytes); numbers in date-formatted cells
/// come out as dates, formulas and error values as such, so the import can name them.
/// </summary>
public sealed partial class XlsxSheet : ISheetSource
{
    /// <summary>Bounds on what the zip may unpack to; real workbooks of 200 000 rows stay far below.</summary>
    private const long MaxUnpackedBytes = 1024L * 1024 * 1024;

    private const long MaxPartCharacters = 600_000_000;
    private const int MaxEntries = 10_000;

    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheet;
    private readonly List<string?> _sharedStrings;
    private readonly bool[] _dateStyles;
    private readonly int _maxCellChars;
    private int _rowsRead;

    private XlsxSheet(SpreadsheetDocument document, WorksheetPart sheet, string sheetName, List<string?> sharedStrings, bool[] dateStyles, int maxCellChars)
    {
        _document = document;
        _sheet = sheet;
        SheetName = sheetName;
        _sharedStrings = sharedStrings;
        _dateStyles = dateStyles;
        _maxCellChars = maxCellChars;
    }

    public string SheetName { get; }

    /// <summary>The last row of the sheet's declared dimension, when the file states it.</summary>
    public int? DeclaredLastRow { get; private set; }

    public IReadOnlyList<CellRange> MergedRanges { get; private set; } = [];

    public double? Fraction => DeclaredLastRow is > 0 and var last ? Math.Min(1, (double)_rowsRead / last) : null;

    public static XlsxSheet Open(string path, int maxCellChars)
    {
        CheckPackage(path);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(path, false, new OpenSettings { MaxCharactersInPart = MaxPartCharacters });
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException or InvalidOperationException)
        {
            throw new ImportFileException("Filen kan ikke åpnes som en Excel-arbeidsbok (.xlsx). Den er kanskje skadet, eller laget av et program som ikke lagrer ekte .xlsx. Åpne den i Excel og lagre den på nytt som «Excel-arbeidsbok».", ex);
        }

        try
        {
            var workbookPart = document.WorkbookPart
                ?? throw new ImportFileException("Filen er en zip-pakke, men ikke en Excel-arbeidsbok: den har ingen arbeidsbok i seg. Lagre regnearket som «Excel-arbeidsbok (.xlsx)».");
            var first = workbookPart.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new ImportFileException("Arbeidsboken har ingen ark.");
            var name = first.Name?.Value ?? "";
            if (first.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart worksheet)
            {
                throw new ImportFileException($"Det første arket («{name}») er ikke et regneark (kanskje et diagram). Legg dataene i det første arket.");
            }

            var sheet = new XlsxSheet(document, worksheet, name, ReadSharedStrings(workbookPart, maxCellChars), ReadDateStyles(workbookPart), maxCellChars);
            sheet.ReadLayout();
            return sheet;
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or OpenXmlPackageException or InvalidOperationException)
        {
            document.Dispose();
            throw new ImportFileException("Arbeidsboken er skadet og kan ikke leses. Åpne den i Excel og lagre den på nytt.", ex);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        using var reader = OpenXmlReader.Create(_sheet);
        var previousRow = 0;
        var cells = new List<SheetCell>();
        while (Read(reader))
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var row = (Row)Load(reader);
            var number = row.RowIndex?.Value is { } index and > 0 ? (int)Math.Min(index, int.MaxValue) : previousRow + 1;
            previousRow = number;
            _rowsRead = number;
            cells.Clear();
            var blank = true;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference && CellRange.TryParseCell(reference, out var c, out _) ? c : cells.Count;
                if (column >= CsvSheet.MaxFields)
                {
                    continue;
                }

                while (cells.Count < column)
                {
                    cells.Add(SheetCell.Empty);
                }

                var value = Value(cell);
                if (column < cells.Count)
                {
                    cells[column] = value;
                }
                else
                {
                    cells.Add(value);
                }

                blank &= value.IsBlank;
            }

            if (!blank)
            {
                yield return new SheetRow(number, [.. cells]);
            }
        }
    }

    public void Dispose() => _document.Dispose();

    /// <summary>A zip of sensible size; an old .xls, an encrypted workbook or a renamed text file is named as such.</summary>
    private static void CheckPackage(string path)
    {
        var head = new byte[8];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (read == 0)
        {
            throw new ImportFileException("Filen er tom.");
        }

        if (read == 8 && head.SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            throw new ImportFileException("Filen er i det gamle Excel-formatet (.xls), eller den er passordbeskyttet. Fjern passordet og lagre den som «Excel-arbeidsbok (.xlsx)».");
        }

        if (read < 4 || head[0] != 0x50 || head[1] != 0x4B || head[2] != 0x03 || head[3] != 0x04)
        {
            throw new ImportFileException("Filen er ikke en gyldig .xlsx-fil: en .xlsx-fil er en zip-pakke, og denne filen er ikke det. Er det en CSV- eller tekstfil med feil filendelse? Gi den i så fall endelsen .csv.");
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new ImportFileException("Filen har for mange deler til å være en vanlig Excel-arbeidsbok.");
            }

            var total = zip.Entries.Sum(e => e.Length);
            if (total > MaxUnpackedBytes)
            {
                throw new ImportFileException("Filen pakker seg ut til over 1 GB og er for stor til å importeres. Del den opp i mindre filer.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFileException("Filen er skadet: zip-pakken i .xlsx-filen kan ikke leses. Åpne den i Excel og lagre den på nytt.", ex);
        }
    }

    /// <summary>
    /// Merged cells and the declared dimension sit outside the row data. One quick pass with a plain
    /// XmlReader, which skips the rows without building any element, finds them before the rows are read.
    /// </summary>
    private void ReadLayout()
    {
        var merged = new List<CellRange>();
        using var stream = _sheet.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, XmlResolver = null });
        try
        {
            var more = reader.Read();
            while (more)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheetData")
                {
                    // Skip moves to the node after the rows, which the loop must look at rather than read past.
                    reader.Skip();
                    more = !reader.EOF;
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "dimension")
                {
                    DeclaredLastRow = CellRange.Parse(reader.GetAttribute("ref"))?.LastRow;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "mergeCell" && CellRange.Parse(reader.GetAttribute("ref")) is { } range)
                {
                    merged.Add(range);
                }

                more = reader.Read();
            }
        }
        catch (XmlException ex)
        {
            throw new ImportFileException("Regnearket i arbeidsboken er skadet (ugyldig XML) og kan ikke leses. Åpne den i Excel og lagre den på nytt.", ex);
        }

        MergedRanges = merged;
    }

    private SheetCell Value(Cell cell)
    {
        if (cell.CellFormula is { } formula)
        {
            var text = formula.Text ?? "";
            return new SheetCell(CellKind.Formula, "=" + (text.Length > 60 ? text[..60] + "…" : text));
        }

        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return TextCell(StringOf(cell.InlineString?.Text, cell.InlineString?.Elements<Run>()));
        }

        if (string.IsNullOrEmpty(raw))
        {
            return SheetCell.Empty;
        }

        if (type == CellValues.SharedString)
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
            {
                throw new ImportFileException("Arbeidsboken er skadet: en celle viser til en tekst som ikke finnes. Åpne den i Excel og lagre den på nytt.");
            }

            return _sharedStrings[index] is { } shared ? new SheetCell(CellKind.Text, shared) : new SheetCell(CellKind.TooLong);
        }

        if (type == CellValues.Boolean)
        {
            return new SheetCell(CellKind.Boolean, raw, raw == "1" ? 1 : 0);
        }

        if (type == CellValues.Error)
        {
            return new SheetCell(CellKind.Error, raw);
        }

        if (type is CellValues.String or CellValues.Date)
        {
            return TextCell(raw);
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return TextCell(raw);
        }

        var style = cell.StyleIndex?.Value is { } s ? (int)s : 0;
        return new SheetCell(style < _dateStyles.Length && _dateStyles[style] ? CellKind.Date : CellKind.Number, raw, number);
    }

    private SheetCell TextCell(string text) =>
        text.Length == 0 ? SheetCell.Empty : text.Length > _maxCellChars ? new SheetCell(CellKind.TooLong, "", text.Length) : new SheetCell(CellKind.Text, text);

    /// <summary>A rich-text string is a series of runs; phonetic hints (rPh) are not part of the text.</summary>
    private static string StringOf(Text? text, IEnumerable<Run>? runs) =>
        text?.Text ?? string.Concat((runs ?? []).Select(r => r.Text?.Text));

    private static List<string?> ReadSharedStrings(WorkbookPart workbook, int maxCellChars)
    {
        var strings = new List<string?>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (Read(reader))
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var item = (SharedStringItem)Load(reader);
                var text = StringOf(item.Text, item.Elements<Run>());
                strings.Add(text.Length > maxCellChars ? null : text);
            }
        }

        return strings;
    }

    /// <summary>Which cell styles show numbers as dates: the built-in date formats and custom codes with day, month or year.</summary>
    private static bool[] ReadDateStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var formats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList();
        if (formats is null)
        {
            return [];
        }

        var custom = stylesheet!.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
        return [.. formats.Select(f => f.NumberFormatId?.Value is { } id && IsDateFormat(id, custom.GetValueOrDefault(id)))];
    }

    public static bool IsDateFormat(uint id, string? code)
    {
        if (id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58)
        {
            return true;
        }

        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        // Quoted text, escaped characters and [colour]/[locale] sections are not format letters.
        var letters = FormatNoise().Replace(code, "").ToLowerInvariant();
        return letters.Contains('y', StringComparison.Ordinal) || letters.Contains('d', StringComparison.Ordinal)
            || (letters.Contains('m', StringComparison.Ordinal) && !letters.Contains('h', StringComparison.Ordinal) && !letters.Contains('s', StringComparison.Ordinal));
    }

    private static bool Read(OpenXmlReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (XmlException ex)
        {
            throw new ImportFileException("Regnearket i arbeidsboken er skadet (ugyldig XML) og kan ikke leses videre. Åpne den i Excel og lagre den på nytt.", ex);
        }
    }

    private static OpenXmlElement Load(OpenXmlReader reader)
    {
        try
        {
            return reader.LoadCurrentElement() ?? throw new ImportFileException("Regnearket i arbeidsboken er skadet og kan ikke leses.");
        }
        catch (XmlException ex)
        {
            throw new ImportFileException("Regnearket i arbeidsboken er skadet (ugyldig XML) og kan ikke leses videre. Åpne den i Excel og lagre den på nytt.", ex);
        }
    }

    [GeneratedRegex("\"[^\"]*\"|\\\\.|\\[[^\\]]*\\]|_.|\\*.", RegexOptions.CultureInvariant)]
    private static partial Regex FormatNoise();
}

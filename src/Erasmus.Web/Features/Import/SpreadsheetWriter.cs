using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Erasmus.Web.Features.Import;

/// <summary>One sheet to write: a header row, then rows of strings, numbers, dates and yes/no.</summary>
public sealed record SheetContent(string Name, IReadOnlyList<string> Header, IAsyncEnumerable<object?[]> Rows, IReadOnlyList<double>? Widths = null);

/// <summary>
/// Writes workbooks with the Open XML SDK's OpenXmlWriter, row by row, so a county's 100 000 mobilities
/// never sit in memory as a DOM. Dates are real date cells (yyyy-mm-dd), text is inline, the header
/// row is bold and frozen. CSV is UTF-8 with a byte-order mark so Excel reads æ, ø and å.
/// </summary>
public static class SpreadsheetWriter
{
    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;

    public static async Task WriteXlsxAsync(Stream stream, IReadOnlyList<SheetContent> sheets, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            await WriteSheetAsync(worksheetPart, sheet, cancellationToken);
            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId++, Name = sheet.Name });
        }

        workbookPart.Workbook.Save();
    }

    public static async Task WriteCsvAsync(Stream stream, SheetContent sheet, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(",", sheet.Header.Select(Quote)));
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(",", row.Select(v => Quote(CsvText(v)))));
        }
    }

    public static async IAsyncEnumerable<object?[]> Rows(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static async Task WriteSheetAsync(WorksheetPart part, SheetContent sheet, CancellationToken cancellationToken)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
        writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement(new Columns());
        for (var i = 0; i < sheet.Header.Count; i++)
        {
            var width = sheet.Widths is { } widths && i < widths.Count ? widths[i] : Math.Clamp(sheet.Header[i].Length + 4, 12, 40);
            writer.WriteElement(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
        }

        writer.WriteEndElement();
        writer.WriteStartElement(new SheetData());
        uint rowNumber = 1;
        WriteRow(writer, rowNumber, [.. sheet.Header], HeaderStyle);
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
        {
            WriteRow(writer, ++rowNumber, row, null);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint number, object?[] values, uint? style)
    {
        writer.WriteStartElement(new Row { RowIndex = number });
        for (var i = 0; i < values.Length; i++)
        {
            var reference = Reading.ColumnNames.Letter(i) + number.ToString(CultureInfo.InvariantCulture);
            var cell = values[i] switch
            {
                null => null,
                DateOnly date => new Cell { CellReference = reference, StyleIndex = DateStyle, CellValue = new CellValue(Serial(date)) },
                int n => new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) },
                decimal d => new Cell { CellReference = reference, CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)) },
                bool b => Text(reference, b ? "Yes" : "No"),
                var other => Text(reference, Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
            };
            if (cell is null)
            {
                continue;
            }

            if (style is { } s)
            {
                cell.StyleIndex = s;
            }

            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static Cell Text(string reference, string value)
    {
        var clean = new string([.. value.Where(XmlConvert.IsXmlChar)]);
        var text = new Text(clean);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
        {
            text.Space = SpaceProcessingModeValues.Preserve;
        }

        return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(text) };
    }

    /// <summary>Excel's serial date: days since 1899-12-30 (which absorbs Excel's 1900 leap-year bug for dates after February 1900).</summary>
    private static string Serial(DateOnly date) =>
        (date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture);

    private static string CsvText(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "Yes" : "No",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string text => Defused(text),
        _ => Defused(value.ToString() ?? ""),
    };

    /// <summary>
    /// Text that a spreadsheet program would run as a formula (=, +, -, @) gets a leading apostrophe,
    /// as Excel itself writes it; the import removes it again (<see cref="ImportValues.Text"/>).
    /// </summary>
    public static string Defused(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",;\"\r\n") >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true }) { Count = 3 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}

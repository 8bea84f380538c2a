using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// Reads a workbook back with the Open XML SDK, the way a test wants it: sheets by name, rows by
/// number, cells by column letter, with the cell's number format.
/// </summary>
public sealed class WorkbookReader : IDisposable
{
    private readonly MemoryStream _bytes;
    private readonly Dictionary<uint, string> _formats;

    public WorkbookReader(byte[] bytes)
    {
        _bytes = new MemoryStream(bytes, writable: false);
        Document = SpreadsheetDocument.Open(_bytes, false);
        var stylesheet = Document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        _formats = stylesheet.CellFormats!.Elements<CellFormat>()
            .Select((f, i) => (Index: (uint)i, Id: f.NumberFormatId?.Value ?? 0))
            .ToDictionary(x => x.Index, x => custom.TryGetValue(x.Id, out var code) ? code : BuiltIn(x.Id));
    }

    public SpreadsheetDocument Document { get; }

    public IReadOnlyList<string> SheetNames => [.. Document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    public Worksheet Worksheet(string name)
    {
        var sheet = Document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().SingleOrDefault(s => s.Name == name)
            ?? throw new InvalidOperationException($"No sheet '{name}' in [{string.Join(", ", SheetNames)}].");
        return ((WorksheetPart)Document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>Rows by their row number; cells by column letters.</summary>
    public SortedDictionary<int, Dictionary<string, SheetCell>> Rows(string sheet)
    {
        var rows = new SortedDictionary<int, Dictionary<string, SheetCell>>();
        foreach (var row in Worksheet(sheet).Descendants<Row>())
        {
            var cells = new Dictionary<string, SheetCell>(StringComparer.Ordinal);
            foreach (var cell in row.Elements<Cell>())
            {
                var reference = cell.CellReference!.Value!;
                var column = new string([.. reference.TakeWhile(char.IsLetter)]);
                var style = cell.StyleIndex?.Value ?? 0;
                cells[column] = new SheetCell(Text(cell), cell.DataType?.Value, style, _formats.GetValueOrDefault(style, "General"));
            }

            rows[(int)row.RowIndex!.Value] = cells;
        }

        return rows;
    }

    /// <summary>The table under a header row whose first cell is <paramref name="firstHeader"/>: one dictionary per row, keyed by header.</summary>
    public List<Dictionary<string, SheetCell>> Table(string sheet, string firstHeader)
    {
        var rows = Rows(sheet);
        var header = rows.First(r => r.Value.TryGetValue("A", out var a) && a.Text == firstHeader);
        var columns = header.Value.ToDictionary(c => c.Key, c => c.Value.Text ?? c.Key);
        return [.. rows.Where(r => r.Key > header.Key)
            .TakeWhile(r => r.Value.Count > 0)
            .Select(r => columns.Where(c => r.Value.ContainsKey(c.Key)).ToDictionary(c => c.Value, c => r.Value[c.Key]))];
    }

    public void Dispose()
    {
        Document.Dispose();
        _bytes.Dispose();
    }

    private static string? Text(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;

    private static string BuiltIn(uint id) => id switch
    {
        0 => "General",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        14 => "mm-dd-yy",
        _ => $"builtin:{id}",
    };
}

/// <summary>A cell as read back: its text or number, its type (null for a number), its style and number format.</summary>
public sealed record SheetCell(string? Text, CellValues? Type, uint Style, string Format)
{
    public bool IsNumber => Type is null && Text is not null;

    public decimal Number => IsNumber
        ? decimal.Parse(Text!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"Not a number cell: '{Text}' ({Type}).");

    /// <summary>A percentage cell's value in percent points (0.607 → 60.7).</summary>
    public decimal PercentPoints => Format.Contains('%', StringComparison.Ordinal) ? Number * 100m : throw new InvalidOperationException($"Not a percentage cell: {Format}.");

    /// <summary>A target figure: percent points for a share, the number for a count.</summary>
    public decimal Figure(bool isShare) => isShare ? PercentPoints : Number;

    public DateOnly Date => Format.Contains("yy", StringComparison.Ordinal)
        ? new DateOnly(1899, 12, 30).AddDays((int)Number)
        : throw new InvalidOperationException($"Not a date cell: {Format}.");
}

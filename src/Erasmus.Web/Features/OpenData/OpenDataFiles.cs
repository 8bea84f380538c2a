using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Erasmus.Domain.OpenData;
using Format = Erasmus.Web.Features.Shared.Format;

namespace Erasmus.Web.Features.OpenData;

/// <summary>One published figure: a cell, a county's total, a sector × call year total or the national total.</summary>
public sealed record OpenDataLine(OpenDataTable Table, string Level, OpenDataRow? County, OpenDataColumn? Column, int Index)
{
    public string Value => Table.Published.Text(Index);

    public string Suppression => Table.Published.Marks[Index] switch
    {
        CellMark.Small => "small",
        CellMark.Complementary => "complementary",
        _ => "",
    };
}

/// <summary>
/// The open data as files: a comment-free CSV (the method is at /api/open-data/metode and named in the
/// response's Link header) and a workbook whose first sheet is the method and second the same lines.
/// The column names are the same in both and do not depend on the language.
/// </summary>
public static class OpenDataFiles
{
    public static readonly string[] Columns =
        ["target_code", "target_title_nb", "target_title_en", "as_of", "basis", "level", "county_number", "county_name", "sector", "call_year", "value", "suppression"];

    public const string MethodPath = "/api/open-data/metode";

    public static IEnumerable<OpenDataLine> Lines(OpenDataSet set)
    {
        foreach (var table in set.Tables)
        {
            var t = table.Published.Table;
            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    yield return new OpenDataLine(table, "cell", table.Rows[r], table.Columns[c], t.Cell(r, c));
                }

                yield return new OpenDataLine(table, "county_total", table.Rows[r], null, t.RowTotal(r));
            }

            for (var c = 0; c < table.Columns.Count; c++)
            {
                yield return new OpenDataLine(table, "sector_year_total", null, table.Columns[c], t.ColumnTotal(c));
            }

            yield return new OpenDataLine(table, "national_total", null, null, t.GrandTotal);
        }
    }

    public static string FileName(OpenDataSet set, string extension) =>
        $"open-data-{Format.Iso(set.Parameters.AsOf)}-{set.Parameters.Basis.ToString().ToLowerInvariant()}.{extension}";

    private static string?[] Fields(OpenDataSet set, OpenDataLine line) =>
    [
        line.Table.Target.Code, line.Table.Target.TitleNb, line.Table.Target.TitleEn, Format.Iso(set.Parameters.AsOf),
        set.Parameters.Basis.ToString().ToLowerInvariant(), line.Level, line.County?.CountyNumber, line.County?.CountyName,
        line.Column?.Sector?.ToString(), line.Column?.CallYear?.ToString(CultureInfo.InvariantCulture), line.Value, line.Suppression,
    ];

    /// <summary>RFC 4180: commas, quotes where needed, CRLF, UTF-8 without a byte order mark, the column names first.</summary>
    public static byte[] Csv(OpenDataSet set)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var line in Lines(set))
        {
            csv.AppendJoin(',', Fields(set, line).Select(Quote)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Quote(string? field) =>
        field is null ? "" : field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>A small workbook (the tables have thousands of lines, not millions): the method sheet, then the figures, numbers as numbers.</summary>
    public static byte[] Workbook(OpenDataSet set, string methodSheet, string dataSheet, IReadOnlyList<(string Heading, string Text)> method)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }, new CellFormat { Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, ApplyAlignment = true }));

            var methodRows = new List<Row> { Row(Text(method[0].Heading, 1)) };
            methodRows.AddRange(method.Skip(1).Select(m => Row(Text(m.Heading, 1), Text(m.Text, 2))));
            AddSheet(workbookPart, methodSheet, methodRows, [28, 110]);

            var dataRows = new List<Row> { Row([.. Columns.Select(c => Text(c, 1))]) };
            dataRows.AddRange(Lines(set).Select(line => Row([.. Fields(set, line).Select((f, i) =>
                (i == 10 && line.Suppression.Length == 0) || (i == 9 && f is not null) ? Number(f!) : Text(f, 0))])));
            AddSheet(workbookPart, dataSheet, dataRows, [22, 40, 40, 11, 9, 18, 8, 22, 8, 9, 8, 14], frozenHeader: true);
        }

        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbookPart, string name, List<Row> rows, double[] widths, bool frozenHeader = false)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var worksheet = new Worksheet();
        if (frozenHeader)
        {
            worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
        }

        worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        worksheet.Append(new SheetData(rows));
        part.Worksheet = worksheet;
        var sheets = workbookPart.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)(sheets.ChildElements.Count + 1), Name = name });
    }

    private static Row Row(params Cell[] cells) => new(cells);

    private static Cell Text(string? text, uint style) =>
        new(new InlineString(new Text(text ?? "") { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(string value) => new(new CellValue(value)) { DataType = CellValues.Number };
}

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// The stylesheet: the cell formats in the order of <see cref="CellStyle"/>. Numbers keep their value
/// and get their look from a number format, so Excel can still sum, sort and filter them.
/// </summary>
public static class WorkbookStyles
{
    private const uint ThousandsFormat = 3; // built-in "#,##0"
    private const uint OneDecimalFormat = 164;
    private const uint PercentFormat = 165;
    private const uint DateFormat = 166;
    private const uint DateTimeFormat = 167;

    public static Stylesheet Create(bool english)
    {
        var numberingFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = OneDecimalFormat, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = PercentFormat, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = DateFormat, FormatCode = english ? "yyyy-mm-dd" : "dd.mm.yyyy" },
            new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = english ? "yyyy-mm-dd hh:mm" : "dd.mm.yyyy hh:mm" })
        { Count = 4 };

        var fonts = new Fonts(
            Font(bold: false, size: 11),
            Font(bold: true, size: 11),
            Font(bold: true, size: 14))
        { Count = 3 };

        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
        { Count = 3 };

        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 };

        // Indexed by CellStyle.
        var formats = new CellFormats(
            Format(),
            Format(fontId: 1, fillId: 2, borderId: 1, wrap: true),
            Format(numberFormatId: ThousandsFormat),
            Format(numberFormatId: OneDecimalFormat),
            Format(numberFormatId: PercentFormat),
            Format(numberFormatId: DateFormat),
            Format(numberFormatId: DateTimeFormat),
            Format(fontId: 2),
            Format(wrap: true),
            Format(fontId: 1))
        { Count = (uint)Enum.GetValues<CellStyle>().Length };

        return new Stylesheet(
            numberingFormats,
            fonts,
            fills,
            borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            formats,
            new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            StatusFormats(),
            new TableStyles { Count = 0, DefaultTableStyle = "TableStyleMedium2", DefaultPivotStyle = "PivotStyleLight16" });
    }

    /// <summary>The differential format (dxf) that colours a status cell: green reached or ahead, blue on track, amber behind, red at risk.</summary>
    public static uint StatusFormat(Erasmus.Domain.Attainment.AttainmentStatus status) => status switch
    {
        Erasmus.Domain.Attainment.AttainmentStatus.Reached => 0,
        Erasmus.Domain.Attainment.AttainmentStatus.Ahead => 1,
        Erasmus.Domain.Attainment.AttainmentStatus.OnTrack => 2,
        Erasmus.Domain.Attainment.AttainmentStatus.Behind => 3,
        _ => 4,
    };

    /// <summary>The status colours in the order of <see cref="StatusFormat"/>: dark text on a light fill, contrast above 4.5:1.</summary>
    public static readonly (string Font, string Fill)[] StatusColours =
    [
        ("FF006100", "FFC6EFCE"),
        ("FF006100", "FFE2F0D9"),
        ("FF1F4E79", "FFDDEBF7"),
        ("FF7F4F00", "FFFFEB9C"),
        ("FF9C0006", "FFFFC7CE"),
    ];

    private static DifferentialFormats StatusFormats()
    {
        var formats = new DifferentialFormats(StatusColours.Select(c => new DifferentialFormat(
            new Font(new Bold(), new Color { Rgb = c.Font }),
            new Fill(new PatternFill(new BackgroundColor { Rgb = c.Fill })))))
        { Count = (uint)StatusColours.Length };
        return formats;
    }

    private static Font Font(bool bold, double size)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static CellFormat Format(uint numberFormatId = 0, uint fontId = 0, uint fillId = 0, uint borderId = 0, bool wrap = false)
    {
        var format = new CellFormat { NumberFormatId = numberFormatId, FontId = fontId, FillId = fillId, BorderId = borderId, FormatId = 0 };
        if (numberFormatId != 0)
        {
            format.ApplyNumberFormat = true;
        }

        if (fontId != 0)
        {
            format.ApplyFont = true;
        }

        if (fillId != 0)
        {
            format.ApplyFill = true;
        }

        if (borderId != 0)
        {
            format.ApplyBorder = true;
        }

        if (wrap)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
        }

        return format;
    }
}

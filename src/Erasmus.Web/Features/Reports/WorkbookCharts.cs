using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// Where a figure's data sits on the figures sheet and where its chart is drawn: the chart's series
/// refer to these cells, so Excel and LibreOffice redraw it from them when a figure is edited.
/// </summary>
public sealed record PlacedChart(StatusFigure Figure, string SheetName, int HeaderRow, int FirstDataRow, int AnchorRow, int AnchorRows, int AnchorColumns);

/// <summary>
/// Native Excel charts (DrawingML chart parts) for the figures sheet: a drawing part holding one
/// anchored frame per chart, and a chart part per figure with its cached values, so a reader that
/// does not recalculate still shows them.
/// </summary>
public static class WorkbookCharts
{
    /// <summary>The relationship id the figures sheet's drawing element uses.</summary>
    public const string DrawingRelationshipId = "rIdCharts";

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        [StatusFigures.ValueKey] = "1F4E79",
        [StatusFigures.ExpectedKey] = "F4B183",
        [StatusFigures.TargetKey] = "A5A5A5",
        ["sch"] = "2E75B6",
        ["vet"] = "548235",
        ["adu"] = "BF9000",
    };

    private static readonly string[] Palette = ["1F4E79", "C55A11", "548235", "7030A0", "BF9000", "2E75B6", "A5A5A5", "843C0C"];

    public static void AddTo(WorksheetPart sheet, IReadOnlyList<PlacedChart> charts, bool english)
    {
        var drawing = sheet.AddNewPart<DrawingsPart>(DrawingRelationshipId);
        var anchors = new Xdr.WorksheetDrawing();
        anchors.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        anchors.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        for (var i = 0; i < charts.Count; i++)
        {
            var placed = charts[i];
            var chartPart = drawing.AddNewPart<ChartPart>();
            chartPart.ChartSpace = ChartSpace(placed, english);
            anchors.Append(Anchor(placed, (uint)(i + 2), drawing.GetIdOfPart(chartPart)));
        }

        drawing.WorksheetDrawing = anchors;
    }

    private static Xdr.TwoCellAnchor Anchor(PlacedChart placed, uint id, string chartId)
    {
        static Xdr.FromMarker From(int column, int row) => new(
            new Xdr.ColumnId(column.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
            new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0"));
        static Xdr.ToMarker To(int column, int row) => new(
            new Xdr.ColumnId(column.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
            new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0"));

        // Markers are 0-based; AnchorRow is the 1-based first row the chart covers.
        return new Xdr.TwoCellAnchor(
            From(0, placed.AnchorRow - 1),
            To(placed.AnchorColumns, placed.AnchorRow - 1 + placed.AnchorRows),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(
                    new Xdr.NonVisualDrawingProperties { Id = id, Name = $"Figur {placed.Figure.Number}", Description = placed.Figure.Title },
                    new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
            { Macro = "" },
            new Xdr.ClientData())
        { EditAs = Xdr.EditAsValues.OneCell };
    }

    private static C.ChartSpace ChartSpace(PlacedChart placed, bool english)
    {
        var figure = placed.Figure;
        var language = english ? "en-GB" : "nb-NO";
        var sheet = "'" + placed.SheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
        var lastRow = placed.FirstDataRow + figure.Categories.Count - 1;
        var categoryRange = $"{sheet}!$A${placed.FirstDataRow}:$A${lastRow}";
        var format = figure.Percent ? "0.0%" : "#,##0";

        var bar = new C.BarChart(
            new C.BarDirection { Val = figure.Columns ? C.BarDirectionValues.Column : C.BarDirectionValues.Bar },
            new C.BarGrouping { Val = figure.Stacked ? C.BarGroupingValues.Stacked : C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var s = 0; s < figure.Series.Count; s++)
        {
            var series = figure.Series[s];
            var column = SheetWriter.ColumnName(s + 2);
            var colour = Colours.TryGetValue(series.Key, out var c) ? c : Palette[s % Palette.Length];
            var categories = new C.StringCache(new C.PointCount { Val = (uint)figure.Categories.Count });
            var values = new C.NumberingCache(new C.FormatCode(format), new C.PointCount { Val = (uint)figure.Categories.Count });
            for (var i = 0; i < figure.Categories.Count; i++)
            {
                categories.Append(new C.StringPoint(new C.NumericValue(figure.Categories[i])) { Index = (uint)i });
                if (series.Values[i] is { } v)
                {
                    values.Append(new C.NumericPoint(new C.NumericValue(Invariant(figure.Percent ? v / 100m : v))) { Index = (uint)i });
                }
            }

            var barSeries = new C.BarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                new C.SeriesText(new C.StringReference(
                    new C.Formula($"{sheet}!${column}${placed.HeaderRow}"),
                    new C.StringCache(new C.PointCount { Val = 1 }, new C.StringPoint(new C.NumericValue(series.Name)) { Index = 0 }))),
                new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = colour })),
                new C.InvertIfNegative { Val = false });
            if (!figure.Stacked)
            {
                barSeries.Append(DataLabels(format, language));
            }

            barSeries.Append(
                new C.CategoryAxisData(new C.StringReference(new C.Formula(categoryRange), categories)),
                new C.Values(new C.NumberReference(new C.Formula($"{sheet}!${column}${placed.FirstDataRow}:${column}${lastRow}"), values)));
            bar.Append(barSeries);
        }

        bar.Append(new C.GapWidth { Val = 60 });
        if (figure.Stacked)
        {
            bar.Append(new C.Overlap { Val = 100 });
        }

        const uint categoryAxisId = 500001;
        const uint valueAxisId = 500002;
        bar.Append(new C.AxisId { Val = categoryAxisId }, new C.AxisId { Val = valueAxisId });

        var categoryAxis = new C.CategoryAxis(
            new C.AxisId { Val = categoryAxisId },
            // Horizontal bars read top-down in the order of the table.
            new C.Scaling(new C.Orientation { Val = figure.Columns ? C.OrientationValues.MinMax : C.OrientationValues.MaxMin }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = figure.Columns ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
            AxisTitle(figure.CategoryHeader, language),
            new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.None },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            TextProperties(800, bold: false, language),
            new C.CrossingAxis { Val = valueAxisId },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = 100 },
            new C.NoMultiLevelLabels { Val = false });
        var valueAxis = new C.ValueAxis(
            new C.AxisId { Val = valueAxisId },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MinAxisValue { Val = 0 }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = figure.Columns ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom },
            new C.MajorGridlines(new C.ChartShapeProperties(new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "D9D9D9" })))),
            AxisTitle(figure.AxisTitle, language),
            new C.NumberingFormat { FormatCode = format, SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            TextProperties(800, bold: false, language),
            new C.CrossingAxis { Val = categoryAxisId },
            // Horizontal bars in reverse category order put the value axis at the top unless it crosses at the maximum.
            new C.Crosses { Val = figure.Columns ? C.CrossesValues.AutoZero : C.CrossesValues.Maximum },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });
        if (figure.MajorUnit is { } unit)
        {
            valueAxis.Append(new C.MajorUnit { Val = (double)unit });
        }

        var chart = new C.Chart(
            new C.Title(RichText($"{(english ? "Figure" : "Figur")} {figure.Number} {figure.Title}", 1100, bold: true, language),
                new C.Overlay { Val = false }),
            new C.AutoTitleDeleted { Val = false },
            new C.PlotArea(new C.Layout(), bar, categoryAxis, valueAxis),
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }, TextProperties(800, bold: false, language)),
            new C.PlotVisibleOnly { Val = true },
            new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });

        var space = new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = language },
            new C.RoundedCorners { Val = false },
            chart);
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return space;
    }

    private static C.DataLabels DataLabels(string format, string language) => new(
        new C.NumberingFormat { FormatCode = format, SourceLinked = false },
        new C.ChartShapeProperties(new A.NoFill()),
        TextProperties(700, bold: false, language),
        new C.DataLabelPosition { Val = C.DataLabelPositionValues.OutsideEnd },
        new C.ShowLegendKey { Val = false },
        new C.ShowValue { Val = true },
        new C.ShowCategoryName { Val = false },
        new C.ShowSeriesName { Val = false },
        new C.ShowPercent { Val = false },
        new C.ShowBubbleSize { Val = false });

    private static C.Title AxisTitle(string text, string language) => new(RichText(text, 800, bold: false, language), new C.Overlay { Val = false });

    private static C.ChartText RichText(string text, int size, bool bold, string language) => new(new C.RichText(
        new A.BodyProperties(),
        new A.ListStyle(),
        new A.Paragraph(
            new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = size, Bold = bold }),
            new A.Run(new A.RunProperties { Language = language, FontSize = size, Bold = bold }, new A.Text(text)))));

    private static C.TextProperties TextProperties(int size, bool bold, string language) => new(
        new A.BodyProperties(),
        new A.ListStyle(),
        new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = size, Bold = bold }), new A.EndParagraphRunProperties { Language = language }));

    private static string Invariant(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}

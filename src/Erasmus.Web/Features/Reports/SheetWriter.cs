using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Erasmus.Web.Features.Reports;

/// <summary>The cell formats of the workbook's stylesheet, by their index in cellXfs (see <see cref="WorkbookStyles"/>).</summary>
public enum CellStyle : uint
{
    Default = 0,
    Header = 1,
    Thousands = 2,
    OneDecimal = 3,
    Percent = 4,
    Date = 5,
    DateTime = 6,
    Title = 7,
    Wrapped = 8,
    Bold = 9,
}

/// <summary>
/// How a sheet looks around its rows: column widths, the header row to freeze, filter under and repeat
/// on every printed page, and how it prints (A4, landscape where wide, one page wide, or one page in all).
/// </summary>
public sealed record SheetLayout(IReadOnlyList<double> ColumnWidths, int? FrozenHeaderRow = null)
{
    public bool Landscape { get; init; }

    /// <summary>Fit the whole sheet on one page (the summary); otherwise one page wide and as many tall as it needs.</summary>
    public bool OnePage { get; init; }
}

/// <summary>The printed page's header and footer in Excel's codes (&amp;P page, &amp;N pages).</summary>
public sealed record PageText(string Header, string Footer);

/// <summary>
/// Writes one worksheet part as a stream of XML with <see cref="OpenXmlWriter"/>: rows go out as they
/// come, so a sheet of a million rows needs no more memory than a sheet of ten. Element instances are
/// reused and attributes passed separately, so no DOM is built per cell.
/// </summary>
public sealed class SheetWriter : IDisposable
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    private readonly OpenXmlWriter _writer;
    private readonly Cell _cell = new();
    private readonly Row _row = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly OpenXmlAttribute[] _numberAttributes = new OpenXmlAttribute[2];
    private readonly OpenXmlAttribute[] _textAttributes = new OpenXmlAttribute[3];
    private readonly OpenXmlAttribute[] _rowAttributes = new OpenXmlAttribute[1];
    private readonly List<ConditionalFormatting> _conditionalFormats = [];
    private readonly List<int> _rowBreaks = [];
    private readonly PageText? _page;
    private int _column;
    private bool _rowOpen;
    private bool _finished;

    public SheetWriter(Stream target, SheetLayout layout, PageText? page = null)
    {
        _writer = OpenXmlWriter.Create(target);
        Layout = layout;
        _page = page;
        _writer.WriteStartDocument(true);
        // The relationship namespace is declared on the root, so a drawing element can refer to its part.
        _writer.WriteStartElement(new Worksheet(), [], [new KeyValuePair<string, string>("r", RelationshipNamespace)]);
        // Fit-to-page printing is switched on here; the pageSetup at the end says how many pages.
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        _writer.WriteElement(SheetViews(layout.FrozenHeaderRow));
        if (layout.ColumnWidths.Count > 0)
        {
            _writer.WriteElement(new Columns(layout.ColumnWidths.Select((width, i) =>
                new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true })));
        }

        _writer.WriteStartElement(new SheetData());
    }

    public const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public SheetLayout Layout { get; }

    /// <summary>The relationship id of the sheet's drawing (its charts), written at the end; null for none.</summary>
    public string? DrawingId { get; set; }

    /// <summary>The 1-based index of the last row written (0 before the first).</summary>
    public int RowCount { get; private set; }

    /// <summary>The widest row so far, in columns.</summary>
    public int ColumnCount { get; private set; }

    public SheetWriter BeginRow()
    {
        EndRowIfOpen();
        RowCount++;
        _column = 0;
        _rowAttributes[0] = new OpenXmlAttribute("r", "", RowCount.ToString(CultureInfo.InvariantCulture));
        _writer.WriteStartElement(_row, _rowAttributes);
        _rowOpen = true;
        return this;
    }

    /// <summary>Writes an empty row, for spacing between blocks.</summary>
    public SheetWriter BlankRow() => BeginRow();

    public SheetWriter Text(string? text, CellStyle style = CellStyle.Default)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty();
        }

        var reference = NextReference();
        _textAttributes[0] = new OpenXmlAttribute("r", "", reference);
        _textAttributes[1] = new OpenXmlAttribute("s", "", ((uint)style).ToString(CultureInfo.InvariantCulture));
        _textAttributes[2] = new OpenXmlAttribute("t", "", "inlineStr");
        _writer.WriteStartElement(_cell, _textAttributes);
        _writer.WriteStartElement(_inline);
        _writer.WriteStartElement(_text);
        _writer.WriteString(Clean(text));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        return this;
    }

    /// <summary>A numeric cell; the value is written exactly (decimal, invariant), the style gives its format.</summary>
    public SheetWriter Number(decimal? value, CellStyle style = CellStyle.Thousands) =>
        value is { } v ? Numeric(NextReference(), Invariant(v), style) : Empty();

    public SheetWriter Number(int value, CellStyle style = CellStyle.Thousands) =>
        Numeric(NextReference(), value.ToString(CultureInfo.InvariantCulture), style);

    /// <summary>A figure in percent points (60.7) written as the fraction Excel formats as a percentage (0.607).</summary>
    public SheetWriter Percent(decimal? percentPoints) => Number(percentPoints is { } p ? p / 100m : null, CellStyle.Percent);

    /// <summary>A count with one decimal shown only when it has one (expected values and projections do).</summary>
    public SheetWriter Count(decimal? value) =>
        Number(value, value is { } v && v != decimal.Truncate(v) ? CellStyle.OneDecimal : CellStyle.Thousands);

    /// <summary>A date as a date: Excel's serial day number with a date format.</summary>
    public SheetWriter Date(DateOnly? date) =>
        date is { } d ? Numeric(NextReference(), (d.DayNumber - ExcelEpoch.DayNumber).ToString(CultureInfo.InvariantCulture), CellStyle.Date) : Empty();

    public SheetWriter DateTime(DateTime value)
    {
        var serial = (decimal)(value - ExcelEpoch.ToDateTime(TimeOnly.MinValue)).TotalMinutes / (24m * 60m);
        return Numeric(NextReference(), Invariant(Math.Round(serial, 8)), CellStyle.DateTime);
    }

    public SheetWriter Skip()
    {
        _column++;
        ColumnCount = Math.Max(ColumnCount, _column);
        return this;
    }

    /// <summary>A printed page ends after the last row written so far.</summary>
    public void PageBreak()
    {
        if (RowCount > 0 && !_rowBreaks.Contains(RowCount))
        {
            _rowBreaks.Add(RowCount);
        }
    }

    /// <summary>Leaves rows empty (absent), as room for a chart drawn over them.</summary>
    public SheetWriter SkipRows(int rows)
    {
        EndRowIfOpen();
        RowCount += rows;
        return this;
    }

    /// <summary>Colours cells by a rule (status words); written when the sheet is finished, in the order the schema wants.</summary>
    public void AddConditionalFormatting(ConditionalFormatting formatting) => _conditionalFormats.Add(formatting);

    /// <summary>Closes the sheet: the autofilter over the header row and the rows under it, when asked for.</summary>
    public void Finish(string? autoFilterRange = null)
    {
        if (_finished)
        {
            return;
        }

        EndRowIfOpen();
        _writer.WriteEndElement();
        if (autoFilterRange is not null)
        {
            _writer.WriteElement(new AutoFilter { Reference = autoFilterRange });
        }

        foreach (var formatting in _conditionalFormats)
        {
            _writer.WriteElement(formatting);
        }

        _writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        // Paper size 9 is A4.
        _writer.WriteElement(new PageSetup
        {
            PaperSize = 9,
            Orientation = Layout.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
            FitToWidth = 1,
            FitToHeight = Layout.OnePage ? 1u : 0u,
        });
        if (_page is not null)
        {
            _writer.WriteElement(new HeaderFooter(new OddHeader(_page.Header), new OddFooter(_page.Footer)));
        }

        if (_rowBreaks.Count > 0)
        {
            _writer.WriteElement(new RowBreaks(_rowBreaks.Select(r => new Break { Id = (uint)r, Max = 16383, ManualPageBreak = true }))
            {
                Count = (uint)_rowBreaks.Count,
                ManualBreakCount = (uint)_rowBreaks.Count,
            });
        }

        if (DrawingId is not null)
        {
            _writer.WriteElement(new DocumentFormat.OpenXml.Spreadsheet.Drawing { Id = DrawingId });
        }

        _writer.WriteEndElement();
        _writer.Close();
        _finished = true;
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _writer.Close();
            _finished = true;
        }

        _writer.Dispose();
    }

    /// <summary>"A", "B", … "Z", "AA": the letters of a 1-based column number.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        while (column > 0)
        {
            var rest = (column - 1) % 26;
            name = (char)('A' + rest) + name;
            column = (column - rest - 1) / 26;
        }

        return name;
    }

    public static string Range(int firstRow, int lastRow, int columns) =>
        $"A{firstRow.ToString(CultureInfo.InvariantCulture)}:{ColumnName(Math.Max(1, columns))}{Math.Max(firstRow, lastRow).ToString(CultureInfo.InvariantCulture)}";

    private SheetWriter Numeric(string reference, string value, CellStyle style)
    {
        _numberAttributes[0] = new OpenXmlAttribute("r", "", reference);
        _numberAttributes[1] = new OpenXmlAttribute("s", "", ((uint)style).ToString(CultureInfo.InvariantCulture));
        _writer.WriteStartElement(_cell, _numberAttributes);
        _writer.WriteStartElement(_value);
        _writer.WriteString(value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        return this;
    }

    /// <summary>An empty cell is left out: a reader sees no value rather than an empty string or a zero.</summary>
    private SheetWriter Empty() => Skip();

    private string NextReference()
    {
        if (!_rowOpen)
        {
            throw new InvalidOperationException("BeginRow() before writing cells.");
        }

        _column++;
        ColumnCount = Math.Max(ColumnCount, _column);
        return ColumnName(_column) + RowCount.ToString(CultureInfo.InvariantCulture);
    }

    private void EndRowIfOpen()
    {
        if (_rowOpen)
        {
            _writer.WriteEndElement();
            _rowOpen = false;
        }
    }

    private static SheetViews SheetViews(int? frozenHeaderRow)
    {
        var view = new SheetView { WorkbookViewId = 0 };
        if (frozenHeaderRow is { } header)
        {
            var topLeft = "A" + (header + 1).ToString(CultureInfo.InvariantCulture);
            view.Append(
                new Pane { VerticalSplit = header, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }

        return new SheetViews(view);
    }

    private static string Invariant(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Characters XML 1.0 cannot carry would make the part unreadable; a cell also holds at most 32 767.</summary>
    private static string Clean(string text)
    {
        var clean = text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            ? new string([.. text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r')])
            : text;
        return clean.Length > 32767 ? clean[..32767] : clean;
    }
}

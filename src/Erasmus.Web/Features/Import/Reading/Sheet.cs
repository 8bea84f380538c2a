using System.Globalization;

namespace Erasmus.Web.Features.Import.Reading;

public enum CellKind
{
    Empty,
    Text,
    Number,

    /// <summary>A number in a cell formatted as a date: an Excel serial date.</summary>
    Date,
    Boolean,
    Formula,

    /// <summary>An error value such as #N/A or #REF!.</summary>
    Error,

    /// <summary>Longer than the import accepts; the text itself is not kept.</summary>
    TooLong,
}

/// <summary>One cell as the file holds it: CSV gives only text, a workbook also numbers, dates, booleans and formulas.</summary>
public readonly record struct SheetCell(CellKind Kind, string Text = "", double Number = 0)
{
    public static readonly SheetCell Empty = new(CellKind.Empty);

    public bool IsBlank => Kind == CellKind.Empty || (Kind == CellKind.Text && string.IsNullOrWhiteSpace(Text));

    /// <summary>How the cell reads as plain text, for headers and messages.</summary>
    public string Display => Kind switch
    {
        CellKind.Number or CellKind.Date => Number.ToString(CultureInfo.InvariantCulture),
        CellKind.Boolean => Number != 0 ? "TRUE" : "FALSE",
        CellKind.Empty or CellKind.TooLong => "",
        _ => Text,
    };
}

/// <summary>A row of the sheet with its number as a spreadsheet program shows it (the header is usually row 1).</summary>
public sealed record SheetRow(int Number, SheetCell[] Cells)
{
    public SheetCell this[int column] => column < Cells.Length ? Cells[column] : SheetCell.Empty;

    public bool IsBlank => Cells.All(c => c.IsBlank);
}

/// <summary>A rectangle of merged cells (1-based rows, 0-based columns), e.g. A1:C1.</summary>
public sealed record CellRange(string Reference, int FirstRow, int LastRow, int FirstColumn, int LastColumn)
{
    public static CellRange? Parse(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var parts = reference.Split(':');
        if (!TryParseCell(parts[0], out var firstColumn, out var firstRow))
        {
            return null;
        }

        var (lastColumn, lastRow) = (firstColumn, firstRow);
        if (parts.Length > 1 && !TryParseCell(parts[1], out lastColumn, out lastRow))
        {
            return null;
        }

        return new CellRange(reference, firstRow, lastRow, firstColumn, lastColumn);
    }

    /// <summary>"C12" → column 2, row 12.</summary>
    public static bool TryParseCell(string reference, out int column, out int row)
    {
        column = -1;
        row = 0;
        var i = 0;
        var letters = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            letters = (letters * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
            if (letters > 16384)
            {
                return false;
            }
        }

        column = letters - 1;
        return int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out row) && column >= 0;
    }
}

/// <summary>The file is not what it claims, or cannot be read at all; the message (bokmål) says what to do.</summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException()
        : base("Filen kan ikke leses.")
    {
    }

    public ImportFileException(string message)
        : base(message)
    {
    }

    public ImportFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The first sheet of an uploaded file, read one row at a time so that large files use little memory.</summary>
public interface ISheetSource : IDisposable
{
    /// <summary>The first range of merged cells (more than one cell) that covers the row; always null for CSV.</summary>
    CellRange? MergedOn(int row);

    /// <summary>How far reading has come, 0–1, when the file lets us know.</summary>
    double? Fraction { get; }

    /// <summary>Rows in order; wholly blank rows are left out. Throws <see cref="ImportFileException"/> when the file breaks off.</summary>
    IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken);
}

public static class ColumnNames
{
    /// <summary>0 → A, 25 → Z, 26 → AA: how spreadsheet programs name columns.</summary>
    public static string Letter(int index)
    {
        var name = "";
        index++;
        while (index > 0)
        {
            var remainder = (index - 1) % 26;
            name = (char)('A' + remainder) + name;
            index = (index - 1) / 26;
        }

        return name;
    }
}

using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// The cells of the row a row checker is reading, shared by every import: a cell the file cannot give
/// (too long, a formula, unreadable) is refused once and then unusable, so no second message is made
/// from it; <see cref="Fail"/> names the column as the file does and quotes the cell. One instance per
/// checker, started again for each row, so a file of rejected rows makes little garbage.
/// </summary>
public sealed class RowCells(HeaderMap map, IReadOnlyList<ImportColumn> columns, int maxCellChars)
{
    private readonly HashSet<string> _unusable = new(StringComparer.Ordinal);
    private SheetRow _row = null!;
    private List<RowError> _errors = [];
    private int _firstError;

    /// <summary>Starts reading a row: every cell the file cannot give is refused and made unusable.</summary>
    public RowCells Start(SheetRow row, List<RowError> errors)
    {
        (_row, _errors, _firstError) = (row, errors, errors.Count);
        _unusable.Clear();
        foreach (var column in columns)
        {
            if (map.Has(column) && ImportValues.CellProblem(map.Cell(row, column), maxCellChars) is { } problem)
            {
                Fail(column, problem);
                _unusable.Add(column.Key);
            }
        }

        return this;
    }

    /// <summary>Whether this row has been refused for anything yet.</summary>
    public bool HasErrors => _errors.Count > _firstError;

    /// <summary>Refuses the row for one column (null: for the row as a whole).</summary>
    public void Fail(ImportColumn? column, string message) => _errors.Add(new RowError(_row.Number, column is null ? "" : map.NameOf(column), message,
        column is null ? null : RowError.ValueOf(map.Cell(_row, column))));

    /// <summary>Forgets this row's messages, for a refusal that says all there is to say (another county's record).</summary>
    public void DropErrors() => _errors.RemoveRange(_firstError, _errors.Count - _firstError);

    public bool Usable(ImportColumn column) => map.Has(column) && !_unusable.Contains(column.Key);

    public void MarkUnusable(ImportColumn column) => _unusable.Add(column.Key);

    public SheetCell Cell(ImportColumn column) => Usable(column) ? map.Cell(_row, column) : SheetCell.Empty;

    public string? Text(ImportColumn column) => ImportValues.Text(Cell(column));

    /// <summary>A date cell read as people write dates; an empty optional one is no date, an unreadable one is refused.</summary>
    public DateOnly? Date(ImportColumn column, string label, bool required = true)
    {
        if (!Usable(column) || (!required && Cell(column).IsBlank))
        {
            return null;
        }

        var date = ImportValues.Date(Cell(column), label, out var error);
        if (error is not null)
        {
            Fail(column, error);
        }

        return date;
    }

    /// <summary>The text of a column the row must have; an empty cell is refused with the message (an unusable one was refused already).</summary>
    public string? RequiredText(ImportColumn column, string message)
    {
        var text = Text(column);
        if (text is null && Usable(column))
        {
            Fail(column, message);
        }

        return text;
    }
}

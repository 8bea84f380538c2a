using System.Globalization;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Data.Seed;

/// <summary>Reads the reference CSV files embedded from Data/Seed/Reference, with the import's CSV reader.</summary>
public static class ReferenceFiles
{
    /// <summary>Longer than any field of the files (the targets' rule texts), so a cell is never cut.</summary>
    private static readonly ImportOptions Limits = new() { MaxCellChars = 10_000 };

    public static IReadOnlyList<ReferenceRow> Read(string fileName)
    {
        var stream = typeof(ReferenceFiles).Assembly.GetManifestResourceStream($"Reference.{fileName}")
            ?? throw new InvalidOperationException($"Reference file {fileName} is not embedded.");
        using var sheet = CsvSheet.Open(stream, Limits);
        string[]? header = null;
        var rows = new List<ReferenceRow>();
        foreach (var row in sheet.ReadRows(CancellationToken.None))
        {
            if (row.Cells.Any(c => c.Kind == CellKind.TooLong))
            {
                throw new InvalidDataException($"{fileName}: row {row.Number} has a field longer than {Limits.MaxCellChars} characters.");
            }

            if (header is null)
            {
                header = [.. row.Cells.Select(c => c.Text.Trim())];
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                values[header[i]] = row[i].Text;
            }

            rows.Add(new ReferenceRow(fileName, values));
        }

        return rows;
    }
}

/// <summary>One row of a reference file, with typed accessors that name the file on a bad value.</summary>
public sealed class ReferenceRow(string fileName, IReadOnlyDictionary<string, string> values)
{
    public string Text(string column) =>
        values.TryGetValue(column, out var value) ? value.Trim() : throw new InvalidDataException($"{fileName}: no column '{column}'.");

    public string? OptionalText(string column) => Text(column) is { Length: > 0 } text ? text : null;

    public int Number(string column) => int.Parse(Text(column), CultureInfo.InvariantCulture);

    public decimal Amount(string column) => decimal.Parse(Text(column), CultureInfo.InvariantCulture);

    public bool Flag(string column) => bool.Parse(Text(column));

    public DateOnly Date(string column) => DateOnly.ParseExact(Text(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateOnly? OptionalDate(string column) => OptionalText(column) is null ? null : Date(column);
}

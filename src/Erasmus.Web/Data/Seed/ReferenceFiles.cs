using System.Globalization;
using Erasmus.Web.Infrastructure.Csv;

namespace Erasmus.Web.Data.Seed;

/// <summary>Reads the reference CSV files embedded from Data/Seed/Reference.</summary>
public static class ReferenceFiles
{
    public static IReadOnlyList<ReferenceRow> Read(string fileName)
    {
        using var stream = typeof(ReferenceFiles).Assembly.GetManifestResourceStream($"Reference.{fileName}")
            ?? throw new InvalidOperationException($"Reference file {fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        return [.. CsvReader.ReadTable(reader).Select(r => new ReferenceRow(fileName, r))];
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

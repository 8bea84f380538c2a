using System.Globalization;
using System.Text;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// A CSV that a Norwegian Excel opens in columns: semicolons between fields, decimal commas, no
/// thousands separators, UTF-8 with a byte order mark (without it Excel reads æøå as Windows-1252).
/// </summary>
public sealed class ExcelCsv
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");
    private readonly StringBuilder _text = new();

    public ExcelCsv Line(params object?[] fields)
    {
        _text.AppendJoin(';', fields.Select(Field)).Append("\r\n");
        return this;
    }

    public ExcelCsv BlankLine()
    {
        _text.Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public override string ToString() => _text.ToString();

    private static string Field(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString("0.####", Norwegian),
        int i => i.ToString(Norwegian),
        DateOnly date => date.ToString("dd.MM.yyyy", Norwegian),
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>Quotes a text with a separator, quote or line break in it; a leading = + - @ is kept from being read as a formula.</summary>
    private static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(text, NumberStyles.Number, Norwegian, out _))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}

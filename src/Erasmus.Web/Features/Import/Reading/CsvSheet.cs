using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Erasmus.Web.Features.Import.Reading;

/// <summary>
/// A CSV upload as a sheet: the RFC 4180 rules of Infrastructure/Csv/CsvReader (quoted fields, doubled
/// quotes, CRLF or LF, line breaks inside quotes), plus what an upload needs and that reader does not
/// have: strict UTF-8 (or a UTF-16 byte-order mark), the separator guessed from the header (Excel in
/// Norway writes semicolons), a bound on field length so an unclosed quote cannot swallow the file, and
/// row numbers as a spreadsheet program would show them.
/// </summary>
public sealed class CsvSheet : ISheetSource
{
    /// <summary>No sensible cell is this long: an unclosed quote has swallowed the rest of the file.</summary>
    public const int MaxFieldChars = 100_000;

    public const int MaxFields = 1_000;

    private readonly string _text;
    private readonly char _separator;
    private readonly int _maxCellChars;
    private int _position;

    private CsvSheet(string text, int maxCellChars)
    {
        _text = text;
        _maxCellChars = maxCellChars;
        _separator = GuessSeparator(text);
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _position = 1;
        }
    }

    public IReadOnlyList<CellRange> MergedRanges => [];

    public double? Fraction => _text.Length == 0 ? 1 : (double)_position / _text.Length;

    public char Separator => _separator;

    public static CsvSheet Open(string path, int maxCellChars) => new(Decode(File.ReadAllBytes(path)), maxCellChars);

    public static CsvSheet FromText(string text, int maxCellChars) => new(text, maxCellChars);

    /// <summary>UTF-8 (with or without byte-order mark) or UTF-16 with a byte-order mark; anything else is refused with the reason.</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new ImportFileException("Filen er tom.");
        }

        if (bytes.Length >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04)
        {
            throw new ImportFileException("Filen er en zip-pakke (for eksempel en Excel-arbeidsbok), ikke en CSV-fil. Gi en Excel-fil filendelsen .xlsx, eller lagre regnearket som «CSV UTF-8».");
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var span = bytes.AsSpan(start);
        if (span[..Math.Min(span.Length, 8192)].Contains((byte)0))
        {
            throw new ImportFileException("Filen ser ikke ut som en tekstfil (CSV). Lagre regnearket som «CSV UTF-8» eller som Excel-arbeidsbok (.xlsx).");
        }

        var chars = ArrayPool<char>.Shared.Rent(span.Length);
        try
        {
            var status = Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var line = 1 + span[..read].Count((byte)'\n');
                throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                    $"Filen er ikke lagret med tegnkodingen UTF-8: linje {line} har tegn som ikke kan leses (kanskje æ, ø eller å lagret som Windows-1252). Lagre filen på nytt som «CSV UTF-8 (kommadelt)» i Excel, eller velg UTF-8 når du lagrer."));
            }

            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        var rowNumber = 0;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (_position < _text.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rowNumber++;
            ReadRecord(fields, field, rowNumber);
            var cells = new SheetCell[fields.Count];
            var blank = true;
            for (var i = 0; i < fields.Count; i++)
            {
                var value = fields[i];
                cells[i] = value.Length == 0 ? SheetCell.Empty
                    : value.Length > _maxCellChars ? new SheetCell(CellKind.TooLong, "", value.Length)
                    : new SheetCell(CellKind.Text, value);
                blank &= cells[i].IsBlank;
            }

            if (!blank)
            {
                yield return new SheetRow(rowNumber, cells);
            }
        }
    }

    public void Dispose()
    {
    }

    private void ReadRecord(List<string> fields, StringBuilder field, int rowNumber)
    {
        fields.Clear();
        field.Clear();
        var inQuotes = false;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (_position < _text.Length && _text[_position] == '"')
                    {
                        field.Append('"');
                        _position++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == _separator)
            {
                AddField(fields, field, rowNumber);
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && _position < _text.Length && _text[_position] == '\n')
                {
                    _position++;
                }

                AddField(fields, field, rowNumber);
                return;
            }
            else
            {
                field.Append(c);
            }

            if (field.Length > MaxFieldChars)
            {
                throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                    $"Rad {rowNumber} har et felt på over 100 000 tegn. Kanskje mangler et avsluttende anførselstegn (\"), slik at resten av filen er lest som ett felt."));
            }
        }

        AddField(fields, field, rowNumber);
    }

    private static void AddField(List<string> fields, StringBuilder field, int rowNumber)
    {
        fields.Add(field.ToString());
        field.Clear();
        if (fields.Count > MaxFields)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture, $"Rad {rowNumber} har flere enn {MaxFields} kolonner. Er dette en CSV-fil?"));
        }
    }

    /// <summary>The separator that occurs most often in the first line outside quotes: comma, semicolon or tab.</summary>
    private static char GuessSeparator(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (c is '\n' or '\r')
                {
                    break;
                }

                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }
}

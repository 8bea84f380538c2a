using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Erasmus.Web.Features.Import.Reading;

/// <summary>
/// A CSV file as a sheet, read in blocks (never the whole file as one string); the project's one CSV
/// reader (uploads and the embedded reference files). RFC 4180 (quoted fields, doubled quotes, CRLF or
/// LF, line breaks inside quotes), plus what an upload needs: strict UTF-8 (or a UTF-16 byte-order mark), the separator guessed from the header (Excel in Norway writes semicolons), bounds
/// on a field, a line and the number of columns (so an unclosed quote or a file without line breaks
/// cannot fill memory), and row numbers as a spreadsheet program would show them.
/// </summary>
public sealed class CsvSheet : ISheetSource
{
    private const int BlockSize = 64 * 1024;

    /// <summary>Bytes looked at for NUL when deciding whether the file is text at all.</summary>
    private const int SniffBytes = 8192;

    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"");

    private readonly Stream _stream;
    private readonly ImportOptions _limits;
    private readonly long _length;
    private readonly Decoder? _utf16;
    private readonly byte[] _bytes = new byte[BlockSize];
    private readonly char[] _chars = new char[BlockSize];
    private readonly char[] _field;
    private int _byteStart;
    private int _byteEnd;
    private bool _endOfBytes;
    private long _bytesDecoded;
    private long _linesDecoded;
    private int _charPos;
    private int _charEnd;

    private CsvSheet(Stream stream, ImportOptions limits)
    {
        _stream = stream;
        _limits = limits;
        _length = stream.CanSeek ? stream.Length : 0;
        _field = new char[limits.MaxCellChars + 1];
        FillBytes();
        var head = _bytes.AsSpan(0, _byteEnd);
        if (head.Length == 0)
        {
            throw new ImportFileException("Filen er tom.");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            throw new ImportFileException("Filen er en zip-pakke (for eksempel en Excel-arbeidsbok), ikke en CSV-fil. Gi en Excel-fil filendelsen .xlsx, eller lagre regnearket som «CSV UTF-8».");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            _utf16 = (head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetDecoder();
            _byteStart = 2;
        }
        else
        {
            _byteStart = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            if (head[_byteStart..Math.Min(head.Length, _byteStart + SniffBytes)].Contains((byte)0))
            {
                throw new ImportFileException("Filen ser ikke ut som en tekstfil (CSV). Lagre regnearket som «CSV UTF-8» eller som Excel-arbeidsbok (.xlsx).");
            }
        }

        _bytesDecoded = _byteStart;
        FillChars();
        if (_charPos < _charEnd && _chars[_charPos] == '\uFEFF')
        {
            _charPos++;
        }

        Separator = GuessSeparator(_chars.AsSpan(_charPos, _charEnd - _charPos));
    }

    public double? Fraction => _length == 0 ? null : Math.Min(1, (double)_bytesDecoded / _length);

    public char Separator { get; }

    public static CsvSheet Open(string path, int maxCellChars) => Open(path, new ImportOptions { MaxCellChars = maxCellChars });

    public static CsvSheet Open(string path, ImportOptions limits) => Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1), limits);

    /// <summary>From a stream the sheet then owns.</summary>
    public static CsvSheet Open(Stream stream, ImportOptions limits)
    {
        try
        {
            return new CsvSheet(stream, limits);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public CellRange? MergedOn(int row) => null;

    public IEnumerable<SheetRow> ReadRows(CancellationToken cancellationToken)
    {
        var rowNumber = 0;
        var cells = new List<SheetCell>();
        while (_charPos < _charEnd || FillChars())
        {
            cancellationToken.ThrowIfCancellationRequested();
            rowNumber++;
            ReadRecord(cells, rowNumber);
            var blank = true;
            foreach (var cell in cells)
            {
                blank &= cell.IsBlank;
            }

            if (!blank)
            {
                yield return new SheetRow(rowNumber, [.. cells]);
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>One record (a line, or more when a quoted field holds line breaks) into cells; the field, line and column bounds are checked as it is read.</summary>
    private void ReadRecord(List<SheetCell> cells, int rowNumber)
    {
        cells.Clear();
        var field = 0;
        var line = 0L;
        var inQuotes = false;
        while (_charPos < _charEnd || FillChars())
        {
            if (inQuotes)
            {
                // Inside quotes everything but a quote is the field's: copied in runs.
                var span = _chars.AsSpan(_charPos, _charEnd - _charPos);
                var stop = span.IndexOfAny(QuotedStops);
                var run = stop < 0 ? span.Length : stop;
                Append(span[..run], ref field, rowNumber);
                line += run;
                _charPos += run;
                if (stop < 0)
                {
                    CheckLine(line, rowNumber);
                    continue;
                }

                _charPos++;
                line++;
                if ((_charPos < _charEnd || FillChars()) && _chars[_charPos] == '"')
                {
                    Append("\"", ref field, rowNumber);
                    _charPos++;
                    line++;
                }
                else
                {
                    inQuotes = false;
                }

                CheckLine(line, rowNumber);
                continue;
            }

            // Outside quotes: a quote opens a quoted field only at its start; runs up to a separator or line break are copied at once.
            var rest = _chars.AsSpan(_charPos, _charEnd - _charPos);
            if (field == 0 && rest[0] == '"')
            {
                inQuotes = true;
                _charPos++;
                CheckLine(++line, rowNumber);
                continue;
            }

            var end = rest.IndexOfAny(Separator, '\r', '\n');
            var length = end < 0 ? rest.Length : end;
            Append(rest[..length], ref field, rowNumber);
            line += length;
            _charPos += length;
            if (end < 0)
            {
                CheckLine(line, rowNumber);
                continue;
            }

            var c = _chars[_charPos++];
            CheckLine(++line, rowNumber);
            if (c == Separator)
            {
                AddField(cells, ref field, rowNumber);
                continue;
            }

            if (c == '\r' && (_charPos < _charEnd || FillChars()) && _chars[_charPos] == '\n')
            {
                _charPos++;
            }

            AddField(cells, ref field, rowNumber);
            return;
        }

        AddField(cells, ref field, rowNumber);
    }

    /// <summary>Keeps as much of the field as the import can use (and one character more, to know it is longer); counts the rest.</summary>
    private void Append(ReadOnlySpan<char> chars, ref int field, int rowNumber)
    {
        if (field < _field.Length)
        {
            chars[..Math.Min(chars.Length, _field.Length - field)].CopyTo(_field.AsSpan(field));
        }

        field += chars.Length;
        if (field > ImportOptions.MaxFieldChars)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                $"Rad {rowNumber} har et felt på over 100 000 tegn. Kanskje mangler et avsluttende anførselstegn (\"), slik at resten av filen er lest som ett felt."));
        }
    }

    private void AddField(List<SheetCell> cells, ref int field, int rowNumber)
    {
        cells.Add(field == 0 ? SheetCell.Empty
            : field > _limits.MaxCellChars ? new SheetCell(CellKind.TooLong, "", field)
            : new SheetCell(CellKind.Text, new string(_field, 0, field)));
        field = 0;
        if (cells.Count > _limits.MaxColumns)
        {
            throw new ImportFileException(string.Create(CultureInfo.InvariantCulture, $"Rad {rowNumber} har flere enn {_limits.MaxColumns} kolonner. Er dette en CSV-fil?"));
        }
    }

    private void CheckLine(long line, int rowNumber)
    {
        if (line > _limits.MaxLineChars)
        {
            throw new ImportFileException(
                $"Rad {ImportOptions.Count(rowNumber)} er over {ImportOptions.Count(_limits.MaxLineChars)} tegn lang. Har filen linjeskift mellom radene, og er alle anførselstegn (\") lukket?");
        }
    }

    /// <summary>Decodes the next block of characters; false at the end of the file. Bytes that are not UTF-8 are refused with their line.</summary>
    private bool FillChars()
    {
        _charPos = 0;
        _charEnd = 0;
        while (_charEnd == 0)
        {
            if (_byteStart == _byteEnd || (_utf16 is null && !_endOfBytes && _byteEnd - _byteStart < 4))
            {
                if (_endOfBytes && _byteStart == _byteEnd)
                {
                    return false;
                }

                FillBytes();
            }

            var bytes = _bytes.AsSpan(_byteStart, _byteEnd - _byteStart);
            int read, written;
            if (_utf16 is not null)
            {
                _utf16.Convert(bytes, _chars, _endOfBytes, out read, out written, out _);
            }
            else
            {
                var status = Utf8.ToUtf16(bytes, _chars, out read, out written, replaceInvalidSequences: false, isFinalBlock: _endOfBytes);
                if (status == OperationStatus.InvalidData)
                {
                    var line = 1 + _linesDecoded + bytes[..read].Count((byte)'\n');
                    throw new ImportFileException(string.Create(CultureInfo.InvariantCulture,
                        $"Filen er ikke lagret med tegnkodingen UTF-8: linje {line} har tegn som ikke kan leses (kanskje æ, ø eller å lagret som Windows-1252). Lagre filen på nytt som «CSV UTF-8 (kommadelt)» i Excel, eller velg UTF-8 når du lagrer."));
                }

                _linesDecoded += bytes[..read].Count((byte)'\n');
            }

            _byteStart += read;
            _bytesDecoded += read;
            _charEnd = written;
            if (written == 0 && read == 0)
            {
                if (_endOfBytes)
                {
                    return false;
                }

                FillBytes();
            }
        }

        return true;
    }

    /// <summary>Moves what is left to the front and reads until the block is full or the file ends.</summary>
    private void FillBytes()
    {
        var left = _byteEnd - _byteStart;
        _bytes.AsSpan(_byteStart, left).CopyTo(_bytes);
        _byteStart = 0;
        _byteEnd = left;
        while (_byteEnd < _bytes.Length && !_endOfBytes)
        {
            var read = _stream.Read(_bytes, _byteEnd, _bytes.Length - _byteEnd);
            _endOfBytes = read == 0;
            _byteEnd += read;
        }
    }

    /// <summary>The separator that occurs most often in the first line outside quotes: comma, semicolon or tab (from the first block, which a header never outgrows).</summary>
    private static char GuessSeparator(ReadOnlySpan<char> text)
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

namespace Erasmus.Web.Features.Import.Reading;

/// <summary>
/// A workbook's shared strings, kept compactly while its sheet is read: the characters of all of them
/// in a few large buffers and one position per string, instead of one string object each. 250 000
/// strings as objects made the garbage collector (server GC with dynamic adaptation) grow the app by
/// about 50 MB more than their size while the rows were read, because every collection had them to
/// mark and promote; a few buffers on the large-object heap cost it nothing. A cell's string is made
/// when the cell is read, and the most recent ones are kept, so a column of repeated codes makes few.
/// </summary>
internal sealed class SharedStrings
{
    /// <summary>Characters per buffer: 128 KB, on the large-object heap, which is never copied.</summary>
    private const int ChunkChars = 64 * 1024;

    private const int TooLongMark = 0xFFFF;
    private const int RecentSlots = 4096;

    private readonly List<char[]> _chunks = [];
    private readonly string?[] _recent = new string?[RecentSlots];
    private readonly int[] _recentIndex = new int[RecentSlots];

    /// <summary>Per string: its first character's position (chunk × ChunkChars + offset) in the high bits, its length in the low 16 (TooLongMark: longer than the import reads).</summary>
    private long[] _entries = new long[1024];

    private int _used = ChunkChars;

    public int Count { get; private set; }

    /// <summary>Adds the next string; <paramref name="tooLong"/> when it is longer than the import reads (its characters are not kept).</summary>
    public void Add(ReadOnlySpan<char> text, bool tooLong)
    {
        if (!tooLong && text.Length >= TooLongMark)
        {
            throw new ArgumentOutOfRangeException(nameof(text), "A kept shared string must be shorter than 65 535 characters.");
        }

        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        if (tooLong)
        {
            _entries[Count++] = TooLongMark;
            return;
        }

        if (_used + text.Length > ChunkChars)
        {
            _chunks.Add(new char[ChunkChars]);
            _used = 0;
        }

        text.CopyTo(_chunks[^1].AsSpan(_used));
        var position = ((long)(_chunks.Count - 1) * ChunkChars) + _used;
        _entries[Count++] = (position << 16) | (long)text.Length;
        _used += text.Length;
    }

    /// <summary>The string at <paramref name="index"/> (0 ≤ index &lt; Count), or null when it was too long.</summary>
    public string? this[int index]
    {
        get
        {
            var entry = _entries[index];
            var length = (int)(entry & 0xFFFF);
            if (length == TooLongMark)
            {
                return null;
            }

            var slot = index & (RecentSlots - 1);
            if (_recentIndex[slot] == index + 1)
            {
                return _recent[slot];
            }

            var position = entry >> 16;
            var text = length == 0 ? "" : new string(_chunks[(int)(position / ChunkChars)], (int)(position % ChunkChars), length);
            _recent[slot] = text;
            _recentIndex[slot] = index + 1;
            return text;
        }
    }
}

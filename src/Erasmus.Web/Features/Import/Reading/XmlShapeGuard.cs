using System.Buffers;

namespace Erasmus.Web.Features.Import.Reading;

/// <summary>
/// Passes an XML part's characters on to XmlReader, and refuses the shapes XmlReader would hold whole in
/// memory however it is used: a tag (its attributes are read in one piece), a CDATA section, comment or
/// processing instruction longer than <see cref="MaxMarkupChars"/>, and elements nested deeper than
/// <see cref="MaxDepth"/> (the reader keeps every open element). Text between tags streams, so it is not
/// bounded here; the sheet reader bounds it per cell.
/// </summary>
internal sealed class XmlShapeGuard(TextReader inner) : TextReader
{
    /// <summary>Far beyond any tag a spreadsheet program writes (a long list of ranges in one attribute is some kilobytes).</summary>
    public const int MaxMarkupChars = 1_000_000;

    /// <summary>A worksheet nests about seven deep, extensions a few more.</summary>
    public const int MaxDepth = 100;

    private static readonly SearchValues<char> TagStops = SearchValues.Create("\"'>");

    private State _state = State.Text;
    private long _markup;
    private int _depth;
    private char _quote;
    private bool _endTag;
    private char _previous;
    private int _run;

    private enum State
    {
        Text,
        Open,
        Tag,
        Quoted,
        Bang,
        BangDash,
        Comment,
        CData,
        Instruction,
    }

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Span<char> one = [(char)c];
            Scan(one);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Scan(buffer[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Scan(ReadOnlySpan<char> chars)
    {
        var i = 0;
        while (i < chars.Length)
        {
            switch (_state)
            {
                case State.Text:
                    {
                        var open = chars[i..].IndexOf('<');
                        if (open < 0)
                        {
                            return;
                        }

                        i += open + 1;
                        _state = State.Open;
                        _markup = 1;
                        continue;
                    }

                case State.Open:
                    {
                        var c = chars[i++];
                        Count(1);
                        (_state, _endTag, _previous) = c switch
                        {
                            '/' => (State.Tag, true, c),
                            '?' => (State.Instruction, false, c),
                            '!' => (State.Bang, false, c),
                            _ => (State.Tag, false, c),
                        };
                        continue;
                    }

                case State.Tag:
                    {
                        var stop = chars[i..].IndexOfAny(TagStops);
                        if (stop < 0)
                        {
                            Count(chars.Length - i);
                            _previous = chars[^1];
                            return;
                        }

                        Count(stop + 1);
                        var c = chars[i + stop];
                        var before = stop > 0 ? chars[i + stop - 1] : _previous;
                        i += stop + 1;
                        if (c == '>')
                        {
                            EndOfTag(selfClosing: before == '/');
                        }
                        else
                        {
                            _quote = c;
                            _state = State.Quoted;
                        }

                        _previous = c;
                        continue;
                    }

                case State.Quoted:
                    {
                        var close = chars[i..].IndexOf(_quote);
                        if (close < 0)
                        {
                            Count(chars.Length - i);
                            return;
                        }

                        Count(close + 1);
                        i += close + 1;
                        _state = State.Tag;
                        _previous = _quote;
                        continue;
                    }

                case State.Bang:
                    {
                        // <!-- a comment, <![CDATA[ a section; anything else (<!DOCTYPE) is a declaration, which XmlReader refuses.
                        var c = chars[i++];
                        Count(1);
                        _state = c switch { '-' => State.BangDash, '[' => State.CData, _ => State.Tag };
                        _run = 0;
                        continue;
                    }

                case State.BangDash:
                    {
                        var c = chars[i++];
                        Count(1);
                        _state = c == '-' ? State.Comment : State.Tag;
                        _run = 0;
                        continue;
                    }

                default:
                    {
                        // Comment (ends with -->), CDATA (]]>) or processing instruction (?>): one character at a time.
                        var c = chars[i++];
                        Count(1);
                        var closing = _state switch { State.Comment => '-', State.CData => ']', _ => '?' };
                        var needed = _state == State.Instruction ? 1 : 2;
                        if (c == '>' && _run >= needed)
                        {
                            _state = State.Text;
                        }

                        _run = c == closing ? _run + 1 : 0;
                        continue;
                    }
            }
        }
    }

    private void EndOfTag(bool selfClosing)
    {
        _state = State.Text;
        if (_endTag)
        {
            _depth = Math.Max(0, _depth - 1);
        }
        else if (!selfClosing && ++_depth > MaxDepth)
        {
            throw new ImportFileException(
                $"Arbeidsboken har elementer nestet mer enn {ImportOptions.Count(MaxDepth)} nivåer dypt, og det har ingen vanlig arbeidsbok. Filen er skadet og kan ikke importeres.");
        }
    }

    private void Count(int chars)
    {
        _markup += chars;
        if (_markup > MaxMarkupChars)
        {
            throw new ImportFileException(
                $"Arbeidsboken har et XML-element på over {ImportOptions.Count(MaxMarkupChars)} tegn, og det har ingen vanlig arbeidsbok. Filen er skadet og kan ikke importeres.");
        }
    }
}

/// <summary>
/// XmlReader puts every element and attribute name it meets into its name table, for good; a part with
/// millions of distinct names (&lt;a1/&gt;&lt;a2/&gt;…) would fill memory that way. A workbook's parts use a
/// few hundred names, so past <see cref="MaxNames"/> the file is refused.
/// </summary>
internal sealed class BoundedNameTable : System.Xml.XmlNameTable
{
    public const int MaxNames = 10_000;

    private readonly System.Xml.NameTable _names = new();
    private int _count;

    public override string Add(char[] array, int offset, int length) => _names.Get(array, offset, length) ?? Added(_names.Add(array, offset, length));

    public override string Add(string array) => _names.Get(array) ?? Added(_names.Add(array));

    public override string? Get(char[] array, int offset, int length) => _names.Get(array, offset, length);

    public override string? Get(string array) => _names.Get(array);

    private string Added(string name)
    {
        if (++_count > MaxNames)
        {
            throw new ImportFileException(
                $"Arbeidsboken har flere enn {ImportOptions.Count(MaxNames)} ulike XML-navn, og det har ingen vanlig arbeidsbok. Filen er skadet og kan ikke importeres.");
        }

        return name;
    }
}

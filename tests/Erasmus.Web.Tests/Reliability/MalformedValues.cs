using System.Globalization;
using System.Text;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>A value a form or URL receives; <see cref="Raw"/> values go on the wire as they are (broken escapes, invalid UTF-8).</summary>
public sealed record Malformed(string Text, bool Raw = false)
{
    public string Encoded => Raw ? Text : MalformedValues.Escape(Text);

    public override string ToString() => Text.Length > 40 ? $"{Text[..40]}… ({Text.Length} chars)" : Text;
}

/// <summary>
/// A deterministic corpus of hostile and broken input: overlong strings, control characters, HTML
/// and script, SQL, out-of-range dates and numbers, unknown ids, broken encodings, and generated
/// mixtures of them. The HTML payloads all carry the marker 'xss' so a test can find them reflected.
/// </summary>
public static class MalformedValues
{
    public const int Seed = 20261122;

    /// <summary>Fragments that must never appear raw in a page: if one does, a payload was not escaped.</summary>
    public static readonly string[] DangerousFragments =
        ["<script>alert('xss')", "<img src=x onerror=alert('xss')", "<svg onload=alert('xss')", "<iframe src=javascript:alert('xss')", "href=\"javascript:alert('xss')"];

    public static readonly string[] Html =
    [
        "<script>alert('xss')</script>", "\"><script>alert('xss')</script>", "'><img src=x onerror=alert('xss')>",
        "<svg onload=alert('xss')>", "</textarea><script>alert('xss')</script>", "</title><script>alert('xss')</script>",
        "<a href=\"javascript:alert('xss')\">lenke</a>", "'><iframe src=javascript:alert('xss')>", "<b>fet xss</b>",
        "&lt;script&gt;xss", "{{7*7}} xss", "@(1+1) xss", "${7*7} xss", "<!-- xss", "<![CDATA[xss]]>",
    ];

    public static readonly string[] Sql =
    [
        "' OR '1'='1", "'; DROP TABLE organisations; --", "1; SELECT pg_sleep(5)", "\" OR \"\"=\"", "%' --", "1 UNION SELECT password_hash FROM users",
        "\\", "%", "_", "%%%%", "\\'", "'", "''", "1'); DELETE FROM projects; --", "$$", "E'\\x00'", "/*", "*/", "-- ", "; COMMIT;",
    ];

    public static readonly string[] Control =
    [
        "\0", "a\0b", "\u0001\u0002\u0003", "\r\n\t", "\u007F", "\u202Eevil", "\uFEFF", "\u200B\u200C\u200D", "\b\f\v", "\u2028\u2029",
        "\uD800", "\uDFFF", "\uFFFE\uFFFF", "\u0085", "line1\nline2", " ", "   ", "",
    ];

    public static readonly string[] Dates =
    [
        "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "2021-02-30", "2021-13-01", "2021-00-10", "31.12.2021", "-2021-01-01",
        "2021-1-1T25:61", "yesterday", "2021-02-29", "1969-12-31T23:59:60Z", "20210101", "2021/01/01", "01/02/03", "2021-01-01'", "now()",
    ];

    public static readonly string[] Numbers =
    [
        "-1", "2147483648", "-2147483649", "99999999999999999999", "1e309", "-1e309", "NaN", "Infinity", "-0", "0x10", "1,5,5", "١٢٣",
        "+-1", " 1 2 ", "4294967296", "18446744073709551616", "79228162514264337593543950336", "0.000000000000000000000000000001",
        "-79228162514264337593543950335", "1e-400", "9999999999.99", "12 345 678 901 234,50", "1.2.3", "--1", "0b101",
    ];

    public static readonly string[] Ids = ["0", "-5", "999999", "2147483647", "99999999999", "1.0", "abc", "00000000-0000-0000-0000-000000000000", "../../etc/passwd", "1/../2"];

    public static readonly Malformed[] RawEncodings =
    [
        new("%FF%FE%FD", Raw: true), new("%C0%AE%C0%AE", Raw: true), new("%", Raw: true), new("%zz", Raw: true), new("%00", Raw: true),
        new("%ED%A0%80", Raw: true), new("a%2", Raw: true), new("%E2%82", Raw: true),
    ];

    public static IReadOnlyList<Malformed> Overlong { get; } =
    [
        new(new string('A', 201)), new(new string('x', 1001)), new(string.Concat(Enumerable.Repeat("ø", 5000))),
        new(string.Concat(Enumerable.Repeat("😀", 3000))), new(new string('9', 20000)), new(string.Concat(Enumerable.Repeat("<script>alert('xss')</script>", 400))),
        new(new string('z', 100_000)),
    ];

    /// <summary>The fixed values plus <paramref name="generated"/> random mixtures of them, always the same for the same seed.</summary>
    public static IReadOnlyList<Malformed> Corpus(int generated = 400)
    {
        var random = new Random(Seed);
        var fixedValues = Html.Concat(Sql).Concat(Control).Concat(Dates).Concat(Numbers).Concat(Ids).Select(v => new Malformed(v))
            .Concat(RawEncodings).Concat(Overlong).ToList();
        var pieces = Html.Concat(Sql).Concat(Control).Concat(Dates).Concat(Numbers).Concat(Ids).Where(p => !p.Contains('\0', StringComparison.Ordinal)).ToArray();
        // No NUL in the mixtures: the form reader refuses a body containing one (400), which would hide
        // what the other values in that post do; the fixed control values still send it.
        const string alphabet = "abcæøåABCÆØÅ0123456789 <>\"'&;%_\\/\u0001\u001f\u007f\u00a0\u200b\u202e😀-+.,:=?#[]{}()|`~^$*!@";
        var mixtures = Enumerable.Range(0, generated).Select(_ =>
        {
            var text = new StringBuilder();
            for (var parts = random.Next(1, 4); parts > 0; parts--)
            {
                if (random.Next(3) == 0)
                {
                    for (var n = random.Next(1, 30); n > 0; n--)
                    {
                        text.Append(alphabet[random.Next(alphabet.Length)]);
                    }
                }
                else
                {
                    text.Append(pieces[random.Next(pieces.Length)]);
                }
            }

            return new Malformed(text.ToString());
        });
        return [.. fixedValues, .. mixtures];
    }

    /// <summary>Percent-encodes the UTF-8 bytes as a form or query string does (lone surrogates become U+FFFD).</summary>
    public static string Escape(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var escaped = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}

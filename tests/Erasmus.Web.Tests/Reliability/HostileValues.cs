using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Erasmus.Web.Tests.Import;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// A generated value and its class (what kind of hostility it is, for grouping findings). The text may
/// hold placeholders such as {{org:other-county}} that the run resolves to real ids, OIDs or project
/// numbers. In a workbook a value can be a typed cell instead of text (<see cref="Cell"/>).
/// </summary>
public sealed record Hostile(string Text, string Class)
{
    /// <summary>A typed .xlsx cell (DateOnly, double, <see cref="XSerial"/>, bool, <see cref="XError"/>, <see cref="XFormula"/>), or null for text.</summary>
    public object? Cell { get; init; }

    public override string ToString() => HostileValues.Show(Cell is null ? Text : $"{Cell.GetType().Name}({Text})");
}

/// <summary>
/// CsCheck generators of hostile values by field kind: extreme and malformed dates and numbers,
/// control characters and bidirectional overrides, very long strings, unknown codes and other
/// counties' ids. Every case gets its own seed, so one case can be replayed on its own.
/// </summary>
public static partial class HostileValues
{
    /// <summary>The default seed; ERASMUS_HOSTILE_SEED overrides it.</summary>
    public const ulong DefaultSeed = 20261207;

    /// <summary>Placeholders resolved per run: records of the coordinator's county, another county, a dissolved county, abroad.</summary>
    public static readonly string[] Tokens =
    [
        "org:other-county", "org:foreign", "org:dissolved-county", "org:own", "project:other-county", "accreditation:other-county",
        "mobility:other-county", "project:own",
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("ERASMUS_HOSTILE_SEED"), NumberStyles.None, Invariant, out var seed) ? seed : DefaultSeed;

    /// <summary>Case seeds to run alone (ERASMUS_HOSTILE_REPLAY, comma-separated), as printed beside a failing case.</summary>
    public static IReadOnlyList<string> Replay =>
        Environment.GetEnvironmentVariable("ERASMUS_HOSTILE_REPLAY") is { Length: > 0 } replay
            ? [.. replay.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];

    /// <summary>How many cases to try, scaled by ERASMUS_HOSTILE_SCALE (default 1).</summary>
    public static int Scaled(int cases) =>
        double.TryParse(Environment.GetEnvironmentVariable("ERASMUS_HOSTILE_SCALE"), NumberStyles.Float, Invariant, out var scale) && scale > 0
            ? Math.Max(1, (int)Math.Round(cases * scale))
            : cases;

    /// <summary>The seeds of <paramref name="count"/> cases of one stream: the same for the same master seed, or the replayed ones.</summary>
    public static List<string> CaseSeeds(uint stream, int count)
    {
        if (Replay.Count > 0)
        {
            return [.. Replay.Where(s => PCG.Parse(s).Stream == stream)];
        }

        var master = new PCG(stream, Seed);
        return [.. Enumerable.Range(0, count).Select(_ => new PCG(stream, master.Next64()).ToString())];
    }

    public static T One<T>(this Gen<T> gen, PCG pcg) => gen.Generate(pcg, null!, out _);

    /// <summary>One of the generators, equally likely (CsCheck's OneOf, with the overload for generators chosen).</summary>
    public static Gen<T> Either<T>(params Gen<T>[] gens) => Gen.OneOf(gens.Select(g => (IGen<T>)g).ToArray());

    /// <summary>One of the generators by weight (CsCheck's Frequency, with the overload for generators chosen).</summary>
    public static Gen<T> Mix<T>(params (int Weight, Gen<T> Gen)[] parts) => Gen.Frequency(parts.Select(p => (p.Weight, (IGen<T>)p.Gen)).ToArray());

    private static Gen<Hostile> Of(string @class, params string[] values) => Gen.OneOf(values).Select(v => new Hostile(v, @class));

    private static Gen<Hostile> Token(string @class, params string[] tokens) => Gen.OneOf(tokens).Select(t => new Hostile("{{" + t + "}}", @class));

    public static readonly Gen<Hostile> Dates = Mix(
        (6, Of("date:extreme", "0001-01-01", "9999-12-31", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "01.01.0001", "31.12.9999")),
        (5, Of("date:boundary", "2013-12-31", "2014-01-01", "2035-12-31", "2036-01-01", "2020-12-31", "2028-01-01", "2000-02-29")),
        (3, Of("date:infinity", "-infinity", "infinity", "Infinity", "-Infinity", "epoch", "now", "today", "allballs")),
        (5, Of("date:malformed", "0000-00-00", "2021-02-30", "2021-13-01", "2021-00-10", "2021/01/01", "20210101", "2021-1-1", "10000-01-01",
            "-2021-01-01", "2021-01-01 BC", "2021-01-01'", "٢٠٢١-٠١-٠١", "", " ", "31.02.2022")),
        (4, Either(Gen.Int[-1000, 3_000_000], Gen.OneOf(0, 1, 59, 60, 61, 44635, 45000, 2958465, 2958466, -1))
            .Select(n => new Hostile(n.ToString(Invariant), "date:excel-serial"))),
        (5, Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 28])
            .Select((y, m, d) => new Hostile(string.Create(Invariant, $"{y:D4}-{m:D2}-{d:D2}"), y is >= 2014 and <= 2035 ? "date:random-in-range" : "date:random-out-of-range"))));

    public static readonly Gen<Hostile> Numbers = Mix(
        (6, Of("number:int-extreme", "2147483647", "-2147483648", "2147483648", "-2147483649", "9223372036854775807", "99999999999999999999")),
        (5, Of("number:huge", "1e12", "1000000000000", "1E+12", "100000000000000000000000000000", "1e309", "-1e309", "79228162514264337593543950336")),
        (6, Of("number:boundary", "0", "-0", "-1", "1", "2", "500", "501", "10000", "10001", "100000000", "100000000.01", "100000001", "2013", "2014",
            "2027", "2028", "730", "731")),
        (3, Of("number:not-a-number", "NaN", "Infinity", "-Infinity", "∞", "0x10", "1_000", "١٢٣", "one", "", " ")),
        (4, Of("number:decimal", "1,5", "0,5", "60000,50", "1.000,50", "1 000 000", "12 345,6", "1e-5", "0.0000001", "-0,01", "1.5", "99999999.995")),
        (3, Gen.Long.Select(n => new Hostile(n.ToString(Invariant), "number:random-long"))),
        (2, Gen.Double[-1e15, 1e15].Select(n => new Hostile(n.ToString("R", Invariant), "number:random-double"))));

    public static readonly Gen<Hostile> Texts = Mix(
        (5, Gen.Select(Gen.OneOf("Skole", "Navn", "Bergen", ""), Gen.OneOf("\u0000", "\u0001\u0002", "\r\n", "\t", "\u007f", "\u0085", "\u009b31m", "\u001b[31m", "\b", "\v\f"))
            .Select((w, c) => new Hostile(w + c + w, "text:control-characters"))),
        (5, Of("text:bidi-override", "\u202Eloohcs", "Skole \u202Egnp.exe", "\u2066Skole\u2069", "\u202ASkole\u202C", "\u202BSkole", "\u2067\u202E", "Navn\u202D")),
        (4, Gen.Select(Gen.OneOf(201, 256, 257, 300, 301, 1001, 4001, 100_000), Gen.OneOf("a", "ø", "😀", "<b>"))
            .Select((n, s) => new Hostile(string.Concat(Enumerable.Repeat(s, n)), "text:very-long"))),
        (3, Gen.OneOf(MalformedValues.Html.Concat(MalformedValues.Sql).ToArray()).Select(v => new Hostile(v, "text:markup-or-sql"))),
        (3, Of("text:blank-or-invisible", "", " ", "\u00A0", "\u3000", "\u200B", "\uFEFF", "\u00AD", "\u2028")),
        (2, Of("text:unusual-unicode", "Ærlig Øst Åsen", "e\u0301", "😀", "𝕏𝕐", "\uD800", "\uDFFF", "\uFFFE", "Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍")));

    public static readonly Gen<Hostile> Flags = Of("flag:odd", "true", "false", "on", "off", "1", "0", "yes", "TRUE", "", "maybe", "true,false", "-1", "2", "ja");

    public static readonly Gen<Hostile> Ids = Mix(
        (6, Token("id:other-county", "org:other-county", "project:other-county", "accreditation:other-county", "mobility:other-county")),
        (3, Token("id:foreign-or-dissolved", "org:foreign", "org:dissolved-county")),
        (2, Token("id:own", "org:own", "project:own")),
        (3, Of("id:out-of-range", "0", "-1", "999999", "2147483647", "2147483648", "-2147483648", "99999999999")),
        (2, Of("id:malformed", "abc", "1.5", "1e3", " 1", "0x1", "", "1,2")));

    public static readonly Gen<Hostile> Versions = Mix(
        (3, Of("version:stale-or-odd", "0", "1", "4294967295", "4294967296", "-1", "abc", "")),
        (1, Numbers));

    public static readonly Gen<Hostile> CountyCodes = Of("code:county", "03", "11", "30", "32", "99", "00", "4", "046", " 46", "46 ", "4 6", "xx");

    public static readonly Gen<Hostile> UnknownCodes = Of("code:unknown", "XX", "ZZ", "xx", "N0", "NOR", "Norge", "--", "?", "null", "undefined",
        "0", "99", "-1", "2147483647", "4.5", "KA999", "LM-UNKNOWN", "Active,Expired", "Administrator");

    /// <summary>Any of the above: every field also gets values meant for other kinds.</summary>
    public static readonly Gen<Hostile> Any = Either(Dates, Numbers, Texts, Flags, Ids, CountyCodes, UnknownCodes);

    /// <summary>A select's or checkbox group's own choices (legal values: another country, another status), or unknown ones.</summary>
    public static Gen<Hostile> Codes(IReadOnlyList<string> options)
    {
        var legal = options.Where(o => o.Length > 0).ToArray();
        return legal.Length == 0
            ? Either(UnknownCodes, CountyCodes)
            : Mix(
                (4, Gen.OneOf(legal).Select(o => new Hostile(o, "code:legal-choice"))),
                (1, Gen.OneOf(legal).Select(o => new Hostile(" " + o.ToLowerInvariant() + " ", "code:case-and-space"))),
                (3, UnknownCodes),
                (2, CountyCodes));
    }

    /// <summary>Three of four values fit the field's kind; the rest may be anything.</summary>
    public static Gen<Hostile> For(FieldKind kind, IReadOnlyList<string> options) =>
        Mix((3, kind switch
        {
            FieldKind.Date => Dates,
            FieldKind.Number => Numbers,
            FieldKind.Flag => Flags,
            FieldKind.Id => Mix((3, Ids), (1, Codes(options))),
            FieldKind.Code => Codes(options),
            FieldKind.Hidden => Versions,
            FieldKind.Command when options.Count > 0 => Either(Gen.OneOf(options.ToArray()).Select(o => new Hostile(o, "command:own-value")), Flags),
            FieldKind.Command => Flags,
            _ => Texts,
        }), (1, Any));

    /// <summary>Typed .xlsx cells for a column of a kind: real date cells of any year, serial numbers, numbers, booleans, errors and formulas.</summary>
    public static Gen<Hostile> Cells(FieldKind kind) => Mix(
        (kind == FieldKind.Date ? 4 : 1, Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 28])
            .Select((y, m, d) => new Hostile(string.Create(Invariant, $"{y:D4}-{m:D2}-{d:D2}"), y is >= 2014 and <= 2035 ? "cell:date-in-range" : "cell:date-out-of-range")
            { Cell = new DateOnly(y, m, d) })),
        (kind == FieldKind.Date ? 3 : 1, Gen.OneOf(0d, -1d, 1d, 60d, 44635d, 2958465d, 2958466d, 1e12, double.NaN, 0.5d)
            .Select(v => new Hostile(v.ToString(Invariant), "cell:serial-without-date-format") { Cell = new XSerial(v) })),
        (kind == FieldKind.Number ? 4 : 1, Gen.OneOf(2147483647d, -2147483648d, 2147483648d, 1e12, 1e308, -1d, 0d, 0.5d, 10001d, 100000000.01d, double.NaN, double.PositiveInfinity)
            .Select(v => new Hostile(v.ToString(Invariant), "cell:number") { Cell = v })),
        (kind == FieldKind.Flag ? 3 : 1, Gen.Bool.Select(b => new Hostile(b ? "TRUE" : "FALSE", "cell:boolean") { Cell = b })),
        (1, Gen.OneOf("#N/A", "#REF!", "#DIV/0!", "#VALUE!").Select(e => new Hostile(e, "cell:error") { Cell = new XError(e) })),
        (1, Gen.OneOf(("1+1", "2"), ("TODAY()", "46000"), ("A1", "Project Reference")).Select(f => new Hostile("=" + f.Item1, "cell:formula") { Cell = new XFormula(f.Item1, f.Item2) })));

    /// <summary>Replaces the placeholders with what <paramref name="resolve"/> gives for each.</summary>
    public static string Resolve(string text, Func<string, string> resolve) =>
        text.Contains("{{", StringComparison.Ordinal) ? Placeholder().Replace(text, m => resolve(m.Groups[1].Value)) : text;

    /// <summary>A value as a reader can see it: control and invisible characters escaped, long values cut.</summary>
    public static string Show(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > 60 ? text[..60] : text)
        {
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c == '\uFFFE'
                ? string.Create(Invariant, $"\\u{(int)c:X4}")
                : c.ToString());
        }

        return text.Length > 60 ? string.Create(Invariant, $"{shown}… ({text.Length} chars)") : shown.ToString();
    }

    /// <summary>Text as an .xlsx cell stores it: characters XML cannot hold are written as _xHHHH_, as Excel does.</summary>
    public static string ForXml(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if ((c < 0x20 && c is not '\t' and not '\n' and not '\r') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                escaped.Append(string.Create(Invariant, $"_x{(int)c:X4}_"));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    [GeneratedRegex(@"\{\{([a-z:\-]+)\}\}")]
    private static partial Regex Placeholder();
}

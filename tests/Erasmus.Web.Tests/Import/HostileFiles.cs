using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Builds the files an attacker (or a broken exporter) uploads: workbooks whose parts are written by a
/// callback straight into the zip entry, so a part of hundreds of megabytes never sits in the test's
/// memory either, and CSV files. Each workbook is otherwise valid: package relationships, workbook,
/// first sheet, and the shared strings and styles when given.
/// </summary>
public static class HostileFiles
{
    public const string SheetStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>""";
    public const string SheetEnd = "</sheetData></worksheet>";
    public const string SharedStringsStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""";
    public const string SharedStringsEnd = "</sst>";
    public const string StylesStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""";
    public const string StylesEnd = "</styleSheet>";

    /// <summary>A header row (inline strings) that names a few mobility columns, so a file that gets past the reader is at least a sheet.</summary>
    public const string HeaderRow = """<row r="1"><c r="A1" t="inlineStr"><is><t>Project Reference</t></is></c><c r="B1" t="inlineStr"><is><t>Mobility ID</t></is></c></row>""";

    /// <summary>A workbook whose sheet is written by <paramref name="sheet"/> (the whole part, use <see cref="SheetStart"/>/<see cref="SheetEnd"/>).</summary>
    /// <param name="extraParts">Empty parts added after the workbook's own (a zip directory of that many more entries).</param>
    public static void Xlsx(string path, Action<TextWriter> sheet, Action<TextWriter>? sharedStrings = null, Action<TextWriter>? styles = null,
        CompressionLevel level = CompressionLevel.Optimal, int extraParts = 0)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Part(zip, "[Content_Types].xml", level, w => w.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""));
        Part(zip, "_rels/.rels", level, w => w.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
        Part(zip, "xl/workbook.xml", level, w => w.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Mobiliteter" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
        var relationships = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>""");
        if (sharedStrings is not null)
        {
            relationships.Append("""<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""");
        }

        if (styles is not null)
        {
            relationships.Append("""<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""");
        }

        relationships.Append("</Relationships>");
        Part(zip, "xl/_rels/workbook.xml.rels", level, w => w.Write(relationships.ToString()));
        Part(zip, "xl/worksheets/sheet1.xml", level, sheet);
        if (sharedStrings is not null)
        {
            Part(zip, "xl/sharedStrings.xml", level, sharedStrings);
        }

        if (styles is not null)
        {
            Part(zip, "xl/styles.xml", level, styles);
        }

        for (var i = 0; i < extraParts; i++)
        {
            zip.CreateEntry(i.ToString(CultureInfo.InvariantCulture), CompressionLevel.NoCompression);
        }
    }

    public static byte[] XlsxBytes(Action<TextWriter> sheet, Action<TextWriter>? sharedStrings = null, Action<TextWriter>? styles = null,
        CompressionLevel level = CompressionLevel.Optimal)
    {
        var path = Path.GetTempFileName();
        try
        {
            Xlsx(path, sheet, sharedStrings, styles, level);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A sheet of the header row and then <paramref name="rows"/> (the XML between it and the end).</summary>
    public static Action<TextWriter> Sheet(Action<TextWriter> rows) => w =>
    {
        w.Write(SheetStart);
        w.Write(HeaderRow);
        rows(w);
        w.Write(SheetEnd);
    };

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="text"/> in blocks, so a multi-megabyte run costs no more memory than one block.</summary>
    public static void Repeat(TextWriter writer, string text, long count)
    {
        var block = string.Concat(Enumerable.Repeat(text, (int)Math.Max(1, Math.Min(count, 64 * 1024 / Math.Max(1, text.Length)))));
        var perBlock = block.Length / text.Length;
        var written = 0L;
        while (written + perBlock <= count)
        {
            writer.Write(block);
            written += perBlock;
        }

        for (; written < count; written++)
        {
            writer.Write(text);
        }
    }

    /// <summary>
    /// A valid little workbook with <paramref name="entries"/> parts in all, whose end record (with
    /// <paramref name="lieAboutCount"/>) claims only the workbook's own five: a reader that trusts the count
    /// reads the whole directory first.
    /// </summary>
    public static void XlsxWithManyParts(string path, int entries, bool lieAboutCount)
    {
        // The workbook's own parts: content types, two relationship parts, workbook and sheet.
        Xlsx(path, Sheet(_ => { }), extraParts: entries - 5);
        if (lieAboutCount)
        {
            using var file = File.Open(path, FileMode.Open);
            var tail = new byte[22];
            file.Position = file.Length - 22;
            file.ReadExactly(tail);
            BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(8), 5);
            BinaryPrimitives.WriteUInt16LittleEndian(tail.AsSpan(10), 5);
            file.Position = file.Length - 22;
            file.Write(tail);
        }
    }

    private static void Part(ZipArchive zip, string name, CompressionLevel level, Action<TextWriter> write)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024);
        write(writer);
    }
}

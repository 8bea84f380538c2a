using System.IO.Compression;
using System.Text;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Features.Import.Reading;
using static Erasmus.Web.Tests.Import.HostileFiles;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Each of the reader's limits (ImportOptions), tried on the reader itself with a file just past it: the
/// file is refused with a message naming the limit, before the reader has held more than a bounded
/// amount. Defaults unless the point is the setting. No database; fast.
/// </summary>
public sealed class SheetLimitsTests : IDisposable
{
    private static readonly ImportOptions Defaults = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("erasmus-sheet-limits-").FullName;

    [Fact]
    public void A_row_with_more_cells_than_a_sheet_has_columns_is_refused()
    {
        var message = XlsxFails(Sheet(w =>
        {
            w.Write("""<row r="2">""");
            Repeat(w, "<c/>", Defaults.MaxCellsPerRow + 1);
            w.Write("</row>");
        }));

        Assert.Equal("Rad 2 har flere enn 16 384 celler, flere enn et regneark kan ha. Filen er skadet og kan ikke importeres.", message);
    }

    [Fact]
    public void A_value_beyond_the_columns_read_is_refused_and_empty_cells_there_are_not()
    {
        var emptyFarRight = XlsxRows(Sheet(w => w.Write("""<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="XFD2" s="1"/></row>""")));
        var message = XlsxFails(Sheet(w => w.Write("""<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="ALM2"><v>1</v></c></row>""")));

        Assert.Equal(2, emptyFarRight.Count);
        Assert.Equal("Rad 2 har en verdi i kolonne ALM, men importen leser bare de første 1 000 kolonnene. Slett det som står lenger til høyre.", message);
    }

    [Fact]
    public void A_row_beyond_the_last_row_of_a_sheet_is_refused()
    {
        var message = XlsxFails(Sheet(w => w.Write("""<row r="1048577"><c r="A1048577"><v>1</v></c></row>""")));

        Assert.Equal("Arket har flere enn 1 048 576 rader (rad 1 048 577), flere enn et regneark kan ha. Filen er skadet og kan ikke importeres.", message);
    }

    [Fact]
    public void More_cell_formats_than_excel_allows_are_refused()
    {
        var message = XlsxFails(Sheet(_ => { }), styles: w =>
        {
            w.Write(StylesStart + """<cellXfs count="70000">""");
            Repeat(w, """<xf numFmtId="0"/>""", 70_000);
            w.Write("</cellXfs>" + StylesEnd);
        }, level: CompressionLevel.NoCompression);

        Assert.Equal("Arbeidsboken har flere enn 65 490 celleformater, flere enn Excel tillater. Kopier dataene over i en ny arbeidsbok og lagre den.", message);
    }

    [Fact]
    public void Date_formats_are_still_found_among_the_cell_formats()
    {
        var rows = XlsxRows(Sheet(w => w.Write("""<row r="2"><c r="A2" s="1"><v>44473</v></c><c r="B2" s="2"><v>44473</v></c><c r="C2"><v>7</v></c></row>""")), styles: w =>
            w.Write(StylesStart + """<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font/></fonts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"><alignment/></xf></cellXfs><dxfs><dxf><numFmt numFmtId="0" formatCode="yyyy"/></dxf></dxfs>""" + StylesEnd));

        Assert.Equal([CellKind.Date, CellKind.Date, CellKind.Number], rows[1].Cells.Select(c => c.Kind));
        Assert.Equal(7, rows[1].Cells[2].Number);
    }

    [Fact]
    public void More_shared_strings_than_the_limit_are_refused()
    {
        var message = XlsxFails(Sheet(_ => { }), sharedStrings: w =>
        {
            w.Write(SharedStringsStart);
            Repeat(w, "<si><t>a</t></si>", Defaults.MaxSharedStrings + 1);
            w.Write(SharedStringsEnd);
        }, level: CompressionLevel.NoCompression);

        Assert.Equal("Arbeidsboken har flere enn 250 000 ulike tekster (delte strenger). Del filen opp i mindre filer.", message);
    }

    [Fact]
    public void Shared_strings_longer_in_all_than_the_limit_are_refused()
    {
        var message = XlsxFails(Sheet(_ => { }), sharedStrings: w =>
        {
            w.Write(SharedStringsStart);
            for (var i = 0; i < 51; i++)
            {
                w.Write("<si><t>");
                Repeat(w, "x", 99_999);
                w.Write("</t></si>");
            }

            w.Write(SharedStringsEnd);
        }, level: CompressionLevel.NoCompression);

        Assert.Equal("Tekstene i arbeidsboken (de delte strengene) har til sammen over 5 000 000 tegn. Del filen opp i mindre filer.", message);
    }

    [Fact]
    public void A_shared_string_longer_than_any_cell_is_refused_also_in_rich_text_runs()
    {
        var plain = XlsxFails(Sheet(_ => { }), sharedStrings: w =>
        {
            w.Write(SharedStringsStart + "<si><t>");
            Repeat(w, "x", ImportOptions.MaxFieldChars + 1);
            w.Write("</t></si>" + SharedStringsEnd);
        });
        var runs = XlsxFails(Sheet(_ => { }), sharedStrings: w =>
        {
            w.Write(SharedStringsStart + "<si>");
            Repeat(w, "<r><t>xxxxxxxxxx</t></r>", (ImportOptions.MaxFieldChars / 10) + 1);
            w.Write("</si>" + SharedStringsEnd);
        });

        var expected = "En tekst i arbeidsboken har over 100 000 tegn, og ingen celle i et regneark er så lang (Excel tillater 32 767). Filen er skadet og kan ikke importeres.";
        Assert.Equal((expected, expected), (plain, runs));
    }

    [Fact]
    public void A_cell_longer_than_any_cell_is_refused_and_one_over_the_import_length_is_kept_as_too_long()
    {
        var message = XlsxFails(Sheet(w =>
        {
            w.Write("""<row r="2"><c r="B2" t="inlineStr"><is><t>""");
            Repeat(w, "x", ImportOptions.MaxFieldChars + 1);
            w.Write("</t></is></c></row>");
        }));
        var rows = XlsxRows(Sheet(w => w.Write($"""<row r="2"><c r="B2" t="str"><v>{new string('x', 1001)}</v></c><c r="C2" t="inlineStr"><is><t>{new string('y', 1000)}</t></is></c></row>""")));

        Assert.Equal("Cellen B2 har over 100 000 tegn, og ingen celle i et regneark er så lang (Excel tillater 32 767). Filen er skadet og kan ikke importeres.", message);
        Assert.Equal((CellKind.TooLong, 1001d, CellKind.Text), (rows[1].Cells[1].Kind, rows[1].Cells[1].Number, rows[1].Cells[2].Kind));
    }

    [Fact]
    public void A_part_packed_tighter_than_the_compression_ratio_allows_is_refused()
    {
        var message = XlsxFails(Sheet(w => Repeat(w, " ", 50_000_000)));

        Assert.Equal("Filen pakker seg ut til mer enn 100 ganger sin pakkede størrelse. Så tett pakkes ingen vanlig arbeidsbok (den kan være en «zip-bombe»), og den importeres ikke. Lagre regnearket på nytt i Excel.", message);
    }

    [Fact]
    public void A_workbook_that_unpacks_to_more_than_the_total_is_refused_before_it_is_read()
    {
        // Stored, not compressed: the ratio is 1, and only the total stops it. (A zip that claims less than
        // it holds is read no further than it claims, and the counting reader stops at the total regardless.)
        var limits = new ImportOptions { MaxUnpackedBytes = 2 * 1024 * 1024 };
        var message = XlsxFails(Sheet(w =>
        {
            for (var i = 2; i < 100_000; i++)
            {
                w.Write($"""<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>""");
            }
        }), level: CompressionLevel.NoCompression, limits: limits);

        Assert.Equal("Filen pakker seg ut til over 2 MB og er for stor til å importeres. Del den opp i mindre filer.", message);
    }

    [Fact]
    public void Elements_nested_deeper_than_any_workbook_are_refused()
    {
        var message = XlsxFails(Sheet(w =>
        {
            w.Write("""<row r="2"><c r="A2"><extLst>""");
            Repeat(w, "<x>", 200);
            Repeat(w, "</x>", 200);
            w.Write("</extLst></c></row>");
        }));

        Assert.Equal("Arbeidsboken har elementer nestet mer enn 100 nivåer dypt, og det har ingen vanlig arbeidsbok. Filen er skadet og kan ikke importeres.", message);
    }

    [Fact]
    public void A_tag_longer_than_any_workbook_writes_is_refused()
    {
        var message = XlsxFails(Sheet(w =>
        {
            w.Write("""<row r="2" x=" """);
            Repeat(w, "x", 1_500_000);
            w.Write("\"/>");
        }));

        Assert.Equal("Arbeidsboken har et XML-element på over 1 000 000 tegn, og det har ingen vanlig arbeidsbok. Filen er skadet og kan ikke importeres.", message);
    }

    [Fact]
    public void More_distinct_xml_names_than_any_workbook_uses_are_refused()
    {
        var message = XlsxFails(Sheet(w =>
        {
            w.Write("""<row r="2"><c r="A2"><extLst>""");
            for (var i = 0; i < 20_000; i++)
            {
                w.Write($"<x{i}/>");
            }

            w.Write("</extLst></c></row>");
        }));

        Assert.Equal("Arbeidsboken har flere enn 10 000 ulike XML-navn, og det har ingen vanlig arbeidsbok. Filen er skadet og kan ikke importeres.", message);
    }

    [Fact]
    public void A_long_cdata_section_is_refused_but_comments_and_quotes_in_text_do_not_confuse_the_guard()
    {
        var cdata = XlsxFails(Sheet(w =>
        {
            w.Write("""<row r="2"><c r="A2" t="str"><v><![CDATA[""");
            Repeat(w, "x", 1_500_000);
            w.Write("]]></v></c></row>");
        }));
        var rows = XlsxRows(Sheet(w => w.Write("""<!-- a "quote' and > --><row r="2"><c r="A2" t="str"><v>it's "5" &gt; 4</v></c><c r="B2" t="str"><v><![CDATA[a]>b]]></v></c></row>""")));

        Assert.Equal("Arbeidsboken har et XML-element på over 1 000 000 tegn, og det har ingen vanlig arbeidsbok. Filen er skadet og kan ikke importeres.", cdata);
        Assert.Equal(["it's \"5\" > 4", "a]>b"], rows[1].Cells.Select(c => c.Text));
    }

    [Fact]
    public void A_zip_that_hides_more_parts_than_it_claims_is_refused_before_its_directory_is_read()
    {
        var path = Path.Combine(_folder, "parts.xlsx");
        XlsxWithManyParts(path, Defaults.MaxZipEntries + 1, lieAboutCount: true);

        var message = Fails(() => Rows(XlsxSheet.Open(path, Defaults)));

        Assert.Equal("Filen har for mange deler til å være en vanlig Excel-arbeidsbok.", message);
    }

    [Fact]
    public void A_csv_line_longer_than_the_limit_is_refused_though_each_field_is_within_its_own()
    {
        var line = string.Join(",", Enumerable.Repeat(new string('x', 1100), 999));

        var message = CsvFails(Encoding.UTF8.GetBytes("Project Reference\r\n" + line + "\r\n"));

        Assert.Equal("Rad 2 er over 1 000 000 tegn lang. Har filen linjeskift mellom radene, og er alle anførselstegn (\") lukket?", message);
    }

    [Fact]
    public void A_csv_row_with_more_columns_than_read_and_a_field_past_any_cell_are_refused()
    {
        var columns = CsvFails(Encoding.UTF8.GetBytes("a\r\n" + new string(',', Defaults.MaxColumns) + "\r\n"));
        var field = CsvFails(Encoding.UTF8.GetBytes("a\r\n\"" + new string('x', ImportOptions.MaxFieldChars + 1)));

        Assert.Equal("Rad 2 har flere enn 1000 kolonner. Er dette en CSV-fil?", columns);
        Assert.StartsWith("Rad 2 har et felt på over 100 000 tegn.", field, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_is_read_across_blocks_with_quotes_line_breaks_multibyte_characters_and_long_cells()
    {
        var text = new StringBuilder("\uFEFFNavn;Sted\r\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append("\"Bjørn \"\"").Append(i).Append("\"\" Ås\";\"linje\nto\"\n");
        }

        text.Append(new string('æ', 1001)).Append(";x");
        var rows = CsvRows(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.Equal(5002, rows.Count);
        Assert.Equal(["Bjørn \"4999\" Ås", "linje\nto"], rows[^2].Cells.Select(c => c.Text));
        Assert.Equal((CellKind.TooLong, 1001d, "x"), (rows[^1].Cells[0].Kind, rows[^1].Cells[0].Number, rows[^1].Cells[1].Text));
        Assert.Equal(5002, rows[^1].Number);
    }

    [Fact]
    public void A_csv_not_in_utf8_names_the_line_even_in_a_later_block()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\r\n" + string.Concat(Enumerable.Repeat("x,y\r\n", 30_000))).Concat(new byte[] { 0xF8, (byte)'\r', (byte)'\n' }).ToArray();

        Assert.StartsWith("Filen er ikke lagret med tegnkodingen UTF-8: linje 30002 har tegn", CsvFails(bytes), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<SheetRow> Rows(ISheetSource source)
    {
        using (source)
        {
            return [.. source.ReadRows(CancellationToken.None)];
        }
    }

    /// <summary>The message, with the no-break spaces that group a limit's digits in bokmål written as plain spaces.</summary>
    private static string Fails(Action read) => Assert.Throws<ImportFileException>(read).Message.Replace('\u00A0', ' ');

    private string XlsxFails(Action<TextWriter> sheet, Action<TextWriter>? sharedStrings = null, Action<TextWriter>? styles = null,
        CompressionLevel level = CompressionLevel.Optimal, ImportOptions? limits = null)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".xlsx");
        Xlsx(path, sheet, sharedStrings, styles, level);
        return Fails(() => Rows(XlsxSheet.Open(path, limits ?? Defaults)));
    }

    private List<SheetRow> XlsxRows(Action<TextWriter> sheet, Action<TextWriter>? styles = null)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".xlsx");
        Xlsx(path, sheet, styles: styles);
        return Rows(XlsxSheet.Open(path, Defaults));
    }

    private static string CsvFails(byte[] bytes) => Fails(() => CsvRows(bytes));

    private static List<SheetRow> CsvRows(byte[] bytes) => Rows(CsvSheet.Open(new MemoryStream(bytes), Defaults));
}

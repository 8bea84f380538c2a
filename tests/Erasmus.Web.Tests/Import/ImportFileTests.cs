using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Every class of malformed file gets a clear bokmål message and never a 500: files that are not what
/// they claim, wrong encodings, empty sheets, merged header cells, formulas, error values, dates as
/// text or as serial numbers, huge strings, a million empty rows, missing or doubled columns, and
/// files over the size and row limits.
/// </summary>
public sealed class ImportFileTests(ImportFileTests.Records records) : IClassFixture<ImportFileTests.Records>
{
    [Fact]
    public async Task An_xlsx_that_is_not_a_zip_is_refused_as_such()
    {
        var message = await FailAsync("mobiliteter.xlsx", Csv(MobilityHeader, [ValidRow()]));

        Has(message, "Filen er ikke en gyldig .xlsx-fil: en .xlsx-fil er en zip-pakke, og denne filen er ikke det.");
    }

    [Fact]
    public async Task An_old_xls_or_encrypted_workbook_renamed_xlsx_is_named()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var message = await FailAsync("gammel.xlsx", ole);

        Has(message, "det gamle Excel-formatet (.xls), eller den er passordbeskyttet");
    }

    [Fact]
    public async Task A_truncated_workbook_is_reported_as_damaged()
    {
        var workbook = TestWorkbook.From(MobilityHeader, [ValidCells()]).Build();

        var message = await FailAsync("avkuttet.xlsx", workbook[..(workbook.Length / 2)]);

        Has(message, "Filen er skadet");
    }

    [Fact]
    public async Task A_zip_that_is_no_workbook_cannot_be_opened_as_one()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("notat.txt").Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes("ikke et regneark"));
        }

        var message = await FailAsync("zip.xlsx", stream.ToArray());

        Has(message, "Filen er en zip-pakke, men ikke en Excel-arbeidsbok");
    }

    [Fact]
    public async Task A_csv_in_another_encoding_than_utf8_is_refused_with_the_line()
    {
        var latin1 = Encoding.Latin1.GetBytes(string.Join(",", MobilityHeader) + "\r\n" + string.Join(",", ValidRow()).Replace(",NO,", ",Norge,", StringComparison.Ordinal) + ",Bjørnafjorden\r\n");

        var message = await FailAsync("latin1.csv", latin1);

        Has(message, "Filen er ikke lagret med tegnkodingen UTF-8: linje 2 har tegn som ikke kan leses");
        Has(message, "«CSV UTF-8 (kommadelt)»");
    }

    [Fact]
    public async Task A_utf16_csv_with_byte_order_mark_is_read()
    {
        var text = string.Join(",", MobilityHeader) + "\r\n" + string.Join(",", ValidRow()) + "\r\n";

        var id = await UploadAndReadAsync(await records.AnalystAsync(), "utf16.csv", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]);

        Assert.Equal((ImportStatus.Ready, 1), ((await BatchAsync(records, id)).Status, (await BatchAsync(records, id)).NewCount));
    }

    [Fact]
    public async Task Binary_content_or_a_workbook_named_csv_is_not_read_as_text()
    {
        var binary = await FailAsync("binær.csv", [0x00, 0x01, 0x02, 0x00, 0x41, 0x42]);
        var workbook = await FailAsync("arbeidsbok.csv", TestWorkbook.From(MobilityHeader, [ValidCells()]).Build());

        Has(binary, "Filen ser ikke ut som en tekstfil (CSV).");
        Has(workbook, "Filen er en zip-pakke (for eksempel en Excel-arbeidsbok), ikke en CSV-fil.");
    }

    [Fact]
    public async Task An_empty_sheet_and_a_sheet_with_only_headers_are_named()
    {
        var empty = await FailAsync("tom.xlsx", new TestWorkbook().Build());
        var headersOnly = await FailAsync("overskrifter.xlsx", TestWorkbook.From(MobilityHeader, []).Build());
        var emptyCsv = await FailAsync("tomme-linjer.csv", Encoding.UTF8.GetBytes("\r\n\r\n , \r\n"));

        Has(empty, "Arket er tomt: det har verken overskrifter eller rader.");
        Has(headersOnly, "Filen har overskrifter, men ingen rader med data under dem.");
        Has(emptyCsv, "Arket er tomt");
    }

    [Fact]
    public async Task Merged_header_cells_are_refused()
    {
        var workbook = new TestWorkbook { Merged = ["A1:B1"] };
        workbook.Rows.Add([.. MobilityHeader]);
        workbook.Rows.Add(ValidCells());

        var message = await FailAsync("sammenslått.xlsx", workbook.Build());

        Has(message, "Overskriftsraden har sammenslåtte celler (A1:B1).");
    }

    [Fact]
    public async Task Formulas_error_values_serial_dates_text_dates_and_huge_strings_reject_their_rows_by_column()
    {
        var client = await records.AnalystAsync();
        var good = ValidCells();
        var formula = ValidCells();
        formula[16] = new XFormula("1+1", "2");
        var error = ValidCells();
        error[13] = new XError("#N/A");
        var serial = ValidCells();
        serial[14] = new XSerial(44473);
        var textDate = ValidCells();
        textDate[15] = "22/10/2021";
        var huge = ValidCells();
        huge[9] = new string('x', 5000);
        var workbook = TestWorkbook.From(MobilityHeader, [good, formula, error, serial, textDate, huge]).Build();

        var id = await UploadAndReadAsync(client, "celler.xlsx", workbook);

        var rejected = Rejected(await PreviewAsync(client, id));
        Assert.Equal(
        [
            (3, "Number of Participants", "Cellen inneholder en formel (=1+1). Importen leser ikke formler: kopier cellene og lim dem inn som verdier."),
            (4, "Receiving Country", "Cellen har feilverdien #N/A."),
            (5, "Start Date", "Startdato er et tall (44473), trolig et Excel-serienummer for en dato der cellen har mistet datoformatet. Formater cellen som dato, eller skriv datoen som ÅÅÅÅ-MM-DD."),
            (6, "End Date", "Sluttdato «22/10/2021» er ikke en dato importen kan lese. Skriv den som ÅÅÅÅ-MM-DD (2021-10-04) eller DD.MM.ÅÅÅÅ (04.10.2021), eller bruk en datocelle."),
            (7, "Sending Organisation Name", "Verdien er for lang (over 1000 tegn)."),
        ], rejected);
        Assert.Equal((1, 5), ((await BatchAsync(records, id)).NewCount, (await BatchAsync(records, id)).RejectedCount));
    }

    [Fact]
    public async Task Real_date_and_boolean_cells_are_read_as_dates_and_yes_no()
    {
        var client = await records.AnalystAsync();
        var cells = ValidCells();
        cells[4] = false;
        cells[6] = true;
        var id = await UploadAndReadAsync(client, "datoer.xlsx", TestWorkbook.From(MobilityHeader, [cells]).Build());

        await ConfirmAsync(client, id);

        await using var db = records.CreateDbContext();
        var mobilityId = (string)cells[1]!;
        var saved = await db.Mobilities.AsNoTracking().SingleAsync(m => m.MobilityId == mobilityId);
        Assert.Equal((new DateOnly(2021, 10, 4), new DateOnly(2021, 10, 22), true), (saved.StartDate, saved.EndDate, saved.GreenTravel));
    }

    [Fact]
    public async Task A_serial_number_in_a_csv_date_column_is_named_as_one()
    {
        var client = await records.AnalystAsync();
        var row = ValidRow();
        row[14] = "44473";

        var id = await UploadAndReadAsync(client, "serial.csv", Csv(MobilityHeader, [row]));

        Assert.Contains("Excel-serienummer", Assert.Single(await ErrorsAsync(records, id)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unclosed_quote_that_swallows_the_file_is_named()
    {
        var text = new StringBuilder(string.Join(",", MobilityHeader)).Append("\r\n\"").Append(string.Join(",", ValidRow())).Append("\r\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append(string.Join(",", ValidRow())).Append("\r\n");
        }

        var message = await FailAsync("sitat.csv", Encoding.UTF8.GetBytes(text.ToString()));

        Has(message, "Rad 2 har et felt på over 100 000 tegn. Kanskje mangler et avsluttende anførselstegn");
    }

    [Fact]
    public async Task A_million_empty_rows_after_the_data_are_skipped()
    {
        var client = await records.AnalystAsync();
        var workbook = new TestWorkbook { EmptyRowsAfter = 1_000_000 };
        workbook.Rows.Add([.. MobilityHeader]);
        workbook.Rows.Add(ValidCells());
        workbook.Rows.Add(ValidCells());
        var csv = Encoding.UTF8.GetBytes(string.Join(",", MobilityHeader) + "\r\n" + string.Join(",", ValidRow()) + "\r\n" + string.Concat(Enumerable.Repeat(",,,\r\n", 1_000_000)));

        // No timing here (tests assert behaviour; speed is the benchmark's): the empty rows are neither
        // rows nor rejections, and the batch is ready.
        var xlsx = await UploadAndReadAsync(client, "tomme-rader.xlsx", workbook.Build());
        var text = await UploadAndReadAsync(client, "tomme-rader.csv", csv);

        Assert.Equal((ImportStatus.Ready, 2, 2, 0), Counts(await BatchAsync(records, xlsx)));
        Assert.Equal((ImportStatus.Ready, 1, 1, 0), Counts(await BatchAsync(records, text)));
    }

    [Fact]
    public async Task Missing_required_columns_and_doubled_columns_stop_the_import_with_their_names()
    {
        string[] missing = ["Project Reference", "Mobility ID", "Activity Type", "Sending Country", "Receiving Country", "Number of Participants"];
        string[] doubled = [.. MobilityHeader, "Startdato"];

        var missingMessage = await FailAsync("mangler.csv", Csv(missing, [["x", "y", "z", "NO", "DE", "1"]]));
        var doubledMessage = await FailAsync("dobbel.csv", Csv(doubled, [[.. ValidRow(), "2021-10-04"]]));
        var unknownMessage = await FailAsync("ukjent.csv", Csv(["Navn", "Adresse"], [["a", "b"]]));

        Has(missingMessage, "Filen mangler kolonnene «Startdato» (Start Date), «Sluttdato» (End Date). Last ned malen for å se kolonnene.");
        Has(doubledMessage, "Kolonnen «Start Date» / «Startdato» står to ganger: i kolonne O («Start Date») og R («Startdato»).");
        Has(unknownMessage, "Fant ingen kjente kolonneoverskrifter i rad 1.");
    }

    [Fact]
    public async Task The_upload_form_refuses_no_file_an_empty_file_and_other_file_types_beside_the_field()
    {
        var client = await records.AnalystAsync();

        Assert.Equal("Filen er tom.", await FieldErrorAsync(client, "tom.csv", []));
        Assert.Equal("Filen må være en Excel-arbeidsbok (.xlsx) eller en CSV-fil (.csv).", await FieldErrorAsync(client, "rapport.pdf", [1, 2, 3]));
        Assert.StartsWith("Det gamle Excel-formatet (.xls) kan ikke importeres.", await FieldErrorAsync(client, "gammel.xls", [1, 2, 3]), StringComparison.Ordinal);

        var token = await AppFixture.AntiforgeryTokenAsync(client, "/import");
        using var noFile = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Mobilities"), "Kind" } };
        var response = await client.PostAsync(new Uri("/import", UriKind.Relative), noFile);
        Assert.Equal("Velg en fil å importere.", (await AppFixture.ParseAsync(response)).QuerySelector("#File-error")!.TextContent.Replace("Feil:", "", StringComparison.Ordinal).Trim());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_gets_a_message_not_an_error_page()
    {
        var client = await records.AnalystAsync();
        var big = new byte[(int)ImportOptions.MaxFileBytes + 1];
        Array.Fill(big, (byte)'a');
        var huge = new byte[(int)ImportOptions.MaxRequestBytes + (2 * 1024 * 1024)];

        Assert.Equal("Filen er 20,0 MB. Største tillatte størrelse er 20 MB; del den opp i flere filer.", await FieldErrorAsync(client, "stor.csv", big));
        Assert.Equal("Filen er større enn 20 MB, som er det største importen tar imot. Del den opp i flere filer.", await FieldErrorAsync(client, "enorm.csv", huge));
    }

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_and_the_page_states_the_limit()
    {
        await using var limited = records.App.WithWebHostBuilder(b => b.UseSetting("Import:MaxRows", "3"));
        var client = limited.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = records.AnalystEmail, ["Password"] = AppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await AppFixture.GetDocumentAsync(client, "/import");
        var id = await UploadAndReadAsync(client, "mange.csv", Csv(MobilityHeader, Enumerable.Range(0, 4).Select(_ => ValidRow())));

        Assert.Contains("Største antall rader: 3.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Filen har flere enn 3 rader med data. Del den opp i flere filer.", await FailureAsync(client, id), StringComparison.Ordinal);
    }

    /// <summary>Like Assert.Contains, but shows the whole message when it fails.</summary>
    private static void Has(string text, string expected)
    {
        if (!text.Contains(expected, StringComparison.Ordinal))
        {
            Assert.Fail($"Expected «{expected}» in:\n{text}");
        }
    }

    private static (ImportStatus, int, int, int) Counts(ImportBatch batch) => (batch.Status, batch.TotalRows, batch.NewCount, batch.RejectedCount);

    private string[] ValidRow() => Row(records.Project.Reference, NewMobilityId(), records.School.Oid);

    /// <summary>The valid row as workbook cells: text, real dates and a number.</summary>
    private object?[] ValidCells()
    {
        var row = ValidRow();
        object?[] cells = [.. row];
        cells[14] = new DateOnly(2021, 10, 4);
        cells[15] = new DateOnly(2021, 10, 22);
        cells[16] = 1;
        return cells;
    }

    private async Task<string> FailAsync(string fileName, byte[] content)
    {
        var client = await records.AnalystAsync();
        var response = await UploadAsync(client, fileName, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        await WaitAsync(client, id);
        Assert.Equal(ImportStatus.Failed, (await BatchAsync(records, id)).Status);
        return await FailureAsync(client, id);
    }

    private static async Task<string> FieldErrorAsync(HttpClient client, string fileName, byte[] content)
    {
        var response = await UploadAsync(client, fileName, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppFixture.ParseAsync(response);
        return page.QuerySelector("#File-error")!.TextContent.Replace("Feil:", "", StringComparison.Ordinal).Trim();
    }

    public sealed class Records : AppFixture
    {
        private HttpClient? _analyst;

        public Organisation School { get; private set; } = null!;
        public Project Project { get; private set; } = null!;
        public string AnalystEmail { get; private set; } = "";

        public async Task<HttpClient> AnalystAsync() => _analyst ??= await SignInAsync(AnalystEmail);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            School = await data.OrganisationAsync("46");
            Project = await data.ProjectAsync(School, ProjectAction.KA122, Sector.VET, 2021);
            AnalystEmail = await CreateUserAsync(TestRoles.Analyst);
        }
    }
}

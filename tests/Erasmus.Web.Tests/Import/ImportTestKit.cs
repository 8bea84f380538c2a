using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Import;

/// <summary>Uploads files through the real form, waits for the background reader, confirms, and reads the preview.</summary>
public static class ImportTestKit
{
    public static readonly string[] MobilityHeader =
    [
        "Project Reference", "Mobility ID", "Activity Type", "Participant Group", "Accompanying Person", "Fewer Opportunities", "Green Travel", "Blended",
        "Sending Organisation OID", "Sending Organisation Name", "Receiving Organisation OID", "Receiving Organisation Name",
        "Sending Country", "Receiving Country", "Start Date", "End Date", "Number of Participants",
    ];

    private static int _serial = 100;

    public static string NewMobilityId() => string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref _serial) % 1000000:D6}-MOB-{_serial % 100000:D5}");

    /// <summary>A valid mobility row for the header above (a 19-day short VET mobility in October 2021); override by column name.</summary>
    public static string[] Row(string project, string mobilityId, string? sendingOid = null, string? receivingOid = null, params (string Column, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Project Reference"] = project,
            ["Mobility ID"] = mobilityId,
            ["Activity Type"] = "LM-SHORT-VET",
            ["Participant Group"] = "Learner",
            ["Accompanying Person"] = "No",
            ["Fewer Opportunities"] = "No",
            ["Green Travel"] = "Yes",
            ["Blended"] = "No",
            ["Sending Organisation OID"] = sendingOid ?? "",
            ["Sending Organisation Name"] = "",
            ["Receiving Organisation OID"] = receivingOid ?? "",
            ["Receiving Organisation Name"] = "",
            ["Sending Country"] = "NO",
            ["Receiving Country"] = "DE",
            ["Start Date"] = "2021-10-04",
            ["End Date"] = "2021-10-22",
            ["Number of Participants"] = "1",
        };
        foreach (var (column, value) in overrides)
        {
            values[column] = value;
        }

        return [.. MobilityHeader.Select(h => values[h])];
    }

    public static byte[] Csv(IEnumerable<string> header, IEnumerable<string[]> rows, char separator = ',', bool bom = false)
    {
        var text = new StringBuilder();
        text.Append(string.Join(separator, header.Select(v => Quote(v, separator)))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(separator, row.Select(v => Quote(v, separator)))).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content, string kind = "Mobilities")
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent(kind), "Kind");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        return await client.PostAsync(new Uri("/import", UriKind.Relative), form);
    }

    /// <summary>Uploads and waits until the file is read; returns the batch id.</summary>
    public static async Task<Guid> UploadAndReadAsync(HttpClient client, string fileName, byte[] content, string kind = "Mobilities")
    {
        var response = await UploadAsync(client, fileName, content, kind);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        await WaitAsync(client, id);
        return id;
    }

    public static async Task WaitAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var response = await client.GetAsync(new Uri($"/import/{id}/status", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("done").GetBoolean())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The import did not finish within 3 minutes.");
            await Task.Delay(100);
        }
    }

    public static async Task ConfirmAsync(HttpClient client, Guid id)
    {
        var response = await AppFixture.PostFormAsync(client, $"/import/{id}", $"/import/{id}/bekreft", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await WaitAsync(client, id);
    }

    /// <summary>A saved 19-day mobility from 2021-10-04 (as <see cref="Row"/> describes it, green travel aside), in a context of its own.</summary>
    public static async Task<Erasmus.Domain.Entities.Mobility> SavedMobilityAsync(DatabaseFixture fixture, int projectId,
        Erasmus.Domain.Entities.MobilityStatus status = Erasmus.Domain.Entities.MobilityStatus.Realised)
    {
        await using var db = fixture.CreateDbContext();
        var project = await db.Projects.SingleAsync(p => p.Id == projectId);
        return await new TestData(db).MobilityAsync(project, start: new DateOnly(2021, 10, 4), days: 19, mobilityId: NewMobilityId(), status: status);
    }

    public static async Task<ImportBatch> BatchAsync(DatabaseFixture fixture, Guid id)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Set<ImportBatch>().AsNoTracking().SingleAsync(b => b.Id == id);
    }

    public static async Task<List<ImportRowError>> ErrorsAsync(DatabaseFixture fixture, Guid id)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Set<ImportRowError>().AsNoTracking().Where(e => e.BatchId == id).OrderBy(e => e.RowNumber).ThenBy(e => e.Id).ToListAsync();
    }

    /// <summary>The failure message of a batch that could not be read (the page shows it in #import-failure).</summary>
    public static async Task<string> FailureAsync(HttpClient client, Guid id)
    {
        var page = await AppFixture.GetDocumentAsync(client, $"/import/{id}");
        var failure = page.QuerySelector("#import-failure");
        Assert.True(failure is not null, "Expected the import to fail, but the page shows: " + page.QuerySelector("main")?.TextContent);
        return failure.TextContent;
    }

    public static async Task<IHtmlDocument> PreviewAsync(HttpClient client, Guid id, string? list = null) =>
        await AppFixture.GetDocumentAsync(client, $"/import/{id}" + (list is null ? "" : $"?vis={list}&pageSize=100"));

    public static string Summary(IHtmlDocument preview) => preview.QuerySelector("#preview-summary")?.TextContent.Trim() ?? "(no summary)";

    /// <summary>The rejected rows as shown: (row, column, message).</summary>
    public static List<(int Row, string Column, string Message)> Rejected(IHtmlDocument preview) =>
        [.. preview.QuerySelectorAll("#rejected tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => (int.Parse(c[0], CultureInfo.InvariantCulture), c[1], c[2]))];

    private static string Quote(string value, char separator) =>
        value.Contains(separator, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}

/// <summary>A formula cell for <see cref="TestWorkbook"/>, with its cached value.</summary>
public sealed record XFormula(string Formula, string CachedValue);

/// <summary>An error cell (#N/A, #REF!) for <see cref="TestWorkbook"/>.</summary>
public sealed record XError(string Value);

/// <summary>A date typed as a plain number (an Excel serial date whose cell lost its date format).</summary>
public sealed record XSerial(double Value);

/// <summary>
/// Builds .xlsx files cell by cell for tests: shared strings, numbers, real date cells (date number
/// format), booleans, formulas, error values, merged ranges and as many trailing empty rows as wanted.
/// </summary>
public sealed class TestWorkbook
{
    public List<object?[]> Rows { get; } = [];
    public List<string> Merged { get; init; } = [];
    public int EmptyRowsAfter { get; init; }
    public string SheetName { get; init; } = "Mobiliteter";

    public static TestWorkbook From(IEnumerable<string> header, IEnumerable<object?[]> rows)
    {
        var workbook = new TestWorkbook();
        workbook.Rows.Add([.. header]);
        workbook.Rows.AddRange(rows);
        return workbook;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellStyleFormats(new CellFormat()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            var strings = new List<string>();
            var stringIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(worksheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                var number = 0u;
                foreach (var row in Rows)
                {
                    number++;
                    writer.WriteStartElement(new Row { RowIndex = number });
                    for (var i = 0; i < row.Length; i++)
                    {
                        var reference = ColumnName(i) + number.ToString(CultureInfo.InvariantCulture);
                        Cell? cell = row[i] switch
                        {
                            null => null,
                            string s when s.Length == 0 => null,
                            string s => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(Index(s).ToString(CultureInfo.InvariantCulture)) },
                            DateOnly d => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue((d.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture)) },
                            XSerial x => new Cell { CellReference = reference, CellValue = new CellValue(x.Value.ToString(CultureInfo.InvariantCulture)) },
                            bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
                            XFormula f => new Cell { CellReference = reference, CellFormula = new CellFormula(f.Formula), CellValue = new CellValue(f.CachedValue) },
                            XError e => new Cell { CellReference = reference, DataType = CellValues.Error, CellValue = new CellValue(e.Value) },
                            IFormattable n => new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(null, CultureInfo.InvariantCulture)) },
                            var other => throw new ArgumentException($"Unsupported cell value {other}"),
                        };
                        if (cell is not null)
                        {
                            writer.WriteElement(cell);
                        }
                    }

                    writer.WriteEndElement();
                }

                for (var i = 0; i < EmptyRowsAfter; i++)
                {
                    writer.WriteElement(new Row { RowIndex = ++number });
                }

                writer.WriteEndElement();
                if (Merged.Count > 0)
                {
                    writer.WriteStartElement(new MergeCells { Count = (uint)Merged.Count });
                    foreach (var range in Merged)
                    {
                        writer.WriteElement(new MergeCell { Reference = range });
                    }

                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            var sharedStrings = workbookPart.AddNewPart<SharedStringTablePart>();
            sharedStrings.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = SheetName }));
            workbookPart.Workbook.Save();

            int Index(string s)
            {
                if (!stringIndex.TryGetValue(s, out var index))
                {
                    stringIndex[s] = index = strings.Count;
                    strings.Add(s);
                }

                return index;
            }
        }

        return stream.ToArray();
    }

    private static string ColumnName(int index)
    {
        var name = "";
        index++;
        while (index > 0)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
            index = (index - 1) / 26;
        }

        return name;
    }
}

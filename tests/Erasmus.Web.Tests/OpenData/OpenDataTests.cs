using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Erasmus.Domain.OpenData;
using Erasmus.Web.Tests.Attainment;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Reports;

namespace Erasmus.Web.Tests.OpenData;

/// <summary>
/// The open-data export against the hand-counted dataset of <see cref="CountyViewTests"/> (as of
/// 2021-09-30, awarded: VET learners Vestland 18, Rogaland 8, Viken 7; school staff Vestland 3,
/// Rogaland 4; partnerships Vestland 1, Rogaland 2), read without signing in.
/// </summary>
public sealed class OpenDataTests(CountyViewTests.HandCountedCounties data) : IClassFixture<CountyViewTests.HandCountedCounties>
{
    private const string Query = "asOf=2021-09-30&basis=awarded";

    [Fact]
    public async Task Anyone_gets_the_figures_by_county_sector_and_call_year_with_counts_from_1_to_4_shown_as_under_5()
    {
        var response = await data.CreateClient().GetAsync(new Uri($"/api/open-data.csv?{Query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("</api/open-data/metode>; rel=\"describedby\"", response.Headers.GetValues("Link").Single());
        Assert.Equal("open-data-2021-09-30-awarded.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, bytes[0]);
        var lines = OpenDataCsv.Parse(Encoding.UTF8.GetString(bytes));

        Assert.Equal(["target_code", "target_title_nb", "target_title_en", "as_of", "basis", "level", "county_number", "county_name", "sector", "call_year", "value", "suppression"],
            lines.Header);
        // The eleven counties of 2021, each with a line per column of the target, and no county from 2024.
        var vet = lines.Of("MOB-VET-LEARNERS");
        Assert.Equal(["03", "11", "15", "18", "30", "34", "38", "42", "46", "50", "54"], vet.Where(l => l["level"] == "county_total").Select(l => l["county_number"]));
        Assert.Equal("18", vet.Cell("46", "VET", "2021"));
        Assert.Equal("8", vet.Cell("11", "VET", "2021"));
        Assert.Equal("7", vet.Cell("30", "VET", "2021"));
        Assert.Equal("0", vet.Cell("03", "VET", "2021"));
        Assert.Equal("33", vet.National());
        Assert.All(vet, l => Assert.Equal("", l["suppression"]));

        // School staff: 3 and 4 are small, so are the two counties' totals; the column and the nation (7) are shown.
        var staff = lines.Of("MOB-SCH-STAFF");
        Assert.Equal("<5", staff.Cell("46", "SCH", "2021"));
        Assert.Equal("<5", staff.Cell("11", "SCH", "2021"));
        Assert.Equal("<5", staff.Single(l => l["level"] == "county_total" && l["county_number"] == "46")["value"]);
        Assert.Equal("small", staff.Single(l => l["level"] == "county_total" && l["county_number"] == "46")["suppression"]);
        Assert.Equal("7", staff.Single(l => l["level"] == "sector_year_total" && l["sector"] == "SCH")["value"]);
        Assert.Equal("7", staff.National());

        // Partnerships: Vestland's 1 (SCH), Rogaland's 2 (ADU) and the nation's 3 are all small.
        var partnerships = lines.Of("PART-TOTAL");
        Assert.Equal("<5", partnerships.Cell("46", "SCH", "2021"));
        Assert.Equal("<5", partnerships.Cell("11", "ADU", "2021"));
        Assert.Equal("0", partnerships.Cell("46", "ADU", "2021"));
        Assert.Equal("<5", partnerships.National());

        // Only whole-number mobility and partnership targets are published, never a number from 1 to 4.
        Assert.DoesNotContain(lines.Rows, l => l["target_code"].StartsWith("SOC-", StringComparison.Ordinal) || l["target_code"] == "PART-WORKING-LIFE-SHARE"
            || l["target_code"] == "COUNTY-ACCREDITED-2-SECTORS");
        Assert.DoesNotContain(lines.Rows, l => l["value"] is "1" or "2" or "3" or "4");
    }

    [Fact]
    public async Task No_hidden_figure_can_be_worked_out_from_the_published_lines()
    {
        var lines = OpenDataCsv.Parse(await data.CreateClient().GetStringAsync(new Uri($"/api/open-data.csv?{Query}", UriKind.Relative)));

        foreach (var code in lines.Rows.Select(l => l["target_code"]).Distinct())
        {
            OpenDataCsv.AssertNothingRecoverable(lines.Of(code), code);
        }
    }

    [Fact]
    public async Task The_workbook_opens_in_LibreOffice_with_the_method_first_and_the_same_lines_as_the_csv()
    {
        var soffice = LibreOfficeTests.FindSoffice();
        Assert.True(soffice is not null, "LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui");
        var client = data.CreateClient();
        var response = await client.GetAsync(new Uri($"/api/open-data.xlsx?{Query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = OpenDataCsv.Parse(await client.GetStringAsync(new Uri($"/api/open-data.csv?{Query}", UriKind.Relative)));
        var folder = Directory.CreateTempSubdirectory("erasmus-od-");
        try
        {
            var file = Path.Combine(folder.FullName, "open-data.xlsx");
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());

            await LibreOfficeTests.ConvertToCsvAsync(soffice!, file, folder.FullName);

            var method = LibreOfficeTests.ReadCsv(folder.FullName, "open-data-Metode.csv");
            Assert.Equal("Erasmus+ deltakelse: åpne data om mobilitet og partnerskap", method[0][0]);
            Assert.Contains(method, r => r[0] == "Små tall" && r[1].Contains("«<5»", StringComparison.Ordinal));
            var sheet = LibreOfficeTests.ReadCsv(folder.FullName, "open-data-Tall per fylke.csv");
            Assert.Equal(csv.Header, sheet[0]);
            Assert.Equal(csv.Rows.Select(r => string.Join('|', csv.Header.Select(h => r[h]))), sheet.Skip(1).Select(r => string.Join('|', r)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_method_explains_the_suppression_in_the_readers_language()
    {
        var client = data.CreateClient();

        var bokmal = await client.GetStringAsync(new Uri("/api/open-data/metode?asOf=2021-09-30", UriKind.Relative));
        var english = await client.GetStringAsync(new Uri("/api/open-data/metode?asOf=2021-09-30&culture=en-GB", UriKind.Relative));

        Assert.Contains("Et tall fra 1 til 4 vises som «<5»", bokmal, StringComparison.Ordinal);
        Assert.Contains("2021-09-30, Tildelt", bokmal, StringComparison.Ordinal);
        Assert.Contains("A figure from 1 to 4 is shown as «<5»", english, StringComparison.Ordinal);
        Assert.Contains("2021-09-30, Awarded", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/open-data.csv?basis=everything")]
    [InlineData("/api/open-data.xlsx?asOf=1999-01-01")]
    [InlineData("/api/open-data.csv?asOf=not-a-date")]
    public async Task Bad_parameters_get_a_problem_with_a_message(string url)
    {
        var response = await data.CreateClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>The published sums against the dashboards' national figures and the hidden figures' safety, on the demo data.</summary>
public sealed class OpenDataDemoTests(PublishedFiguresTests.DemoApp app) : IClassFixture<PublishedFiguresTests.DemoApp>
{
    [Theory]
    [InlineData("2021-09-30", "awarded")]
    [InlineData("2025-06-30", "awarded")]
    [InlineData("2025-06-30", "realised")]
    public async Task Every_published_national_total_is_the_dashboards_national_figure_and_nothing_hidden_can_be_worked_out(string asOf, string basis)
    {
        var lines = OpenDataCsv.Parse(await app.CreateClient().GetStringAsync(new Uri($"/api/open-data.csv?asOf={asOf}&basis={basis}", UriKind.Relative)));
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var targets = JsonDocument.Parse(await analyst.GetStringAsync(new Uri($"/api/attainment?asOf={asOf}&basis={basis}", UriKind.Relative))).RootElement
            .GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.GetProperty("value").GetDecimal());

        var codes = lines.Rows.Select(l => l["target_code"]).Distinct().ToList();
        Assert.Equal(["MOB-VET-LEARNERS", "MOB-SCH-PUPILS", "MOB-SCH-STAFF", "MOB-ADU-ALL", "MOB-HED-STAFF", "MOB-HED-STUDENTS", "PART-TOTAL",
            "PART-NEWCOMER-COORDINATORS", "PART-SPORT-ORGS", "PART-COVE", "PART-TEACHER-ACADEMIES"], codes);
        foreach (var code in codes)
        {
            var table = lines.Of(code);
            var national = table.National();
            if (national is not ("<5" or ":"))
            {
                Assert.True(targets[code] == decimal.Parse(national, CultureInfo.InvariantCulture), $"{code}: published {national}, dashboard {targets[code]}");
            }

            // Every shown line adds up where all its parts are shown: the county totals and the columns.
            foreach (var county in table.Where(l => l["level"] == "county_total" && l["suppression"] == "").Select(l => l["county_number"]))
            {
                var cells = table.Where(l => l["level"] == "cell" && l["county_number"] == county).ToList();
                if (cells.All(c => c["suppression"] == ""))
                {
                    Assert.Equal(int.Parse(table.Single(l => l["level"] == "county_total" && l["county_number"] == county)["value"], CultureInfo.InvariantCulture),
                        cells.Sum(c => int.Parse(c["value"], CultureInfo.InvariantCulture)));
                }
            }

            OpenDataCsv.AssertNothingRecoverable(table, code);
        }
    }
}

/// <summary>The open-data CSV read back, and a reader who tries to recover its hidden figures.</summary>
internal sealed record OpenDataCsv(string[] Header, List<Dictionary<string, string>> Rows)
{
    public static OpenDataCsv Parse(string text)
    {
        var rows = LibreOfficeTests.Parse(text);
        var header = rows[0];
        return new OpenDataCsv(header, [.. rows.Skip(1).Select(r => header.Zip(r).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal))]);
    }

    public OpenDataLines Of(string code) => new([.. Rows.Where(r => r["target_code"] == code)]);

    /// <summary>
    /// Rebuilds the table (counties × sector and call year, with its totals) from the lines and asks the
    /// domain's reader: bounds row by row and column by column, and linear algebra, find nothing. Also the
    /// classic rule, counted here on its own: no row or column holds exactly one hidden figure.
    /// </summary>
    public static void AssertNothingRecoverable(OpenDataLines table, string code)
    {
        var counties = table.Where(l => l["level"] == "county_total").Select(l => l["county_number"]).ToList();
        var columns = table.Where(l => l["level"] == "sector_year_total").Select(l => (l["sector"], l["call_year"])).ToList();
        var shape = new CountTable(new int[counties.Count, columns.Count]);
        var values = new int[shape.Count];
        var marks = new CellMark[shape.Count];
        void Set(int index, Dictionary<string, string> line)
        {
            (values[index], marks[index]) = line["value"] switch
            {
                "<5" => (0, CellMark.Small),
                ":" => (0, CellMark.Complementary),
                var v => (int.Parse(v, CultureInfo.InvariantCulture), CellMark.Shown),
            };
        }

        foreach (var line in table)
        {
            var r = counties.IndexOf(line["county_number"]);
            var c = columns.IndexOf((line["sector"], line["call_year"]));
            Set(line["level"] switch
            {
                "cell" => shape.Cell(r, c),
                "county_total" => shape.RowTotal(r),
                "sector_year_total" => shape.ColumnTotal(c),
                _ => shape.GrandTotal,
            }, line);
        }

        Assert.True(Disclosure.Find(values, marks, shape.Equations()).Count == 0, $"{code}: a hidden figure can be worked out");
        foreach (var equation in shape.Equations())
        {
            Assert.True(equation.Count(i => marks[i] != CellMark.Shown) != 1, $"{code}: a row or column with exactly one hidden figure");
        }
    }
}

internal sealed class OpenDataLines(List<Dictionary<string, string>> lines) : List<Dictionary<string, string>>(lines)
{
    public string Cell(string county, string sector, string year) =>
        this.Single(l => l["level"] == "cell" && l["county_number"] == county && l["sector"] == sector && l["call_year"] == year)["value"];

    public string National() => this.Single(l => l["level"] == "national_total")["value"];
}

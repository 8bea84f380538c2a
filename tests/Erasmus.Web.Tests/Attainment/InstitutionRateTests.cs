using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// Higher-education staff as of 2021-09-30, awarded basis, against hand counts (#20 item 1 and 2). Institutions
/// A (12 participants, 3 000 employees) and B (5 of 1 000) in Vestland, which has its own figure of 10 000;
/// C (8 of 2 000) in Rogaland, which has none of its own; D in Oslo (4 participants) without any figure.
/// County figures: Vestland 10 000 (A and B never added to it), Rogaland 2 000 (its institutions), Oslo none.
/// </summary>
public sealed class InstitutionRateTests(InstitutionRateTests.HigherEducation data) : IClassFixture<InstitutionRateTests.HigherEducation>
{
    private const string Target = "MOB-HED-STAFF";

    [Fact]
    public async Task Institution_rows_stay_out_of_a_countys_figure_and_make_it_only_where_it_has_none()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var vestland = await TargetJsonAsync(client, "/api/attainment?asOf=2021-09-30&county=46");
        var rogaland = await TargetJsonAsync(client, "/api/attainment?asOf=2021-09-30&county=11");
        var oslo = await TargetJsonAsync(client, "/api/attainment?asOf=2021-09-30&county=03");

        // Vestland 17 of 10 000 = 1.70 (of 14 000 it would be 1.21); Rogaland 8 of 2 000 = 4.00, first.
        Assert.Equal((1.70m, 2), (vestland.GetProperty("ratePer1000").GetDecimal(), vestland.GetProperty("rank").GetInt32()));
        Assert.Equal((4.00m, 1), (rogaland.GetProperty("ratePer1000").GetDecimal(), rogaland.GetProperty("rank").GetInt32()));
        // The nation: 29 participants of 12 000 = 2.42.
        Assert.Equal(2.42m, vestland.GetProperty("nationalRatePer1000").GetDecimal());
        Assert.Equal(JsonValueKind.Null, oslo.GetProperty("ratePer1000").ValueKind);
        Assert.Equal(JsonValueKind.Null, oslo.GetProperty("rank").ValueKind);
    }

    [Fact]
    public async Task The_api_gives_each_institutions_rate_and_rank_and_the_rate_of_them_all_and_a_county_view_its_own_institutions()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var national = await TargetJsonAsync(client, "/api/attainment?asOf=2021-09-30");
        var institutions = national.GetProperty("institutions").EnumerateArray()
            .ToDictionary(i => i.GetProperty("organisationId").GetInt32(), i => (i.GetProperty("participants").GetDecimal(), i.GetProperty("population").GetDecimal(),
                i.GetProperty("ratePer1000").GetDecimal(), i.GetProperty("rank").GetInt32(), i.GetProperty("county").GetString()));

        // A 12 / 3 000 = 4.00; B 5 / 1 000 = 5.00; C 8 / 2 000 = 4.00; D has no figure. All: 25 / 6 000 = 4.17.
        Assert.Equal((12m, 3_000m, 4.00m, 2, "46"), institutions[data.A.Id]);
        Assert.Equal((5m, 1_000m, 5.00m, 1, "46"), institutions[data.B.Id]);
        Assert.Equal((8m, 2_000m, 4.00m, 2, "11"), institutions[data.C.Id]);
        Assert.False(institutions.ContainsKey(data.D.Id));
        Assert.Equal(4.17m, national.GetProperty("allInstitutionsRatePer1000").GetDecimal());

        var vestland = await TargetJsonAsync(client, "/api/attainment?asOf=2021-09-30&county=46");
        Assert.Equal([data.B.Id, data.A.Id], vestland.GetProperty("institutions").EnumerateArray().Select(i => i.GetProperty("organisationId").GetInt32()));

        // A target whose group has no figures per institution has none.
        var all = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/attainment?asOf=2021-09-30", UriKind.Relative))).RootElement.GetProperty("targets").EnumerateArray();
        var vet = all.Single(t => t.GetProperty("code").GetString() == "MOB-VET-LEARNERS");
        Assert.Equal(JsonValueKind.Null, vet.GetProperty("institutions").ValueKind);
        var students = all.Single(t => t.GetProperty("code").GetString() == "MOB-HED-STUDENTS");
        Assert.Equal(JsonValueKind.Null, students.GetProperty("institutions").ValueKind);
    }

    [Fact]
    public async Task The_target_page_lists_the_institutions_rates_in_both_languages_and_a_county_view_its_own()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, $"/mal/{Target}?AsOf=2021-09-30");
        var rows = Rows(page);
        Assert.Equal(["46", "5", "1 000", "5,00", "1"], rows[data.B.Name]);
        Assert.Equal(["46", "12", "3 000", "4,00", "2"], rows[data.A.Name]);
        Assert.Equal(["11", "8", "2 000", "4,00", "2"], rows[data.C.Name]);
        Assert.False(rows.ContainsKey(data.D.Name));
        Assert.Equal("Alle lærestedene med tall: 4,17 per 1 000 i gruppen.", Clean(page.QuerySelector(".institutions-rate")!.TextContent));

        var rogaland = Rows(await AppFixture.GetDocumentAsync(client, $"/mal/{Target}?AsOf=2021-09-30&County=11"));
        Assert.Equal([data.C.Name], rogaland.Keys);

        var dashboard = await AppFixture.GetDocumentAsync(client, "/mal?AsOf=2021-09-30&County=46");
        Assert.Contains($"Lærestedene i fylket: {data.B.Name} 5,00 per 1 000 (nr. 1); {data.A.Name} 4,00 per 1 000 (nr. 2).",
            Clean(dashboard.Body!.TextContent), StringComparison.Ordinal);

        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var english = await AppFixture.GetDocumentAsync(client, $"/mal/{Target}?AsOf=2021-09-30");
        Assert.Equal("By institution", english.QuerySelector("#per-institution")!.TextContent.Trim());
        Assert.Equal(["46", "5", "1,000", "5.00", "1"], Rows(english)[data.B.Name]);
        Assert.Equal("All institutions with figures: 4.17 per 1 000 of the group.", Clean(english.QuerySelector(".institutions-rate")!.TextContent));
    }

    [Fact]
    public async Task Every_page_and_download_shows_the_same_county_rates()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        var expected = new Dictionary<string, string> { ["46"] = "1,70", ["11"] = "4,00" };

        var matrix = await AppFixture.GetDocumentAsync(client, "/fylker?AsOf=2021-09-30");
        var map = await AppFixture.GetDocumentAsync(client, $"/mal/{Target}?AsOf=2021-09-30&MapColour=rate");
        var countyTable = map.QuerySelector("table.by-county")!.QuerySelectorAll("tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td.num").Select(td => Clean(td.TextContent)).ToList());
        var machine = Reports.LibreOfficeTests.Parse(await client.GetStringAsync(new Uri("/api/attainment.csv?asOf=2021-09-30&county=46", UriKind.Relative)));
        foreach (var (county, rate) in expected)
        {
            Assert.StartsWith(rate + " per 1 000", Clean(matrix.QuerySelector($"table.county-targets tr[data-code='{Target}'] td[data-county='{county}'] .rate")!.TextContent), StringComparison.Ordinal);
            Assert.Equal(rate, map.QuerySelector($"details.map-table tr[data-county='{county}']")!.QuerySelectorAll("td.num").Select(td => Clean(td.TextContent)).ElementAt(2));
        }

        Assert.Equal("1,70", countyTable["Vestland"][1]);
        Assert.Equal("4,00", countyTable["Rogaland"][1]);
        var header = machine[0].ToList();
        Assert.Equal("1.70", machine.Single(r => r[0] == Target)[header.IndexOf("rate_per_1000")]);
    }

    [Fact]
    public async Task The_workbooks_county_sheet_has_the_institutions_rates_in_a_section_under_the_counties()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        var bytes = await Reports.StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded");

        using var workbook = new Reports.WorkbookReader(bytes);
        var rows = workbook.Rows("Fylke × mål");
        var header = rows.Single(r => r.Value.TryGetValue("B", out var b) && b.Text == "Lærested");
        var columns = header.Value.ToDictionary(c => c.Key, c => c.Value.Text!);
        var institutions = rows.Where(r => r.Key > header.Key).TakeWhile(r => r.Value.Count > 0)
            .Select(r => columns.Where(c => r.Value.ContainsKey(c.Key)).ToDictionary(c => c.Value, c => r.Value[c.Key]))
            .ToDictionary(r => r["Lærested"].Text!);
        decimal N(string name, string column) => institutions[name][column].Number;
        Assert.Equal(3, institutions.Count);
        Assert.Equal((5m, 1_000m, 5.00m, 1m, 4.17m), (N(data.B.Name, "Deltakere"), N(data.B.Name, "I gruppen"), N(data.B.Name, "Per 1 000 i gruppen"),
            N(data.B.Name, "Rangering"), N(data.B.Name, "Alle lærestedene per 1 000")));
        Assert.Equal((4.00m, 2m, "11"), (N(data.C.Name, "Per 1 000 i gruppen"), N(data.C.Name, "Rangering"), institutions[data.C.Name]["Fylkesnummer"].Text));
        // The counties' rows above it are the counties' own: Vestland 17 of 10 000.
        var vestland = workbook.Table("Fylke × mål", "Mål").Single(r => r["Kode"].Text == Target && r["Fylkesnummer"].Text == "46");
        Assert.Equal(1.70m, vestland["Per 1 000 i gruppen"].Number);
    }

    private static async Task<JsonElement> TargetJsonAsync(HttpClient client, string url) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative))).RootElement.GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("code").GetString() == Target);

    private static Dictionary<string, List<string>> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table.by-institution tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(),
            r => r.QuerySelectorAll("td").Select(td => Clean(td.TextContent)).ToList());

    private static string Clean(string text) => text.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();

    /// <summary>Four institutions, each coordinating a KA131 project awarded staff mobility in 2021, and the figures of 2021.</summary>
    public sealed class HigherEducation : AppFixture
    {
        public Organisation A { get; private set; } = null!;

        public Organisation B { get; private set; } = null!;

        public Organisation C { get; private set; } = null!;

        public Organisation D { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            A = await data.OrganisationAsync("46", OrganisationType.HigherEducationInstitution, "Universitetet A");
            B = await data.OrganisationAsync("46", OrganisationType.HigherEducationInstitution, "Høgskulen B");
            C = await data.OrganisationAsync("11", OrganisationType.HigherEducationInstitution, "Universitetet C");
            D = await data.OrganisationAsync("03", OrganisationType.HigherEducationInstitution, "Høgskolen D");
            foreach (var (institution, awarded) in new[]
            {
                (A, new Dictionary<string, int> { ["HE-STA"] = 12 }),
                (B, new Dictionary<string, int> { ["HE-STA"] = 3, ["HE-STT"] = 2 }),
                (C, new Dictionary<string, int> { ["HE-STA"] = 8, ["HE-SMS"] = 40 }),
                (D, new Dictionary<string, int> { ["HE-STT"] = 4 }),
            })
            {
                await data.ProjectAsync(institution, ProjectAction.KA131, Sector.HED, 2021, decided: new DateOnly(2021, 7, 1), awarded: awarded);
            }

            db.PopulationFigures.AddRange(
                new PopulationFigure("46", 2021, "HED-STAFF", 10_000, isDemo: false),
                new PopulationFigure("46", 2021, "HED-STAFF", 3_000, isDemo: false, A.Id),
                new PopulationFigure("46", 2021, "HED-STAFF", 1_000, isDemo: false, B.Id),
                new PopulationFigure("11", 2021, "HED-STAFF", 2_000, isDemo: false, C.Id),
                // A later year: not the year of a view as of 2021.
                new PopulationFigure("46", 2024, "HED-STAFF", 99_999, isDemo: false, A.Id));
            await db.SaveChangesAsync();
        }
    }
}

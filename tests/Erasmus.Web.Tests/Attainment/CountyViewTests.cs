using System.Net;
using System.Text;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Attainment;

/// <summary>
/// County and sector views against a small dataset counted by hand (below, in the fixture): a county is
/// shown with its figure and its share of the national figure, never judged against the national
/// target; targets outside the sector chosen are not applicable; the county matrix, the counted
/// records and every download carry the same figures and filters.
/// </summary>
public sealed class CountyViewTests(CountyViewTests.HandCountedCounties data) : IClassFixture<CountyViewTests.HandCountedCounties>
{
    private const string AsOf = "2021-09-30";

    [Fact]
    public async Task The_api_gives_a_countys_figure_and_its_share_of_the_national_figure_without_a_status()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var vestland = await TargetsAsync(client, $"/api/attainment?asOf={AsOf}&county=46");

        // VET learners: Vestland 10 + 2 (school A) + 6 (school B) = 18 of the national 18 + 8 (Rogaland) + 7 (Akershus, in Viken in 2021) = 33: 54.5 %.
        var vet = vestland["MOB-VET-LEARNERS"];
        Assert.Equal(18m, vet.GetProperty("value").GetDecimal());
        Assert.Equal(33m, vet.GetProperty("nationalValue").GetDecimal());
        Assert.Equal(54.5m, vet.GetProperty("shareOfNational").GetDecimal());
        Assert.Equal(JsonValueKind.Null, vet.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.Null, vet.GetProperty("expectedValue").ValueKind);
        Assert.Equal(JsonValueKind.Null, vet.GetProperty("percentOfTarget").ValueKind);
        Assert.Equal(JsonValueKind.Null, vet.GetProperty("projectedAt2027").ValueKind);
        Assert.StartsWith("not projected", vet.GetProperty("projectionNote").GetString(), StringComparison.Ordinal);
        Assert.True(vet.GetProperty("applicable").GetBoolean());
        // School staff: Vestland's 3 of 3 + Rogaland's 4 = 7; the 9 SM-JOB-SHDW on Vestland's VET project belong to no staff target.
        Assert.Equal((3m, 7m, 42.9m), Figures(vestland["MOB-SCH-STAFF"]));
        // Partnerships: Vestland coordinates 1 of 3 (the KA210 led from abroad counts in Rogaland, its first Norwegian partner's county).
        Assert.Equal((1m, 3m, 33.3m), Figures(vestland["PART-TOTAL"]));
        // Working life: Vestland's one Norwegian-coordinated partnership has a company partner (1 of 1, 100 %); nationally 1 of 2,
        // so Vestland holds all of the national numerator.
        Assert.Equal((100m, 50m, 100m), Figures(vestland["PART-WORKING-LIFE-SHARE"]));
    }

    [Fact]
    public async Task The_national_view_keeps_its_fields_and_meanings()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/attainment?asOf={AsOf}", UriKind.Relative))).RootElement;
        var vet = json.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "MOB-VET-LEARNERS");

        Assert.Equal(JsonValueKind.Null, json.GetProperty("realisationLagMonths").ValueKind);
        Assert.Equal(33m, vet.GetProperty("value").GetDecimal());
        // 33 of 10 000 is 0.3 %; expected by now 1 068 (day 273 of 2 556, a whole number); 3 % of that: at risk.
        Assert.Equal(0.3m, vet.GetProperty("percentOfTarget").GetDecimal());
        Assert.Equal(1068m, vet.GetProperty("expectedByNow").GetDecimal());
        Assert.Equal("AtRisk", vet.GetProperty("status").GetString());
        // After nine months it is too early to project; the pace needed is (10 000 − 33) / 6.25 years = 1 594.7, rounded up.
        Assert.Equal(JsonValueKind.Null, vet.GetProperty("projectedAt2027").ValueKind);
        Assert.StartsWith("too early to project", vet.GetProperty("projectionNote").GetString(), StringComparison.Ordinal);
        Assert.Equal(1595m, vet.GetProperty("requiredYearlyPace").GetDecimal());
        Assert.Equal(JsonValueKind.Null, vet.GetProperty("nationalValue").ValueKind);
        // Working life: 1 of 2 Norwegian-coordinated partnerships, 50 % against 15 %: reached.
        var workingLife = json.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "PART-WORKING-LIFE-SHARE");
        Assert.Equal("Reached", workingLife.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Before_2024_a_county_of_today_counts_in_its_2020_county_unless_todays_structure_is_chosen()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var viken = await TargetsAsync(client, $"/api/attainment?asOf={AsOf}&county=30");
        var akershusToday = await TargetsAsync(client, $"/api/attainment?asOf={AsOf}&county=32&structure=today");

        // The Akershus school's 7 VET learners: Viken's in the structure of 2021, Akershus's in today's; 7 of 33 is 21.2 %.
        Assert.Equal((7m, 33m, 21.2m), Figures(viken["MOB-VET-LEARNERS"]));
        Assert.Equal((7m, 33m, 21.2m), Figures(akershusToday["MOB-VET-LEARNERS"]));
    }

    [Fact]
    public async Task A_sector_view_marks_the_targets_outside_the_sector_not_applicable()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var vet = await TargetsAsync(client, $"/api/attainment?asOf={AsOf}&county=46&sector=VET");
        var nationalVet = await TargetsAsync(client, $"/api/attainment?asOf={AsOf}&sector=VET");

        foreach (var code in new[] { "MOB-SCH-PUPILS", "MOB-SCH-STAFF", "MOB-ADU-ALL", "MOB-HED-STAFF", "MOB-HED-STUDENTS" })
        {
            Assert.False(vet[code].GetProperty("applicable").GetBoolean(), code);
            Assert.Equal(JsonValueKind.Null, vet[code].GetProperty("status").ValueKind);
            Assert.False(nationalVet[code].GetProperty("applicable").GetBoolean(), code);
            Assert.Equal(JsonValueKind.Null, nationalVet[code].GetProperty("status").ValueKind);
        }

        // VET learners are VET only: nationally the VET view is the national figure, judged as such.
        Assert.Equal("AtRisk", nationalVet["MOB-VET-LEARNERS"].GetProperty("status").GetString());
        // Partnerships span every sector: the VET view shows the VET part (none of the three is VET) with its share, no status.
        Assert.Equal((0m, 3m, 0m), Figures(nationalVet["PART-TOTAL"]));
        Assert.Equal(JsonValueKind.Null, nationalVet["PART-TOTAL"].GetProperty("status").ValueKind);
    }

    [Fact]
    public async Task The_county_dashboard_never_shows_the_national_target_as_the_countys()
    {
        var client = await data.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(client, $"/mal?AsOf={AsOf}&County=46&Sector=VET");
        var figures = page.QuerySelector(".overview")!.TextContent + string.Concat(page.QuerySelectorAll(".target-card").Select(c => c.TextContent))
            + string.Concat(page.QuerySelectorAll(".target-card svg").Select(s => s.GetAttribute("aria-label")));

        Assert.DoesNotContain("av 10 000", figures.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain("I fare", figures, StringComparison.Ordinal);
        Assert.DoesNotContain("forventet nå", figures, StringComparison.Ordinal);
        var vet = Card(page, "MOB-VET-LEARNERS").Replace('\u00a0', ' ');
        Assert.Contains("18", vet, StringComparison.Ordinal);
        Assert.Contains("54,5 % av landets 33", vet, StringComparison.Ordinal);
        Assert.Contains("Gjelder ikke sektoren", Card(page, "MOB-SCH-PUPILS"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelectorAll(".target-card").Single(c => c.QuerySelector("a[href^='/mal/MOB-SCH-PUPILS?']") is not null).QuerySelector("svg"));
        var row = page.QuerySelector("table.overview-table tr[data-code='MOB-VET-LEARNERS']")!;
        Assert.Equal(["18", "33", "54,5 %"], row.QuerySelectorAll("td.num").Select(td => td.TextContent.Replace('\u00a0', ' ').Trim()));
    }

    [Fact]
    public async Task The_national_dashboard_has_an_overview_table_with_a_summary_line_and_whole_expected_values()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, $"/mal?AsOf={AsOf}");

        var row = page.QuerySelector("table.overview-table tr[data-code='MOB-VET-LEARNERS']")!;
        Assert.Equal(["10 000", "33", "0,3 %", "1 068"], row.QuerySelectorAll("td.num").Select(td => td.TextContent.Replace('\u00a0', ' ').Trim()));
        Assert.Contains("I fare", row.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^\d+ av 19 mål er nådd, foran skjema eller i rute\.$", page.QuerySelector(".overview .summary strong")!.TextContent.Trim());
        var vet = Card(page, "MOB-VET-LEARNERS").Replace('\u00a0', ' ');
        Assert.Contains("forventet nå 1 068", vet, StringComparison.Ordinal);
        Assert.DoesNotContain("1 068,", vet, StringComparison.Ordinal);
        Assert.Contains("For tidlig å fremskrive", vet, StringComparison.Ordinal);
        Assert.DoesNotContain("Fremskrevet til 2027", vet, StringComparison.Ordinal);
        var workingLife = Card(page, "PART-WORKING-LIFE-SHARE");
        Assert.Contains("Nådd", workingLife, StringComparison.Ordinal);
        Assert.DoesNotContain("Krever", workingLife, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_county_matrix_shows_every_target_by_county_with_links_to_the_records()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, $"/fylker?AsOf={AsOf}&Basis=awarded");

        var rows = page.QuerySelectorAll("table.county-targets tbody tr").ToList();
        Assert.Equal(19, rows.Count);
        // The 2020–2023 structure in 2021: 11 counties (Akershus is not one yet).
        Assert.Equal(11, page.QuerySelectorAll("table.county-targets thead th").Length - 2);
        var vestland = rows.Single(r => r.GetAttribute("data-code") == "MOB-VET-LEARNERS").QuerySelector("td[data-county='46']")!;
        Assert.Equal("18", vestland.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal("54,5 %", vestland.QuerySelector(".share")!.TextContent.Replace('\u00a0', ' ').Trim());
        Assert.StartsWith("/mal/MOB-VET-LEARNERS?AsOf=2021-09-30&Basis=awarded&Structure=asof&County=46", vestland.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);

        var vet = await AppFixture.GetDocumentAsync(client, $"/fylker?AsOf={AsOf}&Sector=VET");
        var pupils = vet.QuerySelectorAll("table.county-targets tbody tr").Single(r => r.GetAttribute("data-code") == "MOB-SCH-PUPILS");
        Assert.Contains("Gjelder ikke sektoren", pupils.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_counted_records_are_paged_sorted_filtered_and_named()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);

        var all = await AppFixture.GetDocumentAsync(client, $"/mal/MOB-VET-LEARNERS?AsOf={AsOf}&Sort=bidrag&Dir=desc");
        var vestland = await AppFixture.GetDocumentAsync(client, $"/mal/MOB-VET-LEARNERS?AsOf={AsOf}&RecordCounty=46");

        // Four projects count: 12 (school A), 8 (Rogaland), 7 (Akershus/Viken), 6 (school B), largest first.
        var rows = all.QuerySelectorAll("table.counted tbody tr").ToList();
        Assert.Equal(["12", "8", "7", "6"], rows.Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Equal("Vestland", rows[0].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("Viken", rows[2].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("Yrkesfag (VET)", rows[0].QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Equal(2, vestland.QuerySelectorAll("table.counted tbody tr").Length);
        Assert.Equal("descending", all.QuerySelectorAll("table.counted th[aria-sort]").Single(h => h.GetAttribute("aria-sort") != "none").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Downloads_carry_every_filter_in_their_names_and_header_lines()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        const string filters = "AsOf=2021-09-30&Basis=awarded&Structure=today&County=46&Sector=VET";

        var page = await AppFixture.GetDocumentAsync(client, "/mal?" + filters);
        var excel = await client.GetAsync(new Uri(Link(page, "/reports/status.xlsx"), UriKind.Relative));
        var excelCsv = await client.GetAsync(new Uri(Link(page, "/mal/tall.csv"), UriKind.Relative));
        var machine = await client.GetAsync(new Uri(Link(page, "/api/attainment.csv"), UriKind.Relative));
        var records = await client.GetAsync(new Uri($"/mal/MOB-VET-LEARNERS/poster.csv?{filters}&RecordCounty=46", UriKind.Relative));

        Assert.Equal("statusrapport-2021-09-30-tildelt-fylke-46-vestland-sektor-vet-dagens-fylker.xlsx", FileName(excel));
        Assert.Equal("maloppnaelse-2021-09-30-tildelt-fylke-46-vestland-sektor-vet-dagens-fylker.csv", FileName(excelCsv));
        Assert.Equal("maloppnaelse-2021-09-30-awarded-county-46-sector-VET-structure-today.csv", FileName(machine));
        Assert.Equal("talte-poster-mob-vet-learners-2021-09-30-tildelt-fylke-46-vestland-sektor-vet-dagens-fylker-liste-fylke-46.csv", FileName(records));

        // The CSV for Excel: a byte order mark, the filters on lines of their own, semicolons and decimal commas.
        var bytes = await excelCsv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Contains("Per dato;30.09.2021", lines);
        Assert.Contains("Grunnlag;Tildelt", lines);
        Assert.Contains("Fylke;Vestland (46)", lines);
        Assert.Contains("Sektor;Yrkesfag (VET)", lines);
        Assert.Contains("Fylkesstruktur;Dagens", lines);
        var vet = lines.Single(l => l.StartsWith("MOB-VET-LEARNERS;", StringComparison.Ordinal)).Split(';');
        // Tall 18, landets tall 33, andel 54,5.
        Assert.Equal(("18", "33", "54,5"), (vet[4], vet[14], vet[15]));
        // The machine CSV keeps its first sixteen columns and adds the filters after them.
        var machineLines = Encoding.UTF8.GetString(await machine.Content.ReadAsByteArrayAsync()).Split('\n');
        Assert.StartsWith("\uFEFFcode,area,title_nb,unit,as_of,basis,target_value,value,numerator,denominator,percent_of_target,expected_by_now,status,projected_2027,will_be_met,required_yearly_pace,county,sector,county_structure,",
            machineLines[0], StringComparison.Ordinal);
        Assert.Contains(",46,VET,today,true,33,54.5,", machineLines.Single(l => l.StartsWith("MOB-VET-LEARNERS,", StringComparison.Ordinal)), StringComparison.Ordinal);
        var recordLines = Encoding.UTF8.GetString(await records.Content.ReadAsByteArrayAsync()).Split("\r\n");
        Assert.Contains("Fylke i listen;Vestland", recordLines);
        Assert.Equal(2, recordLines.Count(l => l.StartsWith("2021-1-NO01-KA12", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task In_english_the_downloads_and_the_page_are_english()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/mal" });

        var page = await AppFixture.GetDocumentAsync(client, $"/mal?AsOf={AsOf}&County=46");
        var excel = await client.GetAsync(new Uri(Link(page, "/reports/status.xlsx"), UriKind.Relative));

        Assert.Equal("status-report-2021-09-30-awarded-county-46-vestland-all-sectors-counties-as-of-date.xlsx", FileName(excel));
        Assert.Contains("VET learners and apprentices on exchange", Card(page, "MOB-VET-LEARNERS"), StringComparison.Ordinal);
        Assert.Contains("54.5% of the national 33", Card(page, "MOB-VET-LEARNERS"), StringComparison.Ordinal);
        Assert.Contains("30/09/2021", page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
    }

    private static (decimal Value, decimal National, decimal Share) Figures(JsonElement target) =>
        (target.GetProperty("value").GetDecimal(), target.GetProperty("nationalValue").GetDecimal(), target.GetProperty("shareOfNational").GetDecimal());

    private static string Card(AngleSharp.Html.Dom.IHtmlDocument page, string code) =>
        page.QuerySelectorAll(".target-card").Single(c => c.QuerySelector($"a[href^='/mal/{code}?']") is not null).TextContent;

    private static string Link(AngleSharp.Html.Dom.IHtmlDocument page, string path) =>
        page.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")!).Single(h => h.StartsWith(path + "?", StringComparison.Ordinal));

    private static string FileName(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "";
    }

    private static async Task<Dictionary<string, JsonElement>> TargetsAsync(HttpClient client, string url)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.Clone());
    }

    /// <summary>
    /// Decided by 30 September 2021 (call 2021), awarded:
    /// Vestland (46): school A KA122 VET 10 LM-SHORT-VET + 2 LM-LONG-VET + 9 SM-JOB-SHDW; school B KA121 VET 6; KA122 SCH 3 SM-JOB-SHDW;
    /// a KA220 coordinated by a newcomer with a German company partner. Decided after the date: 5 VET (not counted).
    /// Rogaland (11): KA121 VET 8; KA122 SCH 5 LM-SHORT-PUPIL + 4 SM-JOB-SHDW; a KA220 without working life; partner in a KA210 coordinated from Spain.
    /// Akershus (32, a county from 2024; Viken in 2021): KA122 VET 7.
    /// </summary>
    public sealed class HandCountedCounties : AppFixture
    {
        /// <summary>Adds population figures to this fixture's database unless it has some already (a class's tests share it).</summary>
        public async Task AddPopulationFiguresOnceAsync(params Erasmus.Domain.Population.PopulationFigure[] figures)
        {
            await using var db = CreateDbContext();
            if (await db.PopulationFigures.AnyAsync())
            {
                return;
            }

            db.PopulationFigures.AddRange(figures);
            await db.SaveChangesAsync();
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var schoolA = await data.OrganisationAsync("46");
            var schoolB = await data.OrganisationAsync("46");
            var newcomer = await data.OrganisationAsync("46", OrganisationType.AssociationOrNgo, firstParticipationYear: null);
            var rogaland = await data.OrganisationAsync("11");
            var akershus = await data.OrganisationAsync("32");
            var company = await data.ForeignOrganisationAsync("DE", OrganisationType.Company);
            var spanish = await data.ForeignOrganisationAsync("ES", OrganisationType.UpperSecondarySchool);

            await data.ProjectAsync(schoolA, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 7, 15),
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 10, ["LM-LONG-VET"] = 2, ["SM-JOB-SHDW"] = 9 });
            await data.ProjectAsync(schoolB, ProjectAction.KA121, Sector.VET, 2021, decided: new DateOnly(2021, 8, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 6 });
            await data.ProjectAsync(schoolA, ProjectAction.KA122, Sector.SCH, 2021, decided: new DateOnly(2021, 7, 1), awarded: new Dictionary<string, int> { ["SM-JOB-SHDW"] = 3 });
            await data.ProjectAsync(schoolB, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 11, 20), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 5 });
            await data.ProjectAsync(rogaland, ProjectAction.KA121, Sector.VET, 2021, decided: new DateOnly(2021, 8, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 8 });
            await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.SCH, 2021, decided: new DateOnly(2021, 7, 1),
                awarded: new Dictionary<string, int> { ["LM-SHORT-PUPIL"] = 5, ["SM-JOB-SHDW"] = 4 });
            await data.ProjectAsync(akershus, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 7, 1), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 7 });
            await data.ProjectAsync(newcomer, ProjectAction.KA220, Sector.SCH, 2021, decided: new DateOnly(2021, 8, 20), partners: [company]);
            await data.ProjectAsync(rogaland, ProjectAction.KA220, Sector.ADU, 2021, decided: new DateOnly(2021, 8, 20), partners: [spanish]);
            await data.ProjectAsync(spanish, ProjectAction.KA210, Sector.ADU, 2021, decided: new DateOnly(2021, 8, 20), partners: [rogaland]);
        }
    }
}

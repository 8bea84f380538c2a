using System.Globalization;
using System.Net;
using System.Text;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.Web.Tests.ReferenceData;

/// <summary>
/// Population figures of higher-education institutions (#20 item 1): an institution column in both file
/// shapes, by organisation number, OID or an unambiguous name; each fault of a row named in both languages;
/// the single-figure form; what the database refuses.
/// </summary>
public sealed class InstitutionPopulationTests(InstitutionPopulationTests.Institutions data) : IClassFixture<InstitutionPopulationTests.Institutions>
{
    [Fact]
    public async Task The_plain_shape_reads_institutions_names_each_fault_of_a_row_and_saves_only_the_valid_rows_audited()
    {
        var admin = await data.SignInAsAsync(TestRoles.Administrator);
        var csv = "county;institution;year;group;value\n"
            + $"46;{data.Bergen.OrganisationNumber};2023;HED-STAFF;3 000\n"
            + $";{data.Bergen.Oid};2023;HED-STUDENTS;18 000\n"
            + $"11;{data.Bergen.OrganisationNumber};2023;HED-STAFF;100\n"
            + $"46;{data.School.OrganisationNumber};2023;HED-STAFF;100\n"
            + "46;Høgskulen på Testlandet;2023;HED-STAFF;50\n"
            + $"46;{data.Bergen.OrganisationNumber};2023;VET-LEARNERS;10\n"
            + "46;;2023;HED-STAFF;10 000\n"
            // Østfold's institution in its 2020–2023 county, Viken.
            + $"30;{data.Halden.OrganisationNumber};2023;HED-STAFF;600\n"
            + $"46;{data.Bergen.Oid};2023;HED-STAFF;3 100\n";

        var page = await AppFixture.ParseAsync(await UploadAsync(admin, csv, null));

        Assert.Contains("4 rader kan lagres; 5 rader har feil", page.QuerySelector(".summary")!.TextContent, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("tbody tr").ToDictionary(r => int.Parse(r.QuerySelector("th")!.TextContent, CultureInfo.InvariantCulture), r => r.TextContent);
        Assert.Contains($"{data.Bergen.Name} ligger i fylke 46, ikke 11.", rows[4], StringComparison.Ordinal);
        Assert.Contains($"Fant ingen institusjon i høyere utdanning med organisasjonsnummer {data.School.OrganisationNumber}.", rows[5], StringComparison.Ordinal);
        Assert.Contains("Navnet «Høgskulen på Testlandet» passer på flere institusjoner", rows[6], StringComparison.Ordinal);
        Assert.Contains("Tall for et lærested må gjelde en gruppe i høyere utdanning (HED-STAFF eller HED-STUDENTS), ikke VET-LEARNERS.", rows[7], StringComparison.Ordinal);
        Assert.Contains("Samme lærested, år og gruppe står på en tidligere rad i filen.", rows[10], StringComparison.Ordinal);
        Assert.Contains(data.Bergen.Name, rows[3], StringComparison.Ordinal);
        int auditsBefore;
        await using (var before = data.CreateDbContext())
        {
            Assert.False(await before.PopulationFigures.AnyAsync(f => f.Year == 2023), "a preview saves nothing");
            auditsBefore = await before.AuditEntries.CountAsync(e => e.EntityType == nameof(PopulationFigure));
        }

        var confirm = await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/befolkning/import/lagre", new()
        {
            ["content"] = page.QuerySelector("input[name=content]")!.GetAttribute("value")!, ["group"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await using var db = data.CreateDbContext();
        var saved = await db.PopulationFigures.Where(f => f.Year == 2023).OrderBy(f => f.CountyNumber).ThenBy(f => f.InstitutionId).ThenBy(f => f.GroupCode).ToListAsync();
        Assert.Equal(
            [("30", (int?)data.Halden.Id, "HED-STAFF", 600), ("46", null, "HED-STAFF", 10_000), ("46", data.Bergen.Id, "HED-STAFF", 3_000), ("46", data.Bergen.Id, "HED-STUDENTS", 18_000)],
            saved.Select(f => (f.CountyNumber, f.InstitutionId, f.GroupCode, f.Value)).OrderBy(x => x.CountyNumber).ThenBy(x => x.InstitutionId ?? 0).ThenBy(x => x.GroupCode));
        Assert.Equal(auditsBefore + 4, await db.AuditEntries.CountAsync(e => e.EntityType == nameof(PopulationFigure)));

        // The page shows the latest year's institution rows (other tests of the class add other years for Bergen).
        var reference = await AppFixture.GetDocumentAsync(admin, "/admin/referansedata");
        var bergen = reference.QuerySelector($"table.population-institutions tr[data-institution='{data.Bergen.Id}']")!;
        Assert.Contains(data.Bergen.Name, bergen.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_preview_names_the_same_faults_in_english()
    {
        var admin = await data.SignInAsAsync(TestRoles.Administrator);
        await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var csv = "county;institution;year;group;value\n"
            + $"11;{data.Bergen.OrganisationNumber};2025;HED-STAFF;100\n"
            + "46;E99999999;2025;HED-STAFF;100\n"
            + "46;Høgskulen på Testlandet;2025;HED-STAFF;50\n"
            + "46;Ingen slik høgskole;2025;HED-STAFF;50\n"
            + $"46;{data.Bergen.OrganisationNumber};2025;SCH-STAFF;10\n";

        var text = (await AppFixture.ParseAsync(await UploadAsync(admin, csv, null))).Body!.TextContent;

        Assert.Contains($"{data.Bergen.Name} is in county 46, not 11.", text, StringComparison.Ordinal);
        Assert.Contains("No higher-education institution has OID E99999999.", text, StringComparison.Ordinal);
        Assert.Contains("The name «Høgskulen på Testlandet» fits several institutions", text, StringComparison.Ordinal);
        Assert.Contains("No higher-education institution is called «Ingen slik høgskole». Use the organisation number or OID.", text, StringComparison.Ordinal);
        Assert.Contains("A figure for an institution must be of a higher-education group (HED-STAFF eller HED-STUDENTS), not SCH-STAFF.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_StatBank_download_of_DBH_figures_names_institutions_with_their_code_and_takes_their_county()
    {
        var admin = await data.SignInAsAsync(TestRoles.Administrator);
        var csv = "\"Ansatte ved universiteter og høgskoler, etter institusjon, år og statistikkvariabel\"\r\n\r\n"
            + "\"institusjon\";\"år\";\"Ansatte (antall)\"\r\n"
            + $"\"1120 {data.Bergen.Name}\";\"2026\";3050\r\n"
            + "\"1999 Ukjent høgskole\";\"2026\";10\r\n";

        var page = await AppFixture.ParseAsync(await UploadAsync(admin, csv, "HED-STAFF"));
        Assert.Contains("1 rader kan lagres; 1 rader har feil", page.QuerySelector(".summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fant ingen institusjon i høyere utdanning som heter «1999 Ukjent høgskole»", page.Body!.TextContent, StringComparison.Ordinal);
        await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/befolkning/import/lagre", new()
        {
            ["content"] = page.QuerySelector("input[name=content]")!.GetAttribute("value")!, ["group"] = "HED-STAFF",
        });

        await using (var db = data.CreateDbContext())
        {
            var saved = await db.PopulationFigures.SingleAsync(f => f.Year == 2026);
            Assert.Equal(("46", (int?)data.Bergen.Id, "HED-STAFF", 3_050), (saved.CountyNumber, saved.InstitutionId, saved.GroupCode, saved.Value));
        }

        // The same file for a group that is not kept per institution: every row says so.
        var wrongGroup = await AppFixture.ParseAsync(await UploadAsync(admin, csv, "VET-LEARNERS"));
        Assert.Contains("0 rader kan lagres; 2 rader har feil", wrongGroup.QuerySelector(".summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, wrongGroup.QuerySelectorAll("tbody tr").Count(r => r.TextContent.Contains("ikke VET-LEARNERS", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("VET-LEARNERS", "46", "InstitutionId", "gruppe i høyere utdanning")]
    [InlineData("HED-STAFF", "11", "CountyNumber", "ligger i fylke 46, ikke 11")]
    [InlineData("HED-STAFF", "", "CountyNumber", "Velg et fylke")]
    public async Task A_single_institution_figure_that_does_not_fit_is_refused_beside_its_field_and_nothing_is_written(string group, string county, string field, string message)
    {
        var admin = await data.SignInAsAsync(TestRoles.Administrator);
        await using var before = data.CreateDbContext();
        var count = await before.PopulationFigures.CountAsync();

        var response = await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/befolkning", new()
        {
            ["CountyNumber"] = county, ["InstitutionId"] = data.Bergen.Id.ToString(CultureInfo.InvariantCulture), ["Year"] = "2024", ["GroupCode"] = group, ["Value"] = "500",
        });
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        await using var after = data.CreateDbContext();
        Assert.Equal(count, await after.PopulationFigures.CountAsync());
    }

    [Fact]
    public async Task The_single_form_sets_and_corrects_an_institution_figure_beside_the_countys_own()
    {
        var admin = await data.SignInAsAsync(TestRoles.Administrator);
        foreach (var (institution, value) in new[] { (data.Bergen.Id.ToString(CultureInfo.InvariantCulture), "700"), ("", "9000"), (data.Bergen.Id.ToString(CultureInfo.InvariantCulture), "750") })
        {
            var response = await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/befolkning", new()
            {
                ["CountyNumber"] = "46", ["InstitutionId"] = institution, ["Year"] = "2022", ["GroupCode"] = "HED-STUDENTS", ["Value"] = value,
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var db = data.CreateDbContext();
        var figures = await db.PopulationFigures.Where(f => f.Year == 2022).OrderBy(f => f.InstitutionId).ToListAsync();
        Assert.Equal([((int?)data.Bergen.Id, 750), (null, 9_000)], figures.Select(f => (f.InstitutionId, f.Value)).OrderBy(x => x.InstitutionId is null));
    }

    [Fact]
    public async Task The_database_refuses_an_institution_row_of_another_group_a_second_county_row_and_an_unknown_institution()
    {
        await using var db = data.CreateDbContext();
        var id = data.Bergen.Id;

        var group = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync(
            $"INSERT INTO population_figures (county_number, institution_id, year, group_code, value, is_demo) VALUES ('46', {id}, 2019, 'VET-LEARNERS', 1, false)"));
        Assert.Equal("ck_population_figures_institution_group", group.ConstraintName);

        await db.Database.ExecuteSqlRawAsync("INSERT INTO population_figures (county_number, year, group_code, value, is_demo) VALUES ('18', 2019, 'HED-STAFF', 1, false)");
        var twice = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO population_figures (county_number, year, group_code, value, is_demo) VALUES ('18', 2019, 'HED-STAFF', 2, false)"));
        Assert.Equal((PostgresErrorCodes.UniqueViolation, "ix_population_figures_county_institution_year_group"), (twice.SqlState, twice.ConstraintName));
        // The county's own row and an institution's of the same county, year and group live side by side.
        await db.Database.ExecuteSqlAsync($"INSERT INTO population_figures (county_number, institution_id, year, group_code, value, is_demo) VALUES ('18', {id}, 2019, 'HED-STAFF', 3, false)");

        var unknown = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO population_figures (county_number, institution_id, year, group_code, value, is_demo) VALUES ('46', 2147483000, 2019, 'HED-STAFF', 1, false)"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, unknown.SqlState);
    }

    [Fact]
    public async Task An_institution_with_figures_is_not_deleted_and_its_delete_page_says_why()
    {
        // Analysts (and the county's coordinators) delete organisations; administrators manage reference data.
        var analyst = await data.SignInAsAsync(TestRoles.Analyst);
        await using (var db = data.CreateDbContext())
        {
            db.PopulationFigures.Add(new PopulationFigure("31", 2018, "HED-STUDENTS", 7_000, isDemo: false, data.Halden.Id));
            await db.SaveChangesAsync();
        }

        var page = await AppFixture.GetDocumentAsync(analyst, $"/organisasjoner/{data.Halden.Id}/slett");

        Assert.Contains("befolkningstall som lærested", page.QuerySelector(".dependents")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action$='/slett'] button.danger"));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string? group)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/admin/referansedata");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "befolkning.csv" },
        };
        if (group is not null)
        {
            form.Add(new StringContent(group), "group");
        }

        return await client.PostAsync("/admin/referansedata/befolkning/import", form);
    }

    /// <summary>Two institutions with numbers, two sharing a name, one in Østfold (Viken before 2024), and a school.</summary>
    public sealed class Institutions : AppFixture
    {
        public Organisation Bergen { get; private set; } = null!;

        public Organisation Halden { get; private set; } = null!;

        public Organisation School { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            Bergen = await data.OrganisationAsync("46", OrganisationType.HigherEducationInstitution, "Universitetet i Testbyen");
            Halden = await data.OrganisationAsync("31", OrganisationType.HigherEducationInstitution, "Høgskolen i Testdalen");
            await data.OrganisationAsync("46", OrganisationType.HigherEducationInstitution, "Høgskulen på Testlandet");
            await data.OrganisationAsync("15", OrganisationType.HigherEducationInstitution, "Høgskulen på Testlandet");
            School = await data.OrganisationAsync("46");
        }
    }
}

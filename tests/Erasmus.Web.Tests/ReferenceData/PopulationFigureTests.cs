using System.Net;
using System.Text;
using Erasmus.Domain.Population;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.ReferenceData;

public sealed class PopulationFigureTests(AppFixture app) : IClassFixture<AppFixture>
{
    // As StatBank downloads it "with heading": a title line, a blank line, quoted headers, semicolons.
    private const string StatBank = "\"Elever i videregående, etter region, år og statistikkvariabel\"\r\n\r\n"
        + "\"region\";\"år\";\"Elever og lærlinger (antall)\"\r\n"
        + "\"46 Vestland\";\"2030\";14210\r\n"
        + "\"03 Oslo\";\"2030\";12850\r\n"
        + "\"4601 Bergen\";\"2030\";5120\r\n"
        + "\"18 Nordland\";\"2030\";..\r\n";

    [Fact]
    public async Task A_StatBank_download_is_previewed_with_its_row_errors_and_only_its_valid_rows_are_saved_and_audited()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);

        var preview = await UploadAsync(admin, StatBank, "VET-LEARNERS");
        var page = await AppFixture.ParseAsync(preview);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("2 rader kan lagres; 2 rader har feil", page.QuerySelector(".summary")!.TextContent, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("«4601 Bergen» er ikke et fylkesnummer", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Tallet mangler", StringComparison.Ordinal));
        int auditsBefore;
        await using (var before = app.CreateDbContext())
        {
            Assert.False(await before.PopulationFigures.AnyAsync(f => f.GroupCode == "VET-LEARNERS"), "a preview saves nothing");
            auditsBefore = await before.AuditEntries.CountAsync(e => e.EntityType == nameof(PopulationFigure));
        }

        var confirm = await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/befolkning/import/lagre", new()
        {
            ["content"] = page.QuerySelector("input[name=content]")!.GetAttribute("value")!, ["group"] = "VET-LEARNERS",
        });

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await using var db = app.CreateDbContext();
        var saved = await db.PopulationFigures.Where(f => f.GroupCode == "VET-LEARNERS").OrderBy(f => f.CountyNumber).ToListAsync();
        Assert.Equal([("03", 2030, "VET-LEARNERS", 12_850), ("46", 2030, "VET-LEARNERS", 14_210)],
            saved.Select(f => (f.CountyNumber, f.Year, f.GroupCode, f.Value)));
        Assert.All(saved, f => Assert.False(f.IsDemo));
        Assert.Equal(auditsBefore + 2, await db.AuditEntries.CountAsync(e => e.EntityType == nameof(PopulationFigure)));

        var reference = await AppFixture.GetDocumentAsync(admin, "/admin/referansedata");
        Assert.Contains("14 210", reference.QuerySelector("#population")!.ParentElement!.TextContent.Replace('\u00A0', ' ').Replace('\u202F', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_shape_corrects_an_existing_figure_and_reports_unknown_groups_and_implausible_values()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        await using (var seed = app.CreateDbContext())
        {
            seed.PopulationFigures.Add(new PopulationFigure("50", 2024, "HED-STUDENTS", 1, isDemo: true));
            await seed.SaveChangesAsync();
        }

        var preview = await UploadAsync(admin, "county;year;group;value\n50;2024;HED-STUDENTS;41 500\n50;2024;NOPE;3\n11;2024;SCH-STAFF;9000000\n11;1999;SCH-STAFF;900\n", null);
        var page = await AppFixture.ParseAsync(preview);
        Assert.Contains("1 rader kan lagres; 3 rader har feil", page.QuerySelector(".summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("«NOPE» er ikke en gruppe", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tallet må være mellom 0 og 2 000 000.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Året må være mellom 2014 og 2035.", page.Body!.TextContent, StringComparison.Ordinal);

        await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/befolkning/import/lagre", new()
        {
            ["content"] = page.QuerySelector("input[name=content]")!.GetAttribute("value")!, ["group"] = "",
        });

        await using var db = app.CreateDbContext();
        var figure = await db.PopulationFigures.SingleAsync(f => f.CountyNumber == "50" && f.GroupCode == "HED-STUDENTS");
        Assert.Equal(41_500, figure.Value);
        Assert.False(figure.IsDemo);
        Assert.False(await db.PopulationFigures.AnyAsync(f => f.CountyNumber == "11"));
    }

    [Fact]
    public async Task A_StatBank_file_without_a_group_chosen_is_refused_with_a_message()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);

        var page = await AppFixture.ParseAsync(await UploadAsync(admin, StatBank, ""));

        Assert.Contains("velg hvilken gruppe", page.QuerySelector("#file-error")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("46", "2024", "VET-LEARNERS", "-5", "Value", "mellom 0 og 2 000 000")]
    [InlineData("46", "2040", "VET-LEARNERS", "5", "Year", "mellom 2014 og 2035")]
    [InlineData("99", "2024", "VET-LEARNERS", "5", "CountyNumber", "Velg et fylke")]
    public async Task A_single_implausible_figure_is_refused_beside_its_field_and_nothing_is_written(string county, string year, string group, string value, string field, string message)
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        await using var before = app.CreateDbContext();
        var count = await before.PopulationFigures.CountAsync();

        var response = await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/befolkning", new()
        {
            ["CountyNumber"] = county, ["Year"] = year, ["GroupCode"] = group, ["Value"] = value,
        });
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        await using var after = app.CreateDbContext();
        Assert.Equal(count, await after.PopulationFigures.CountAsync());
    }

    [Fact]
    public async Task The_database_refuses_an_implausible_figure_too()
    {
        await using var db = app.CreateDbContext();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO population_figures (county_number, year, group_code, value, is_demo) VALUES ('46', 2024, 'VET-LEARNERS', -1, false)"));
        Assert.Contains("ck_population_figures_value", error.Message, StringComparison.Ordinal);
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
}

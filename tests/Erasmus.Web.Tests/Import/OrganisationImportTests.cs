using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Issue #21 item 2: organisations in the shape of the Commission's organisation registration export, with
/// the same staging, preview, per-row errors, county scope, all-or-nothing confirmation and audit as the
/// mobility import, from CSV and from .xlsx, with headers as the export writes them or in bokmål.
/// </summary>
public sealed class OrganisationImportTests(OrganisationImportTests.Records records) : IClassFixture<OrganisationImportTests.Records>
{
    // As the Commission's export writes them, with a column the import does not use.
    private static readonly string[] Header = ["OID", "Legal Name", "Business Name", "Country", "City", "Registration Number", "Organisation Type", "County"];

    private static string[] Row(string? oid, string name, string country, string city, string? number, string type, string county) =>
        [oid ?? "", name, "", country, city, number ?? "", type, county];

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Organisations_are_previewed_by_the_form_rules_and_confirmed_with_an_audit_entry(string format)
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var client = await records.SignInAsync(email);
        var (school, german, changed, unchanged) = await records.SavedAsync();
        var (newOid, newNumber, foreignOid) = (TestData.NewOid(), TestData.NewOrganisationNumber(), TestData.NewOid());
        var rows = new List<string[]>
        {
            Row(newOid, "Ny skole " + format, "Norge", "Bergen", newNumber, "Videregående skole", "Vestland"),
            Row(foreignOid, "Hochschule " + format, "Tyskland", "Köln", null, "Higher education institution (tertiary level)", ""),
            Row(changed.Oid, changed.Name, "NO", "Voss", changed.OrganisationNumber, "Upper secondary school", "46"),
            Row(unchanged.Oid, unchanged.Name, "NO", unchanged.Municipality!, unchanged.OrganisationNumber, "Videregående skole", "46"),
            Row(TestData.NewOid(), "Uten fylke", "NO", "Oslo", TestData.NewOrganisationNumber(), "Kommune", ""),
            Row(TestData.NewOid(), "Feil nummer", "NO", "Oslo", "974760674", "Kommune", "03"),
            Row(TestData.NewOid(), "Rar type", "NO", "Oslo", TestData.NewOrganisationNumber(), "Romskip", "03"),
            Row(TestData.NewOid(), "Utenlandsk med fylke", "SE", "Lund", null, "Company", "46"),
            Row(newOid, "Samme OID igjen", "NO", "Bergen", TestData.NewOrganisationNumber(), "Kommune", "46"),
            Row(school.Oid, "Blandet", "NO", "Bergen", german.OrganisationNumber ?? changed.OrganisationNumber, "Kommune", "46"),
            Row("E123", "Kort OID", "NO", "Bergen", TestData.NewOrganisationNumber(), "Kommune", "46"),
            Row(TestData.NewOid(), "Ukjent land", "Atlantis", "", null, "Company", ""),
        };
        var id = await UploadAndReadAsync(client, "organisasjoner." + format, Build(format, Header, rows), "Organisations");

        var preview = await PreviewAsync(client, id);
        Assert.Equal("2 nye, 1 endret, 1 uendret, 8 avvist", Summary(preview));
        var rejected = Rejected(preview);
        Assert.Equal([6, 7, 8, 9, 10, 11, 12, 13], rejected.Select(r => r.Row).Distinct());
        Assert.Contains((6, "County", "Norske organisasjoner må ha et fylke."), rejected);
        Assert.Contains(rejected, r => r.Row == 7 && r.Column == "Registration Number" && r.Message.Contains("kontrollsiffer", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(rejected, r => r.Row == 8 && r.Column == "Organisation Type" && r.Message.StartsWith("Ukjent organisasjonstype «Romskip». Gyldige verdier: Kindergarten (Barnehage), ", StringComparison.Ordinal));
        Assert.Contains((9, "County", "Bare norske organisasjoner har fylke."), rejected);
        Assert.Contains(rejected, r => r.Row == 10 && r.Message == $"OID {newOid} står også i rad 2. Hver organisasjon kan bare stå én gang i filen.");
        Assert.Contains(rejected, r => r.Row == 11 && r.Column == "Registration Number" && r.Message.StartsWith($"OID {school.Oid} er registrert på", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Row == 12 && r.Column == "OID");
        Assert.Contains(rejected, r => r.Row == 13 && r.Column == "Country" && r.Message.Contains("Gyldige landkoder: ", StringComparison.Ordinal) && r.Message.Contains("DE", StringComparison.Ordinal));
        var changes = (await PreviewAsync(client, id, PreviewList.Changed)).QuerySelector("#rows tbody tr")!.TextContent;
        Assert.Contains("Kommune: Bergen → Voss", changes, StringComparison.Ordinal);

        await ConfirmAsync(client, id);

        await using var db = records.CreateDbContext();
        var created = await db.Organisations.AsNoTracking().SingleAsync(o => o.Oid == newOid);
        Assert.Equal(("Ny skole " + format, OrganisationType.UpperSecondarySchool, "NO", newNumber, "46", "Bergen", email),
            (created.Name, created.Type, created.CountryCode, created.OrganisationNumber, created.CountyNumber, created.Municipality, created.CreatedBy));
        var foreign = await db.Organisations.AsNoTracking().SingleAsync(o => o.Oid == foreignOid);
        Assert.Equal(("DE", OrganisationType.HigherEducationInstitution, (string?)null, (string?)null), (foreign.CountryCode, foreign.Type, foreign.CountyNumber, foreign.Municipality));
        var after = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == changed.Id);
        Assert.Equal(("Voss", email), (after.Municipality, after.UpdatedBy));
        Assert.False(await db.Organisations.AnyAsync(o => o.Name == "Uten fylke" || o.Name == "Feil nummer" || o.Name == "Rar type" || o.Name == "Samme OID igjen" || o.Name == "Blandet"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Organisation) && a.EntityKey == created.Id.ToString(CultureInfo.InvariantCulture) && a.UserName == email));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ImportBatch) && a.EntityKey == id.ToString() && a.UserName == email));

        // The same file again: nothing new or changed any more.
        var again = await UploadAndReadAsync(client, "organisasjoner." + format, Build(format, Header, rows[..4]), "Organisations");
        Assert.Equal("0 nye, 0 endret, 4 uendret, 0 avvist", Summary(await PreviewAsync(client, again)));
    }

    [Fact]
    public async Task Bokmal_headers_and_names_are_read_like_the_export()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var oid = TestData.NewOid();
        var file = TestWorkbook.From(["Organisasjons-ID", "Juridisk navn", "Land", "Kommune", "Organisasjonsnummer", "Organisasjonstype", "Fylke", "Første deltakelsesår"],
            [[oid, "Nordland fylkeskommune test", "Norway", "Bodø", TestData.NewOrganisationNumber(), "Public body (regional)", "18", 2016.0]]).Build();

        var id = await UploadAndReadAsync(client, "org.xlsx", file, "Organisations");
        Assert.Equal("1 nye, 0 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
        await ConfirmAsync(client, id);

        await using var db = records.CreateDbContext();
        var saved = await db.Organisations.AsNoTracking().SingleAsync(o => o.Oid == oid);
        Assert.Equal((OrganisationType.CountyAuthority, "18", "Bodø", (int?)2016), (saved.Type, saved.CountyNumber, saved.Municipality, saved.FirstParticipationYear));
    }

    /// <summary>The import page tells a coordinator what each kind's county scope is, not the projects' rule for every kind.</summary>
    [Theory]
    [InlineData("organisasjoner", "registrere norske organisasjoner i ditt fylke og utenlandske organisasjoner")]
    [InlineData("akkrediteringer", "bare akkrediteringer der innehaveren og nye konsortiemedlemmer hører til ditt fylke")]
    [InlineData("prosjekter", "bare rader for prosjekter i ditt fylke")]
    [InlineData("mobiliteter", "bare rader for prosjekter i ditt fylke")]
    public async Task The_import_page_states_the_coordinators_scope_for_each_kind(string type, string scope)
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(client, "/import?type=" + type);

        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Du er fylkeskoordinator for Vestland", text, StringComparison.Ordinal);
        Assert.Contains(scope, text, StringComparison.Ordinal);
    }

    /// <summary>A coordinator registers in their own county, never in a dissolved one (decision 8), and changes only their county's organisations; unchanged rows pass.</summary>
    [Fact]
    public async Task A_coordinator_imports_only_organisations_of_their_county()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var (_, _, _, unchanged) = await records.SavedAsync();
        Organisation rogaland, german;
        await using (var setup = records.CreateDbContext())
        {
            rogaland = await new TestData(setup).OrganisationAsync("11");
            german = await new TestData(setup).ForeignOrganisationAsync();
        }

        var (own, foreignNew) = (TestData.NewOid(), TestData.NewOid());
        var file = Csv(Header,
        [
            Row(own, "Egen skole", "NO", "Bergen", TestData.NewOrganisationNumber(), "Grunnskole", "46"),
            Row(foreignNew, "Ny partner", "DK", "Aarhus", null, "Company", ""),
            Row(unchanged.Oid, unchanged.Name, "NO", unchanged.Municipality!, unchanged.OrganisationNumber, "Videregående skole", "46"),
            Row(rogaland.Oid, rogaland.Name, "NO", rogaland.Municipality!, rogaland.OrganisationNumber, "Videregående skole", "11"),
            Row(TestData.NewOid(), "Annet fylke", "NO", "Stavanger", TestData.NewOrganisationNumber(), "Grunnskole", "11"),
            Row(TestData.NewOid(), "Viken-skole", "NO", "Drammen", TestData.NewOrganisationNumber(), "Grunnskole", "Viken"),
            Row(rogaland.Oid, rogaland.Name, "NO", "Sandnes", rogaland.OrganisationNumber, "Videregående skole", "11"),
            Row(german.Oid, german.Name + " AG", "DE", "", null, "Company", ""),
        ]);

        var id = await UploadAndReadAsync(client, "fylke.csv", file, "Organisations");

        var preview = await PreviewAsync(client, id);
        Assert.Equal("2 nye, 0 endret, 2 uendret, 4 avvist", Summary(preview));
        var rejected = Rejected(preview);
        Assert.Contains((6, "County", "Du kan bare registrere organisasjoner i ditt eget fylke."), rejected);
        Assert.Contains((7, "County", "Organisasjoner i fylker som ble oppløst i 2024, registreres av HK-dir. Velg ditt eget fylke."), rejected);
        Assert.Contains(rejected, r => r.Row == 8 && r.Message.StartsWith($"Organisasjonen {rogaland.Name} hører til Rogaland, ikke ditt fylke (Vestland).", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Row == 9 && r.Message.Contains("er utenlandsk og hører ikke til noe fylke", StringComparison.Ordinal));

        await ConfirmAsync(client, id);
        await using var db = records.CreateDbContext();
        Assert.Equal(2, await db.Organisations.CountAsync(o => o.Oid == own || o.Oid == foreignNew));
        Assert.Equal(rogaland.Municipality, (await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == rogaland.Id)).Municipality);
    }

    /// <summary>Plausible values: a first participation year outside 1987–2027 is refused at preview with the entity's message.</summary>
    [Fact]
    public async Task Implausible_years_are_refused_at_preview()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        string[] header = [.. Header, "First Participation Year"];
        var file = Csv(header,
        [
            [.. Row(TestData.NewOid(), "Gammel skole", "NO", "Bergen", TestData.NewOrganisationNumber(), "Grunnskole", "46"), "1900"],
            [.. Row(TestData.NewOid(), "Fremtidig skole", "NO", "Bergen", TestData.NewOrganisationNumber(), "Grunnskole", "46"), "2031"],
            [.. Row(TestData.NewOid(), "Ikke et år", "NO", "Bergen", TestData.NewOrganisationNumber(), "Grunnskole", "46"), "tidlig"],
        ]);

        var id = await UploadAndReadAsync(client, "år.csv", file, "Organisations");

        var rejected = Rejected(await PreviewAsync(client, id));
        Assert.Equal(
        [
            (2, "First Participation Year", "Første deltakelsesår må være mellom 1987 og 2027."),
            (3, "First Participation Year", "Første deltakelsesår må være mellom 1987 og 2027."),
            (4, "First Participation Year", "Første deltakelsesår må være et helt tall (fikk «tidlig»)."),
        ], rejected);
    }

    /// <summary>All or nothing: a database error on the last insert of the confirmation leaves every organisation as it was.</summary>
    [Fact]
    public async Task A_failure_half_way_through_the_confirmation_saves_nothing()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var (_, _, changed, _) = await records.SavedAsync();
        var (first, last) = (TestData.NewOid(), TestData.NewOid());
        var file = Csv(Header,
        [
            Row(first, "Første nye", "NO", "Bergen", TestData.NewOrganisationNumber(), "Grunnskole", "46"),
            Row(changed.Oid, changed.Name, "NO", "Endret by", changed.OrganisationNumber, "Videregående skole", "46"),
            Row(last, "Siste nye", "NO", "Bergen", TestData.NewOrganisationNumber(), "Grunnskole", "46"),
        ]);
        var id = await UploadAndReadAsync(client, "halvveis.csv", file, "Organisations");
        Assert.Equal("2 nye, 1 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(client, id)));

        await ExecuteAsync($"ALTER TABLE organisations ADD CONSTRAINT test_refuse_org CHECK (oid IS NULL OR oid <> '{last}') NOT VALID");
        try
        {
            await ConfirmAsync(client, id);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE organisations DROP CONSTRAINT test_refuse_org");
        }

        var batch = await BatchAsync(records, id);
        Assert.Equal(ImportStatus.Ready, batch.Status);
        await using (var db = records.CreateDbContext())
        {
            Assert.False(await db.Organisations.AnyAsync(o => o.Oid == first || o.Oid == last));
            Assert.Equal(changed.Municipality, (await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == changed.Id)).Municipality);
            Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ImportBatch) && a.EntityKey == id.ToString()));
        }

        await ConfirmAsync(client, id);
        Assert.Equal(ImportStatus.Confirmed, (await BatchAsync(records, id)).Status);
    }

    /// <summary>The import page and the template of the new kinds: the columns documented, and the organisation template's example row imports as it is.</summary>
    [Fact]
    public async Task The_templates_document_the_columns_and_the_example_row_imports()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        foreach (var (type, columns) in new[] { ("organisasjoner", OrganisationColumns.All), ("akkrediteringer", AccreditationColumns.All) })
        {
            var page = await AppFixture.GetDocumentAsync(client, "/import?type=" + type);
            Assert.Equal(columns.Select(c => c.English), page.QuerySelectorAll("table.list tbody tr td:first-child").Select(td => td.TextContent).Take(columns.Count));
            var xlsx = await client.GetAsync(new Uri("/import/mal?type=" + type, UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal($"mal-{type}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
            var csv = await client.GetStringAsync(new Uri($"/import/mal?type={type}&format=csv", UriKind.Relative));
            Assert.Equal(string.Join(",", columns.Select(c => c.English)), csv.TrimStart('\uFEFF').Split("\r\n")[0]);
        }

        var organisationTemplate = await client.GetByteArrayAsync(new Uri("/import/mal?type=organisasjoner&format=csv", UriKind.Relative));
        var id = await UploadAndReadAsync(client, "mal.csv", organisationTemplate, "Organisations");
        Assert.Equal("1 nye, 0 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(records.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static byte[] Build(string format, string[] header, IEnumerable<string[]> rows) => format == "csv"
        ? Csv(header, rows)
        : TestWorkbook.From(header, rows.Select(r => r.Select(v => (object?)v).ToArray())).Build();

    public sealed class Records : AppFixture
    {
        /// <summary>Fresh organisations for one test: a Vestland school, a German partner, one to change and one to leave as it is.</summary>
        public async Task<(Organisation School, Organisation German, Organisation Changed, Organisation Unchanged)> SavedAsync()
        {
            await using var db = CreateDbContext();
            var data = new TestData(db);
            return (await data.OrganisationAsync("46"), await data.ForeignOrganisationAsync(), await data.OrganisationAsync("46"), await data.OrganisationAsync("46"));
        }
    }
}

using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Issue #21 item 2: accreditations with their consortium members (by OID or organisation number), with the
/// accreditation form's rules, county scope, the all-or-nothing confirmation and audit, from CSV and .xlsx;
/// and the project import naming organisations by organisation number.
/// </summary>
public sealed class AccreditationImportTests(AccreditationImportTests.Records records) : IClassFixture<AccreditationImportTests.Records>
{
    private static readonly string[] Header =
        ["Accreditation Code", "Sector", "Holder OID", "Consortium", "Valid From", "Valid To", "Status", "Decision Date", "Consortium Members"];

    private static string NewCode(string sector = "VET") => $"2021-1-NO01-KA120-{sector}-{TestData.NextSerial():D9}";

    private static string[] Row(string code, string holder, params (string Column, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Accreditation Code"] = code, ["Sector"] = "", ["Holder OID"] = holder, ["Consortium"] = "", ["Valid From"] = "2021-03-01",
            ["Valid To"] = "2027-12-31", ["Status"] = "Aktiv", ["Decision Date"] = "2021-02-15", ["Consortium Members"] = "",
        };
        foreach (var (column, value) in overrides)
        {
            values[column] = value;
        }

        return [.. Header.Select(h => values[h])];
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Accreditations_are_previewed_by_the_form_rules_and_confirmed_with_their_members(string format)
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var client = await records.SignInAsync(email);
        Accreditation existing;
        await using (var setup = records.CreateDbContext())
        {
            existing = await new TestData(setup).AccreditationAsync(await setup.Organisations.SingleAsync(o => o.Id == records.Holder.Id));
        }

        var (consortium, single) = (NewCode(), NewCode("SCH"));
        var rows = new List<string[]>
        {
            Row(consortium, records.Holder.Oid!, ("Consortium", "Ja"), ("Consortium Members", $"{records.Member.Oid}; {records.NumberedMember.OrganisationNumber}")),
            Row(single, records.Holder.OrganisationNumber!, ("Status", "Active")),
            Row(existing.Code, records.Holder.Oid!, ("Valid From", existing.ValidFrom.ToString("yyyy-MM-dd")), ("Valid To", "2027-12-31"),
                ("Decision Date", existing.DecisionDate.ToString("yyyy-MM-dd")), ("Status", "Suspendert")),
            Row("2021-1-NO01-KA121-VET-000000001", records.Holder.Oid!),
            Row(NewCode(), records.Holder.Oid!, ("Sector", "Skole")),
            Row(NewCode(), records.German.Oid!),
            Row(NewCode(), records.Holder.Oid!, ("Consortium", "Nei"), ("Consortium Members", records.Member.Oid!)),
            Row(NewCode(), records.Holder.Oid!, ("Valid From", "2022-01-01"), ("Valid To", "2021-01-01")),
            Row(NewCode(), records.Holder.Oid!, ("Decision Date", "1890-01-01")),
            Row(NewCode(), records.Holder.Oid!, ("Consortium", "Ja"), ("Consortium Members", $"{records.Member.Oid}; {records.Holder.Oid}")),
            Row(NewCode(), records.Holder.Oid!, ("Status", "Halvveis")),
            Row(consortium, records.Holder.Oid!),
        };

        var id = await UploadAndReadAsync(client, "akkrediteringer." + format, OrganisationImportTests.Build(format, Header, rows), "Accreditations");

        var preview = await PreviewAsync(client, id);
        Assert.Equal("2 nye, 1 endret, 0 uendret, 9 avvist", Summary(preview));
        var rejected = Rejected(preview);
        Assert.Contains(rejected, r => r.Row == 5 && r.Column == "Accreditation Code" && r.Message.StartsWith("Akkrediteringsnummeret", StringComparison.Ordinal));
        Assert.Contains((6, "Sector", "Sektoren må stemme med akkrediteringskoden (VET)."), rejected);
        Assert.Contains((7, "Holder OID", "Innehaveren må være en norsk organisasjon."), rejected);
        Assert.Contains((8, "Consortium Members", "Bare et konsortium kan ha medlemmer."), rejected);
        Assert.Contains((9, "Valid To", "Gyldig til kan ikke være før gyldig fra."), rejected);
        Assert.Contains(rejected, r => r.Row == 10 && r.Column == "Decision Date" && r.Message.StartsWith("Vedtaksdato må være mellom", StringComparison.Ordinal));
        Assert.Contains((11, "Consortium Members", "Innehaveren kan ikke også være konsortiemedlem. Fjern den fra medlemmene."), rejected);
        Assert.Contains(rejected, r => r.Row == 12 && r.Column == "Status" && r.Message.StartsWith("Ukjent status «Halvveis». Gyldige verdier: Active (Aktiv), Suspended (Suspendert)", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Row == 13 && r.Message == $"Akkrediteringen {consortium} står også i rad 2. Hver akkreditering kan bare stå én gang i filen.");

        await ConfirmAsync(client, id);

        await using var db = records.CreateDbContext();
        var created = await db.Accreditations.AsNoTracking().Include(a => a.Members).SingleAsync(a => a.Code == consortium);
        Assert.Equal((records.Holder.Id, true, Sector.VET, email), (created.HolderId, created.IsConsortium, created.Sector, created.CreatedBy));
        Assert.Equal(new[] { records.Member.Id, records.NumberedMember.Id }.Order(), created.Members.Select(m => m.OrganisationId).Order());
        Assert.Equal(Sector.SCH, (await db.Accreditations.AsNoTracking().SingleAsync(a => a.Code == single)).Sector);
        Assert.Equal(AccreditationStatus.Suspended, (await db.Accreditations.AsNoTracking().SingleAsync(a => a.Id == existing.Id)).Status);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ImportBatch) && a.EntityKey == id.ToString() && a.UserName == email));
    }

    [Fact]
    public async Task A_coordinator_imports_only_accreditations_of_their_county()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        Accreditation theirs;
        await using (var setup = records.CreateDbContext())
        {
            theirs = await new TestData(setup).AccreditationAsync(await setup.Organisations.SingleAsync(o => o.Id == records.Rogaland.Id));
        }

        var own = NewCode();
        var file = Csv(Header,
        [
            Row(own, records.Holder.Oid!, ("Consortium Members", records.Member.Oid!)),
            Row(NewCode(), records.Rogaland.Oid!),
            Row(NewCode(), records.Holder.Oid!, ("Consortium Members", records.Rogaland.Oid!)),
            Row(theirs.Code, records.Rogaland.Oid!, ("Status", "Withdrawn")),
        ]);

        var id = await UploadAndReadAsync(client, "fylke.csv", file, "Accreditations");

        var preview = await PreviewAsync(client, id);
        Assert.Equal("1 nye, 0 endret, 0 uendret, 3 avvist", Summary(preview));
        var rejected = Rejected(preview);
        Assert.Contains((3, "Holder OID", "Du kan bare registrere akkrediteringer for organisasjoner i ditt eget fylke."), rejected);
        Assert.Contains((4, "Consortium Members", "Du kan bare velge konsortiemedlemmer i ditt eget fylke."), rejected);
        Assert.Contains(rejected, r => r.Row == 5 && r.Message.StartsWith($"Akkrediteringen {theirs.Code} hører til Rogaland, ikke ditt fylke (Vestland).", StringComparison.Ordinal));
        await ConfirmAsync(client, id);
        await using var db = records.CreateDbContext();
        Assert.True((await db.Accreditations.AsNoTracking().SingleAsync(a => a.Code == own)).IsConsortium);
        Assert.Equal(AccreditationStatus.Active, (await db.Accreditations.AsNoTracking().SingleAsync(a => a.Id == theirs.Id)).Status);
    }

    [Fact]
    public async Task A_failure_half_way_through_the_confirmation_saves_nothing()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var (first, last) = (NewCode(), NewCode());
        var id = await UploadAndReadAsync(client, "halvveis.csv", Csv(Header, [Row(first, records.Holder.Oid!), Row(last, records.Holder.Oid!)]), "Accreditations");
        Assert.Equal("2 nye, 0 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(client, id)));

        await ExecuteAsync($"ALTER TABLE accreditations ADD CONSTRAINT test_refuse_accreditation CHECK (code <> '{last}') NOT VALID");
        try
        {
            await ConfirmAsync(client, id);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE accreditations DROP CONSTRAINT test_refuse_accreditation");
        }

        Assert.Equal(ImportStatus.Ready, (await BatchAsync(records, id)).Status);
        await using var db = records.CreateDbContext();
        Assert.False(await db.Accreditations.AnyAsync(a => a.Code == first || a.Code == last));
    }

    /// <summary>The project import names the coordinator and partners by organisation number as well as by OID.</summary>
    [Fact]
    public async Task The_project_import_names_organisations_by_organisation_number()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var reference = $"2021-1-NO01-KA122-VET-{TestData.NextSerial():D9}";
        string[] header = ["Project Reference", "Action", "Sector", "Call Year", "Round", "Coordinator OID", "Partner OIDs", "Start Date", "End Date", "Decision Date", "Status", "Grant (EUR)"];
        var file = Csv(header,
        [
            [reference, "KA122", "VET", "2021", "1", records.Holder.OrganisationNumber!, $"{records.NumberedMember.OrganisationNumber}; {records.German.Oid}",
                "2021-09-01", "2023-08-31", "2021-07-01", "Innvilget", "60000"],
        ]);

        var id = await UploadAndReadAsync(client, "prosjekt.csv", file, "Projects");
        Assert.Equal("1 nye, 0 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
        await ConfirmAsync(client, id);

        await using var db = records.CreateDbContext();
        var project = await db.Projects.AsNoTracking().Include(p => p.Partners).SingleAsync(p => p.Reference == reference);
        Assert.Equal(records.Holder.Id, project.CoordinatorId);
        Assert.Equal(new[] { records.NumberedMember.Id, records.German.Id }.Order(), project.Partners.Select(p => p.OrganisationId).Order());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(records.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public sealed class Records : AppFixture
    {
        public Organisation Holder { get; private set; } = null!;
        public Organisation Member { get; private set; } = null!;
        public Organisation NumberedMember { get; private set; } = null!;
        public Organisation Rogaland { get; private set; } = null!;
        public Organisation German { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            Holder = await data.OrganisationAsync("46");
            Member = await data.OrganisationAsync("46");
            NumberedMember = new Organisation("Medlem uten OID", OrganisationType.TrainingOffice, Organisation.Norway, TestData.NewOrganisationNumber(), null, "46", "Voss", null);
            db.Organisations.Add(NumberedMember);
            await db.SaveChangesAsync();
            Rogaland = await data.OrganisationAsync("11");
            German = await data.ForeignOrganisationAsync();
        }
    }
}

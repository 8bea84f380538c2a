using System.Net;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// The mobility import end to end through the real pages: upload, preview (new, changed, unchanged,
/// rejected with row, column and bokmål message), confirm in one transaction with one audit entry,
/// and importing the same file again changing nothing.
/// </summary>
public sealed class MobilityImportTests(MobilityImportTests.Records records) : IClassFixture<MobilityImportTests.Records>
{
    /// <summary>The country codes of the reference data, as an unknown country's message lists them.</summary>
    private const string CountryCodes = "AL, AT, AU, BA, BE, BG, BR, CA, CH, CY, CZ, DE, DK, EE, ES, FI, FR, GB, GE, GR, HR, HU, IE, IN, IS, IT, JP, LI, LT, LU, LV, MD, ME, MK, MT, NL, NO, PL, PT, RO, RS, SE, SI, SK, TR, UA, US, ZA";

    [Fact]
    public async Task The_preview_sorts_rows_into_new_changed_unchanged_and_rejected_and_nothing_is_written_before_confirm()
    {
        var (project, school, partner) = (records.VetProject, records.VestlandSchool, records.GermanPartner);
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        await using var db = records.CreateDbContext();
        var unchanged = await SavedMobilityAsync(records, project.Id);
        var changed = await SavedMobilityAsync(records, project.Id);
        var before = await db.Mobilities.CountAsync();
        var (newId, badId) = (NewMobilityId(), NewMobilityId());
        var file = Csv(MobilityHeader,
        [
            Row(project.Reference, newId, school.Oid, partner.Oid, ("Number of Participants", "2")),
            Row(project.Reference, unchanged.MobilityId, school.Oid, null, ("Green Travel", "No")),
            Row(project.Reference, changed.MobilityId, school.Oid, null, ("End Date", "2021-10-23"), ("Green Travel", "No")),
            Row(project.Reference, badId, school.Oid, null, ("End Date", "2021-10-08")),
        ]);

        var id = await UploadAndReadAsync(client, "mobiliteter.csv", file);

        var preview = await PreviewAsync(client, id);
        Assert.Equal("1 nye, 1 endret, 1 uendret, 1 avvist", Summary(preview));
        var rejected = Rejected(preview);
        Assert.Equal([(5, "End Date", "Varigheten (5 dager) er utenfor det aktiviteten «Kortvarig mobilitet for elever og lærlinger» tillater (10–89 dager).")], rejected);
        var changedRows = (await PreviewAsync(client, id, PreviewList.Changed)).QuerySelectorAll("#rows tbody tr").Select(r => r.TextContent).ToList();
        Assert.Single(changedRows);
        Assert.Contains("Sluttdato: 22.10.2021 → 23.10.2021", changedRows[0], StringComparison.Ordinal);
        var newRows = (await PreviewAsync(client, id, PreviewList.New)).QuerySelectorAll("#rows tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(newId, Assert.Single(newRows), StringComparison.Ordinal);
        Assert.Equal(before, await db.Mobilities.CountAsync());
        Assert.Equal(new DateOnly(2021, 10, 22), (await db.Mobilities.AsNoTracking().SingleAsync(m => m.Id == changed.Id)).EndDate);
        Assert.Equal(ImportStatus.Ready, (await BatchAsync(records, id)).Status);
    }

    [Fact]
    public async Task Confirm_writes_new_and_changed_rows_with_the_uploader_and_one_audit_entry_for_the_batch()
    {
        var (project, school, partner) = (records.VetProject, records.VestlandSchool, records.GermanPartner);
        var email = await records.CreateUserAsync(TestRoles.Coordinator, "46");
        var client = await records.SignInAsync(email);
        await using var db = records.CreateDbContext();
        var existing = await SavedMobilityAsync(records, project.Id);
        var newId = NewMobilityId();
        var file = Csv([.. MobilityHeader, "Status"],
        [
            [.. Row(project.Reference, newId, school.Oid, partner.Oid, ("Number of Participants", "3"), ("Fewer Opportunities", "Ja")), "Planned"],
            [.. Row(project.Reference, existing.MobilityId, school.Oid, null, ("Start Date", "05.10.2021"), ("Green Travel", "No")), "Realised"],
        ]);

        var id = await UploadAndReadAsync(client, "vestland.csv", file);
        await ConfirmAsync(client, id);

        var created = await db.Mobilities.AsNoTracking().SingleAsync(m => m.MobilityId == newId);
        Assert.Equal((project.Id, "LM-SHORT-VET", 3, ParticipantGroup.Learner, MobilityDirection.Outgoing), (created.ProjectId, created.ActivityTypeCode, created.ParticipantCount, created.ParticipantGroup, created.Direction));
        Assert.Equal((school.Id, partner.Id, "NO", "DE"), (created.SendingOrganisationId, created.ReceivingOrganisationId, created.SendingCountryCode, created.ReceivingCountryCode));
        Assert.Equal((new DateOnly(2021, 10, 4), new DateOnly(2021, 10, 22), 19), (created.StartDate, created.EndDate, created.DurationDays));
        Assert.Equal((true, true, false, MobilityStatus.Planned), (created.FewerOpportunities, created.GreenTravel, created.Blended, created.Status));
        Assert.Equal((email, email), (created.CreatedBy, created.UpdatedBy));
        var updated = await db.Mobilities.AsNoTracking().SingleAsync(m => m.Id == existing.Id);
        Assert.Equal((new DateOnly(2021, 10, 5), 18, email), (updated.StartDate, updated.DurationDays, updated.UpdatedBy));

        var batch = await BatchAsync(records, id);
        Assert.Equal((ImportStatus.Confirmed, 1, 1, 0), (batch.Status, batch.NewCount, batch.ChangedCount, batch.UnchangedCount));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(ImportBatch) && a.EntityKey == id.ToString());
        Assert.Equal(email, audit.UserName);
        var changes = JsonDocument.Parse(audit.Changes).RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("new").GetString());
        Assert.Equal(("vestland.csv", "1", "1", "0", "0", project.Reference), (changes["FileName"], changes["Inserted"], changes["Updated"], changes["Unchanged"], changes["Rejected"], changes["Projects"]));
        Assert.Empty(await db.Set<ImportMobilityRow>().Where(r => r.BatchId == id).ToListAsync());
        var page = await PreviewAsync(client, id);
        Assert.Contains("1 nye, 1 endret, 0 uendret", page.QuerySelector("#import-result")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/historikk/ImportBatch/{id}", page.QuerySelector("#import-result a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_shows_nothing_new_or_changed_and_confirming_changes_nothing()
    {
        var (project, school, partner) = (records.VetProject, records.VestlandSchool, records.GermanPartner);
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var ids = Enumerable.Range(0, 5).Select(_ => NewMobilityId()).ToList();
        var file = Csv(MobilityHeader, ids.Select(m => Row(project.Reference, m, school.Oid, partner.Oid)));
        await ConfirmAsync(client, await UploadAndReadAsync(client, "first.csv", file));
        await using var db = records.CreateDbContext();
        var saved = await db.Mobilities.AsNoTracking().Where(m => ids.Contains(m.MobilityId)).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Version, m.UpdatedAt }).ToListAsync();

        var again = await UploadAndReadAsync(client, "first.csv", file);
        Assert.Equal("0 nye, 0 endret, 5 uendret, 0 avvist", Summary(await PreviewAsync(client, again)));
        await ConfirmAsync(client, again);

        Assert.Equal(saved, await db.Mobilities.AsNoTracking().Where(m => ids.Contains(m.MobilityId)).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Version, m.UpdatedAt }).ToListAsync());
        var batch = await BatchAsync(records, again);
        Assert.Equal((ImportStatus.Confirmed, 0, 0, 5), (batch.Status, batch.NewCount, batch.ChangedCount, batch.UnchangedCount));
    }

    [Fact]
    public async Task Every_rule_of_the_mobility_form_rejects_its_row_with_row_number_column_and_message()
    {
        var (project, school) = (records.VetProject, records.VestlandSchool);
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var duplicate = NewMobilityId();
        var rows = new List<string[]>
        {
            Row(project.Reference, "123-MOB-1", school.Oid),                                                        // 2
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Start Date", "2021-10-22"), ("End Date", "2021-10-04")), // 3
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Start Date", "2021-08-20"), ("End Date", "2021-09-10")), // 4
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Activity Type", "LM-GRP-PUPIL")),           // 5
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Activity Type", "LM-GRP-ADU")),             // 6
            Row(records.AduProject.Reference, NewMobilityId(), school.Oid, null, ("Activity Type", "LM-GRP-ADU"), ("End Date", "2021-10-10")), // 7
            Row("2021-1-NO01-KA122-VET-999999999", NewMobilityId(), school.Oid),                                   // 8
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Activity Type", "LM-NOPE")),                // 9
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Receiving Country", "Atlantis")),           // 10
            Row(project.Reference, NewMobilityId(), "E99999999"),                                                  // 11
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Number of Participants", "to")),            // 12
            Row(project.Reference, duplicate, school.Oid),                                                         // 13
            Row(project.Reference, duplicate, school.Oid),                                                         // 14
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Fewer Opportunities", "kanskje")),          // 15
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Participant Group", "Romvesen")),           // 16
            // Issue #15: implausible values are refused at preview with the range, never at confirm.
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Start Date", "0001-01-01")),                // 17
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Number of Participants", "2147483647")),   // 18
        };

        var id = await UploadAndReadAsync(client, "regler.csv", Csv(MobilityHeader, rows));

        var rejected = Rejected(await PreviewAsync(client, id));
        void Has(int row, string column, string message) =>
            Assert.True(rejected.Contains((row, column, message)), $"Missing ({row}, {column}, {message}) in:\n" + string.Join("\n", rejected));
        Has(2, "Mobility ID", "Mobilitets-ID-en må ha formen NNNNNN-MOB-NNNNN, for eksempel 000123-MOB-00001.");
        Has(3, "End Date", "Sluttdato kan ikke være før startdato.");
        Has(4, "Start Date", "Startdato (20.08.2021) er før prosjektets startdato (01.09.2021).");
        Has(5, "Activity Type", "Aktiviteten LM-GRP-PUPIL hører ikke til sektoren VET.");
        Has(6, "Activity Type", "Aktiviteten LM-GRP-ADU hører ikke til sektoren VET.");
        Has(7, "Number of Participants", "En gruppemobilitet må ha minst to deltakere.");
        Has(8, "Project Reference", "Fant ikke prosjektet 2021-1-NO01-KA122-VET-999999999. Registrer prosjektet før du importerer mobilitetene.");
        // Issue #21 item 4: an unknown value's message lists the valid values.
        Assert.Contains(rejected, r => r.Row == 9 && r.Column == "Activity Type" && r.Message.StartsWith("Ukjent aktivitetstype «LM-NOPE». Gyldige verdier: ", StringComparison.Ordinal)
            && r.Message.Contains("LM-SHORT-VET", StringComparison.Ordinal));
        Has(10, "Receiving Country", $"Ukjent land «Atlantis» i kolonnen «Mottakerland». Bruk landkoden eller landets navn på bokmål eller engelsk. Gyldige landkoder: {CountryCodes}.");
        Has(11, "Sending Organisation OID", "Fant ingen registrert organisasjon med OID E99999999. Registrer organisasjonen først.");
        Has(12, "Number of Participants", "Antall deltakere må være et helt tall (fikk «to»).");
        Has(14, "Mobility ID", $"Mobilitets-ID-en {duplicate} står også i rad 13 for prosjektet {project.Reference}. Hver mobilitet kan bare stå én gang i filen.");
        Has(15, "Fewer Opportunities", "Færre muligheter: «kanskje» er verken ja eller nei. Skriv Ja eller Nei (Yes/No).");
        Has(16, "Participant Group", "Ukjent deltakergruppe «Romvesen». Gyldige verdier: Learner (Elev/deltaker), Staff (Ansatt), Accompanying person (Ledsager), Other (Annen).");
        Has(17, "Start Date", "Startdato må være mellom 01.01.2014 og 31.12.2035.");
        Has(18, "Number of Participants", "Antall deltakere kan ikke være over 500.");
        var batch = await BatchAsync(records, id);
        Assert.Equal((17, 1, 16), (batch.TotalRows, batch.NewCount, batch.RejectedCount));
    }

    [Fact]
    public async Task In_english_the_rejected_rows_have_english_messages_with_their_values()
    {
        var (project, school) = (records.VetProject, records.VestlandSchool);
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var file = Csv(MobilityHeader,
        [
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("End Date", "2021-10-08")),
            Row(project.Reference, NewMobilityId(), school.Oid, null, ("Receiving Country", "Atlantis")),
        ]);

        var id = await UploadAndReadAsync(client, "english.csv", file);

        Assert.Equal(
            [
                (2, "End Date", "The duration (5 days) is outside what the activity «Kortvarig mobilitet for elever og lærlinger» allows (10–89 days)."),
                (3, "Receiving Country", $"Unknown country «Atlantis» in the column «Receiving country». Use the country code or the country's name in English or Norwegian. Valid country codes: {CountryCodes}."),
            ],
            Rejected(await PreviewAsync(client, id)));
    }

    [Fact]
    public async Task Headers_match_in_bokmål_in_any_case_unused_columns_are_named_and_names_find_organisations()
    {
        var (project, partner) = (records.VetProject, records.GermanPartner);
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var mobilityId = NewMobilityId();
        string[] header = ["PROSJEKTNUMMER", "mobilitets-id", "Aktivitetstype", "Avsenderorganisasjon", "Mottakerorganisasjon", "avsenderland", "MOTTAKERLAND",
            "Startdato", "Sluttdato", "Antall deltakere", "Ledsager", "Kommentar", "Varighet (dager)"];
        var file = Csv(header, [[project.Reference.ToLowerInvariant(), mobilityId.ToLowerInvariant(), "sm-job-shdw", records.UnnumberedSchool.Name, partner.Name,
            "Norge", "Tyskland", "04.10.2021", "08.10.2021", "1", "Ja", "lærer fra Bergen", "5"]], separator: ';', bom: true);

        var id = await UploadAndReadAsync(client, "norsk.csv", file);

        var preview = await PreviewAsync(client, id);
        Assert.Equal("1 nye, 0 endret, 0 uendret, 0 avvist", Summary(preview));
        Assert.Equal("Kolonner som ikke brukes og blir ignorert: «Kommentar», «Varighet (dager)»", preview.QuerySelector("#ignored-columns")!.TextContent.Trim());
        await ConfirmAsync(client, id);
        await using var db = records.CreateDbContext();
        var saved = await db.Mobilities.AsNoTracking().SingleAsync(m => m.MobilityId == mobilityId);
        Assert.Equal((records.UnnumberedSchool.Id, partner.Id, ParticipantGroup.AccompanyingPerson, "SM-JOB-SHDW"),
            (saved.SendingOrganisationId, saved.ReceivingOrganisationId, saved.ParticipantGroup, saved.ActivityTypeCode));
        Assert.Equal(MobilityStatus.Realised, saved.Status);
    }

    [Fact]
    public async Task Columns_the_file_lacks_keep_the_saved_values()
    {
        var project = records.VetProject;
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        await using var db = records.CreateDbContext();
        var saved = await SavedMobilityAsync(records, project.Id, MobilityStatus.Cancelled);
        string[] header = ["Project Reference", "Mobility ID", "Activity Type", "Sending Country", "Receiving Country", "Start Date", "End Date", "Number of Participants"];
        var file = Csv(header, [[project.Reference, saved.MobilityId, "LM-SHORT-VET", "NO", "DE", "2021-10-04", "2021-10-22", "4"]]);

        var id = await UploadAndReadAsync(client, "få-kolonner.csv", file);
        await ConfirmAsync(client, id);

        var after = await db.Mobilities.AsNoTracking().SingleAsync(m => m.Id == saved.Id);
        Assert.Equal((4, MobilityStatus.Cancelled, project.CoordinatorId), (after.ParticipantCount, after.Status, after.SendingOrganisationId));
    }

    [Fact]
    public async Task A_project_edited_after_the_preview_stops_the_confirmation_and_asks_for_a_new_upload()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        await using var db = records.CreateDbContext();
        var project = await new TestData(db).ProjectAsync(await db.Organisations.SingleAsync(o => o.Id == records.VestlandSchool.Id));
        var mobilityId = NewMobilityId();
        var id = await UploadAndReadAsync(client, "endret-prosjekt.csv", Csv(MobilityHeader, [Row(project.Reference, mobilityId, records.VestlandSchool.Oid)]));
        project.Update(new ProjectDetails(project.Reference, project.Action, project.Sector, project.CallYear, project.Round, project.CoordinatorId,
            project.StartDate, new DateOnly(2021, 10, 10), project.DecisionDate, project.Status, project.GrantEur, false, false, false, null));
        await db.SaveChangesAsync();

        await ConfirmAsync(client, id);

        Assert.False(await db.Mobilities.AnyAsync(m => m.MobilityId == mobilityId));
        Assert.Equal(ImportStatus.Ready, (await BatchAsync(records, id)).Status);
        Assert.Contains($"Prosjektet {project.Reference} er endret etter at filen ble lest", (await PreviewAsync(client, id)).QuerySelector("#import-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_discards_the_staged_rows_and_writes_nothing()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var mobilityId = NewMobilityId();
        var id = await UploadAndReadAsync(client, "avbryt.csv", Csv(MobilityHeader, [Row(records.VetProject.Reference, mobilityId, records.VestlandSchool.Oid)]));

        var response = await AppFixture.PostFormAsync(client, $"/import/{id}", $"/import/{id}/avbryt", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = records.CreateDbContext();
        Assert.False(await db.Mobilities.AnyAsync(m => m.MobilityId == mobilityId));
        Assert.False(await db.Set<ImportMobilityRow>().AnyAsync(r => r.BatchId == id));
        Assert.Equal(ImportStatus.Cancelled, (await BatchAsync(records, id)).Status);
        var again = await AppFixture.PostFormAsync(client, $"/import/{id}", $"/import/{id}/bekreft", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(ImportStatus.Cancelled, (await BatchAsync(records, id)).Status);
    }

    [Fact]
    public async Task A_batch_is_its_uploaders_alone_and_administrators_do_not_import()
    {
        var owner = await records.SignInAsAsync(TestRoles.Analyst);
        var id = await UploadAndReadAsync(owner, "min.csv", Csv(MobilityHeader, [Row(records.VetProject.Reference, NewMobilityId(), records.VestlandSchool.Oid)]));
        var other = await records.SignInAsAsync(TestRoles.Analyst);
        var administrator = await records.SignInAsAsync(TestRoles.Administrator);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri($"/import/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri($"/import/{id}/status", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AppFixture.PostFormAsync(other, "/import", $"/import/{id}/bekreft", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.GetAsync(new Uri("/import", UriKind.Relative))).StatusCode);
        Assert.Equal(ImportStatus.Ready, (await BatchAsync(records, id)).Status);
    }

    [Fact]
    public async Task While_a_file_waits_or_is_read_the_page_shows_progress_with_a_refresh_link_and_a_polling_script()
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var client = await records.SignInAsync(email);
        var id = Guid.NewGuid();
        await using (var db = records.CreateDbContext())
        {
            db.Set<ImportBatch>().Add(new ImportBatch { Id = id, Kind = ImportKind.Mobilities, Status = ImportStatus.Queued, FileName = "venter.csv", UserName = email, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var page = await AppFixture.GetDocumentAsync(client, $"/import/{id}");
        var status = await client.GetStringAsync(new Uri($"/import/{id}/status", UriKind.Relative));
        var script = await client.GetAsync(new Uri("/import/fremdrift.js", UriKind.Relative));

        var box = page.QuerySelector("[data-import-status]")!;
        Assert.Equal($"/import/{id}/status", box.GetAttribute("data-import-status"));
        Assert.Equal("Filen er lastet opp og venter på tur.", box.QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.NotNull(box.QuerySelector("progress"));
        Assert.Equal($"/import/{id}", box.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("script[src='/import/fremdrift.js']"));
        using var json = JsonDocument.Parse(status);
        Assert.Equal(("Queued", false), (json.RootElement.GetProperty("status").GetString(), json.RootElement.GetProperty("done").GetBoolean()));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Contains("data-import-status", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_states_the_limits_and_the_template_documents_every_column_with_an_example_row()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(client, "/import");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Største filstørrelse: 20 MB.", text, StringComparison.Ordinal);
        Assert.Contains("Største antall rader: 200\u00A0000.", text, StringComparison.Ordinal);
        Assert.Contains("Du er fylkeskoordinator for Vestland", text, StringComparison.Ordinal);
        Assert.Equal(MobilityColumns.All.Count, page.QuerySelectorAll("table.list tbody tr").Length);

        var template = await client.GetAsync(new Uri("/import/mal?type=mobiliteter", UriKind.Relative));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType!.MediaType);
        var csv = await (await client.GetAsync(new Uri("/import/mal?type=mobiliteter&format=csv", UriKind.Relative))).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", MobilityColumns.All.Select(c => c.English)), lines[0]);
        Assert.StartsWith("2021-1-NO01-KA122-VET-000012345,000123-MOB-00001,LM-SHORT-VET,Learner", lines[1], StringComparison.Ordinal);

        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, await template.Content.ReadAsByteArrayAsync());
        using var workbook = Erasmus.Web.Features.Import.Reading.XlsxSheet.Open(path, 1000);
        var rows = workbook.ReadRows(CancellationToken.None).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(MobilityColumns.All.Select(c => c.English), rows[0].Cells.Select(c => c.Text));
        Assert.Equal(Erasmus.Web.Features.Import.Reading.CellKind.Date, rows[1].Cells[14].Kind);
        File.Delete(path);
    }

    public sealed class Records : AppFixture
    {
        public Organisation VestlandSchool { get; private set; } = null!;
        public Organisation UnnumberedSchool { get; private set; } = null!;
        public Organisation GermanPartner { get; private set; } = null!;
        public Project VetProject { get; private set; } = null!;
        public Project AduProject { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            VestlandSchool = await data.OrganisationAsync("46", name: "Bergen tekniske fagskole");
            UnnumberedSchool = new Organisation("Os vidaregåande skule", OrganisationType.UpperSecondarySchool, Organisation.Norway,
                TestData.NewOrganisationNumber(), null, "46", "Bjørnafjorden", null);
            db.Organisations.Add(UnnumberedSchool);
            await db.SaveChangesAsync();
            GermanPartner = await data.ForeignOrganisationAsync("DE", name: "Berufskolleg Köln");
            VetProject = await data.ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.VET, 2021);
            AduProject = await data.ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.ADU, 2021);
        }
    }
}

using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// The import of projects with partners: the same two steps, the project form's rules, partners,
/// topics and awarded mobilities, county scoping, a project saved by someone else between preview and
/// confirm, and the export → import round trip.
/// </summary>
public sealed class ProjectImportTests(ProjectImportTests.Records records) : IClassFixture<ProjectImportTests.Records>
{
    private static readonly string[] Header = [.. ProjectColumns.All.Select(c => c.English)];

    [Fact]
    public async Task Projects_are_previewed_by_the_form_rules_and_confirmed_with_partners_topics_and_awarded_mobilities()
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var client = await records.SignInAsync(email);
        var (fresh, mismatch, undecided, wrongActivity, abroad) = (NewReference(), NewReference(), NewReference(), NewReference(), NewReference("DE02", "KA220"));
        var changed = await records.SavedProjectAsync();
        var file = Csv(Header,
        [
            ProjectRow(fresh, ("Partner OIDs", $"{records.German.Oid}; {records.Voss.Name}"), ("Topics", "inclusion; Digital omstilling"),
                ("Awarded Mobilities", "LM-SHORT-VET=6; SM-JOB-SHDW=2"), ("Grant (EUR)", "60000,50")),
            ExportedRow(records.Unchanged),
            [.. ExportedRow(changed).Select((v, i) => Header[i] == "Status" ? "Ongoing" : Header[i] == "Grant (EUR)" ? "75000" : v)],
            ProjectRow(mismatch, ("Sector", "SCH")),
            ProjectRow(undecided, ("Decision Date", "")),
            ProjectRow(wrongActivity, ("Awarded Mobilities", "LM-GRP-PUPIL=3")),
            ProjectRow(abroad, ("Action", "KA220"), ("Coordinator OID", records.German.Oid!)),
        ]);

        var id = await UploadAndReadAsync(client, "prosjekter.csv", file, "Projects");

        var preview = await PreviewAsync(client, id);
        Assert.Equal("1 nye, 1 endret, 1 uendret, 4 avvist", Summary(preview));
        Assert.Equal(
        [
            (5, "Sector", "Sektoren må stemme med prosjektnummeret (VET)."),
            (6, "Decision Date", "Et innvilget prosjekt må ha vedtaksdato."),
            (7, "Awarded Mobilities", "Aktivitetstypen LM-GRP-PUPIL gjelder ikke for sektoren VET i utlysningsår 2021."),
            (8, "Partner OIDs", "Et prosjekt som koordineres fra utlandet, må ha minst én norsk partner."),
        ], Rejected(preview));
        var changes = (await PreviewAsync(client, id, PreviewList.Changed)).QuerySelector("#rows tbody tr")!.TextContent;
        Assert.Contains("Status: Innvilget → Pågår; Tilskudd: 60000 → 75000", changes, StringComparison.Ordinal);

        await ConfirmAsync(client, id);

        await using var db = records.CreateDbContext();
        var created = await db.Projects.AsNoTracking().Include(p => p.Partners).Include(p => p.Topics).Include(p => p.AwardedMobilities).SingleAsync(p => p.Reference == fresh);
        Assert.Equal((records.School.Id, ProjectStatus.Granted, 60000.50m, email), (created.CoordinatorId, created.Status, created.GrantEur, created.CreatedBy));
        Assert.Equal(new[] { records.German.Id, records.Voss.Id }.Order(), created.Partners.Select(p => p.OrganisationId).Order());
        Assert.Equal(["digital-transformation", "inclusion"], created.Topics.Select(t => t.TopicCode).Order(StringComparer.Ordinal));
        Assert.Equal([("LM-SHORT-VET", 6), ("SM-JOB-SHDW", 2)], created.AwardedMobilities.OrderBy(a => a.ActivityTypeCode, StringComparer.Ordinal).Select(a => (a.ActivityTypeCode, a.Participants)));
        var after = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == changed.Id);
        Assert.Equal((ProjectStatus.Ongoing, 75000m, email), (after.Status, after.GrantEur, after.UpdatedBy));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Project) && a.EntityKey == created.Id.ToString() && a.UserName == email));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ImportBatch) && a.EntityKey == id.ToString() && a.UserName == email));
        Assert.False(await db.Projects.AnyAsync(p => p.Reference == mismatch || p.Reference == undecided || p.Reference == wrongActivity || p.Reference == abroad));
    }

    [Fact]
    public async Task A_countys_projects_exported_and_imported_again_show_no_new_and_no_changed_rows()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var export = await client.GetAsync(new Uri("/import/eksport?county=46&type=prosjekter", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        await using var db = records.CreateDbContext();
        var count = await ImportExport.ProjectsOfCounty(db, "46").CountAsync();

        var id = await UploadAndReadAsync(client, "prosjekter-46.xlsx", await export.Content.ReadAsByteArrayAsync(), "Projects");

        Assert.Equal($"0 nye, 0 endret, {count} uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
    }

    [Fact]
    public async Task A_coordinator_imports_only_projects_that_belong_to_their_county()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var foreignCounty = NewReference();

        var id = await UploadAndReadAsync(client, "andre.csv", Csv(Header,
        [
            ProjectRow(foreignCounty, ("Coordinator OID", records.Rogaland.Oid!)),
            ExportedRow(records.RogalandProject),
            ProjectRow(NewReference()),
        ]), "Projects");

        Assert.Equal(
        [
            (2, "Coordinator OID", "Prosjektet ville høre til Rogaland, ikke ditt fylke (Vestland). Du kan bare importere prosjekter i ditt eget fylke."),
            (3, "Project Reference", $"Prosjektet {records.RogalandProject.Reference} hører til Rogaland, ikke ditt fylke (Vestland). Du kan bare importere prosjekter i ditt eget fylke."),
        ], Rejected(await PreviewAsync(client, id)));
        Assert.Equal(1, (await BatchAsync(records, id)).NewCount);
    }

    [Fact]
    public async Task A_project_saved_by_someone_else_after_the_preview_stops_the_confirmation()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var project = await records.SavedProjectAsync();
        var id = await UploadAndReadAsync(client, "samtidig.csv", Csv(Header,
            [[.. ExportedRow(project).Select((v, i) => Header[i] == "Grant (EUR)" ? "99000" : v)]]), "Projects");
        await using (var db = records.CreateDbContext())
        {
            var saved = await db.Projects.SingleAsync(p => p.Id == project.Id);
            saved.Update(new ProjectDetails(saved.Reference, saved.Action, saved.Sector, saved.CallYear, saved.Round, saved.CoordinatorId, saved.StartDate,
                saved.EndDate, saved.DecisionDate, ProjectStatus.Completed, saved.GrantEur, saved.GreenTravelTopUp, saved.InclusionSupport, saved.BlendedMobility, saved.AccreditationId));
            await db.SaveChangesAsync();
        }

        await ConfirmAsync(client, id);

        await using var check = records.CreateDbContext();
        var after = await check.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id);
        Assert.Equal((ProjectStatus.Completed, 60000m), (after.Status, after.GrantEur));
        Assert.Equal(ImportStatus.Ready, (await BatchAsync(records, id)).Status);
        Assert.Contains($"Prosjektet {project.Reference} er endret eller slettet av noen andre etter at filen ble lest.",
            (await PreviewAsync(client, id)).QuerySelector("#import-problem")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue #15 items 1 and 5: a start date of 0001-01-01 was imported (and took the dashboards down); a grant of
    /// a trillion passed the preview and then stopped the whole batch at confirm. Both are refused at preview now,
    /// with the entity's message naming the allowed range, so confirming saves the rest.
    /// </summary>
    [Fact]
    public async Task Implausible_dates_and_numbers_are_refused_at_preview_and_the_rest_is_confirmed()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var (fine, ancient, rich, crowded, late, early) = (NewReference(), NewReference(), NewReference(), NewReference(), NewReference(), NewReference());

        var id = await UploadAndReadAsync(client, "umulige.csv", Csv(Header,
        [
            ProjectRow(fine),
            ProjectRow(ancient, ("Start Date", "0001-01-01")),
            ProjectRow(rich, ("Grant (EUR)", "1000000000000")),
            ProjectRow(crowded, ("Awarded Mobilities", "LM-SHORT-VET=2147483647")),
            ProjectRow(late, ("Decision Date", "01.01.2036")),
            ProjectRow(early, ("Start Date", "2019-12-31")),
        ]), "Projects");

        var preview = await PreviewAsync(client, id);
        Assert.Equal("1 nye, 0 endret, 0 uendret, 5 avvist", Summary(preview));
        Assert.Equal(
        [
            (3, "Start Date", "Startdato må være mellom 01.01.2014 og 31.12.2035."),
            (4, "Grant (EUR)", "Tilskuddet må være mellom 0 og 100 000 000 euro."),
            (5, "Awarded Mobilities", "Antall tildelte mobiliteter per aktivitetstype må være mellom 0 og 10 000."),
            (6, "Decision Date", "Vedtaksdato må være mellom 01.01.2014 og 31.12.2035."),
            (7, "Start Date", "Startdato kan ikke være før 01.01.2020: et prosjekt starter tidligst året før utlysningsåret (2021)."),
        ], Rejected(preview));

        await ConfirmAsync(client, id);

        Assert.Equal(ImportStatus.Confirmed, (await BatchAsync(records, id)).Status);
        await using var db = records.CreateDbContext();
        Assert.Equal([fine], await db.Projects.Where(p => new[] { fine, ancient, rich, crowded, late, early }.Contains(p.Reference)).Select(p => p.Reference).ToListAsync());
    }

    private static string NewReference(string agency = "NO01", string action = "KA122") => $"2021-1-{agency}-{action}-VET-{TestData.NextSerial():D9}";

    private string[] ProjectRow(string reference, params (string Column, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Project Reference"] = reference,
            ["Action"] = "KA122",
            ["Sector"] = "VET",
            ["Call Year"] = "2021",
            ["Round"] = "1",
            ["Coordinator OID"] = records.School.Oid!,
            ["Coordinator Name"] = "",
            ["Coordinator Country"] = "",
            ["Partner OIDs"] = "",
            ["Start Date"] = "2021-09-01",
            ["End Date"] = "2023-08-31",
            ["Decision Date"] = "2021-07-01",
            ["Status"] = "Innvilget",
            ["Grant (EUR)"] = "60000",
            ["Green Travel Top-up"] = "Nei",
            ["Inclusion Support"] = "Nei",
            ["Blended Mobility"] = "Nei",
            ["Topics"] = "",
            ["Awarded Mobilities"] = "",
        };
        foreach (var (column, value) in overrides)
        {
            values[column] = value;
        }

        return [.. Header.Select(h => values[h])];
    }

    /// <summary>A saved project (made by <see cref="TestData.ProjectAsync"/>) as the export writes it.</summary>
    private string[] ExportedRow(Project project) => ProjectRow(project.Reference,
        ("Coordinator OID", project.CoordinatorId == records.Rogaland.Id ? records.Rogaland.Oid! : records.School.Oid!),
        ("Partner OIDs", project.Partners.Count == 0 ? "" : records.German.Oid!),
        ("Topics", string.Join("; ", project.Topics.Select(t => t.TopicCode))),
        ("Awarded Mobilities", string.Join("; ", project.AwardedMobilities.Select(a => $"{a.ActivityTypeCode}={a.Participants}"))));

    public sealed class Records : AppFixture
    {
        public Organisation School { get; private set; } = null!;
        public Organisation Voss { get; private set; } = null!;
        public Organisation German { get; private set; } = null!;
        public Organisation Rogaland { get; private set; } = null!;
        public Project Unchanged { get; private set; } = null!;
        public Project RogalandProject { get; private set; } = null!;

        public async Task<Project> SavedProjectAsync()
        {
            await using var db = CreateDbContext();
            return await new TestData(db).ProjectAsync(await db.Organisations.SingleAsync(o => o.Id == School.Id));
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            School = await data.OrganisationAsync("46");
            Voss = new Organisation("Voss kommune", OrganisationType.Municipality, Organisation.Norway, TestData.NewOrganisationNumber(), null, "46", "Voss", null);
            db.Organisations.Add(Voss);
            await db.SaveChangesAsync();
            German = await data.ForeignOrganisationAsync("DE");
            Rogaland = await data.OrganisationAsync("11");
            Unchanged = await data.ProjectAsync(School, ProjectAction.KA122, Sector.VET, 2021, partners: [German], topics: ["inclusion"],
                awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 });
            RogalandProject = await data.ProjectAsync(Rogaland, ProjectAction.KA122, Sector.VET, 2021);
        }
    }
}

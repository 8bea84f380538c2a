using System.Diagnostics;
using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Features.Import.Reading;
using Erasmus.Web.Tests.Infrastructure;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Export writes a project's or a county's mobilities in the import's own layout, so exporting and
/// importing again shows "0 nye, 0 endret": every kind of row (groups, accompanying persons, incoming,
/// flags, statuses, organisations with and without OID, none at all) comes back unchanged.
/// </summary>
public sealed class ExportRoundTripTests(ExportRoundTripTests.Records records) : IClassFixture<ExportRoundTripTests.Records>
{
    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task A_projects_mobilities_exported_and_imported_again_show_no_new_and_no_changed_rows(string format)
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);

        var export = await client.GetAsync(new Uri($"/import/eksport?project={records.Project.Id}&format={format}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var id = await UploadAndReadAsync(client, $"eksport.{format}", await export.Content.ReadAsByteArrayAsync());

        Assert.Equal($"0 nye, 0 endret, {records.ProjectMobilities} uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
    }

    [Fact]
    public async Task A_countys_export_holds_its_projects_mobilities_only_and_round_trips_for_its_coordinator()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        var export = await client.GetAsync(new Uri("/import/eksport?county=46&format=csv", UriKind.Relative));
        var text = await export.Content.ReadAsStringAsync();
        var id = await UploadAndReadAsync(client, "fylke-46.csv", await export.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("mobiliteter-fylke-46.csv", export.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Contains(records.Project.Reference, text, StringComparison.Ordinal);
        Assert.DoesNotContain(records.RogalandProject.Reference, text, StringComparison.Ordinal);
        Assert.Contains(",'=Lycée Jean Moulin,", text, StringComparison.Ordinal);
        Assert.Equal($"0 nye, 0 endret, {records.ProjectMobilities} uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
    }

    [Fact]
    public async Task The_exported_workbook_has_the_import_headers_real_dates_and_opens_in_a_spreadsheet_program()
    {
        var client = await records.SignInAsAsync(TestRoles.Administrator);
        var export = await client.GetAsync(new Uri($"/import/eksport?project={records.Project.Id}", UriKind.Relative));
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, await export.Content.ReadAsByteArrayAsync());
        try
        {
            using (var sheet = XlsxSheet.Open(path, 1000))
            {
                var rows = sheet.ReadRows(CancellationToken.None).ToList();
                Assert.Equal(MobilityColumns.All.Select(c => c.English), rows[0].Cells.Select(c => c.Text));
                Assert.Equal(records.ProjectMobilities + 1, rows.Count);
                Assert.All(rows.Skip(1), r => Assert.Equal(CellKind.Date, r.Cells[14].Kind));
            }

            // LibreOffice proves a real spreadsheet program opens it; without it the test fails, it never skips.
            var sofficePath = new[] { "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice" }.FirstOrDefault(File.Exists);
            Assert.True(sofficePath is not null, "LibreOffice (soffice) is not installed, so the export cannot be opened in a real spreadsheet program: apt-get install -y libreoffice-calc-nogui");
            var outDir = Directory.CreateTempSubdirectory().FullName;
            var start = new ProcessStartInfo(sofficePath!) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--headless", $"-env:UserInstallation=file://{outDir}/profile", "--convert-to", "csv", "--outdir", outDir, path })
            {
                start.ArgumentList.Add(argument);
            }

            using var soffice = Process.Start(start)!;
            await soffice.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var csv = await File.ReadAllLinesAsync(Path.Combine(outDir, Path.GetFileNameWithoutExtension(path) + ".csv"));
            Assert.Equal(records.ProjectMobilities + 1, csv.Length);
            Assert.StartsWith("Project Reference,Mobility ID,Activity Type", csv[0], StringComparison.Ordinal);
            Directory.Delete(outDir, recursive: true);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Export_of_an_unknown_project_or_county_is_not_found()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/import/eksport?project=999999", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/import/eksport?county=99", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/import/eksport", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/import/eksport?reference=2021-1-NO01-KA122-VET-999999999", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_project_is_found_by_its_reference_as_typed_on_the_import_page()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "11");

        var export = await client.GetAsync(new Uri($"/import/eksport?reference=+{records.Project.Reference.ToLowerInvariant()}+&format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(records.ProjectMobilities + 1, (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public sealed class Records : AppFixture
    {
        public Project Project { get; private set; } = null!;
        public Project RogalandProject { get; private set; } = null!;
        public int ProjectMobilities { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            var school = await data.OrganisationAsync("46", name: "Åsane vidaregåande skule, avdeling «Fag»");
            var noOid = new Organisation("Bergen kommune", OrganisationType.Municipality, Organisation.Norway, TestData.NewOrganisationNumber(), null, "46", "Bergen", null);
            var noOidAbroad = new Organisation("=Lycée Jean Moulin", OrganisationType.UpperSecondarySchool, "FR", null, null, null, null, null);
            db.Organisations.AddRange(noOid, noOidAbroad);
            await db.SaveChangesAsync();
            var partner = await data.ForeignOrganisationAsync("DE", name: "Partner \"GmbH\"");
            var rogaland = await data.OrganisationAsync("11");
            Project = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET, 2021);
            RogalandProject = await data.ProjectAsync(rogaland, ProjectAction.KA122, Sector.VET, 2021);
            var activities = db.ActivityTypes.ToDictionary(a => a.Code);
            var start = new DateOnly(2021, 10, 4);
            var variants = new (string Activity, ParticipantGroup Group, MobilityDirection Direction, int Participants, int? Sending, int? Receiving, string From, string To, int Days, bool Fewer, bool Green, bool Blended, MobilityStatus Status)[]
            {
                ("LM-SHORT-VET", ParticipantGroup.Learner, MobilityDirection.Outgoing, 1, school.Id, partner.Id, "NO", "DE", 19, true, true, false, MobilityStatus.Realised),
                ("LM-LONG-VET", ParticipantGroup.Learner, MobilityDirection.Outgoing, 2, noOid.Id, noOidAbroad.Id, "NO", "FR", 120, false, false, true, MobilityStatus.Planned),
                ("SM-JOB-SHDW", ParticipantGroup.AccompanyingPerson, MobilityDirection.Outgoing, 1, school.Id, null, "NO", "DE", 5, false, true, false, MobilityStatus.Cancelled),
                ("OA-INV-EXP", ParticipantGroup.Other, MobilityDirection.Incoming, 1, partner.Id, school.Id, "DE", "NO", 3, false, false, false, MobilityStatus.Realised),
                ("SM-COUR-TRAIN", ParticipantGroup.Staff, MobilityDirection.Outgoing, 3, null, null, "NO", "SE", 10, true, false, true, MobilityStatus.Realised),
            };
            foreach (var v in variants)
            {
                db.Mobilities.Add(Mobility.Register(Project, activities[v.Activity], new MobilityDetails(NewMobilityId(), v.Group, v.Direction, v.Participants,
                    v.Sending, v.Receiving, v.From, v.To, start, start.AddDays(v.Days - 1), v.Fewer, v.Green, v.Blended, v.Status), DateTimeOffset.UtcNow));
            }

            db.Mobilities.Add(Mobility.Register(RogalandProject, activities["LM-SHORT-VET"], new MobilityDetails(NewMobilityId(), ParticipantGroup.Learner,
                MobilityDirection.Outgoing, 1, rogaland.Id, null, "NO", "DE", start, start.AddDays(18), false, false, false, MobilityStatus.Realised), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            ProjectMobilities = variants.Length;
        }
    }
}

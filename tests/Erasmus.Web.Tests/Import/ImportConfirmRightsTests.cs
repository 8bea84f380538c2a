using System.Net;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Rights count when the import is confirmed, not when the file was read (#15 item 6): a batch read
/// while its uploader was an analyst, confirmed after they became a coordinator of Vestland, writes
/// nothing if a row lies outside Vestland; a deactivated uploader's confirmation writes nothing at all.
/// </summary>
public sealed class ImportConfirmRightsTests(ImportScopeTests.Records records) : IClassFixture<ImportScopeTests.Records>
{
    private static readonly string[] ProjectHeader = [.. ProjectColumns.All.Select(c => c.English)];

    [Fact]
    public async Task Mobilities_read_as_analyst_and_confirmed_as_coordinator_of_another_county_are_refused_whole()
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var analyst = await records.SignInAsync(email);
        var (vestland, rogaland) = (NewMobilityId(), NewMobilityId());
        var id = await UploadAndReadAsync(analyst, "nasjonalt.csv", Csv(MobilityHeader,
        [
            Row(records.VestlandProject.Reference, vestland, records.VestlandSchool.Oid),
            Row(records.RogalandProject.Reference, rogaland, records.RogalandSchool.Oid),
        ]));
        Assert.Equal("2 nye, 0 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(analyst, id)));

        await BecomeCoordinatorAsync(email, "46");
        var coordinator = await records.SignInAsync(email);
        await ConfirmAsync(coordinator, id);

        await using var db = records.CreateDbContext();
        Assert.False(await db.Mobilities.AnyAsync(m => m.MobilityId == vestland || m.MobilityId == rogaland));
        Assert.Equal(ImportStatus.Ready, (await BatchAsync(records, id)).Status);
        Assert.Contains("Rettighetene dine er endret etter at filen ble lest: 1 av radene gjelder prosjekter eller organisasjoner utenfor ditt fylke (Vestland), blant dem rad 3.",
            (await PreviewAsync(coordinator, id)).QuerySelector("#import-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_the_new_rights_still_cover_is_saved()
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var analyst = await records.SignInAsync(email);
        var mobility = NewMobilityId();
        var id = await UploadAndReadAsync(analyst, "vestland.csv", Csv(MobilityHeader, [Row(records.VestlandProject.Reference, mobility, records.VestlandSchool.Oid)]));

        await BecomeCoordinatorAsync(email, "46");
        var coordinator = await records.SignInAsync(email);
        await ConfirmAsync(coordinator, id);

        await using var db = records.CreateDbContext();
        Assert.True(await db.Mobilities.AnyAsync(m => m.MobilityId == mobility));
        Assert.Equal(ImportStatus.Confirmed, (await BatchAsync(records, id)).Status);
    }

    [Fact]
    public async Task Projects_read_as_analyst_and_confirmed_as_coordinator_of_another_county_are_refused_whole()
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var analyst = await records.SignInAsync(email);
        var (own, other) = (NewReference(), NewReference());
        var id = await UploadAndReadAsync(analyst, "prosjekter.csv", Csv(ProjectHeader,
            [ProjectRow(own, records.VestlandSchool.Oid!), ProjectRow(other, records.RogalandSchool.Oid!)]), "Projects");
        Assert.Equal("2 nye, 0 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(analyst, id)));

        await BecomeCoordinatorAsync(email, "46");
        var coordinator = await records.SignInAsync(email);
        await ConfirmAsync(coordinator, id);

        await using var db = records.CreateDbContext();
        Assert.False(await db.Projects.AnyAsync(p => p.Reference == own || p.Reference == other));
        Assert.Contains("blant dem rad 3.", (await PreviewAsync(coordinator, id)).QuerySelector("#import-problem")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The confirmation runs in the background; an uploader deactivated before it runs has no rights left.</summary>
    [Fact]
    public async Task A_confirmation_that_runs_after_the_uploader_was_deactivated_writes_nothing()
    {
        var email = await records.CreateUserAsync(TestRoles.Analyst);
        var analyst = await records.SignInAsync(email);
        var mobility = NewMobilityId();
        var id = await UploadAndReadAsync(analyst, "deaktivert.csv", Csv(MobilityHeader, [Row(records.VestlandProject.Reference, mobility, records.VestlandSchool.Oid)]));
        await using (var db = records.CreateDbContext())
        {
            await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDeactivated, true));
            // As the confirm button does; the worker then picks the batch up.
            await db.Set<ImportBatch>().Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Confirming));
        }

        await using (var scope = records.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportProcessor>().ConfirmAsync(id, CancellationToken.None);
        }

        await using var check = records.CreateDbContext();
        Assert.False(await check.Mobilities.AnyAsync(m => m.MobilityId == mobility));
        var batch = await BatchAsync(records, id);
        Assert.Equal(ImportStatus.Ready, batch.Status);
        Assert.StartsWith("Du har ikke lenger rett til å importere", batch.Message, StringComparison.Ordinal);
    }

    /// <summary>An administrator makes the user a coordinator of the county, through the user form.</summary>
    private async Task BecomeCoordinatorAsync(string email, string county)
    {
        var admin = await records.SignInAsAsync(TestRoles.Administrator);
        string id;
        await using (var db = records.CreateDbContext())
        {
            id = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        }

        var form = await AppFixture.GetDocumentAsync(admin, $"/admin/brukere/{id}");
        var saved = await AppFixture.PostFormAsync(admin, $"/admin/brukere/{id}", $"/admin/brukere/{id}", new()
        {
            ["Email"] = email, ["DisplayName"] = "Tidligere analytiker", ["Role"] = TestRoles.Coordinator, ["CountyNumber"] = county,
            ["ConcurrencyStamp"] = form.QuerySelector("input[name=ConcurrencyStamp]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static string NewReference() => $"2021-1-NO01-KA122-VET-{TestData.NextSerial():D9}";

    private static string[] ProjectRow(string reference, string coordinatorOid)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Project Reference"] = reference, ["Action"] = "KA122", ["Sector"] = "VET", ["Call Year"] = "2021", ["Round"] = "1",
            ["Coordinator OID"] = coordinatorOid, ["Coordinator Name"] = "", ["Coordinator Country"] = "", ["Partner OIDs"] = "",
            ["Start Date"] = "2021-09-01", ["End Date"] = "2023-08-31", ["Decision Date"] = "2021-07-01", ["Status"] = "Innvilget",
            ["Grant (EUR)"] = "60000", ["Green Travel Top-up"] = "Nei", ["Inclusion Support"] = "Nei", ["Blended Mobility"] = "Nei",
            ["Topics"] = "", ["Awarded Mobilities"] = "",
        };
        return [.. ProjectHeader.Select(h => values[h])];
    }
}

using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Coordinators import only rows that belong to their county (the project's county as CountyScopes
/// works it out: the coordinator's, the Norwegian partners' when coordinated abroad, a dissolved
/// county's successors); other rows are rejected with the reason. Analysts import everywhere.
/// </summary>
public sealed class ImportScopeTests(ImportScopeTests.Records records) : IClassFixture<ImportScopeTests.Records>
{
    [Fact]
    public async Task A_coordinator_imports_the_rows_of_their_county_and_the_others_are_rejected_with_the_reason()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var (own, abroad, other) = (NewMobilityId(), NewMobilityId(), NewMobilityId());
        var file = Csv(MobilityHeader,
        [
            Row(records.VestlandProject.Reference, own, records.VestlandSchool.Oid),
            Row(records.RogalandProject.Reference, other, records.RogalandSchool.Oid),
            Row(records.AbroadProject.Reference, abroad, records.VestlandSchool.Oid, records.GermanCoordinator.Oid),
        ]);

        var id = await UploadAndReadAsync(client, "fylke.csv", file);

        Assert.Equal([(3, "Project Reference", $"Prosjektet {records.RogalandProject.Reference} hører til Rogaland, ikke ditt fylke (Vestland). Du kan bare importere rader for prosjekter i ditt eget fylke.")],
            Rejected(await PreviewAsync(client, id)));
        await ConfirmAsync(client, id);
        await using var db = records.CreateDbContext();
        Assert.True(await db.Mobilities.AnyAsync(m => m.MobilityId == own));
        Assert.True(await db.Mobilities.AnyAsync(m => m.MobilityId == abroad));
        Assert.False(await db.Mobilities.AnyAsync(m => m.MobilityId == other));
    }

    [Fact]
    public async Task A_coordinator_cannot_name_a_Norwegian_organisation_of_another_county()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        var id = await UploadAndReadAsync(client, "organisasjon.csv", Csv(MobilityHeader,
            [Row(records.VestlandProject.Reference, NewMobilityId(), records.VestlandSchool.Oid, records.RogalandSchool.Oid, ("Receiving Country", "NO"))]));

        Assert.Equal([(2, "Receiving Organisation OID", $"Organisasjonen «{records.RogalandSchool.Name}» hører til Rogaland. Du kan bare bruke norske organisasjoner i prosjektets fylke, eller utenlandske organisasjoner.")],
            Rejected(await PreviewAsync(client, id)));
    }

    [Fact]
    public async Task An_analyst_imports_rows_of_every_county()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);

        var id = await UploadAndReadAsync(client, "nasjonalt.csv", Csv(MobilityHeader,
        [
            Row(records.VestlandProject.Reference, NewMobilityId(), records.VestlandSchool.Oid),
            Row(records.RogalandProject.Reference, NewMobilityId(), records.RogalandSchool.Oid, records.VestlandSchool.Oid, ("Receiving Country", "NO")),
        ]));

        Assert.Equal("2 nye, 0 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
    }

    [Fact]
    public async Task A_project_of_a_county_dissolved_in_2024_belongs_to_the_coordinators_of_its_successors()
    {
        var akershus = await records.SignInAsAsync(TestRoles.Coordinator, "32");
        var vestland = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var file = Csv(MobilityHeader, [Row(records.VikenProject.Reference, NewMobilityId(), records.VikenSchool.Oid)]);

        var accepted = await UploadAndReadAsync(akershus, "viken.csv", file);
        var refused = await UploadAndReadAsync(vestland, "viken.csv", file);

        Assert.Equal((1, 0), ((await BatchAsync(records, accepted)).NewCount, (await BatchAsync(records, accepted)).RejectedCount));
        Assert.Equal($"Prosjektet {records.VikenProject.Reference} hører til Østfold, Akershus, Buskerud, ikke ditt fylke (Vestland). Du kan bare importere rader for prosjekter i ditt eget fylke.",
            Assert.Single(await ErrorsAsync(records, refused)).Message);
    }

    public sealed class Records : AppFixture
    {
        public Organisation VestlandSchool { get; private set; } = null!;
        public Organisation RogalandSchool { get; private set; } = null!;
        public Organisation VikenSchool { get; private set; } = null!;
        public Organisation GermanCoordinator { get; private set; } = null!;
        public Project VestlandProject { get; private set; } = null!;
        public Project RogalandProject { get; private set; } = null!;
        public Project AbroadProject { get; private set; } = null!;
        public Project VikenProject { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            VestlandSchool = await data.OrganisationAsync("46");
            RogalandSchool = await data.OrganisationAsync("11");
            VikenSchool = await data.OrganisationAsync("30");
            GermanCoordinator = await data.ForeignOrganisationAsync("DE");
            VestlandProject = await data.ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.VET);
            RogalandProject = await data.ProjectAsync(RogalandSchool, ProjectAction.KA122, Sector.VET);
            VikenProject = await data.ProjectAsync(VikenSchool, ProjectAction.KA122, Sector.VET);
            AbroadProject = await data.ProjectAsync(GermanCoordinator, ProjectAction.KA220, Sector.VET, reference: $"2021-1-DE02-KA220-VET-{TestData.NextSerial():D9}",
                partners: [VestlandSchool]);
        }
    }
}

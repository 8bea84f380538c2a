using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Projects;

public sealed class ProjectDetailsAndDeleteTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Details_compare_awarded_with_registered_and_realised_mobilities_per_activity_type()
    {
        await using var db = app.CreateDbContext();
        var data = new TestData(db);
        var coordinator = await data.OrganisationAsync("46", name: "Bergen yrkesskole");
        var partner = await data.ForeignOrganisationAsync("DE", name: "Berufsschule München");
        var project = await data.ProjectAsync(coordinator, callYear: 2022, partners: [partner], topics: ["inclusion"], greenTravel: true,
            awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 10, ["SM-JOB-SHDW"] = 2 });
        await data.MobilityAsync(project, "LM-SHORT-VET", participants: 3, status: MobilityStatus.Realised);
        await data.MobilityAsync(project, "LM-SHORT-VET", participants: 2, status: MobilityStatus.Planned);
        await data.MobilityAsync(project, "LM-SHORT-VET", participants: 4, status: MobilityStatus.Cancelled);
        await data.MobilityAsync(project, "SM-TTA", participants: 1, group: ParticipantGroup.Staff, status: MobilityStatus.Realised);
        var reader = await app.SignInAsAsync(TestRoles.Administrator);

        var page = await AppFixture.GetDocumentAsync(reader, $"/prosjekter/{project.Id}");

        string[] Row(string code) => [.. page.QuerySelectorAll($"#activities tr[data-code='{code}'] td").Select(td => td.TextContent.Trim())];
        Assert.Equal(["10", "5", "3"], Row("LM-SHORT-VET"));
        Assert.Equal(["2", "0", "0"], Row("SM-JOB-SHDW"));
        Assert.Equal(["0", "1", "1"], Row("SM-TTA"));
        Assert.Contains("Tildelte mot registrerte", page.QuerySelector("#activities caption")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Bergen yrkesskole", page.QuerySelector($"#coordinator a[href='/organisasjoner/{coordinator.Id}']")!.TextContent);
        var partnerRow = page.QuerySelector("#partners tbody tr")!;
        Assert.Equal("Berufsschule München", partnerRow.QuerySelector($"a[href='/organisasjoner/{partner.Id}']")!.TextContent);
        Assert.Equal("Tyskland", partnerRow.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("Inkludering og mangfold", page.QuerySelector("#topics")!.TextContent.Trim());
        Assert.Contains($"/mobiliteter?Project={project.Reference}", page.QuerySelector("#mobilities-link")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/historikk/Project/{project.Id}']"));
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("Grønn reise-tillegg", facts, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"a[href='/prosjekter/{project.Id}/endre']"));
    }

    [Fact]
    public async Task A_project_with_mobilities_is_not_deleted_and_the_page_says_how_many_depend_on_it()
    {
        await using var db = app.CreateDbContext();
        var data = new TestData(db);
        var project = await data.ProjectAsync(await data.OrganisationAsync("46"), callYear: 2022);
        await data.MobilityAsync(project);
        await data.MobilityAsync(project, status: MobilityStatus.Cancelled);
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var confirm = await AppFixture.GetDocumentAsync(coordinator, $"/prosjekter/{project.Id}/slett");
        var response = await AppFixture.PostFormAsync(coordinator, $"/prosjekter/{project.Id}/slett", $"/prosjekter/{project.Id}/slett", []);

        Assert.Contains("2 mobilitet(er) er registrert på prosjektet.", confirm.QuerySelector(".dependents")!.TextContent, StringComparison.Ordinal);
        Assert.Null(confirm.QuerySelector("button.danger"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("kan ikke slettes", (await AppFixture.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.True(await db.Projects.AnyAsync(p => p.Id == project.Id));
    }

    [Fact]
    public async Task A_project_without_mobilities_is_deleted_with_its_partners_topics_and_awarded_numbers()
    {
        await using var db = app.CreateDbContext();
        var data = new TestData(db);
        var project = await data.ProjectAsync(await data.OrganisationAsync("46"), callYear: 2022, partners: [await data.ForeignOrganisationAsync()],
            topics: ["sustainability"], awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 6 });
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var response = await AppFixture.ConfirmDeleteAsync(analyst, $"/prosjekter/{project.Id}/slett");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        db.ChangeTracker.Clear();
        Assert.False(await db.Projects.AnyAsync(p => p.Id == project.Id));
        Assert.False(await db.Set<ProjectPartner>().AnyAsync(p => p.ProjectId == project.Id));
        Assert.False(await db.Set<AwardedMobility>().AnyAsync(a => a.ProjectId == project.Id));
        var key = project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(4, await db.AuditEntries.CountAsync(e => e.RootType == nameof(Project) && e.RootKey == key && e.Action == Erasmus.Web.Data.Audit.AuditAction.Deleted));
    }
}

using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Accreditations;

/// <summary>Deleting accreditations: refused while a KA121 project draws on one, and only the confirmed version.</summary>
public sealed class AccreditationDeleteTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Deletes_an_accreditation_and_its_consortium_memberships()
    {
        var (holder, member) = (await OrganisationAsync("46"), await OrganisationAsync("46"));
        var accreditation = await AccreditationAsync(holder, member);
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var response = await PostDeleteAsync(coordinator, accreditation.Id, await VersionOnDeletePageAsync(coordinator, accreditation.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Accreditations.AnyAsync(a => a.Id == accreditation.Id));
        Assert.False(await db.Set<AccreditationMember>().AnyAsync(m => m.AccreditationId == accreditation.Id));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == "AccreditationMember" && e.RootKey == accreditation.Id.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Refuses_to_delete_an_accreditation_that_a_KA121_project_draws_on_and_names_the_project()
    {
        var holder = await OrganisationAsync("46");
        var accreditation = await AccreditationAsync(holder);
        var project = await AccreditedProjectAsync(holder, accreditation);
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(analyst, $"/akkrediteringer/{accreditation.Id}/slett");
        var posted = await PostDeleteAsync(analyst, accreditation.Id, accreditation.Version);
        var details = await AppFixture.GetDocumentAsync(analyst, $"/akkrediteringer/{accreditation.Id}");

        Assert.Equal(project.Reference, page.QuerySelector($".dependents a[href='/prosjekter/{project.Id}']")!.TextContent);
        Assert.Null(page.QuerySelector("button.danger"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotNull((await AppFixture.ParseAsync(posted)).QuerySelector($".dependents a[href='/prosjekter/{project.Id}']"));
        Assert.Equal(project.Reference, details.QuerySelector($"#projects a[href='/prosjekter/{project.Id}']")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.True(await db.Accreditations.AnyAsync(a => a.Id == accreditation.Id));
    }

    [Fact]
    public async Task Refuses_a_delete_confirmed_before_someone_else_changed_the_accreditation()
    {
        var holder = await OrganisationAsync("46");
        var accreditation = await AccreditationAsync(holder);
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var confirmedVersion = await VersionOnDeletePageAsync(analyst, accreditation.Id);
        await using (var db = app.CreateDbContext())
        {
            var changed = await db.Accreditations.SingleAsync(a => a.Id == accreditation.Id);
            changed.Update(changed.Code, changed.Sector, changed.HolderId, changed.IsConsortium, changed.ValidFrom, changed.ValidTo, AccreditationStatus.Suspended, changed.DecisionDate);
            await db.SaveChangesAsync();
        }

        var response = await PostDeleteAsync(analyst, accreditation.Id, confirmedVersion);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Erasmus.Web.Features.Shared.DeleteConfirmation.ChangedMessage, (await AppFixture.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var check = app.CreateDbContext();
        Assert.True(await check.Accreditations.AnyAsync(a => a.Id == accreditation.Id));
    }

    [Fact]
    public async Task Coordinator_of_another_county_gets_403_on_delete()
    {
        var accreditation = await AccreditationAsync(await OrganisationAsync("46"));
        var other = await app.SignInAsAsync(TestRoles.Coordinator, "11");

        var page = await other.GetAsync(new Uri($"/akkrediteringer/{accreditation.Id}/slett", UriKind.Relative));
        var post = await PostDeleteAsync(other, accreditation.Id, accreditation.Version);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.True(await db.Accreditations.AnyAsync(a => a.Id == accreditation.Id));
    }

    private static async Task<uint> VersionOnDeletePageAsync(HttpClient client, int id)
    {
        var page = await AppFixture.GetDocumentAsync(client, $"/akkrediteringer/{id}/slett");
        return uint.Parse(((IHtmlInputElement)page.QuerySelector("input[name=version]")!).Value, CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> PostDeleteAsync(HttpClient client, int id, uint version) =>
        AppFixture.PostFormAsync(client, "/akkrediteringer", $"/akkrediteringer/{id}/slett", new() { ["Version"] = version.ToString(CultureInfo.InvariantCulture) });

    private async Task<Organisation> OrganisationAsync(string county)
    {
        await using var db = app.CreateDbContext();
        return await new TestData(db).OrganisationAsync(county);
    }

    private async Task<Accreditation> AccreditationAsync(Organisation holder, Organisation? member = null)
    {
        await using var db = app.CreateDbContext();
        var accreditation = await new TestData(db).AccreditationAsync(holder, consortium: member is not null);
        if (member is not null)
        {
            accreditation.SetMembers([member.Id]);
            await db.SaveChangesAsync();
        }

        return accreditation;
    }

    private async Task<Project> AccreditedProjectAsync(Organisation coordinator, Accreditation accreditation)
    {
        await using var db = app.CreateDbContext();
        var project = new Project(new ProjectDetails(TestData.NewProjectReference(2022, ProjectAction.KA121, Sector.VET), ProjectAction.KA121, Sector.VET,
            2022, 1, coordinator.Id, new DateOnly(2022, 6, 1), new DateOnly(2023, 8, 31), new DateOnly(2022, 5, 15), ProjectStatus.Granted,
            80000m, false, false, false, accreditation.Id));
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    }
}

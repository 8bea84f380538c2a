using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Organisations;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Foundation;

/// <summary>
/// The edit steps every record controller shares (<see cref="RecordController"/>), each tested once here
/// with the app's own services and database: 404 before 403, the concurrency conflict and the notice.
/// </summary>
public sealed class RecordControllerTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_missing_record_is_not_found_before_anyone_is_asked_about_rights()
    {
        await using var steps = await StepsAsync(Coordinator("46"));

        var result = await steps.Controller.Refusal(null, () => throw new InvalidOperationException("The scope of a missing record was asked for."));

        Assert.IsType<NotFoundResult>(result);
    }

    [Fact]
    public async Task A_coordinator_is_refused_another_countys_record_and_let_through_to_their_own()
    {
        await using var steps = await StepsAsync(Coordinator("46"));

        Assert.IsType<ForbidResult>(await steps.Controller.Refusal(new object(), () => Task.FromResult(CountyScope.Of("03"))));
        Assert.Null(await steps.Controller.Refusal(new object(), () => Task.FromResult(CountyScope.Of("46"))));
    }

    [Fact]
    public async Task A_notice_is_left_for_the_next_page_and_the_user_sent_there()
    {
        await using var steps = await StepsAsync(Coordinator("46"));
        var next = new RedirectResult("/organisasjoner");

        var result = steps.Controller.Leave("Skolen er lagret.", next);

        Assert.Same(next, result);
        Assert.Equal("Skolen er lagret.", steps.Controller.TempData[RecordController.NoticeKey]);
    }

    [Fact]
    public async Task A_save_over_a_change_made_meanwhile_shows_the_difference_and_takes_the_new_version()
    {
        var id = await OrganisationAsync("Fjellheim skole");
        await using var steps = await StepsAsync(Coordinator("46"));
        var mine = await steps.Db.Organisations.SingleAsync(o => o.Id == id);
        var form = OrganisationForm.From(mine);
        await RenameAsync(id, "Fjellheim vidaregåande skule");
        form.Name = "Fjellheim videregående skole";

        var result = await steps.Controller.Save(steps.Db, mine, form);

        Assert.Null(result);
        var saved = await SavedAsync(id);
        Assert.Equal("Fjellheim vidaregåande skule", saved.Name);
        Assert.Equal(saved.Version, form.Version);
        Assert.Contains("Noen andre har lagret denne posten", steps.Controller.ModelState[""]!.Errors.Single().ErrorMessage, StringComparison.Ordinal);
        var rows = Assert.IsType<List<ConflictRow>>(steps.Controller.ViewData[FormFeedback.ConflictKey]);
        Assert.Equal([new ConflictRow("Navn", "Fjellheim vidaregåande skule", "Fjellheim videregående skole")], rows);
    }

    [Fact]
    public async Task A_save_over_a_record_deleted_meanwhile_says_so_on_the_list()
    {
        var id = await OrganisationAsync("Nordvik skole");
        await using var steps = await StepsAsync(Coordinator("46"));
        var mine = await steps.Db.Organisations.SingleAsync(o => o.Id == id);
        var form = OrganisationForm.From(mine);
        await using (var other = app.CreateDbContext())
        {
            other.Organisations.Remove(await other.Organisations.SingleAsync(o => o.Id == id));
            await other.SaveChangesAsync();
        }

        form.Name = "Nordvik oppvekstsenter";
        var result = await steps.Controller.Save(steps.Db, mine, form);

        Assert.Equal("/organisasjoner", Assert.IsType<RedirectResult>(result).Url);
        Assert.Equal("Organisasjonen er slettet av noen andre.", steps.Controller.TempData[RecordController.NoticeKey]);
    }

    private static ClaimsPrincipal Coordinator(string county) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "koordinator@test.no"), new Claim(ClaimTypes.Role, Roles.CountyCoordinator), new Claim(ErasmusClaims.County, county)], "Test"));

    private async Task<int> OrganisationAsync(string name)
    {
        await using var db = app.CreateDbContext();
        return (await new TestData(db).OrganisationAsync("46", name: name)).Id;
    }

    private async Task RenameAsync(int id, string name)
    {
        await using var db = app.CreateDbContext();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == id);
        var form = OrganisationForm.From(organisation);
        form.Name = name;
        form.ApplyTo(organisation, OrganisationTies.None);
        await db.SaveChangesAsync();
    }

    private async Task<Organisation> SavedAsync(int id)
    {
        await using var db = app.CreateDbContext();
        return await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    /// <summary>A controller on a request of the app's own: its services, a signed-in user and TempData.</summary>
    private async Task<Steps> StepsAsync(ClaimsPrincipal user)
    {
        var scope = app.App.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
        var controller = new StepsController
        {
            ControllerContext = new ControllerContext { HttpContext = http },
            TempData = new TempDataDictionary(http, scope.ServiceProvider.GetRequiredService<ITempDataProvider>()),
        };
        return await Task.FromResult(new Steps(scope, controller, scope.ServiceProvider.GetRequiredService<ErasmusDbContext>()));
    }

    private sealed record Steps(AsyncServiceScope Scope, StepsController Controller, ErasmusDbContext Db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }

    /// <summary>The shared steps opened to the test, used as the organisations' edit uses them.</summary>
    private sealed class StepsController : RecordController
    {
        public Task<IActionResult?> Refusal(object? record, Func<Task<CountyScope>> scope) => RefusalAsync(record, scope);

        public IActionResult Leave(string text, IActionResult next) => Notice(text, next);

        public Task<IActionResult?> Save(ErasmusDbContext db, Organisation organisation, OrganisationForm form) => SaveAsync(form, async () =>
        {
            form.ApplyTo(organisation, OrganisationTies.None);
            await SaveAsOfAsync(organisation, form, touch: false, CancellationToken.None);
            return Notice("Lagret.", new RedirectResult("/organisasjoner/" + organisation.Id));
        }, () => Task.CompletedTask, new Concurrency(
            async () => await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisation.Id) is { } current
                ? new SavedMeanwhile(current.Version, OrganisationForm.From(current).CompareWith(form))
                : null,
            "Organisasjonen er slettet av noen andre.", () => new RedirectResult("/organisasjoner")));
    }
}

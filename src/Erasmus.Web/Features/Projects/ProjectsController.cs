using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Projects;

/// <summary>Projects with partners, topics, funding flags and awarded mobilities: list, view, register, edit and delete.</summary>
[Route("prosjekter")]
public sealed class ProjectsController(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes, OrganisationDirectory organisations) : RecordController
{
    private const string RefreshedMessage = "Aktivitetstypene og akkrediteringene er oppdatert for valgt sektor, utlysningsår og koordinator. Ingenting er lagret ennå.";

    [HttpGet("")]
    [RemembersFilters(typeof(ProjectListQuery))]
    public Task<IActionResult> Index([FromQuery] ProjectListQuery query, CancellationToken cancellationToken) =>
        ListPageAsync(() => ProjectQueries.ListAsync(db, query, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await DetailsPageAsync(await ProjectQueries.DetailsAsync(db, id, cancellationToken), () => scopes.ForProjectAsync(id, cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await PageAsync(new ProjectForm(), null, cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(ProjectForm form, CancellationToken cancellationToken)
    {
        FillFromReference(form);
        if (form.Refresh)
        {
            return await RefreshedAsync(form, null, cancellationToken);
        }

        var dropped = form.DropCoordinatorFromPartners();
        var checks = Checks();
        if (await CheckAsync(checks, form, null, cancellationToken)
            && await SaveAsync(form, async () =>
            {
                var project = new Project(form.ToDetails());
                form.ApplyCollections(project);
                db.Projects.Add(project);
                await db.SaveChangesAsync(cancellationToken);
                return Notice(dropped
                    ? $"Prosjektet {project.Reference} er registrert. Koordinatoren stod også blant partnerne og er fjernet fra dem."
                    : $"Prosjektet {project.Reference} er registrert.", RedirectToAction(nameof(Details), new { id = project.Id }));
            }, () => CheckDuplicatesAsync(checks, form, null, cancellationToken)) is { } saved)
        {
            return saved;
        }

        return View(await PageAsync(form, null, cancellationToken));
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var project = await LoadAsync(id, tracked: false, cancellationToken);
        return await RefusalAsync(project, () => scopes.ForProjectAsync(id, cancellationToken))
            ?? View(await PageAsync(ProjectForm.From(project!), project!.CoordinatorId, cancellationToken));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, ProjectForm form, CancellationToken cancellationToken)
    {
        var project = await LoadAsync(id, tracked: true, cancellationToken);
        if (await RefusalAsync(project, () => scopes.ForProjectAsync(id, cancellationToken)) is { } refusal)
        {
            return refusal;
        }

        FillFromReference(form);
        if (form.Refresh)
        {
            return await RefreshedAsync(form, project!.CoordinatorId, cancellationToken);
        }

        var dropped = form.DropCoordinatorFromPartners();
        var checks = Checks();
        if (await CheckAsync(checks, form, project, cancellationToken)
            && await SaveAsync(form, async () =>
            {
                project!.Update(form.ToDetails());
                form.ApplyCollections(project);
                // Partners, topics and awarded numbers live in other tables: touching the project row makes
                // every save check (and bump) its version, so a concurrent edit of those is detected too.
                await SaveAsOfAsync(project, form, touch: true, cancellationToken);
                return Notice(dropped
                    ? $"Prosjektet {project.Reference} er lagret. Koordinatoren stod også blant partnerne og er fjernet fra dem."
                    : $"Prosjektet {project.Reference} er lagret.", RedirectToAction(nameof(Details), new { id }));
            }, () => CheckDuplicatesAsync(checks, form, id, cancellationToken), new Concurrency(
                () => TheirsAsync(id, form, cancellationToken), "Prosjektet er slettet av noen andre.", () => RedirectToAction(nameof(Index)))) is { } saved)
        {
            return saved;
        }

        return View(await PageAsync(form, project!.CoordinatorId, cancellationToken));
    }

    [HttpGet("{id:int}/slett")]
    public Task<IActionResult> Delete(int id, CancellationToken cancellationToken) => DeletePageAsync(DeletionOf(id, cancellationToken));

    [HttpPost("{id:int}/slett")]
    public Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken) =>
        DeleteConfirmedAsync(version, DeletionOf(id, cancellationToken), cancellationToken);

    /// <summary>A project is deleted only while it has no mobilities; loaded with its rows so that removing partners, topics and awarded numbers is in the audit trail too.</summary>
    private Deletion<ProjectDeleteModel> DeletionOf(int id, CancellationToken cancellationToken) => new Deletion<ProjectDeleteModel>(
        () => ProjectQueries.DeleteModelAsync(db, id, cancellationToken), () => scopes.ForProjectAsync(id, cancellationToken),
        page => page.MobilityCount > 0, async () => (await LoadAsync(id, tracked: true, cancellationToken))!,
        page => $"Prosjektet {page.Reference} er slettet.", _ => "Prosjektet er slettet av noen andre.", _ => RedirectToAction(nameof(Index)));

    /// <summary>
    /// The accreditation choice and the awarded-mobility rows for a sector, call year and coordinator, as the form
    /// shows them: project-form.js swaps them in when those change, keeping the numbers of the rows that remain.
    /// </summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("aktivitetstyper")]
    public async Task<IActionResult> AwardedRows([FromQuery] ProjectForm form, CancellationToken cancellationToken)
    {
        // Only the values that choose the rows matter here; the form's own checks run when it is posted.
        ModelState.Clear();
        form.FillFromReference();
        await ProjectQueries.KeepValidAwardedAsync(db, form, cancellationToken);
        return PartialView("_AwardedRows", new ProjectPage(form, await ProjectQueries.AwardedChoicesAsync(db, form, cancellationToken)));
    }

    /// <summary>Fills the fields the user left empty from the project number; those fields' "choose one" messages no longer apply.</summary>
    private void FillFromReference(ProjectForm form)
    {
        var typed = ModelState.Where(entry => !string.IsNullOrWhiteSpace(entry.Value?.AttemptedValue)).Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var field in form.FillFromReference(typed))
        {
            ModelState.Remove(field);
        }
    }

    /// <summary>The "Oppdater aktivitetstyper" step: re-render for the chosen sector, call year and coordinator without saving.</summary>
    private async Task<IActionResult> RefreshedAsync(ProjectForm form, int? existingCoordinatorId, CancellationToken cancellationToken)
    {
        await ProjectQueries.KeepValidAwardedAsync(db, form, cancellationToken);
        ModelState.Clear();
        form.Refresh = false;
        ViewData["Refreshed"] = RefreshedMessage;
        return View(await PageAsync(form, existingCoordinatorId, cancellationToken));
    }

    /// <summary>What the form's views get: the form and its choices.</summary>
    private async Task<ProjectPage> PageAsync(ProjectForm form, int? existingCoordinatorId, CancellationToken cancellationToken) =>
        new(form, await ProjectQueries.OptionsAsync(db, organisations, form, User, cancellationToken, existingCoordinatorId));

    private ProjectChecks Checks() => new(db, authorization, scopes, User);

    /// <summary>The county first (a coordinator's own), then the rest and duplicates; true when the form may be saved.</summary>
    private async Task<bool> CheckAsync(ProjectChecks checks, ProjectForm form, Project? existing, CancellationToken cancellationToken)
    {
        ModelState.AddViolations(await checks.CountyAsync(form, existing, cancellationToken));
        if (ModelState.IsValid)
        {
            ModelState.AddViolations(await checks.CheckAsync(form, cancellationToken));
            await CheckDuplicatesAsync(checks, form, existing?.Id, cancellationToken);
        }

        return ModelState.IsValid;
    }

    private async Task CheckDuplicatesAsync(ProjectChecks checks, ProjectForm form, int? id, CancellationToken cancellationToken) =>
        ViewData.AddDuplicates(ModelState, await checks.DuplicatesAsync(form, id, cancellationToken));

    private async Task<SavedMeanwhile?> TheirsAsync(int id, ProjectForm form, CancellationToken cancellationToken)
    {
        var current = await LoadAsync(id, tracked: false, cancellationToken);
        if (current is null)
        {
            return null;
        }

        var theirs = ProjectForm.From(current);
        var organisationIds = theirs.PartnerIds.Concat(form.PartnerIds).Append(theirs.CoordinatorId ?? 0).Append(form.CoordinatorId ?? 0).Distinct().ToList();
        var organisationNames = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var topicNames = await db.Topics.ToDictionaryAsync(t => t.Code, t => t.NameNb, cancellationToken);
        var accreditationIds = new[] { theirs.AccreditationId, form.AccreditationId }.OfType<int>().ToList();
        var accreditationCodes = await db.Accreditations.Where(a => accreditationIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        return new SavedMeanwhile(current.Version, theirs.CompareWith(form, organisationNames, topicNames, accreditationCodes));
    }

    private async Task<Project?> LoadAsync(int id, bool tracked, CancellationToken cancellationToken)
    {
        var projects = db.Projects.Include(p => p.Partners).Include(p => p.Topics).Include(p => p.AwardedMobilities).AsSplitQuery();
        return await (tracked ? projects : projects.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}

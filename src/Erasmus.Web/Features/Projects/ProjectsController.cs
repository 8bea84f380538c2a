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
public sealed class ProjectsController(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes) : Controller
{
    private static readonly string[] FormFields = [.. typeof(ProjectForm).GetProperties().Select(p => p.Name)];

    private const string RefreshedMessage = "Aktivitetstypene og akkrediteringene er oppdatert for valgt sektor, utlysningsår og koordinator. Ingenting er lagret ennå.";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ProjectListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        return View(await ProjectQueries.ListAsync(db, query, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await ProjectQueries.DetailsAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        model.CanEdit = await authorization.CanEditAsync(User, await scopes.ForProjectAsync(id, cancellationToken));
        return View(model);
    }

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await ProjectQueries.WithChoicesAsync(db, new ProjectForm { Round = 1 }, User, cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(ProjectForm form, CancellationToken cancellationToken)
    {
        if (form.Refresh)
        {
            return await RefreshedAsync(form, null, cancellationToken);
        }

        var dropped = form.DropCoordinatorFromPartners();
        await CheckCountyAsync(form, null, cancellationToken);
        if (ModelState.IsValid)
        {
            await ProjectQueries.ValidateAsync(db, form, null, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            try
            {
                var project = new Project(form.ToDetails());
                form.ApplyCollections(project);
                db.Projects.Add(project);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = dropped
                    ? $"Prosjektet {project.Reference} er registrert. Koordinatoren stod også blant partnerne og er fjernet fra dem."
                    : $"Prosjektet {project.Reference} er registrert.";
                return RedirectToAction(nameof(Details), new { id = project.Id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                // Parallel posts of the same form: someone saved the number between the check and the save.
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, null, failure, cancellationToken);
            }
        }

        return View(await ProjectQueries.WithChoicesAsync(db, form, User, cancellationToken));
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var project = await LoadAsync(id, tracked: false, cancellationToken);
        if (project is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForProjectAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        return View(await ProjectQueries.WithChoicesAsync(db, ProjectForm.From(project), User, cancellationToken, project.CoordinatorId));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, ProjectForm form, CancellationToken cancellationToken)
    {
        var project = await LoadAsync(id, tracked: true, cancellationToken);
        if (project is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForProjectAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        if (form.Refresh)
        {
            return await RefreshedAsync(form, project.CoordinatorId, cancellationToken);
        }

        var dropped = form.DropCoordinatorFromPartners();
        await CheckCountyAsync(form, project, cancellationToken);
        if (ModelState.IsValid)
        {
            await ProjectQueries.ValidateAsync(db, form, id, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            try
            {
                project.Update(form.ToDetails());
                form.ApplyCollections(project);
                db.Entry(project).Property(p => p.Version).OriginalValue = form.Version;
                // Partners, topics and awarded numbers live in other tables: touching the project row makes
                // every save check (and bump) its version, so a concurrent edit of those is detected too.
                db.Entry(project).Property(p => p.UpdatedAt).IsModified = true;
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = dropped
                    ? $"Prosjektet {project.Reference} er lagret. Koordinatoren stod også blant partnerne og er fjernet fra dem."
                    : $"Prosjektet {project.Reference} er lagret.";
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await LoadAsync(id, tracked: false, cancellationToken);
                if (current is null)
                {
                    TempData["Message"] = "Prosjektet er slettet av noen andre.";
                    return RedirectToAction(nameof(Index));
                }

                var theirs = ProjectForm.From(current);
                var organisationIds = theirs.PartnerIds.Concat(form.PartnerIds).Append(theirs.CoordinatorId ?? 0).Append(form.CoordinatorId ?? 0).Distinct().ToList();
                var organisationNames = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
                var topicNames = await db.Topics.ToDictionaryAsync(t => t.Code, t => t.NameNb, cancellationToken);
                var accreditationIds = new[] { theirs.AccreditationId, form.AccreditationId }.OfType<int>().ToList();
                var accreditationCodes = await db.Accreditations.Where(a => accreditationIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
                ViewData.AddConflict(ModelState, theirs.CompareWith(form, organisationNames, topicNames, accreditationCodes));
                form.Version = current.Version;
                ModelState.Remove(nameof(form.Version));
            }
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, id, failure, cancellationToken);
            }
        }

        return View(await ProjectQueries.WithChoicesAsync(db, form, User, cancellationToken, project.CoordinatorId));
    }

    [HttpGet("{id:int}/slett")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var model = await ProjectQueries.DeleteModelAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return await authorization.CanEditAsync(User, await scopes.ForProjectAsync(id, cancellationToken)) ? View(model) : Forbid();
    }

    [HttpPost("{id:int}/slett")]
    public async Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken)
    {
        var model = await ProjectQueries.DeleteModelAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForProjectAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        if (model.MobilityCount > 0)
        {
            return View("Delete", model);
        }

        if (DeleteConfirmation.Refusal(version, model.Version, out var confirmed) is { } refusal)
        {
            return View("Delete", model with { Refusal = refusal });
        }

        try
        {
            // Loaded with its rows so that removing partners, topics and awarded numbers is in the audit trail too.
            if (!await DeleteConfirmation.DeleteAsync(db, (await LoadAsync(id, tracked: true, cancellationToken))!, confirmed, cancellationToken))
            {
                return await DeleteRefusedAsync(id, DeleteConfirmation.ChangedMessage, cancellationToken);
            }
        }
        catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is not null)
        {
            // A mobility was registered after the check above: show it instead.
            db.ChangeTracker.Clear();
            return await DeleteRefusedAsync(id, null, cancellationToken);
        }

        TempData["Message"] = $"Prosjektet {model.Reference} er slettet.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The confirmation again, as the project is now; the list when someone else deleted it meanwhile.</summary>
    private async Task<IActionResult> DeleteRefusedAsync(int id, string? refusal, CancellationToken cancellationToken)
    {
        if (await ProjectQueries.DeleteModelAsync(db, id, cancellationToken) is not { } current)
        {
            TempData["Message"] = "Prosjektet er slettet av noen andre.";
            return RedirectToAction(nameof(Index));
        }

        return View("Delete", current with { Refusal = refusal });
    }

    /// <summary>The "Oppdater aktivitetstyper" step: re-render for the chosen sector, call year and coordinator without saving.</summary>
    private async Task<IActionResult> RefreshedAsync(ProjectForm form, int? existingCoordinatorId, CancellationToken cancellationToken)
    {
        await ProjectQueries.KeepValidAwardedAsync(db, form, cancellationToken);
        ModelState.Clear();
        form.Refresh = false;
        ViewData["Refreshed"] = RefreshedMessage;
        return View(await ProjectQueries.WithChoicesAsync(db, form, User, cancellationToken, existingCoordinatorId));
    }

    /// <summary>
    /// A coordinator may only register a project in their own county, or leave one there: the county
    /// is the Norwegian coordinator's, or for a project coordinated abroad, the Norwegian partners'.
    /// </summary>
    private async Task CheckCountyAsync(ProjectForm form, Project? existing, CancellationToken cancellationToken)
    {
        if (form.CoordinatorId is null)
        {
            return;
        }

        var counties = await ProjectQueries.FormCountiesAsync(db, form, cancellationToken);
        if (await authorization.CanEditAsync(User, await scopes.ForCountiesAsync(counties, cancellationToken)))
        {
            return;
        }

        var abroad = await db.Organisations.AnyAsync(o => o.Id == form.CoordinatorId && o.CountryCode != Organisation.Norway, cancellationToken);
        var field = abroad ? nameof(form.PartnerIds) : nameof(form.CoordinatorId);
        var message = (existing, abroad) switch
        {
            (null, false) => "Du kan bare registrere prosjekter i ditt eget fylke: koordinatoren må være en organisasjon i fylket ditt.",
            (null, true) => "Du kan bare registrere prosjekter i ditt eget fylke: når koordinatoren er utenlandsk, må minst én norsk partner høre til fylket ditt.",
            (_, false) => "Du kan ikke flytte prosjektet ut av fylket ditt: koordinatoren må være en organisasjon i fylket ditt.",
            (_, true) => "Du kan ikke flytte prosjektet ut av fylket ditt: når koordinatoren er utenlandsk, må minst én norsk partner høre til fylket ditt.",
        };
        ModelState.AddModelError(field, message);
    }

    /// <summary>The database refused the save: a duplicate gets its link as in the check before the save, anything else its message.</summary>
    private async Task SaveFailedAsync(ProjectForm form, int? id, Domain.Rules.RuleViolation failure, CancellationToken cancellationToken)
    {
        await ProjectQueries.CheckDuplicateAsync(db, form, id, ViewData, ModelState, cancellationToken);
        if (ModelState.IsValid)
        {
            ModelState.AddSaveFailure(failure, FormFields);
        }
    }

    private async Task<Project?> LoadAsync(int id, bool tracked, CancellationToken cancellationToken)
    {
        var projects = db.Projects.Include(p => p.Partners).Include(p => p.Topics).Include(p => p.AwardedMobilities).AsSplitQuery();
        return await (tracked ? projects : projects.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }
}

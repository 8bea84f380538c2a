using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>
/// Mobility records, single and group: list, view, register (always from a project), edit and delete.
/// A mobility belongs where its project belongs: a coordinator edits those of their county's projects.
/// </summary>
[Route("mobiliteter")]
public sealed class MobilitiesController(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes, TimeProvider time) : Controller
{
    private static readonly string[] FormFields = [.. typeof(MobilityForm).GetProperties().Select(p => p.Name)];

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] MobilityListQuery query, [FromServices] DataCache cache, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var model = await MobilityQueries.ListAsync(db, query, cache, cancellationToken);
        if (model.Project is { } project)
        {
            model.CanRegisterForProject = await authorization.CanEditAsync(User, await scopes.ForProjectAsync(project.Id, cancellationToken));
        }

        return View(model);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await MobilityQueries.DetailsAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        model.CanEdit = await authorization.CanEditAsync(User, await scopes.ForMobilityAsync(id, cancellationToken));
        return View(model);
    }

    /// <summary>Registering starts from a project (?project=id); without one, the user first finds the project.</summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(int? project, string? search, CancellationToken cancellationToken)
    {
        if (project is null)
        {
            var found = await MobilityQueries.FindProjectsAsync(db, search, cancellationToken);
            var choices = new List<ProjectChoice>(found.Count);
            foreach (var candidate in found)
            {
                choices.Add(new ProjectChoice(candidate, await authorization.CanEditAsync(User, await scopes.ForProjectAsync(candidate.Id, cancellationToken))));
            }

            return View("ChooseProject", new ChooseProjectModel(search, choices, !string.IsNullOrWhiteSpace(search)));
        }

        var summary = await MobilityQueries.ProjectSummaryAsync(db, project.Value, cancellationToken);
        if (summary is null)
        {
            return NotFound();
        }

        var scope = await scopes.ForProjectAsync(summary.Id, cancellationToken);
        if (!await authorization.CanEditAsync(User, scope))
        {
            return Forbid();
        }

        return View(await MobilityQueries.WithChoicesAsync(db, MobilityForm.ForNew(summary), summary, User, scope, [], cancellationToken));
    }

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(int? project, MobilityForm form, CancellationToken cancellationToken)
    {
        // Tracked: the new mobility refers to it, and an untracked project would be inserted again.
        var entity = project is null ? null : await db.Projects.SingleOrDefaultAsync(p => p.Id == project, cancellationToken);
        if (entity is null)
        {
            return NotFound();
        }

        var scope = await scopes.ForProjectAsync(entity.Id, cancellationToken);
        if (!await authorization.CanEditAsync(User, scope))
        {
            return Forbid();
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, entity.Id, cancellationToken))!;
        form.Normalise();
        form.ReplaceBindingErrors(ModelState);
        await MobilityQueries.WithChoicesAsync(db, form, summary, User, scope, [], cancellationToken);
        var activity = await MobilityQueries.CheckChoicesAsync(db, form, ModelState, cancellationToken);
        form.AddRulesCheckableWithoutTheEntity(ModelState);
        if (ModelState.IsValid)
        {
            await MobilityQueries.CheckDuplicateAsync(db, form, summary, null, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid && activity is not null)
        {
            try
            {
                var mobility = Mobility.Register(entity, activity, form.ToDetails(), time.GetUtcNow());
                db.Mobilities.Add(mobility);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = $"Mobiliteten {mobility.MobilityId} er registrert.";
                return RedirectToAction(nameof(Details), new { id = mobility.Id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                // Someone registered the same mobility ID in between the check and the save, or a chosen record went away.
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, summary, null, failure, cancellationToken);
            }
        }

        return View(form);
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mobility is null)
        {
            return NotFound();
        }

        var scope = await scopes.ForMobilityAsync(id, cancellationToken);
        if (!await authorization.CanEditAsync(User, scope))
        {
            return Forbid();
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, mobility.ProjectId, cancellationToken))!;
        return View(await MobilityQueries.WithChoicesAsync(db, MobilityForm.From(mobility), summary, User, scope, SavedOrganisations(mobility), cancellationToken));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, MobilityForm form, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.Include(m => m.Project).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mobility is null)
        {
            return NotFound();
        }

        var scope = await scopes.ForMobilityAsync(id, cancellationToken);
        if (!await authorization.CanEditAsync(User, scope))
        {
            return Forbid();
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, mobility.ProjectId, cancellationToken))!;
        form.Normalise();
        form.ReplaceBindingErrors(ModelState);
        await MobilityQueries.WithChoicesAsync(db, form, summary, User, scope, SavedOrganisations(mobility), cancellationToken);
        var activity = await MobilityQueries.CheckChoicesAsync(db, form, ModelState, cancellationToken);
        form.AddRulesCheckableWithoutTheEntity(ModelState);
        if (ModelState.IsValid)
        {
            await MobilityQueries.CheckDuplicateAsync(db, form, summary, id, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid && activity is not null)
        {
            try
            {
                mobility.Update(mobility.Project!, activity, form.ToDetails());
                db.Entry(mobility).Property(m => m.Version).OriginalValue = form.Version;
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = $"Mobiliteten {mobility.MobilityId} er lagret.";
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await db.Mobilities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
                if (current is null)
                {
                    TempData["Message"] = "Mobiliteten er slettet av noen andre.";
                    return RedirectToAction(nameof(Index), new { Project = summary.Reference });
                }

                var theirs = MobilityForm.From(current);
                var names = await MobilityQueries.OrganisationNamesAsync(db,
                    [theirs.SendingOrganisationId, theirs.ReceivingOrganisationId, form.SendingOrganisationId, form.ReceivingOrganisationId], cancellationToken);
                ViewData.AddConflict(ModelState, theirs.CompareWith(form, names));
                form.Version = current.Version;
                ModelState.Remove(nameof(form.Version));
            }
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, summary, id, failure, cancellationToken);
            }
        }

        return View(form);
    }

    [HttpGet("{id:int}/slett")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var model = await MobilityQueries.DeleteModelAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return await authorization.CanEditAsync(User, await scopes.ForMobilityAsync(id, cancellationToken)) ? View(model) : Forbid();
    }

    /// <summary>
    /// Nothing depends on a mobility, so deletion proceeds once confirmed. The confirmation carries the
    /// version the user saw: a mobility changed meanwhile is shown again rather than deleted unseen.
    /// </summary>
    [HttpPost("{id:int}/slett")]
    public async Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mobility is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForMobilityAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        var reference = await db.Projects.Where(p => p.Id == mobility.ProjectId).Select(p => p.Reference).SingleAsync(cancellationToken);
        var refusal = DeleteConfirmation.Refusal(version, mobility.Version, out var confirmed);
        if (refusal is null && !await DeleteConfirmation.DeleteAsync(db, mobility, confirmed, cancellationToken))
        {
            refusal = DeleteConfirmation.ChangedMessage;
        }

        if (refusal is not null)
        {
            var model = await MobilityQueries.DeleteModelAsync(db, id, cancellationToken);
            if (model is not null)
            {
                return View("Delete", model with { Refusal = refusal });
            }

            TempData["Message"] = $"Mobiliteten {mobility.MobilityId} er slettet av noen andre.";
        }
        else
        {
            TempData["Message"] = $"Mobiliteten {mobility.MobilityId} er slettet.";
        }

        return RedirectToAction(nameof(Index), new { Project = reference });
    }

    private static int[] SavedOrganisations(Mobility mobility) =>
        [.. new[] { mobility.SendingOrganisationId, mobility.ReceivingOrganisationId }.OfType<int>()];

    /// <summary>The database refused the save: a duplicate gets its link as in the check before the save, anything else its message.</summary>
    private async Task SaveFailedAsync(MobilityForm form, ProjectSummary summary, int? id, Domain.Rules.RuleViolation failure, CancellationToken cancellationToken)
    {
        await MobilityQueries.CheckDuplicateAsync(db, form, summary, id, ViewData, ModelState, cancellationToken);
        if (ModelState.IsValid)
        {
            ModelState.AddSaveFailure(failure, FormFields);
        }
    }
}

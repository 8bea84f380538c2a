using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Accreditations;

/// <summary>Erasmus accreditations (KA120) with their consortium members: list, view, register, edit and delete.</summary>
[Route("akkrediteringer")]
public sealed class AccreditationsController(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes) : Controller
{
    private static readonly string[] FormFields = [.. typeof(AccreditationForm).GetProperties().Select(p => p.Name)];

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AccreditationListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        return View(await AccreditationQueries.ListAsync(db, query, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await AccreditationQueries.DetailsAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        model.CanEdit = await authorization.CanEditAsync(User, await scopes.ForAccreditationAsync(id, cancellationToken));
        return View(model);
    }

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await WithChoicesAsync(new AccreditationForm(), cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(AccreditationForm form, CancellationToken cancellationToken)
    {
        if (form.ShowMembers)
        {
            ModelState.Clear();
            return View(await WithChoicesAsync(form, cancellationToken));
        }

        await CheckOrganisationsAsync(form, null, cancellationToken);
        await AccreditationQueries.CheckDuplicateAsync(db, form, null, ViewData, ModelState, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                var accreditation = form.ToNew();
                db.Accreditations.Add(accreditation);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = $"Akkreditering {accreditation.Code} er registrert.";
                return RedirectToAction(nameof(Details), new { id = accreditation.Id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                // Parallel posts of the same form: someone saved the code between the check and the save.
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, null, failure, cancellationToken);
            }
        }

        return View(await WithChoicesAsync(form, cancellationToken));
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var accreditation = await db.Accreditations.AsNoTracking().Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (accreditation is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForAccreditationAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        return View(await WithChoicesAsync(AccreditationForm.From(accreditation), cancellationToken));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, AccreditationForm form, CancellationToken cancellationToken)
    {
        var accreditation = await db.Accreditations.Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (accreditation is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForAccreditationAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        if (form.ShowMembers)
        {
            ModelState.Clear();
            return View(await WithChoicesAsync(form, cancellationToken));
        }

        await CheckOrganisationsAsync(form, accreditation, cancellationToken);
        await AccreditationQueries.CheckDuplicateAsync(db, form, id, ViewData, ModelState, cancellationToken);
        if (ModelState.IsValid)
        {
            try
            {
                form.ApplyTo(accreditation);
                db.Entry(accreditation).Property(a => a.Version).OriginalValue = form.Version;
                // Members live in their own table: touching the row makes a members-only change check the version too.
                db.Entry(accreditation).Property(a => a.UpdatedAt).IsModified = true;
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = $"Akkreditering {accreditation.Code} er lagret.";
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await db.Accreditations.AsNoTracking().Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
                if (current is null)
                {
                    TempData["Message"] = "Akkrediteringen er slettet av noen andre.";
                    return RedirectToAction(nameof(Index));
                }

                var theirs = AccreditationForm.From(current);
                var names = await AccreditationQueries.NamesAsync(db, [.. theirs.MemberIds, .. form.MemberIds, current.HolderId, form.HolderId ?? 0], cancellationToken);
                ViewData.AddConflict(ModelState, theirs.CompareWith(form, names));
                form.Version = current.Version;
                ModelState.Remove(nameof(form.Version));
            }
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, id, failure, cancellationToken);
            }
        }

        return View(await WithChoicesAsync(form, cancellationToken));
    }

    [HttpGet("{id:int}/slett")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var model = await AccreditationQueries.DeleteModelAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return await authorization.CanEditAsync(User, await scopes.ForAccreditationAsync(id, cancellationToken)) ? View(model) : Forbid();
    }

    /// <summary>Deletes only the version the user confirmed (<see cref="DeleteConfirmation"/>): a change made meanwhile is shown first.</summary>
    [HttpPost("{id:int}/slett")]
    public async Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken)
    {
        var model = await AccreditationQueries.DeleteModelAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForAccreditationAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        if (model.Projects.Count > 0)
        {
            return View("Delete", model);
        }

        if (DeleteConfirmation.Refusal(version, model.Version, out var confirmed) is { } refusal)
        {
            return View("Delete", model with { Refusal = refusal });
        }

        var accreditation = await db.Accreditations.Include(a => a.Members).SingleAsync(a => a.Id == id, cancellationToken);
        try
        {
            if (!await DeleteConfirmation.DeleteAsync(db, accreditation, confirmed, cancellationToken))
            {
                var current = await AccreditationQueries.DeleteModelAsync(db, id, cancellationToken);
                if (current is null)
                {
                    TempData["Message"] = "Akkrediteringen er slettet av noen andre.";
                    return RedirectToAction(nameof(Index));
                }

                return View("Delete", current with { Refusal = DeleteConfirmation.ChangedMessage });
            }
        }
        catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is not null)
        {
            // A project came to draw on the accreditation after the check above: show it instead.
            db.ChangeTracker.Clear();
            return View("Delete", await AccreditationQueries.DeleteModelAsync(db, id, cancellationToken));
        }

        TempData["Message"] = $"Akkreditering {model.Code} er slettet.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>
    /// The holder and the members must be Norwegian organisations; a coordinator may only choose a
    /// holder in their own county, and only add members from it. What the record already had stays.
    /// </summary>
    private async Task CheckOrganisationsAsync(AccreditationForm form, Accreditation? existing, CancellationToken cancellationToken)
    {
        if (form.HolderId is { } holderId)
        {
            var holderCountry = await db.Organisations.Where(o => o.Id == holderId).Select(o => o.CountryCode).SingleOrDefaultAsync(cancellationToken);
            if (holderCountry is null)
            {
                ModelState.AddModelError(nameof(form.HolderId), "Velg innehaveren fra listen.");
            }
            else if (holderCountry != Organisation.Norway)
            {
                ModelState.AddModelError(nameof(form.HolderId), "Innehaveren må være en norsk organisasjon.");
            }
            else if (holderId != existing?.HolderId && !await authorization.CanEditAsync(User, await scopes.ForOrganisationAsync(holderId, cancellationToken)))
            {
                ModelState.AddModelError(nameof(form.HolderId), existing is null
                    ? "Du kan bare registrere akkrediteringer for organisasjoner i ditt eget fylke."
                    : "Du kan ikke flytte akkrediteringen til en innehaver utenfor ditt eget fylke.");
            }
        }

        var memberIds = form.MemberIds.Distinct().Where(m => m != form.HolderId).ToList();
        var members = await db.Organisations.Where(o => memberIds.Contains(o.Id))
            .Select(o => new { o.Id, o.CountryCode, o.CountyNumber }).ToListAsync(cancellationToken);
        if (members.Count < memberIds.Count)
        {
            ModelState.AddModelError(nameof(form.MemberIds), "Velg konsortiemedlemmene fra listen.");
            return;
        }

        if (members.Any(m => m.CountryCode != Organisation.Norway))
        {
            ModelState.AddModelError(nameof(form.MemberIds), "Konsortiemedlemmer må være norske organisasjoner.");
            return;
        }

        var added = members.Where(m => existing?.Members.Any(em => em.OrganisationId == m.Id) != true).Select(m => m.CountyNumber).Distinct();
        foreach (var county in added)
        {
            if (!await authorization.CanEditAsync(User, await scopes.ForCountiesAsync([county], cancellationToken)))
            {
                ModelState.AddModelError(nameof(form.MemberIds), "Du kan bare velge konsortiemedlemmer i ditt eget fylke.");
                return;
            }
        }
    }

    /// <summary>The database refused the save: a duplicate gets its link as in the check before the save, anything else its message.</summary>
    private async Task SaveFailedAsync(AccreditationForm form, int? id, Domain.Rules.RuleViolation failure, CancellationToken cancellationToken)
    {
        await AccreditationQueries.CheckDuplicateAsync(db, form, id, ViewData, ModelState, cancellationToken);
        if (ModelState.IsValid)
        {
            ModelState.AddSaveFailure(failure, FormFields);
        }
    }

    private Task<AccreditationForm> WithChoicesAsync(AccreditationForm form, CancellationToken cancellationToken) =>
        AccreditationQueries.WithChoicesAsync(db, scopes, form, User, cancellationToken);
}

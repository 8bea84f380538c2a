using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Organisations;

/// <summary>Norwegian and foreign organisations: list, view, register, edit and delete.</summary>
[Route("organisasjoner")]
public sealed class OrganisationsController(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] OrganisationListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        return View(await OrganisationQueries.ListAsync(db, query, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await OrganisationQueries.DetailsAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        model.CanEdit = await authorization.CanEditAsync(User, await scopes.ForOrganisationAsync(id, cancellationToken));
        return View(model);
    }

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await OrganisationQueries.WithChoicesAsync(db, new OrganisationForm { CountyNumber = User.CountyNumber() }, User, cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(OrganisationForm form, CancellationToken cancellationToken)
    {
        if (!await authorization.CanEditAsync(User, await scopes.ForCountiesAsync([form.CountyNumber], cancellationToken)) && form.CountryCode == Organisation.Norway)
        {
            ModelState.AddModelError(nameof(form.CountyNumber), "Du kan bare registrere organisasjoner i ditt eget fylke.");
        }

        if (ModelState.IsValid)
        {
            await OrganisationQueries.CheckDuplicatesAsync(db, form, null, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            try
            {
                var organisation = form.ToNew();
                db.Organisations.Add(organisation);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = $"{organisation.Name} er registrert.";
                return RedirectToAction(nameof(Details), new { id = organisation.Id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
        }

        return View(await OrganisationQueries.WithChoicesAsync(db, form, User, cancellationToken));
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForOrganisationAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        return View(await OrganisationQueries.WithChoicesAsync(db, OrganisationForm.From(organisation), User, cancellationToken));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, OrganisationForm form, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForOrganisationAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        if (form.CountyNumber != organisation.CountyNumber && !await authorization.CanEditAsync(User, await scopes.ForCountiesAsync([form.CountyNumber], cancellationToken)))
        {
            ModelState.AddModelError(nameof(form.CountyNumber), "Du kan ikke flytte organisasjonen til et annet fylke enn ditt eget.");
        }

        if (ModelState.IsValid)
        {
            await OrganisationQueries.CheckDuplicatesAsync(db, form, id, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            try
            {
                form.ApplyTo(organisation);
                db.Entry(organisation).Property(o => o.Version).OriginalValue = form.Version;
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = $"{organisation.Name} er lagret.";
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateConcurrencyException)
            {
                var current = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
                if (current is null)
                {
                    TempData["Message"] = "Organisasjonen er slettet av noen andre.";
                    return RedirectToAction(nameof(Index));
                }

                ViewData.AddConflict(ModelState, OrganisationForm.From(current).CompareWith(form));
                form.Version = current.Version;
                ModelState.Remove(nameof(form.Version));
            }
        }

        return View(await OrganisationQueries.WithChoicesAsync(db, form, User, cancellationToken, id));
    }

    [HttpGet("{id:int}/slett")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var model = await OrganisationQueries.DeleteModelAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return await authorization.CanEditAsync(User, await scopes.ForOrganisationAsync(id, cancellationToken)) ? View(model) : Forbid();
    }

    [HttpPost("{id:int}/slett")]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var model = await OrganisationQueries.DeleteModelAsync(db, id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        if (!await authorization.CanEditAsync(User, await scopes.ForOrganisationAsync(id, cancellationToken)))
        {
            return Forbid();
        }

        if (model.Dependents.Count > 0)
        {
            return View("Delete", model);
        }

        db.Organisations.Remove(await db.Organisations.SingleAsync(o => o.Id == id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"{model.Name} er slettet.";
        return RedirectToAction(nameof(Index));
    }
}

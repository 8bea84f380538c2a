using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Organisations;

/// <summary>Norwegian and foreign organisations: list, view, register, edit and delete.</summary>
[Route("organisasjoner")]
public sealed class OrganisationsController(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes) : Controller
{
    private static readonly string[] FormFields = [.. typeof(OrganisationForm).GetProperties().Select(p => p.Name)];

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
        await OrganisationQueries.CheckReferencesAsync(db, form, ModelState, cancellationToken);
        await CheckCountyAsync(form, null, cancellationToken);
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
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                // Someone saved the same number or OID in between the check and the save (parallel posts).
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, null, failure, cancellationToken);
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

        // The saved county is offered even where the user could not choose it (a dissolved county, decision 8), so the page shows it and a save keeps it.
        return View(await OrganisationQueries.WithChoicesAsync(db, OrganisationForm.From(organisation), User, cancellationToken, id));
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

        await OrganisationQueries.CheckReferencesAsync(db, form, ModelState, cancellationToken);
        await CheckCountyAsync(form, organisation, cancellationToken);
        await CheckCountryChangeAsync(form, organisation, cancellationToken);
        if (ModelState.IsValid)
        {
            await OrganisationQueries.CheckDuplicatesAsync(db, form, id, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            try
            {
                form.ApplyTo(organisation, await OrganisationQueries.TiesAsync(db, id, cancellationToken));
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
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                db.ChangeTracker.Clear();
                await SaveFailedAsync(form, id, failure, cancellationToken);
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
    public async Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken)
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

        if (DeleteConfirmation.Refusal(version, model.Version, out var confirmed) is { } refusal)
        {
            return View("Delete", model with { Refusal = refusal });
        }

        try
        {
            if (!await DeleteConfirmation.DeleteAsync(db, await db.Organisations.SingleAsync(o => o.Id == id, cancellationToken), confirmed, cancellationToken))
            {
                return await DeleteRefusedAsync(id, DeleteConfirmation.ChangedMessage, cancellationToken);
            }
        }
        catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is not null)
        {
            // A record came to point at the organisation after the check above: show it instead.
            db.ChangeTracker.Clear();
            return await DeleteRefusedAsync(id, null, cancellationToken);
        }

        TempData["Message"] = $"{model.Name} er slettet.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The confirmation again, as the organisation is now; the list when someone else deleted it meanwhile.</summary>
    private async Task<IActionResult> DeleteRefusedAsync(int id, string? refusal, CancellationToken cancellationToken)
    {
        if (await OrganisationQueries.DeleteModelAsync(db, id, cancellationToken) is not { } current)
        {
            TempData["Message"] = "Organisasjonen er slettet av noen andre.";
            return RedirectToAction(nameof(Index));
        }

        return View("Delete", current with { Refusal = refusal });
    }

    /// <summary>
    /// Where a Norwegian organisation may be registered or moved. A coordinator: only in their own
    /// county, never in a county dissolved in 2024, whose organisations analysts register (decision 8);
    /// a saved county stays as it is. Analysts: any county.
    /// </summary>
    private async Task CheckCountyAsync(OrganisationForm form, Organisation? existing, CancellationToken cancellationToken)
    {
        var county = form.CountyNumber?.Trim();
        if (!User.IsCoordinator() || !IsNorway(form.CountryCode) || string.IsNullOrEmpty(county)
            || county == existing?.CountyNumber || county == User.CountyNumber()
            || ModelState.GetFieldValidationState(nameof(form.CountyNumber)) == ModelValidationState.Invalid)
        {
            return;
        }

        var dissolved = await db.Counties.AnyAsync(c => c.Number == county && c.ValidTo != null, cancellationToken);
        ModelState.AddModelError(nameof(form.CountyNumber), (dissolved, existing) switch
        {
            (true, _) => "Organisasjoner i fylker som ble oppløst i 2024, registreres av HK-dir. Velg ditt eget fylke.",
            (false, null) => "Du kan bare registrere organisasjoner i ditt eget fylke.",
            (false, _) => "Du kan ikke flytte organisasjonen til et annet fylke enn ditt eget.",
        });
    }

    /// <summary>
    /// A coordinator may not make a Norwegian organisation foreign when projects belong to their county
    /// through it: a foreign organisation belongs to no county, so those projects would move to other
    /// counties' coordinators (issue #15). What must stay Norwegian for everyone is the entity's rule.
    /// </summary>
    private async Task CheckCountryChangeAsync(OrganisationForm form, Organisation existing, CancellationToken cancellationToken)
    {
        if (User.IsCoordinator() && existing.CountryCode == Organisation.Norway && !string.IsNullOrWhiteSpace(form.CountryCode)
            && !IsNorway(form.CountryCode)
            && await OrganisationQueries.ProjectsInItsCountyAsync(db, existing.Id, cancellationToken) > 0)
        {
            ModelState.AddModelError(nameof(form.CountryCode),
                "Du kan ikke gjøre organisasjonen utenlandsk: prosjektene den koordinerer eller er norsk partner i, ville da flytte ut av fylket ditt. Be HK-dir om å endre landet.");
        }
    }

    private static bool IsNorway(string? countryCode) => string.Equals(countryCode?.Trim(), Organisation.Norway, StringComparison.OrdinalIgnoreCase);

    /// <summary>The database refused the save: a duplicate gets its link as in the check before the save, anything else its message.</summary>
    private async Task SaveFailedAsync(OrganisationForm form, int? id, Domain.Rules.RuleViolation failure, CancellationToken cancellationToken)
    {
        await OrganisationQueries.CheckDuplicatesAsync(db, form, id, ViewData, ModelState, cancellationToken);
        if (ModelState.IsValid)
        {
            ModelState.AddSaveFailure(failure, FormFields);
        }
    }
}

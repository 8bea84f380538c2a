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
public sealed class OrganisationsController(ErasmusDbContext db, CountyScopes scopes) : RecordController
{
    [HttpGet("")]
    [RemembersFilters(typeof(OrganisationListQuery))]
    public Task<IActionResult> Index([FromQuery] OrganisationListQuery query, CancellationToken cancellationToken) =>
        ListPageAsync(() => OrganisationQueries.ListAsync(db, query, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await DetailsPageAsync(await OrganisationQueries.DetailsAsync(db, id, cancellationToken), () => scopes.ForOrganisationAsync(id, cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await PageAsync(new OrganisationForm { CountyNumber = User.CountyNumber() }, null, cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(OrganisationForm form, CancellationToken cancellationToken)
    {
        var checks = Checks();
        ModelState.AddViolations(await checks.CheckAsync(form, null, cancellationToken));
        if (ModelState.IsValid && await CheckDuplicatesAsync(checks, form, null, cancellationToken)
            && await SaveAsync(form, async () =>
            {
                var organisation = form.ToNew();
                db.Organisations.Add(organisation);
                await db.SaveChangesAsync(cancellationToken);
                return Notice($"{organisation.Name} er registrert.", RedirectToAction(nameof(Details), new { id = organisation.Id }));
            }, () => CheckDuplicatesAsync(checks, form, null, cancellationToken)) is { } saved)
        {
            return saved;
        }

        return View(await PageAsync(form, null, cancellationToken));
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        // The saved county is offered even where the user could not choose it (a dissolved county, decision 8), so the page shows it and a save keeps it.
        return await RefusalAsync(organisation, () => scopes.ForOrganisationAsync(id, cancellationToken))
            ?? View(await PageAsync(OrganisationForm.From(organisation!), id, cancellationToken));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, OrganisationForm form, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (await RefusalAsync(organisation, () => scopes.ForOrganisationAsync(id, cancellationToken)) is { } refusal)
        {
            return refusal;
        }

        var checks = Checks();
        ModelState.AddViolations(await checks.CheckAsync(form, organisation, cancellationToken));
        if (ModelState.IsValid && await CheckDuplicatesAsync(checks, form, id, cancellationToken)
            && await SaveAsync(form, async () =>
            {
                form.ApplyTo(organisation!, await OrganisationQueries.TiesAsync(db, id, cancellationToken));
                await SaveAsOfAsync(organisation!, form, touch: false, cancellationToken);
                return Notice($"{organisation!.Name} er lagret.", RedirectToAction(nameof(Details), new { id }));
            }, () => CheckDuplicatesAsync(checks, form, id, cancellationToken), new Concurrency(
                async () => await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken) is { } current
                    ? new SavedMeanwhile(current.Version, OrganisationForm.From(current).CompareWith(form))
                    : null,
                "Organisasjonen er slettet av noen andre.", () => RedirectToAction(nameof(Index)))) is { } saved)
        {
            return saved;
        }

        return View(await PageAsync(form, id, cancellationToken));
    }

    [HttpGet("{id:int}/slett")]
    public Task<IActionResult> Delete(int id, CancellationToken cancellationToken) => DeletePageAsync(DeletionOf(id, cancellationToken));

    [HttpPost("{id:int}/slett")]
    public Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken) =>
        DeleteConfirmedAsync(version, DeletionOf(id, cancellationToken), cancellationToken);

    /// <summary>An organisation is deleted only while nothing points at it.</summary>
    private Deletion<DeleteModel> DeletionOf(int id, CancellationToken cancellationToken) => new Deletion<DeleteModel>(
        () => OrganisationQueries.DeleteModelAsync(db, id, cancellationToken), () => scopes.ForOrganisationAsync(id, cancellationToken),
        page => page.Dependents.Count > 0, async () => await db.Organisations.SingleAsync(o => o.Id == id, cancellationToken),
        page => $"{page.Name} er slettet.", _ => "Organisasjonen er slettet av noen andre.", _ => RedirectToAction(nameof(Index)));

    private OrganisationChecks Checks() => new(db, User, ModelState.RefusedFields());

    /// <summary>Refuses a number or OID another organisation has, with a link to it; true when there is none.</summary>
    private async Task<bool> CheckDuplicatesAsync(OrganisationChecks checks, OrganisationForm form, int? id, CancellationToken cancellationToken)
    {
        ViewData.AddDuplicates(ModelState, await checks.DuplicatesAsync(form, id, cancellationToken));
        return ModelState.IsValid;
    }

    /// <summary>What the form's views get: the form and its choices.</summary>
    private async Task<OrganisationPage> PageAsync(OrganisationForm form, int? existingId, CancellationToken cancellationToken) =>
        new(form, await OrganisationQueries.OptionsAsync(db, User, cancellationToken, existingId));
}

using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Accreditations;

/// <summary>Erasmus accreditations (KA120) with their consortium members: list, view, register, edit and delete.</summary>
[Route("akkrediteringer")]
public sealed class AccreditationsController(ErasmusDbContext db, IAuthorizationService authorization, CountyScopes scopes) : RecordController
{
    [HttpGet("")]
    [RemembersFilters(typeof(AccreditationListQuery))]
    public Task<IActionResult> Index([FromQuery] AccreditationListQuery query, CancellationToken cancellationToken) =>
        ListPageAsync(() => AccreditationQueries.ListAsync(db, query, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await DetailsPageAsync(await AccreditationQueries.DetailsAsync(db, id, cancellationToken), () => scopes.ForAccreditationAsync(id, cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await PageAsync(new AccreditationForm(), cancellationToken));

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(AccreditationForm form, CancellationToken cancellationToken)
    {
        if (form.ShowMembers)
        {
            return await MembersShownAsync(form, cancellationToken);
        }

        var checks = Checks();
        ModelState.AddViolations(await checks.OrganisationsAsync(form, null, cancellationToken));
        if (await CheckDuplicatesAsync(checks, form, null, cancellationToken)
            && await SaveAsync(form, async () =>
            {
                var accreditation = form.ToNew();
                db.Accreditations.Add(accreditation);
                await db.SaveChangesAsync(cancellationToken);
                return Notice($"Akkreditering {accreditation.Code} er registrert.", RedirectToAction(nameof(Details), new { id = accreditation.Id }));
            }, () => CheckDuplicatesAsync(checks, form, null, cancellationToken)) is { } saved)
        {
            return saved;
        }

        return View(await PageAsync(form, cancellationToken));
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var accreditation = await db.Accreditations.AsNoTracking().Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return await RefusalAsync(accreditation, () => scopes.ForAccreditationAsync(id, cancellationToken))
            ?? View(await PageAsync(AccreditationForm.From(accreditation!), cancellationToken));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, AccreditationForm form, CancellationToken cancellationToken)
    {
        var accreditation = await db.Accreditations.Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (await RefusalAsync(accreditation, () => scopes.ForAccreditationAsync(id, cancellationToken)) is { } refusal)
        {
            return refusal;
        }

        if (form.ShowMembers)
        {
            return await MembersShownAsync(form, cancellationToken);
        }

        var checks = Checks();
        ModelState.AddViolations(await checks.OrganisationsAsync(form, accreditation, cancellationToken));
        if (await CheckDuplicatesAsync(checks, form, id, cancellationToken)
            && await SaveAsync(form, async () =>
            {
                form.ApplyTo(accreditation!);
                // Members live in their own table: touching the row makes a members-only change check the version too.
                await SaveAsOfAsync(accreditation!, form, touch: true, cancellationToken);
                return Notice($"Akkreditering {accreditation!.Code} er lagret.", RedirectToAction(nameof(Details), new { id }));
            }, () => CheckDuplicatesAsync(checks, form, id, cancellationToken), new Concurrency(
                () => TheirsAsync(id, form, cancellationToken), "Akkrediteringen er slettet av noen andre.", () => RedirectToAction(nameof(Index)))) is { } saved)
        {
            return saved;
        }

        return View(await PageAsync(form, cancellationToken));
    }

    [HttpGet("{id:int}/slett")]
    public Task<IActionResult> Delete(int id, CancellationToken cancellationToken) => DeletePageAsync(DeletionOf(id, cancellationToken));

    /// <summary>Deletes only the version the user confirmed (<see cref="DeleteConfirmation"/>): a change made meanwhile is shown first.</summary>
    [HttpPost("{id:int}/slett")]
    public Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken) =>
        DeleteConfirmedAsync(version, DeletionOf(id, cancellationToken), cancellationToken);

    /// <summary>An accreditation is deleted only while no project draws on it.</summary>
    private Deletion<AccreditationDeleteModel> DeletionOf(int id, CancellationToken cancellationToken) => new Deletion<AccreditationDeleteModel>(
        () => AccreditationQueries.DeleteModelAsync(db, id, cancellationToken), () => scopes.ForAccreditationAsync(id, cancellationToken),
        page => page.Projects.Count > 0, async () => await db.Accreditations.Include(a => a.Members).SingleAsync(a => a.Id == id, cancellationToken),
        page => $"Akkreditering {page.Code} er slettet.", _ => "Akkrediteringen er slettet av noen andre.", _ => RedirectToAction(nameof(Index)));

    /// <summary>The "show organisations" step: the member list for the chosen county, nothing saved.</summary>
    private async Task<IActionResult> MembersShownAsync(AccreditationForm form, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return View(await PageAsync(form, cancellationToken));
    }

    private async Task<SavedMeanwhile?> TheirsAsync(int id, AccreditationForm form, CancellationToken cancellationToken)
    {
        var current = await db.Accreditations.AsNoTracking().Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (current is null)
        {
            return null;
        }

        var theirs = AccreditationForm.From(current);
        var names = await AccreditationQueries.NamesAsync(db, [.. theirs.MemberIds, .. form.MemberIds, current.HolderId, form.HolderId ?? 0], cancellationToken);
        return new SavedMeanwhile(current.Version, theirs.CompareWith(form, names));
    }

    private AccreditationChecks Checks() => new(db, authorization, scopes, User);

    /// <summary>Refuses a code another accreditation has, with a link to it; true when the form is still valid.</summary>
    private async Task<bool> CheckDuplicatesAsync(AccreditationChecks checks, AccreditationForm form, int? id, CancellationToken cancellationToken)
    {
        ViewData.AddDuplicates(ModelState, await checks.DuplicatesAsync(form, id, cancellationToken));
        return ModelState.IsValid;
    }

    /// <summary>What the form's views get: the form and its choices.</summary>
    private async Task<AccreditationPage> PageAsync(AccreditationForm form, CancellationToken cancellationToken) =>
        new(form, await AccreditationQueries.OptionsAsync(db, scopes, form, User, cancellationToken));
}

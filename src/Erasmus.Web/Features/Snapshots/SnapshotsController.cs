using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Snapshots;

/// <summary>
/// Frozen computations: analysts and administrators freeze the dashboard's figures under a name and
/// delete snapshots; everyone signed in (coordinators too) reads them beside today's figures.
/// </summary>
[Route("oyeblikksbilder")]
public sealed class SnapshotsController(ErasmusDbContext db, AttainmentService attainment, TimeProvider time) : RecordController
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    private bool IsKeeper => User.IsInRole(Roles.Analyst) || User.IsInRole(Roles.Administrator);

    [HttpGet("")]
    public Task<IActionResult> Index([FromQuery] SnapshotListQuery query, CancellationToken cancellationToken) =>
        ListPageAsync(() => SnapshotQueries.ListAsync(db, query, IsKeeper, cancellationToken));

    [Authorize(Policy = Policies.KeepSnapshots)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await SnapshotQueries.PageAsync(db, new SnapshotForm { AsOf = Today }, cancellationToken));

    [Authorize(Policy = Policies.KeepSnapshots)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(SnapshotForm form, CancellationToken cancellationToken)
    {
        var checks = new SnapshotChecks(db, ModelState.RefusedFields(), Today);
        ModelState.AddViolations(await checks.FormAsync(form, cancellationToken));
        if (await CheckDuplicatesAsync(checks, form, cancellationToken)
            && await SaveAsync(form, async () =>
            {
                var parameters = form.ToParameters();
                var result = await attainment.ComputeAsync(parameters.ToAttainment(), cancellationToken);
                var snapshot = new Snapshot(form.Name, parameters, result.Targets.Select(SnapshotFigures.From));
                db.Add(snapshot);
                await db.SaveChangesAsync(cancellationToken);
                return Notice($"Øyeblikksbildet «{snapshot.Name}» er lagret.", RedirectToAction(nameof(Details), new { id = snapshot.Id }));
            }, () => CheckDuplicatesAsync(checks, form, cancellationToken)) is { } saved)
        {
            return saved;
        }

        return View(await SnapshotQueries.PageAsync(db, form, cancellationToken));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var model = await SnapshotQueries.DetailsAsync(db, attainment, id, IsKeeper, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [Authorize(Policy = Policies.KeepSnapshots)]
    [HttpGet("{id:int}/slett")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var model = await DeleteModelAsync(id, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    /// <summary>Deletes only the version the user confirmed (<see cref="DeleteConfirmation"/>); a renamed snapshot is shown first.</summary>
    [Authorize(Policy = Policies.KeepSnapshots)]
    [HttpPost("{id:int}/slett")]
    public async Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken)
    {
        var snapshot = await db.Set<Snapshot>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return NotFound();
        }

        var refusal = DeleteConfirmation.Refusal(version, snapshot.Version, out var confirmed);
        if (refusal is null && !await DeleteConfirmation.DeleteAsync(db, snapshot, confirmed, cancellationToken))
        {
            refusal = DeleteConfirmation.ChangedMessage;
        }

        if (refusal is not null)
        {
            if (await DeleteModelAsync(id, cancellationToken) is { } model)
            {
                return View("Delete", model with { Refusal = refusal });
            }

            return Notice($"Øyeblikksbildet «{snapshot.Name}» er slettet av noen andre.", RedirectToAction(nameof(Index)));
        }

        return Notice($"Øyeblikksbildet «{snapshot.Name}» er slettet.", RedirectToAction(nameof(Index)));
    }

    /// <summary>Refuses a name another snapshot has, with a link to it; true when the form is still valid.</summary>
    private async Task<bool> CheckDuplicatesAsync(SnapshotChecks checks, SnapshotForm form, CancellationToken cancellationToken)
    {
        ViewData.AddDuplicates(ModelState, await checks.DuplicatesAsync(form, cancellationToken));
        return ModelState.IsValid;
    }

    private Task<SnapshotDeleteModel?> DeleteModelAsync(int id, CancellationToken cancellationToken) =>
        db.Set<Snapshot>().AsNoTracking().Where(s => s.Id == id).Select(s => new SnapshotDeleteModel(s.Id, s.Name, s.AsOf, s.Version)).SingleOrDefaultAsync(cancellationToken);
}

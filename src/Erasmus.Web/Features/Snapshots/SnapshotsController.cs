using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.Web.Features.Snapshots;

/// <summary>
/// Frozen computations: analysts and administrators freeze the dashboard's figures under a name and
/// delete snapshots; everyone signed in (coordinators too) reads them beside today's figures.
/// </summary>
[Route("oyeblikksbilder")]
public sealed class SnapshotsController(ErasmusDbContext db, AttainmentService attainment, TimeProvider time) : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    private bool IsKeeper => User.IsInRole(Roles.Analyst) || User.IsInRole(Roles.Administrator);

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] SnapshotListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        return View(await SnapshotQueries.ListAsync(db, query, IsKeeper, cancellationToken));
    }

    [Authorize(Policy = Policies.KeepSnapshots)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await SnapshotQueries.WithChoicesAsync(db, new SnapshotForm { AsOf = Today }, cancellationToken));

    [Authorize(Policy = Policies.KeepSnapshots)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(SnapshotForm form, CancellationToken cancellationToken)
    {
        foreach (var (field, message) in form.Problems(Today).Where(p => ModelState.GetFieldValidationState(p.Field) != ModelValidationState.Invalid))
        {
            ModelState.AddModelError(field, message);
        }

        if (!string.IsNullOrEmpty(form.County) && ModelState.GetFieldValidationState(nameof(form.County)) != ModelValidationState.Invalid
            && !await db.Counties.AnyAsync(c => c.Number == form.County, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.County), $"Fylket «{form.County}» finnes ikke. Velg et fylke fra listen.");
        }

        if (!string.IsNullOrWhiteSpace(form.Name))
        {
            await SnapshotQueries.CheckDuplicateAsync(db, form.Name, ViewData, ModelState, cancellationToken);
        }

        if (ModelState.IsValid)
        {
            try
            {
                var parameters = form.ToParameters();
                var result = await attainment.ComputeAsync(parameters.ToAttainment(), cancellationToken);
                var snapshot = new Snapshot(form.Name, parameters, result.Targets.Select(SnapshotFigures.From));
                db.Add(snapshot);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = $"Øyeblikksbildet «{snapshot.Name}» er lagret.";
                return RedirectToAction(nameof(Details), new { id = snapshot.Id });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Someone saved the same name a moment ago: refuse it like any duplicate.
                db.ChangeTracker.Clear();
                await SnapshotQueries.CheckDuplicateAsync(db, form.Name, ViewData, ModelState, cancellationToken);
            }
        }

        return View(await SnapshotQueries.WithChoicesAsync(db, form, cancellationToken));
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

            TempData["Message"] = $"Øyeblikksbildet «{snapshot.Name}» er slettet av noen andre.";
            return RedirectToAction(nameof(Index));
        }

        TempData["Message"] = $"Øyeblikksbildet «{snapshot.Name}» er slettet.";
        return RedirectToAction(nameof(Index));
    }

    private Task<SnapshotDeleteModel?> DeleteModelAsync(int id, CancellationToken cancellationToken) =>
        db.Set<Snapshot>().AsNoTracking().Where(s => s.Id == id).Select(s => new SnapshotDeleteModel(s.Id, s.Name, s.AsOf, s.Version)).SingleOrDefaultAsync(cancellationToken);
}

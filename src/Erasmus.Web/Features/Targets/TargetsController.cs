using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Targets;

/// <summary>
/// The target registry: the strategy's targets, how each is computed and its history of values.
/// Everyone signed in reads it; only administrators add values (the mid-term revision).
/// </summary>
[Route("admin/mal")]
public sealed class TargetsController(ErasmusDbContext db, TimeProvider time) : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] TargetListQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        return View(await TargetQueries.ListAsync(db, query, Today, cancellationToken));
    }

    [HttpGet("{code}")]
    public async Task<IActionResult> Details(string code, CancellationToken cancellationToken)
    {
        var model = await TargetQueries.DetailsAsync(db, code, Today, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        model.Form = new TargetValueForm { Version = model.Target.Version };
        model.CanAddValues = User.IsInRole(Roles.Administrator);
        return View(model);
    }

    [Authorize(Policy = Policies.Administer)]
    [HttpPost("{code}/verdi")]
    public async Task<IActionResult> AddValue(string code, TargetValueForm form, CancellationToken cancellationToken)
    {
        var target = await db.StrategyTargets.SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        if (target is null)
        {
            return NotFound();
        }

        foreach (var (field, message) in form.Problems(target).Where(p => ModelState.GetFieldValidationState(p.Field) != ModelValidationState.Invalid))
        {
            ModelState.AddModelError(field, message);
        }

        if (ModelState.IsValid)
        {
            try
            {
                var replaces = target.Values.Any(v => v.EffectiveFrom == form.EffectiveFrom);
                target.SetValue(form.Value!.Value, form.EffectiveFrom!.Value, form.Note.Trim());
                var entry = db.Entry(target);
                entry.Property(t => t.Version).OriginalValue = form.Version;
                // A new value row leaves the target's own row untouched; touching it moves its xmin,
                // so a revision saved meanwhile by someone else is detected instead of silently joined.
                entry.Property(t => t.UpdatedAt).IsModified = true;
                await db.SaveChangesAsync(cancellationToken);
                var isShare = target.Unit == TargetUnit.Percent;
                TempData["Message"] = replaces
                    ? $"Målverdien fra {Format.Date(form.EffectiveFrom.Value)} er endret til {Format.Figure(form.Value.Value, isShare)}."
                    : $"Ny målverdi {Format.Figure(form.Value.Value, isShare)} fra {Format.Date(form.EffectiveFrom.Value)} er lagt til.";
                return RedirectToAction(nameof(Details), new { code });
            }
            catch (DomainException ex)
            {
                ModelState.AddViolations(ex);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var current = await TargetQueries.DetailsAsync(db, code, Today, cancellationToken);
                if (current is null)
                {
                    TempData["Message"] = "Målet er slettet av noen andre.";
                    return RedirectToAction(nameof(Index));
                }

                var theirs = TargetValueForm.LatestOf(current.Target) ?? new TargetValueForm();
                ViewData.AddConflict(ModelState, theirs.CompareWith(form, current.Target.Unit == TargetUnit.Percent));
                form.Version = current.Target.Version;
                ModelState.Remove(nameof(form.Version));
                current.Form = form;
                current.CanAddValues = true;
                return View(nameof(Details), current);
            }
        }

        db.ChangeTracker.Clear();
        var model = (await TargetQueries.DetailsAsync(db, code, Today, cancellationToken))!;
        model.Form = form;
        model.CanAddValues = true;
        return View(nameof(Details), model);
    }
}

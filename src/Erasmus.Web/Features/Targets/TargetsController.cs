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
public sealed class TargetsController(ErasmusDbContext db, TimeProvider time) : RecordController
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

        if (ModelState.IsValid && await SaveAsync(form, async () =>
            {
                var replaces = target.Values.Any(v => v.EffectiveFrom == form.EffectiveFrom);
                target.SetValue(form.Value!.Value, form.EffectiveFrom!.Value, form.Note.Trim());
                // A new value row leaves the target's own row untouched; touching it moves its xmin,
                // so a revision saved meanwhile by someone else is detected instead of silently joined.
                await SaveAsOfAsync(target, form, touch: true, cancellationToken);
                var isShare = target.Unit == TargetUnit.Percent;
                return Notice(replaces
                    ? $"Målverdien fra {Format.Date(form.EffectiveFrom.Value)} er endret til {Format.Figure(form.Value.Value, isShare)}."
                    : $"Ny målverdi {Format.Figure(form.Value.Value, isShare)} fra {Format.Date(form.EffectiveFrom.Value)} er lagt til.",
                    RedirectToAction(nameof(Details), new { code }));
            }, duplicates: null, new Concurrency(
                async () =>
                {
                    db.ChangeTracker.Clear();
                    return await TargetQueries.DetailsAsync(db, code, Today, cancellationToken) is { } current
                        ? new SavedMeanwhile(current.Target.Version,
                            (TargetValueForm.LatestOf(current.Target) ?? new TargetValueForm()).CompareWith(form, current.Target.Unit == TargetUnit.Percent))
                        : null;
                },
                "Målet er slettet av noen andre.", () => RedirectToAction(nameof(Index)))) is { } saved)
        {
            return saved;
        }

        db.ChangeTracker.Clear();
        var model = (await TargetQueries.DetailsAsync(db, code, Today, cancellationToken))!;
        model.Form = form;
        model.CanAddValues = true;
        return View(nameof(Details), model);
    }
}

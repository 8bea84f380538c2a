using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.ReferenceData;

/// <summary>
/// The reference data: counties in both structures, countries, topics and activity types. The
/// activity types' duration rules change with the calls, so administrators add a rule valid from a
/// call year; older calls keep theirs.
/// </summary>
[Route("admin/referansedata")]
public sealed class ReferenceDataController(ErasmusDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await ModelAsync(new DurationRuleForm(), cancellationToken));

    [Authorize(Policy = Policies.Administer)]
    [HttpPost("aktiviteter/regel")]
    public async Task<IActionResult> AddRule(DurationRuleForm form, CancellationToken cancellationToken)
    {
        var activity = await db.ActivityTypes.SingleOrDefaultAsync(a => a.Code == form.ActivityTypeCode, cancellationToken);
        if (activity is null)
        {
            ModelState.AddModelError(nameof(form.ActivityTypeCode), "Velg en aktivitetstype fra listen.");
        }

        if (form.MinDays is { } min && form.MaxDays is { } max && max < min)
        {
            ModelState.AddModelError(nameof(form.MaxDays), "Høyeste antall dager kan ikke være lavere enn laveste.");
        }

        if (!ModelState.IsValid || activity is null)
        {
            return View("Index", await ModelAsync(form, cancellationToken));
        }

        activity.SetRule(form.ValidFromCallYear!.Value, form.MinDays!.Value, form.MaxDays!.Value);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"{activity.Code}: {form.MinDays}–{form.MaxDays} dager fra utlysningsåret {form.ValidFromCallYear}.";
        return RedirectToAction(nameof(Index));
    }

    private async Task<ReferenceDataModel> ModelAsync(DurationRuleForm form, CancellationToken cancellationToken) => new(
        await db.Counties.AsNoTracking().OrderBy(c => c.ValidFrom).ThenBy(c => c.Number).ToListAsync(cancellationToken),
        await db.ActivityTypes.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken),
        await db.Topics.AsNoTracking().OrderBy(t => t.NameNb).ToListAsync(cancellationToken),
        await db.Countries.AsNoTracking().OrderByDescending(c => c.IsProgrammeCountry).ThenBy(c => c.NameNb).ToListAsync(cancellationToken),
        form);
}

public sealed class DurationRuleForm
{
    [Required(ErrorMessage = "Velg en aktivitetstype fra listen.")]
    [StringLength(20)]
    public string? ActivityTypeCode { get; set; }

    [Required(ErrorMessage = "Skriv inn utlysningsåret regelen gjelder fra.")]
    [Range(2014, 2027, ErrorMessage = "Utlysningsåret må være mellom 2014 og 2027.")]
    public int? ValidFromCallYear { get; set; }

    [Required(ErrorMessage = "Skriv inn laveste antall dager.")]
    [Range(1, 730, ErrorMessage = "Laveste antall dager må være mellom 1 og 730.")]
    public int? MinDays { get; set; }

    [Required(ErrorMessage = "Skriv inn høyeste antall dager.")]
    [Range(1, 730, ErrorMessage = "Høyeste antall dager må være mellom 1 og 730.")]
    public int? MaxDays { get; set; }
}

public sealed record ReferenceDataModel(IReadOnlyList<County> Counties, IReadOnlyList<ActivityType> ActivityTypes, IReadOnlyList<Topic> Topics,
    IReadOnlyList<Country> Countries, DurationRuleForm Form);

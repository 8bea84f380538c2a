using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Population;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import.Reading;
using Erasmus.Web.Features.Shared;
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
public sealed class ReferenceDataController(ErasmusDbContext db) : RecordController
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
        return Notice($"{activity.Code}: {form.MinDays}–{form.MaxDays} dager fra utlysningsåret {form.ValidFromCallYear}.", RedirectToAction(nameof(Index)));
    }

    /// <summary>
    /// Sets one population figure (a new one, or a correction of the one for that county, institution, year
    /// and group); with an institution it is the institution's figure within its county.
    /// </summary>
    [Authorize(Policy = Policies.Administer)]
    [HttpPost("befolkning")]
    public async Task<IActionResult> SetPopulation(PopulationForm form, CancellationToken cancellationToken)
    {
        var references = await ReferencesAsync(cancellationToken);
        if (form.CountyNumber is not null && !references.Counties.ContainsKey(form.CountyNumber))
        {
            ModelState.AddModelError(nameof(form.CountyNumber), "Velg et fylke fra listen.");
        }

        var institution = form.InstitutionId is { } id ? references.Institutions.FirstOrDefault(i => i.Id == id) : null;
        if (form.InstitutionId is not null && institution is null)
        {
            ModelState.AddModelError(nameof(form.InstitutionId), "Velg et lærested fra listen.");
        }
        else if (institution is not null && form.CountyNumber is { } county && references.Counties.ContainsKey(county) && !references.IsInCounty(institution, county))
        {
            ModelState.AddModelError(nameof(form.CountyNumber), $"{institution.Name} ligger i fylke {institution.CountyNumber ?? "–"}, ikke {county}.");
        }

        if (ModelState.IsValid)
        {
            foreach (var violation in PopulationFigure.Check(form.Year!.Value, form.GroupCode, form.Value!.Value, form.InstitutionId).OfType<Erasmus.Domain.Rules.RuleViolation>())
            {
                ModelState.AddModelError(violation.Field, violation.Message);
            }
        }

        if (!ModelState.IsValid)
        {
            return View("Index", await ModelAsync(new DurationRuleForm(), cancellationToken, form));
        }

        var saved = await UpsertAsync([(form.CountyNumber!, form.InstitutionId, form.Year!.Value, form.GroupCode!, form.Value!.Value)], cancellationToken);
        return Notice($"Befolkningstallet er lagret ({saved} rad).", RedirectToAction(nameof(Index), null, "population"));
    }

    /// <summary>Reads a population file and shows what it would save and which rows it would leave out; nothing is saved.</summary>
    [Authorize(Policy = Policies.Administer)]
    [HttpPost("befolkning/import")]
    [RequestSizeLimit(PopulationImport.MaxBytes + (64 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = PopulationImport.MaxBytes + (64 * 1024))]
    public async Task<IActionResult> PreviewPopulation(IFormFile? file, string? group, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Velg en CSV-fil med befolkningstall.");
            return View("Index", await ModelAsync(new DurationRuleForm(), cancellationToken));
        }

        if (file.Length > PopulationImport.MaxBytes)
        {
            ModelState.AddModelError("file", "Filen er større enn 1 MB; befolkningstall for alle fylker og år er langt mindre.");
            return View("Index", await ModelAsync(new DurationRuleForm(), cancellationToken));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        var read = await ReadAsync(content, group, cancellationToken);
        if (read.Error is not null)
        {
            ModelState.AddModelError("file", read.Error);
            return View("Index", await ModelAsync(new DurationRuleForm(), cancellationToken));
        }

        return View("PopulationPreview", new PopulationPreviewModel(read.File!, Convert.ToBase64String(content), group));
    }

    /// <summary>Saves the valid rows of a previewed file; rows with errors are left out, as the preview said.</summary>
    [Authorize(Policy = Policies.Administer)]
    [HttpPost("befolkning/import/lagre")]
    [RequestSizeLimit((PopulationImport.MaxBytes * 2) + (64 * 1024))]
    [RequestFormLimits(ValueLengthLimit = (PopulationImport.MaxBytes * 2) + (64 * 1024))]
    public async Task<IActionResult> ConfirmPopulation(string? content, string? group, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        var read = bytes.Length == 0 ? (File: null, Error: "Filen er tom.") : await ReadAsync(bytes, group, cancellationToken);
        if (read.Error is not null)
        {
            ModelState.AddModelError("file", read.Error);
            return View("Index", await ModelAsync(new DurationRuleForm(), cancellationToken));
        }

        var saved = await UpsertAsync(read.File!.Valid.Select(r => (r.CountyNumber!, r.InstitutionId, r.Year!.Value, r.GroupCode!, r.Value!.Value)).ToList(), cancellationToken);
        return Notice($"{saved} befolkningstall er lagret; {read.File.Rows.Count - saved} rader med feil ble utelatt.", RedirectToAction(nameof(Index), null, "population"));
    }

    private async Task<(PopulationFile? File, string? Error)> ReadAsync(byte[] content, string? group, CancellationToken cancellationToken)
    {
        var references = await ReferencesAsync(cancellationToken);
        try
        {
            return (PopulationImport.Read(content, group, references, cancellationToken), null);
        }
        catch (ImportFileException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The counties with their 2020–2023 counties, and the Norwegian higher-education institutions a figure may be of.</summary>
    private async Task<PopulationReferences> ReferencesAsync(CancellationToken cancellationToken) => new(
        await db.Counties.AsNoTracking().ToDictionaryAsync(c => c.Number, c => (string?)c.PartOf2020CountyNumber, StringComparer.Ordinal, cancellationToken),
        await db.Organisations.AsNoTracking()
            .Where(o => o.Type == OrganisationType.HigherEducationInstitution && o.CountryCode == Organisation.Norway)
            .OrderBy(o => o.Name)
            .Select(o => new PopulationInstitution(o.Id, o.Name, o.OrganisationNumber, o.Oid, o.CountyNumber))
            .ToListAsync(cancellationToken));

    /// <summary>
    /// Figures loaded by an administrator are real figures: a demo figure they replace stops being one. One
    /// save, so a file's rows are stored all together or, should the database refuse one, not at all.
    /// </summary>
    private async Task<int> UpsertAsync(List<(string County, int? Institution, int Year, string Group, int Value)> rows, CancellationToken cancellationToken)
    {
        var years = rows.Select(r => r.Year).Distinct().ToList();
        var existing = await db.PopulationFigures.Where(f => years.Contains(f.Year)).ToListAsync(cancellationToken);
        var byKey = existing.ToDictionary(f => (f.CountyNumber, f.InstitutionId, f.Year, f.GroupCode));
        foreach (var (county, institution, year, group, value) in rows)
        {
            if (byKey.TryGetValue((county, institution, year, group), out var figure))
            {
                figure.Update(value, isDemo: false);
            }
            else
            {
                db.PopulationFigures.Add(new PopulationFigure(county, year, group, value, isDemo: false, institution));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    private async Task<ReferenceDataModel> ModelAsync(DurationRuleForm form, CancellationToken cancellationToken, PopulationForm? population = null)
    {
        var figures = await db.PopulationFigures.AsNoTracking().ToListAsync(cancellationToken);
        var latest = figures.Count == 0 ? (int?)null : figures.Max(f => f.Year);
        var institutions = (await ReferencesAsync(cancellationToken)).Institutions;
        return new(
            await db.Counties.AsNoTracking().OrderBy(c => c.ValidFrom).ThenBy(c => c.Number).ToListAsync(cancellationToken),
            await db.ActivityTypes.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken),
            await db.Topics.AsNoTracking().OrderBy(t => t.NameNb).ToListAsync(cancellationToken),
            await db.Countries.AsNoTracking().OrderByDescending(c => c.IsProgrammeCountry).ThenBy(c => c.NameNb).ToListAsync(cancellationToken),
            form)
        {
            PopulationYear = latest,
            Population = figures.Where(f => f.Year == latest && f.InstitutionId is null).ToList(),
            InstitutionPopulation = figures.Where(f => f.Year == latest && f.InstitutionId is not null).ToList(),
            Institutions = institutions,
            PopulationYears = figures.Select(f => f.Year).Distinct().Order().ToList(),
            PopulationForm = population ?? new PopulationForm(),
        };
    }
}

public sealed class PopulationForm
{
    [Label("Fylke")]
    [Required(ErrorMessage = "Velg et fylke fra listen.")]
    [StringLength(2)]
    public string? CountyNumber { get; set; }

    [Label("År")]
    [Required(ErrorMessage = "Skriv inn året.")]
    public int? Year { get; set; }

    /// <summary>Empty for the county's own figure; a higher-education institution for its figure within the county.</summary>
    [Label("Lærested (bare høyere utdanning)")]
    public int? InstitutionId { get; set; }

    [Label("Gruppe")]
    [Required(ErrorMessage = "Velg en gruppe fra listen.")]
    [StringLength(40)]
    public string? GroupCode { get; set; }

    [Label("Antall")]
    [Required(ErrorMessage = "Skriv inn tallet.")]
    public int? Value { get; set; }
}

public sealed record PopulationPreviewModel(PopulationFile File, string Content, string? Group);

public sealed class DurationRuleForm
{
    [Label("Aktivitetstype")]
    [Required(ErrorMessage = "Velg en aktivitetstype fra listen.")]
    [StringLength(20)]
    public string? ActivityTypeCode { get; set; }

    [Label("Gjelder fra utlysningsår")]
    [Required(ErrorMessage = "Skriv inn utlysningsåret regelen gjelder fra.")]
    [Range(2014, 2027, ErrorMessage = "Utlysningsåret må være mellom 2014 og 2027.")]
    public int? ValidFromCallYear { get; set; }

    [Label("Laveste antall dager")]
    [Required(ErrorMessage = "Skriv inn laveste antall dager.")]
    [Range(1, 730, ErrorMessage = "Laveste antall dager må være mellom 1 og 730.")]
    public int? MinDays { get; set; }

    [Label("Høyeste antall dager")]
    [Required(ErrorMessage = "Skriv inn høyeste antall dager.")]
    [Range(1, 730, ErrorMessage = "Høyeste antall dager må være mellom 1 og 730.")]
    public int? MaxDays { get; set; }
}

public sealed record ReferenceDataModel(IReadOnlyList<County> Counties, IReadOnlyList<ActivityType> ActivityTypes, IReadOnlyList<Topic> Topics,
    IReadOnlyList<Country> Countries, DurationRuleForm Form)
{
    /// <summary>The latest year with population figures, shown on the page; null while none are loaded.</summary>
    public int? PopulationYear { get; init; }

    /// <summary>The counties' own figures of <see cref="PopulationYear"/>.</summary>
    public IReadOnlyList<PopulationFigure> Population { get; init; } = [];

    /// <summary>The institutions' figures of <see cref="PopulationYear"/>, a breakdown never added to the counties'.</summary>
    public IReadOnlyList<PopulationFigure> InstitutionPopulation { get; init; } = [];

    /// <summary>The higher-education institutions a figure may be of.</summary>
    public IReadOnlyList<PopulationInstitution> Institutions { get; init; } = [];

    public IReadOnlyList<int> PopulationYears { get; init; } = [];

    public PopulationForm PopulationForm { get; init; } = new();
}

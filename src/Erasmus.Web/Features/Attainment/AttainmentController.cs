using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Attainment;

/// <summary>The analysts' dashboards: every target, one target in detail, the county matrix, the downloads and the API.</summary>
public sealed class AttainmentController(AttainmentService attainment, ErasmusDbContext db, TimeProvider time, IStringLocalizer<SharedResource> localizer)
    : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    [HttpGet("/mal")]
    public async Task<IActionResult> Index([FromQuery] AttainmentQuery query, [FromQuery] TileMapQuery map, [FromServices] CountyTileMaps maps, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(query, cancellationToken);
        var choices = await ChoicesAsync(cancellationToken);
        var result = await attainment.ComputeAsync(parameters, cancellationToken);
        ViewData["PopulationIsDemo"] = parameters.County is not null && await attainment.PopulationIsDemoAsync(parameters, cancellationToken);
        ViewData["TileMap"] = await maps.BuildAsync(parameters, choices.Filters(parameters), map.MapTarget, map.Requested, onTargetPage: false, cancellationToken);
        return View(new DashboardModel(query, result, choices, choices.Filters(parameters)));
    }

    /// <summary>The dashboard's table as a CSV for a Norwegian Excel, with every filter in its name and header lines.</summary>
    [HttpGet("/mal/tall.csv")]
    public async Task<IActionResult> ExcelCsv([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (!await IsValidAsync(query, cancellationToken))
        {
            return TranslatedProblem();
        }

        var parameters = query.ToParameters(Today);
        var filters = (await ChoicesAsync(cancellationToken)).Filters(parameters);
        var result = await attainment.ComputeAsync(parameters, cancellationToken);
        var csv = AttainmentExport.ToExcelCsv(result, filters, localizer, time.GetUtcNow());
        return File(csv.ToBytes(), "text/csv; charset=utf-8", filters.FileName(AttainmentFilters.English ? "target-attainment" : "maloppnaelse", "csv", AttainmentFilters.English));
    }

    [HttpGet("/mal/{code}")]
    public async Task<IActionResult> Details(string code, [FromQuery] AttainmentQuery query, [FromQuery] CountedRecordsQuery records, [FromQuery] TileMapQuery map,
        [FromServices] CountyTileMaps maps, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(query, cancellationToken);
        var detail = await attainment.ComputeTargetAsync(code, parameters, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        var choices = await ChoicesAsync(cancellationToken);
        ViewData["TileMap"] = await maps.BuildAsync(parameters, choices.Filters(parameters), code, map.Requested, onTargetPage: true, cancellationToken);
        return View(new TargetDetailModel(query, parameters, detail.Result, records, records.Apply(detail.Rows), detail.Choices, choices,
            choices.Filters(parameters), await ActivityNamesAsync(detail.Result.Target, cancellationToken)));
    }

    /// <summary>Every record behind a target's figure (with the list's own county and sector filters) as a CSV for Excel.</summary>
    [HttpGet("/mal/{code}/poster.csv")]
    public async Task<IActionResult> RecordsCsv(string code, [FromQuery] AttainmentQuery query, [FromQuery] CountedRecordsQuery records, CancellationToken cancellationToken)
    {
        if (!await IsValidAsync(query, cancellationToken))
        {
            return TranslatedProblem();
        }

        var parameters = query.ToParameters(Today);
        var detail = await attainment.ComputeTargetAsync(code, parameters, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        var choices = await ChoicesAsync(cancellationToken);
        var filters = choices.Filters(parameters);
        var T = localizer;
        var t = detail.Result;
        var csv = AttainmentExport.Header(T["Postene bak tallet: {0}", DomainText.Title(t.Target)], filters, T, t.LagMonths > 0 ? t.LagMonths : null, time.GetUtcNow());
        csv.Line(T["Fylke i listen"], records.RecordCounty is { } rc ? choices.CountyName(rc) ?? rc : T["Alle"]);
        csv.Line(T["Sektor i listen"], records.RecordSector is { } rs ? T[DomainText.Of(rs)] : T["Alle"]);
        csv.BlankLine();
        csv.Line(T["Post"], T["Fylke"], T["Sektor"], T["Utlysningsår"], t.IsShare ? T["Teller"] : T["Bidrag"], t.IsShare ? T["Nevner"] : null, T["Lenke"]);
        foreach (var row in records.Filter(detail.Rows))
        {
            csv.Line(row.Label, row.CountyName, row.Sector is { } s ? T[DomainText.Of(s)] : null, row.CallYear, row.Numerator, t.IsShare ? row.Denominator : null,
                row.Href is { } href ? $"{Request.Scheme}://{Request.Host}{href}" : null);
        }

        var english = AttainmentFilters.English;
        var listFilters = (records.RecordCounty is { } c ? (english ? "-list-county-" : "-liste-fylke-") + c : "")
            + (records.RecordSector is { } sector ? (english ? "-list-sector-" : "-liste-sektor-") + sector.ToString().ToLowerInvariant() : "");
        var name = filters.FileName((english ? "counted-records-" : "talte-poster-") + code.ToLowerInvariant(), "csv", english);
        return File(csv.ToBytes(), "text/csv; charset=utf-8", name.Replace(".csv", listFilters + ".csv", StringComparison.Ordinal));
    }

    [HttpGet("/fylker")]
    public async Task<IActionResult> Counties([FromQuery] AttainmentQuery query, [FromQuery] string? view, CancellationToken cancellationToken)
    {
        // The matrix shows every county: a county chosen on the dashboard is carried on, not applied.
        var parameters = (await ParametersAsync(query, cancellationToken)) with { County = null };
        var choices = await ChoicesAsync(cancellationToken);
        var accreditations = string.Equals(view, "akkrediteringer", StringComparison.Ordinal);
        var matrix = accreditations ? await attainment.CountyMatrixAsync(parameters, cancellationToken) : null;
        var result = accreditations ? null : await attainment.ComputeAsync(parameters, cancellationToken);
        var counties = accreditations ? [] : await attainment.CountiesAsync(parameters, cancellationToken);
        return View(new CountyMatrixModel(query, parameters, matrix, result, counties, choices, choices.Filters(parameters)));
    }

    /// <summary>JSON for BI tools: every target's figures for the parameters.</summary>
    [HttpGet("/api/attainment")]
    public async Task<IActionResult> Api([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (!await IsValidAsync(query, cancellationToken))
        {
            return TranslatedProblem();
        }

        var result = await attainment.ComputeAsync(query.ToParameters(Today), cancellationToken);
        return Json(AttainmentExport.ToJson(result, time.GetUtcNow()));
    }

    /// <summary>The machine CSV for BI tools: comma-separated, decimal points, columns in a stable order.</summary>
    [HttpGet("/api/attainment.csv")]
    public async Task<IActionResult> Csv([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (!await IsValidAsync(query, cancellationToken))
        {
            return TranslatedProblem();
        }

        var result = await attainment.ComputeAsync(query.ToParameters(Today), cancellationToken);
        var filters = new AttainmentFilters(result.Parameters, null);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AttainmentExport.ToCsv(result))).ToArray(), "text/csv; charset=utf-8", filters.MachineFileName);
    }

    /// <summary>Whether the parameters can be computed: valid values and a county that exists (a message for each that is not).</summary>
    private async Task<bool> IsValidAsync(AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && !await CountyExistsAsync(query.County, cancellationToken))
        {
            ModelState.AddModelError(nameof(query.County), $"Fylket «{query.County}» finnes ikke.");
        }

        return ModelState.IsValid;
    }

    /// <summary>400 with the messages in the user's language (they are written in bokmål where they arise).</summary>
    private ActionResult TranslatedProblem()
    {
        var translated = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
        foreach (var (field, entry) in ModelState)
        {
            foreach (var error in entry.Errors)
            {
                translated.AddModelError(field, localizer.Translate(error.ErrorMessage));
            }
        }

        return ValidationProblem(translated);
    }

    /// <summary>Bad parameters get a message on the page and the defaults, never an error page.</summary>
    private async Task<AttainmentParameters> ParametersAsync(AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (!await CountyExistsAsync(query.County, cancellationToken))
        {
            ModelState.AddModelError(nameof(query.County), $"Fylket «{query.County}» finnes ikke.");
        }

        if (ModelState.IsValid)
        {
            return query.ToParameters(Today);
        }

        return new AttainmentQuery().ToParameters(Today);
    }

    private async Task<bool> CountyExistsAsync(string? county, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(county) || await db.Counties.AnyAsync(c => c.Number == county, cancellationToken);

    private async Task<AttainmentChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var counties = await db.Counties.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Number, c.Name, c.ValidTo }).ToListAsync(cancellationToken);
        return new AttainmentChoices(
            [.. counties.Select(c => new FieldOption(c.Number, c.ValidTo == null ? c.Name : c.Name + " (2020–2023)"))],
            counties.ToDictionary(c => c.Number, c => c.Name, StringComparer.Ordinal));
    }

    /// <summary>The names of a mobility target's activity types in the page's language.</summary>
    private async Task<IReadOnlyList<(string Code, string Name)>> ActivityNamesAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        if (target.MetricKind != AttainmentCalculator.MobilityKind)
        {
            return [];
        }

        var codes = AttainmentCalculator.MobilityParameters(target).ActivityTypes.ToList();
        var english = AttainmentFilters.English;
        return [.. (await db.ActivityTypes.AsNoTracking().Where(a => codes.Contains(a.Code)).OrderBy(a => a.Code).ToListAsync(cancellationToken))
            .Select(a => (a.Code, english ? a.NameEn : a.NameNb))];
    }
}

public sealed record AttainmentChoices(IReadOnlyList<FieldOption> Counties, IReadOnlyDictionary<string, string> CountyNames)
{
    public string? CountyName(string? number) => number is not null && CountyNames.TryGetValue(number, out var name) ? name : null;

    public AttainmentFilters Filters(AttainmentParameters parameters) => new(parameters, CountyName(parameters.County));
}

public sealed record DashboardModel(AttainmentQuery Query, AttainmentResult Result, AttainmentChoices Choices, AttainmentFilters Filters);

public sealed record TargetDetailModel(AttainmentQuery Query, AttainmentParameters Parameters, TargetResult Result, CountedRecordsQuery Records,
    PagedList<CountedRow> Rows, CountedRecordsChoices RecordChoices, AttainmentChoices Choices, AttainmentFilters Filters,
    IReadOnlyList<(string Code, string Name)> ActivityTypes);

public sealed record CountyMatrixModel(AttainmentQuery Query, AttainmentParameters Parameters, CountyMatrix? Accreditations, AttainmentResult? Result,
    IReadOnlyList<CountyColumn> Counties, AttainmentChoices Choices, AttainmentFilters Filters);

using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Attainment;

/// <summary>The analysts' dashboards: every target, one target in detail, the county matrix, the downloads and the API.</summary>
public sealed class AttainmentController(AttainmentService attainment, TimeProvider time, IStringLocalizer<SharedResource> localizer)
    : Controller
{
    /// <summary>
    /// Where an action leaves what makes the rates and tables only its kept part shows (<c>Func&lt;ViewDataDictionary, Task&gt;</c>,
    /// filling their entries in the view's own ViewData, a copy of the action's), run by the view when it renders that part:
    /// a reader of a kept page costs none of them (decision 0021).
    /// </summary>
    public const string DeferredFiguresKey = "Attainment.DeferredFigures";

    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    [HttpGet("/mal")]
    public async Task<IActionResult> Index([FromQuery] AttainmentUrlParameters query, [FromQuery] TileMapQuery map, [FromServices] CountyTileMaps maps,
        [FromServices] InstitutionRateTables institutions, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(query, cancellationToken);
        var choices = await ChoicesAsync(cancellationToken);
        var result = await attainment.ComputeAsync(parameters, cancellationToken);
        // Made by the view only when it renders the figures part, which is mostly kept rendered (decision 0021).
        ViewData[DeferredFiguresKey] = (Func<ViewDataDictionary, Task>)(async viewData =>
        {
            viewData["PopulationIsDemo"] = parameters.County is not null && await attainment.PopulationIsDemoAsync(parameters, cancellationToken);
            // A county view names its institutions' rates beside the county's for the higher-education targets.
            viewData[InstitutionRateTable.ViewDataKey] = parameters.County is null ? null : await institutions.AllAsync(result, cancellationToken);
        });
        ViewData[TileMapModel.DeferredKey] = (Func<Task<TileMapModel?>>)(() =>
            maps.BuildAsync(parameters, choices.Filters(parameters), map.MapTarget, map.Requested, onTargetPage: false, cancellationToken));
        return View(new DashboardModel(query, result, choices, choices.Filters(parameters), await attainment.DataStampAsync(parameters.Basis, cancellationToken)));
    }

    /// <summary>The dashboard's table as a CSV for a Norwegian Excel, with every filter in its name and header lines.</summary>
    [HttpGet("/mal/tall.csv")]
    public async Task<IActionResult> ExcelCsv([FromQuery] AttainmentUrlParameters query, CancellationToken cancellationToken)
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
    public async Task<IActionResult> Details(string code, [FromQuery] AttainmentUrlParameters query, [FromQuery] CountedRecordsQuery records, [FromQuery] TileMapQuery map,
        [FromServices] CountyTileMaps maps, [FromServices] InstitutionRateTables institutions, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(query, cancellationToken);
        var detail = await attainment.ComputeTargetAsync(code, parameters, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        var choices = await ChoicesAsync(cancellationToken);
        // The county rates, the institutions' table and the map are made by the view only when it renders the page's
        // kept part, which is mostly kept rendered (decision 0021): a reader of a kept page costs none of them.
        ViewData[DeferredFiguresKey] = (Func<ViewDataDictionary, Task>)(async viewData =>
        {
            var national = parameters.County is null ? detail : await attainment.ComputeTargetAsync(code, parameters with { County = null }, cancellationToken);
            viewData[CountyRates.ViewDataKey] = await CountyRates.LoadAsync(attainment, parameters, [national!.Result], cancellationToken);
            viewData[InstitutionRateTable.ViewDataKey] = await institutions.BuildAsync(code, parameters, national.Result, cancellationToken);
        });
        ViewData[TileMapModel.DeferredKey] = (Func<Task<TileMapModel?>>)(() =>
            maps.BuildAsync(parameters, choices.Filters(parameters), code, map.Requested, onTargetPage: true, cancellationToken));
        return View(new TargetDetailModel(query, parameters, detail.Result, records, records.Apply(detail.Rows), detail.Choices, choices,
            choices.Filters(parameters), await attainment.ActivityNamesAsync(detail.Result.Target, AttainmentFilters.English, cancellationToken), await attainment.DataStampAsync(parameters.Basis, cancellationToken)));
    }

    /// <summary>Every record behind a target's figure (with the list's own county and sector filters) as a CSV for Excel.</summary>
    [HttpGet("/mal/{code}/poster.csv")]
    public async Task<IActionResult> RecordsCsv(string code, [FromQuery] AttainmentUrlParameters query, [FromQuery] CountedRecordsQuery records, CancellationToken cancellationToken)
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
        var csv = AttainmentExport.CountedRecordsCsv(detail, records, choices, filters, localizer, $"{Request.Scheme}://{Request.Host}", time.GetUtcNow());
        return File(csv.ToBytes(), "text/csv; charset=utf-8", AttainmentExport.CountedRecordsFileName(code, records, filters));
    }

    [HttpGet("/fylker")]
    public async Task<IActionResult> Counties([FromQuery] AttainmentUrlParameters query, [FromQuery] string? view, CancellationToken cancellationToken)
    {
        // The matrix shows every county: a county chosen on the dashboard is carried on, not applied.
        var parameters = (await ParametersAsync(query, cancellationToken)) with { County = null };
        var choices = await ChoicesAsync(cancellationToken);
        var accreditations = string.Equals(view, "akkrediteringer", StringComparison.Ordinal);
        var matrix = accreditations ? await attainment.CountyMatrixAsync(parameters, cancellationToken) : null;
        var result = accreditations ? null : await attainment.ComputeAsync(parameters, cancellationToken);
        var counties = accreditations ? [] : await attainment.CountiesAsync(parameters, cancellationToken);
        ViewData[CountyRates.ViewDataKey] = result is null ? null : await CountyRates.LoadAsync(attainment, parameters, result.Targets, cancellationToken);
        return View(new CountyMatrixModel(query, parameters, matrix, result, counties, choices, choices.Filters(parameters)));
    }

    /// <summary>JSON for BI tools: every target's figures for the parameters.</summary>
    [HttpGet("/api/attainment")]
    public async Task<IActionResult> Api([FromQuery] AttainmentUrlParameters query, [FromServices] InstitutionRateTables institutions, CancellationToken cancellationToken)
    {
        if (!await IsValidAsync(query, cancellationToken))
        {
            return TranslatedProblem();
        }

        var result = await attainment.ComputeAsync(query.ToParameters(Today), cancellationToken);
        return Json(AttainmentExport.ToJson(result, time.GetUtcNow(), await institutions.AllAsync(result, cancellationToken)));
    }

    /// <summary>The machine CSV for BI tools: comma-separated, decimal points, columns in a stable order.</summary>
    [HttpGet("/api/attainment.csv")]
    public async Task<IActionResult> Csv([FromQuery] AttainmentUrlParameters query, CancellationToken cancellationToken)
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
    private async Task<bool> IsValidAsync(AttainmentUrlParameters query, CancellationToken cancellationToken)
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
    private async Task<AttainmentParameters> ParametersAsync(AttainmentUrlParameters query, CancellationToken cancellationToken)
    {
        if (!await CountyExistsAsync(query.County, cancellationToken))
        {
            ModelState.AddModelError(nameof(query.County), $"Fylket «{query.County}» finnes ikke.");
        }

        if (ModelState.IsValid)
        {
            return query.ToParameters(Today);
        }

        return new AttainmentUrlParameters().ToParameters(Today);
    }

    private async Task<bool> CountyExistsAsync(string? county, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(county) || (await attainment.CountyChoicesAsync(cancellationToken)).Any(c => c.Number == county);

    private async Task<AttainmentChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var counties = await attainment.CountyChoicesAsync(cancellationToken);
        return new AttainmentChoices(
            [.. counties.Select(c => new FieldOption(c.Number, c.ValidTo == null ? c.Name : c.Name + " (2020–2023)"))],
            counties.ToDictionary(c => c.Number, c => c.Name, StringComparer.Ordinal));
    }
}

public sealed record AttainmentChoices(IReadOnlyList<FieldOption> Counties, IReadOnlyDictionary<string, string> CountyNames)
{
    public string? CountyName(string? number) => number is not null && CountyNames.TryGetValue(number, out var name) ? name : null;

    public AttainmentFilters Filters(AttainmentParameters parameters) => new(parameters, CountyName(parameters.County));
}

/// <param name="DataStamp">What the figures part is kept under once rendered (<see cref="Shared.RenderedFragments"/>).</param>
public sealed record DashboardModel(AttainmentUrlParameters Query, AttainmentResult Result, AttainmentChoices Choices, AttainmentFilters Filters,
    long? DataStamp = null);

/// <param name="DataStamp">What the page (all of it but the layout) is kept under once rendered (<see cref="Shared.RenderedFragments"/>).</param>
public sealed record TargetDetailModel(AttainmentUrlParameters Query, AttainmentParameters Parameters, TargetResult Result, CountedRecordsQuery Records,
    PagedList<CountedRow> Rows, CountedRecordsChoices RecordChoices, AttainmentChoices Choices, AttainmentFilters Filters,
    IReadOnlyList<(string Code, string Name)> ActivityTypes, long? DataStamp = null);

public sealed record CountyMatrixModel(AttainmentUrlParameters Query, AttainmentParameters Parameters, CountyMatrix? Accreditations, AttainmentResult? Result,
    IReadOnlyList<CountyColumn> Counties, AttainmentChoices Choices, AttainmentFilters Filters);

using System.Text;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Attainment;

/// <summary>The county map of a target as a file: the same drawing the page shows, as SVG or PNG, named by the page's filters.</summary>
public sealed class CountyMapController(CountyTileMaps maps, ErasmusDbContext db, TimeProvider time, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("/mal/{code}/kart.svg")]
    public async Task<IActionResult> Svg(string code, [FromQuery] AttainmentUrlParameters query, [FromQuery] TileMapQuery map, CancellationToken cancellationToken)
    {
        var (problem, model) = await MapAsync(code, query, map, cancellationToken);
        if (model is null)
        {
            return problem!;
        }

        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + TileMapSvg.Render(model, localizer, standalone: true);
        return File(Encoding.UTF8.GetBytes(svg), "image/svg+xml; charset=utf-8", model.FileName(AttainmentFilters.English, "svg"));
    }

    [HttpGet("/mal/{code}/kart.png")]
    public async Task<IActionResult> Png(string code, [FromQuery] AttainmentUrlParameters query, [FromQuery] TileMapQuery map, CancellationToken cancellationToken)
    {
        var (problem, model) = await MapAsync(code, query, map, cancellationToken);
        if (model is null)
        {
            return problem!;
        }

        if (TileMapPng.Render(TileMapSvg.Render(model, localizer, standalone: true)) is not { } png)
        {
            return Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: localizer["Kartet kan ikke lages som PNG på denne serveren (tegnebiblioteket mangler). Last ned SVG i stedet."]);
        }

        return File(png, "image/png", model.FileName(AttainmentFilters.English, "png"));
    }

    /// <summary>The map, or the answer when there is none: 400 with the messages in the user's language, 404 for a target that is not there or not applicable.</summary>
    private async Task<(IActionResult? Problem, TileMapModel? Map)> MapAsync(string code, AttainmentUrlParameters query, TileMapQuery map, CancellationToken cancellationToken)
    {
        var county = string.IsNullOrEmpty(query.County) ? null
            : await db.Counties.AsNoTracking().Where(c => c.Number == query.County).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (ModelState.IsValid && !string.IsNullOrEmpty(query.County) && county is null)
        {
            ModelState.AddModelError(nameof(query.County), $"Fylket «{query.County}» finnes ikke.");
        }

        if (!ModelState.IsValid)
        {
            var translated = new ModelStateDictionary();
            foreach (var (field, entry) in ModelState)
            {
                foreach (var error in entry.Errors)
                {
                    translated.AddModelError(field, localizer.Translate(error.ErrorMessage));
                }
            }

            return (ValidationProblem(translated), null);
        }

        var parameters = query.ToParameters(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var model = await maps.BuildAsync(parameters, new AttainmentFilters(parameters, county), code, map.Requested, onTargetPage: true, cancellationToken);
        return model is null ? (NotFound(), null) : (null, model);
    }
}

using System.Globalization;
using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Attainment;

/// <summary>The analysts' dashboards: every target, one target in detail, the county matrix, and the API.</summary>
public sealed class AttainmentController(AttainmentService attainment, ErasmusDbContext db, TimeProvider time) : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    [HttpGet("/mal")]
    public async Task<IActionResult> Index([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(query, cancellationToken);
        var result = await attainment.ComputeAsync(parameters, cancellationToken);
        return View(new DashboardModel(query, result, await ChoicesAsync(cancellationToken)));
    }

    [HttpGet("/mal/{code}")]
    public async Task<IActionResult> Details(string code, [FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(query, cancellationToken);
        var computed = await attainment.ComputeTargetAsync(code, parameters, cancellationToken);
        if (computed is null)
        {
            return NotFound();
        }

        var (result, inputs) = computed.Value;
        var labels = ItemLabels(result, inputs);
        return View(new TargetDetailModel(query, parameters, result, labels, await ChoicesAsync(cancellationToken)));
    }

    [HttpGet("/fylker")]
    public async Task<IActionResult> Counties([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        var parameters = await ParametersAsync(query, cancellationToken);
        var matrix = await attainment.CountyMatrixAsync(parameters, cancellationToken);
        return View(new CountyMatrixModel(query, parameters, matrix, await ChoicesAsync(cancellationToken)));
    }

    /// <summary>JSON for BI tools: every target's figures for the parameters.</summary>
    [HttpGet("/api/attainment")]
    public async Task<IActionResult> Api([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !await CountyExistsAsync(query.County, cancellationToken))
        {
            return ValidationProblem(ModelState);
        }

        var result = await attainment.ComputeAsync(query.ToParameters(Today), cancellationToken);
        return Json(AttainmentExport.ToJson(result, time.GetUtcNow()));
    }

    [HttpGet("/api/attainment.csv")]
    public async Task<IActionResult> Csv([FromQuery] AttainmentQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !await CountyExistsAsync(query.County, cancellationToken))
        {
            return ValidationProblem(ModelState);
        }

        var result = await attainment.ComputeAsync(query.ToParameters(Today), cancellationToken);
        var fileName = $"maloppnaelse-{Format.Iso(result.Parameters.AsOf)}-{result.Parameters.Basis.ToString().ToLowerInvariant()}.csv";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AttainmentExport.ToCsv(result))).ToArray(), "text/csv; charset=utf-8", fileName);
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

    private async Task<AttainmentChoices> ChoicesAsync(CancellationToken cancellationToken) =>
        new(await db.Counties.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new FieldOption(c.Number, c.ValidTo == null ? c.Name : c.Name + " (2020–2023)")).ToListAsync(cancellationToken));

    /// <summary>Names for the counted records on a detail page: projects as "reference – coordinator", from the project facts the figures came from.</summary>
    private static Dictionary<(string, int), string> ItemLabels(TargetResult result, AttainmentInputs inputs)
    {
        var projects = result.CountedItems.Any(i => i.Item.Kind == "project")
            ? inputs.Projects.ToDictionary(p => p.ProjectId, p => p.Reference + " – " + p.CoordinatorName)
            : [];
        return result.CountedItems
            .Select(i => ((i.Item.Kind, i.Item.Id), i.Item.Kind == "project" && projects.TryGetValue(i.Item.Id, out var label) ? label : i.Item.Label))
            .DistinctBy(x => x.Item1)
            .ToDictionary(x => x.Item1, x => x.Item2);
    }
}

public sealed record AttainmentChoices(IReadOnlyList<FieldOption> Counties);

public sealed record DashboardModel(AttainmentQuery Query, AttainmentResult Result, AttainmentChoices Choices);

public sealed record TargetDetailModel(AttainmentQuery Query, AttainmentParameters Parameters, TargetResult Result,
    IReadOnlyDictionary<(string Kind, int Id), string> Labels, AttainmentChoices Choices);

public sealed record CountyMatrixModel(AttainmentQuery Query, AttainmentParameters Parameters, CountyMatrix Matrix, AttainmentChoices Choices);

/// <summary>The API's and the CSV's shape of a result; culture-independent numbers.</summary>
public static class AttainmentExport
{
    public static object ToJson(AttainmentResult result, DateTimeOffset generatedAt) => new
    {
        asOf = Format.Iso(result.Parameters.AsOf),
        basis = result.Parameters.Basis.ToString().ToLowerInvariant(),
        county = result.Parameters.County,
        sector = result.Parameters.Sector?.ToString(),
        countyStructure = result.Parameters.Structure == CountyStructureChoice.Today ? "today" : "asof",
        generatedAt,
        targets = result.Targets.Select(t => new
        {
            code = t.Target.Code,
            area = t.Target.Area.ToString(),
            titleNb = t.Target.TitleNb,
            titleEn = t.Target.TitleEn,
            unit = t.Target.Unit.ToString(),
            targetValue = t.TargetValue,
            value = t.Value,
            numerator = t.Numerator,
            denominator = t.Denominator,
            percentOfTarget = t.PercentOfTarget,
            expectedByNow = t.ExpectedByNow,
            status = t.Status.ToString(),
            projectedAt2027 = t.ProjectedAt2027,
            willBeMet = t.WillBeMet,
            requiredYearlyPace = t.RequiredYearlyPace,
        }),
    };

    public static string ToCsv(AttainmentResult result)
    {
        var csv = new StringBuilder();
        csv.AppendLine("code,area,title_nb,unit,as_of,basis,target_value,value,numerator,denominator,percent_of_target,expected_by_now,status,projected_2027,will_be_met,required_yearly_pace");
        foreach (var t in result.Targets)
        {
            string N(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
            csv.Append(CultureInfo.InvariantCulture, $"{t.Target.Code},{t.Target.Area},\"{t.Target.TitleNb.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{t.Target.Unit},")
               .Append(CultureInfo.InvariantCulture, $"{Format.Iso(result.Parameters.AsOf)},{result.Parameters.Basis.ToString().ToLowerInvariant()},")
               .Append(CultureInfo.InvariantCulture, $"{N(t.TargetValue)},{N(t.Value)},{N(t.Numerator)},{N(t.Denominator)},{N(t.PercentOfTarget)},{N(t.ExpectedByNow)},")
               .Append(CultureInfo.InvariantCulture, $"{t.Status},{N(t.ProjectedAt2027)},{(t.WillBeMet is { } met ? (met ? "true" : "false") : "")},{N(t.RequiredYearlyPace)}")
               .AppendLine();
        }

        return csv.ToString();
    }
}

using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.OpenData;

/// <summary>
/// Open data for data.norge.no: figures by county × sector × call year with small numbers hidden.
/// Open to anyone, signed in or not: nothing in them identifies a person (decision 0015).
/// </summary>
[AllowAnonymous]
public sealed class OpenDataController(OpenDataService openData, TimeProvider time, IStringLocalizer<SharedResource> localizer) : Controller
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    [HttpGet("/api/open-data.csv")]
    public async Task<IActionResult> Csv([FromQuery] OpenDataQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Problem();
        }

        var set = await openData.BuildAsync(query.AsOf ?? Today, query.CountingBasis, cancellationToken);
        Response.Headers.Link = $"<{OpenDataFiles.MethodPath}>; rel=\"describedby\"";
        return File(OpenDataFiles.Csv(set), "text/csv; charset=utf-8", OpenDataFiles.FileName(set, "csv"));
    }

    [HttpGet("/api/open-data.xlsx")]
    public async Task<IActionResult> Workbook([FromQuery] OpenDataQuery query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Problem();
        }

        var set = await openData.BuildAsync(query.AsOf ?? Today, query.CountingBasis, cancellationToken);
        var bytes = OpenDataFiles.Workbook(set, localizer["Metode"], localizer["Tall per fylke"], OpenDataMethod.Sections(localizer, set.Parameters));
        return File(bytes, Reports.StatusWorkbook.ContentType, OpenDataFiles.FileName(set, "xlsx"));
    }

    /// <summary>The method and the suppression in plain text, in the reader's language.</summary>
    [HttpGet(OpenDataFiles.MethodPath)]
    public IActionResult Method([FromQuery] OpenDataQuery query)
    {
        var parameters = new AttainmentParameters(ModelState.IsValid ? query.AsOf ?? Today : Today, ModelState.IsValid ? query.CountingBasis : CountingBasis.Awarded);
        return File(Encoding.UTF8.GetBytes(OpenDataMethod.PlainText(OpenDataMethod.Sections(localizer, parameters))), "text/plain; charset=utf-8");
    }

    /// <summary>400 with the messages in the reader's language.</summary>
    private ActionResult Problem()
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
}

/// <summary>The open data's parameters: the date (today when left out) and the basis.</summary>
public sealed class OpenDataQuery : System.ComponentModel.DataAnnotations.IValidatableObject
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Per dato")]
    public DateOnly? AsOf { get; set; }

    /// <summary>"awarded" (default) or "realised".</summary>
    [System.ComponentModel.DataAnnotations.StringLength(10)]
    public string? Basis { get; set; }

    public CountingBasis CountingBasis => string.Equals(Basis, "realised", StringComparison.OrdinalIgnoreCase) ? CountingBasis.Realised : CountingBasis.Awarded;

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        if (Basis is not (null or "" or "awarded" or "realised"))
        {
            yield return new("Grunnlaget må være «awarded» (tildelt) eller «realised» (gjennomført).", [nameof(Basis)]);
        }

        if (AsOf is { } date && (date.Year < 2014 || date.Year > 2100))
        {
            yield return new("Datoen må være mellom 2014 og 2100.", [nameof(AsOf)]);
        }
    }
}

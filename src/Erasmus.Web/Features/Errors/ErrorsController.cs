using System.Diagnostics;
using System.Globalization;
using Erasmus.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Erasmus.Web.Features.Errors;

/// <summary>
/// Friendly error pages: they show a trace id for support, never exception details. They are re-executed
/// with the refused request's method and body, so they must not touch its form: no antiforgery check and
/// no bound parameters (a form the reader refused would be refused again, leaving an empty page).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorsController : Controller
{
    [Route("/feil")]
    public IActionResult ServerError() =>
        StatusPage(StatusCodes.Status500InternalServerError);

    [Route("/feil/{statusCode:int}")]
    public IActionResult Status() =>
        StatusPage(int.TryParse(RouteData.Values["statusCode"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var statusCode)
            && statusCode is >= 400 and <= 599 ? statusCode : StatusCodes.Status500InternalServerError);

    private ViewResult StatusPage(int statusCode)
    {
        Response.StatusCode = statusCode;
        var model = new ErrorViewModel(statusCode, Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier)
        {
            Message = RefusedRequest.Of(HttpContext),
        };
        return View("Error", model);
    }
}

public sealed record ErrorViewModel(int StatusCode, string TraceId)
{
    /// <summary>What exactly was refused, when known (a save the database refused, in bokmål; translated when shown).</summary>
    public string? Message { get; init; }

    public string Title => StatusCode switch
    {
        StatusCodes.Status403Forbidden => "Ingen tilgang",
        StatusCodes.Status404NotFound => "Fant ikke siden",
        StatusCodes.Status503ServiceUnavailable => "Tjenesten er midlertidig utilgjengelig",
        >= 500 => "Noe gikk galt",
        _ => "Forespørselen kunne ikke behandles",
    };

    public string Explanation => StatusCode switch
    {
        StatusCodes.Status403Forbidden => "Du har ikke tilgang til denne siden. Koordinatorer kan bare se og endre data for sitt eget fylke.",
        StatusCodes.Status404NotFound => "Siden eller posten du ba om finnes ikke. Sjekk adressen, eller gå tilbake til forsiden.",
        StatusCodes.Status503ServiceUnavailable => "Databasen svarer ikke akkurat nå. Prøv igjen om litt; ingenting av det du har lagret er tapt.",
        >= 500 => "En uventet feil oppstod. Feilen er logget. Oppgi sporings-ID-en under hvis du kontakter brukerstøtte.",
        _ => "Forespørselen inneholdt noe vi ikke kunne behandle, og ingenting er lagret. Gå tilbake og prøv igjen.",
    };
}

using System.Diagnostics;
using System.Text.Json;
using Erasmus.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// What /api/... answers when the request is not signed in (401) or not allowed (403): problem JSON
/// (RFC 9457) in the same shape as the API's 503, never a redirect to the HTML sign-in page.
/// </summary>
public static class ApiProblem
{
    private const string SignInRequiredTitle = "Du er ikke logget inn";
    private const string SignInRequiredMessage = "API-et krever innlogging. Logg inn i nettleseren og send med innloggingskapselen.";
    private const string ForbiddenTitle = "Ingen tilgang";
    private const string ForbiddenMessage = "Du har ikke tilgang til denne ressursen.";

    public static bool IsApi(HttpRequest request) => request.PathBase.Add(request.Path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static Task SignInRequiredAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, SignInRequiredTitle, SignInRequiredMessage);

    public static Task ForbiddenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, ForbiddenTitle, ForbiddenMessage);

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/problem+json; charset=utf-8";
        await response.WriteAsync(JsonSerializer.Serialize(new
        {
            title = localizer.Translate(title),
            status,
            detail = localizer.Translate(detail),
            traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier,
        }));
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Erasmus.Web.Features.Errors;
using Npgsql;

namespace Erasmus.Web.Infrastructure.Errors;

/// <summary>
/// While the database is unavailable every page answers at once (the retrying execution strategy
/// bounds the wait) with 503, Retry-After and the friendly page in the site's layout: never a stack
/// trace, in every environment, Development included. The API gets problem JSON instead.
/// </summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next, ILogger<DatabaseOutageMiddleware> logger)
{
    public const int RetryAfterSeconds = 10;
    public const string PagePath = "/feil/503";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (DatabaseOutage.IsOutage(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Database unavailable: {Method} {Path} answered 503", context.Request.Method, context.Request.Path.Value);
            // Connections in the pool died with the server; without this, the first requests after it
            // is back would draw dead connections (raw ADO.NET commands are not retried).
            NpgsqlConnection.ClearAllPools();
            context.RequestServices.GetService<NpgsqlDataSource>()?.Clear();
            await AnswerUnavailableAsync(context);
        }
    }

    private async Task AnswerUnavailableAsync(HttpContext context)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        var model = new ErrorViewModel(StatusCodes.Status503ServiceUnavailable, Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            response.ContentType = "application/problem+json; charset=utf-8";
            await response.WriteAsync(JsonSerializer.Serialize(new { title = model.Title, status = model.StatusCode, detail = model.Explanation, traceId = model.TraceId }));
            return;
        }

        // Re-execute the error page (as the status-code pages do) so it has the site's layout.
        var (path, method, endpoint) = (context.Request.Path, context.Request.Method, context.GetEndpoint());
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        context.Request.Path = PagePath;
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!response.HasStarted)
        {
            // The page itself needed the database (for instance to validate the sign-in cookie): plain HTML then.
            logger.LogWarning(ex, "The 503 page could not be rendered; answered with the plain one");
            response.Clear();
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers.CacheControl = "no-store";
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(PlainPage(model));
        }
        finally
        {
            context.Request.Path = path;
            context.Request.Method = method;
            context.SetEndpoint(endpoint);
        }
    }

    private static string PlainPage(ErrorViewModel model) =>
        $"""
        <!DOCTYPE html>
        <html lang="nb">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(model.Title)} – Erasmus+ deltakelse</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="main" class="wrap">
        <h1>{WebUtility.HtmlEncode(model.Title)}</h1>
        <p>{WebUtility.HtmlEncode(model.Explanation)}</p>
        <p>Statuskode: <strong>{model.StatusCode}</strong></p>
        <p>Sporings-ID: <code class="trace-id">{WebUtility.HtmlEncode(model.TraceId)}</code></p>
        <p><a href="/">Til forsiden</a></p>
        </main></body>
        </html>
        """;
}

using System.Diagnostics;

namespace Erasmus.Web.Infrastructure.Logging;

/// <summary>
/// One line per request: method, path (never the query string, which may carry tokens),
/// status, elapsed time, user name and trace id. Form values, cookies and headers are never logged.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(
                level,
                "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {ElapsedMs:0.0} ms for {UserName} trace {TraceId}",
                context.Request.Method,
                context.Request.Path.Value,
                status,
                elapsedMs,
                context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : "anonymous",
                Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
        }
    }
}

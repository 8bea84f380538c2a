using System.Diagnostics;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Erasmus.Web.Infrastructure.Logging;

/// <summary>
/// Serilog as the app's logger. Levels, enrichers and the console sink come from the "Serilog" section
/// of appsettings.json (JSON lines) and appsettings.Development.json (readable text); the daily rolling
/// file from the one setting Logging:File (empty: none).
/// </summary>
public static class LoggingSetup
{
    /// <summary>The request line: the path never carries the query string, which may hold tokens.</summary>
    public const string RequestTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms for {UserName:l} trace {TraceId:l}";

    public static WebApplicationBuilder AddErasmusLogging(this WebApplicationBuilder builder)
    {
        // Built from the services, so settings added after Program starts (tests, environment) apply, and
        // sinks registered as services (the tests' capture) are used. The static Log.Logger is left alone:
        // several app instances can share a process (the tests), each logging through its own logger.
        builder.Services.AddSerilog((services, logger) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            logger.ReadFrom.Configuration(configuration).ReadFrom.Services(services);

            // A plain setting rather than a WriteTo entry: an environment variable can empty it (no file),
            // and a relative path is taken from the content root, not from wherever the process started.
            if (configuration["Logging:File"] is { Length: > 0 } file)
            {
                logger.WriteTo.File(
                    new RenderedCompactJsonFormatter(),
                    Path.GetFullPath(file, services.GetRequiredService<IHostEnvironment>().ContentRootPath),
                    restrictedToMinimumLevel: LogEventLevel.Information,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14);
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per request with method, path, status, elapsed time, user and trace id. Nothing else of
    /// the request is read: no form values, cookies, headers or query string.
    /// </summary>
    public static IApplicationBuilder UseErasmusRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = RequestTemplate;
            options.IncludeQueryInRequestPath = false;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("UserName", context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous");
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            };
        });
}

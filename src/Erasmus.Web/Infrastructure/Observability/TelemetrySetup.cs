using Erasmus.Web.Infrastructure.Security;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Erasmus.Web.Infrastructure.Observability;

/// <summary>
/// Metrics and traces with OpenTelemetry. <c>/metrics</c> (Prometheus text) holds the HTTP server,
/// runtime, Npgsql and the app's own metrics; it is served to administrators on the app's port, or,
/// when Metrics:Port is set, without sign-in on that port only (an internal port for the scraper,
/// which serves nothing else). Traces go to an OTLP endpoint only when OTEL_EXPORTER_OTLP_ENDPOINT
/// (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; without one no trace is recorded at all.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddErasmusTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton<ErasmusMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "erasmus-web"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(ErasmusMetrics.MeterName)
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        }

        if (MetricsPort(configuration) is { } port)
        {
            ListenAlsoOn(builder.WebHost, port);
        }

        return builder;
    }

    /// <summary>The internal port's branch, first in the pipeline: /metrics there, and nothing else.</summary>
    public static WebApplication UseErasmusMetricsPort(this WebApplication app)
    {
        if (MetricsPort(app.Configuration) is not { } port)
        {
            return app;
        }

        // The local port of the connection, not the Host header, which a client chooses.
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == port && context.Request.Path == MetricsPath);
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    /// <summary>On the app's own port /metrics is for administrators, unless the internal port serves it.</summary>
    public static IEndpointRouteBuilder MapErasmusMetrics(this WebApplication app)
    {
        if (MetricsPort(app.Configuration) is null)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Policies.Administer);
        }

        return app;
    }

    private static int? MetricsPort(IConfiguration configuration) =>
        configuration.GetValue<int?>("Metrics:Port") is { } port and > 0 ? port : null;

    private static bool IsProbeOrScrape(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    /// <summary>
    /// Adds the internal port to the addresses the app listens on. Kestrel listens only on the
    /// addresses it is given once any are given in code, so the configured ones (ASPNETCORE_URLS,
    /// --urls, ASPNETCORE_HTTP_PORTS, else ASP.NET Core's default) are given again with it.
    /// </summary>
    private static void ListenAlsoOn(ConfigureWebHostBuilder webHost, int port)
    {
        var urls = Split(webHost.GetSetting(WebHostDefaults.ServerUrlsKey));
        if (urls.Length == 0)
        {
            urls = [.. Split(webHost.GetSetting(WebHostDefaults.HttpPortsKey)).Select(p => $"http://*:{p}"),
                .. Split(webHost.GetSetting(WebHostDefaults.HttpsPortsKey)).Select(p => $"https://*:{p}")];
        }

        if (urls.Length == 0)
        {
            urls = ["http://localhost:5000"];
        }

        webHost.UseUrls([.. urls, $"http://*:{port}"]);
    }

    private static string[] Split(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Erasmus.Web.Infrastructure.Logging;

/// <summary>
/// Serilog through Microsoft.Extensions.Logging (Serilog.AspNetCore does not restore here):
/// readable text in Development, JSON lines otherwise, and a daily rolling file.
/// Level filtering stays with the standard "Logging:LogLevel" section.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddErasmusLogging(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Logging");
        var asJson = !string.Equals(section["Format"], "text", StringComparison.OrdinalIgnoreCase);
        var filePath = section["File"];

        var configuration = new LoggerConfiguration()
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", "Erasmus.Web");

        configuration = asJson
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : configuration.WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);

        configuration = ApplyLevels(configuration, section.GetSection("LogLevel"));

        if (!string.IsNullOrWhiteSpace(filePath))
        {
            configuration = configuration.WriteTo.File(
                new JsonFormatter(renderMessage: true),
                Path.GetFullPath(filePath, builder.Environment.ContentRootPath),
                restrictedToMinimumLevel: LogEventLevel.Information,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14);
        }

        // AddSerilog lets every event through to Serilog, so the levels are applied in Serilog itself.
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }

    /// <summary>Maps the standard "Logging:LogLevel" section onto Serilog's minimum levels.</summary>
    private static LoggerConfiguration ApplyLevels(LoggerConfiguration configuration, IConfigurationSection levels)
    {
        configuration = configuration.MinimumLevel.Is(ToSerilog(levels["Default"]) ?? LogEventLevel.Information);
        foreach (var entry in levels.GetChildren().Where(c => c.Key != "Default"))
        {
            if (ToSerilog(entry.Value) is { } level)
            {
                configuration = configuration.MinimumLevel.Override(entry.Key, level);
            }
        }

        return configuration;
    }

    private static LogEventLevel? ToSerilog(string? level) => level switch
    {
        "Trace" => LogEventLevel.Verbose,
        "Debug" => LogEventLevel.Debug,
        "Information" => LogEventLevel.Information,
        "Warning" => LogEventLevel.Warning,
        "Error" => LogEventLevel.Error,
        "Critical" or "None" => LogEventLevel.Fatal,
        _ => null,
    };
}

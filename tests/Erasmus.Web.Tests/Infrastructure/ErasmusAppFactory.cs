using System.Globalization;
using Erasmus.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// The real application (Program) in memory, on the test class's own PostgreSQL database.
/// Log lines are captured so tests can read what the app logged.
/// </summary>
public class ErasmusAppFactory(string connectionString, string environment = "Testing") : WebApplicationFactory<Program>
{
    public CapturedLogs Logs { get; } = new();

    public Action<IServiceCollection>? ConfigureExtraServices { get; init; }

    /// <summary>
    /// The app's clock when a test opts in (see <see cref="FixedClock"/>): "today" stands still where the test
    /// puts it, so logic at today can be tested at its boundary. Null: the real clock, which timers, session
    /// expiry and the import worker's tidying need to move.
    /// </summary>
    public FakeTimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("DataFolder", Path.Combine(Path.GetTempPath(), "erasmus-tests", "app"));
        builder.UseSetting("Logging:File", "");
        // Tests count the cache's computations; none may come from a warm-up at start.
        builder.UseSetting("Cache:WarmUp", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            ConfigureExtraServices?.Invoke(services);
        });
    }
}

/// <summary>A clock that stands still at a moment in Norway, for <see cref="ErasmusAppFactory.Clock"/>.</summary>
public static class FixedClock
{
    public static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>The clock at a local time in Oslo (the app's "today" is the local date).</summary>
    public static FakeTimeProvider At(DateTime osloTime)
    {
        var clock = new FakeTimeProvider(AtOslo(osloTime));
        clock.SetLocalTimeZone(Oslo);
        return clock;
    }

    /// <summary>Moves the clock to a local time in Oslo (it never moves by itself).</summary>
    public static void Set(this FakeTimeProvider clock, DateTime osloTime) => clock.SetUtcNow(AtOslo(osloTime));

    // In UTC, as the real clock's GetUtcNow: Npgsql writes only offset 0 to timestamptz.
    private static DateTimeOffset AtOslo(DateTime osloTime)
    {
        var local = DateTime.SpecifyKind(osloTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Oslo.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>
/// Keeps every event the app logs, through Serilog like the real sinks (registered as a service, which
/// the app's logger reads), with the JSON line the console and the file would get for it.
/// </summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly List<CapturedLog> _entries = [];
    private readonly RenderedCompactJsonFormatter _json = new();

    public IReadOnlyList<CapturedLog> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The lines logged since the first <paramref name="count"/>.</summary>
    public IReadOnlyList<CapturedLog> Since(int count)
    {
        lock (_entries)
        {
            return [.. _entries.Skip(count)];
        }
    }

    public void Emit(LogEvent logEvent)
    {
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        _json.Format(logEvent, line);
        var properties = logEvent.Properties.ToDictionary(p => p.Key, p => p.Value is ScalarValue scalar ? scalar.Value : p.Value.ToString());
        var category = properties.GetValueOrDefault(Constants.SourceContextPropertyName) as string ?? "";
        var exception = logEvent.Exception?.GetBaseException();
        var entry = new CapturedLog(category, ToLogLevel(logEvent.Level), logEvent.RenderMessage(CultureInfo.InvariantCulture), properties, line.ToString().TrimEnd())
        {
            Exception = exception is null ? null : $"{exception.GetType().Name}: {exception.Message}",
        };
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    private static LogLevel ToLogLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => LogLevel.Trace,
        LogEventLevel.Debug => LogLevel.Debug,
        LogEventLevel.Information => LogLevel.Information,
        LogEventLevel.Warning => LogLevel.Warning,
        LogEventLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}

/// <param name="Category">The logger's category (Serilog's SourceContext).</param>
/// <param name="Json">The whole event as one JSON line, as written to the console in Production and to the file.</param>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties, string Json)
{
    /// <summary>The innermost exception's type and message, when the line carried one.</summary>
    public string? Exception { get; init; }
}

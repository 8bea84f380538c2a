using Erasmus.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// The real application (Program) in memory, on the test class's own PostgreSQL database.
/// Log lines are captured so tests can read what the app logged.
/// </summary>
public class ErasmusAppFactory(string connectionString, string environment = "Testing") : WebApplicationFactory<Program>
{
    public CapturingLoggerProvider Logs { get; } = new();

    public Action<IServiceCollection>? ConfigureExtraServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("DataFolder", Path.Combine(Path.GetTempPath(), "erasmus-tests", "app"));
        builder.UseSetting("Logging:File", "");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => ConfigureExtraServices?.Invoke(services));
    }
}

/// <summary>Keeps every log line the app writes, for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<CapturedLog> _entries = [];

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

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <summary>The lines logged since the first <paramref name="count"/>.</summary>
    public IReadOnlyList<CapturedLog> Since(int count)
    {
        lock (_entries)
        {
            return [.. _entries.Skip(count)];
        }
    }

    public void Dispose()
    {
    }

    private void Add(CapturedLog entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : [];
            provider.Add(new CapturedLog(category, logLevel, formatter(state, exception), properties)
            {
                Exception = exception is null ? null : $"{exception.GetBaseException().GetType().Name}: {exception.GetBaseException().Message}",
            });
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties)
{
    /// <summary>The innermost exception's type and message, when the line carried one.</summary>
    public string? Exception { get; init; }
}

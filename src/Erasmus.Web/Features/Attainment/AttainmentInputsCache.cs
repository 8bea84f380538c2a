using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Attainment;

public sealed class AttainmentCacheOptions
{
    /// <summary>
    /// How many parts (a date's project facts, a date and basis's mobility facts) are kept; 0 turns the
    /// cache off. Setting Attainment:Cache:Entries (environment: Attainment__Cache__Entries).
    /// </summary>
    public int Entries { get; set; } = 24;
}

/// <summary>
/// The engine's inputs, kept in memory between requests while the data is unchanged. Every request
/// first reads the data version (<see cref="DataVersion"/>: one tiny query, bumped by a database
/// trigger on every write to domain data, whoever writes), and a new version empties the cache, so a
/// change shows on the next page. Parts are kept apart so the dashboard on both bases and the detail
/// pages share a date's project facts. One load per part: requests that arrive while it loads wait for
/// it instead of running the same aggregates again.
/// </summary>
public sealed class AttainmentInputsCache(IServiceScopeFactory scopes, IOptions<AttainmentCacheOptions> options, ILogger<AttainmentInputsCache> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<object, Entry> _entries = [];
    private long _version = -1;
    private long _uses;

    private int Capacity => options.Value.Entries;

    /// <summary>The inputs of one basis as of a date (per project for a mobility target's detail page).</summary>
    public async Task<AttainmentInputs> GetAsync(ErasmusDbContext db, DateOnly asOf, CountingBasis basis, bool byProject, CancellationToken cancellationToken)
    {
        var version = Capacity > 0 ? await DataVersion.ReadAsync(db, cancellationToken) : -1;
        var projects = Part(version, new ProjectKey(asOf), (queries, ct) => queries.ProjectPartAsync(asOf, ct));
        var mobility = Part(version, new MobilityKey(asOf, basis, byProject), (queries, ct) => queries.MobilityPartAsync(asOf, basis, byProject, ct));
        var part = await projects.WaitAsync(cancellationToken);
        var facts = await mobility.WaitAsync(cancellationToken);
        return basis == CountingBasis.Awarded ? part.With(facts, null) : part.With(null, facts);
    }

    /// <summary>The cached part for this version, or a load of it shared by every request that asks meanwhile.</summary>
    private Task<T> Part<T>(long version, object key, Func<AttainmentQueries, CancellationToken, Task<T>> load)
        where T : class
    {
        lock (_gate)
        {
            if (Capacity <= 0 || version < _version)
            {
                // Off, or a request that read the version before another saw a newer one: its own load, not kept.
                return LoadAsync(key, version, load);
            }

            if (version > _version)
            {
                _entries.Clear();
                _version = version;
            }

            if (_entries.TryGetValue(key, out var entry))
            {
                entry.LastUse = ++_uses;
                return (Task<T>)entry.Value;
            }

            var task = LoadAsync(key, version, load);
            var added = new Entry(task) { LastUse = ++_uses };
            _entries[key] = added;
            while (_entries.Count > Capacity)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.LastUse).Key);
            }

            // A failed load is forgotten, so the next request tries again.
            _ = task.ContinueWith(_ => Forget(key, added), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return task;
        }
    }

    /// <summary>Loads in a scope (and DbContext) of its own, not cancelled with the first request, since others may be waiting for it.</summary>
    private async Task<T> LoadAsync<T>(object key, long version, Func<AttainmentQueries, CancellationToken, Task<T>> load)
    {
        // Off the caller's synchronous path: the lock is held while this starts.
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var started = TimeProvider.System.GetTimestamp();
        var result = await load(scope.ServiceProvider.GetRequiredService<AttainmentQueries>(), CancellationToken.None);
        logger.LogInformation("Attainment inputs {Part} loaded for data version {DataVersion} in {ElapsedMs} ms",
            key, version, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private void Forget(object key, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed record ProjectKey(DateOnly AsOf);

    private sealed record MobilityKey(DateOnly AsOf, CountingBasis Basis, bool ByProject);

    private sealed class Entry(Task value)
    {
        public Task Value { get; } = value;
        public long LastUse { get; set; }
    }
}

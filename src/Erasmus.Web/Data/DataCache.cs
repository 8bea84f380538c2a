using Erasmus.Web.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Data;

/// <summary>A cached value that knows the data versions of the snapshot it was read in (they may be newer than the request's that asked for it).</summary>
public interface ISnapshotValue
{
    DataVersions Versions { get; }
}

public sealed class DataCacheOptions
{
    /// <summary>
    /// About how much memory the cache may hold, in MiB (each entry's size is estimated by its owner);
    /// 0 turns it off. Setting Cache:Megabytes (environment: Cache__Megabytes).
    /// </summary>
    public int Megabytes { get; set; } = 256;

    /// <summary>Compute today's dashboards when the app starts (Cache:WarmUp; <see cref="Features.Attainment.AttainmentWarmUp"/>).</summary>
    public bool WarmUp { get; set; }

    /// <summary>
    /// Keep the targets counted per project as sums per project and follow the views' changes (Cache:FollowProjects;
    /// decision 0011, amendment 2). Off, every target lists all its counted items again after a write (the
    /// design before), which the benchmarks compare against.
    /// </summary>
    public bool FollowProjects { get; set; } = true;
}

/// <summary>
/// Values computed from the database (aggregates, engine results, list totals), kept in memory while
/// the tables they are computed from are unchanged. A request first reads the data versions
/// (<see cref="DataVersion"/>: one tiny query; a database trigger bumps a table's version on every
/// write to it, whoever writes), and an entry whose tables have changed since it was computed is
/// computed again, so a change shows on the next page; an entry that can be brought up to date (an
/// <c>update</c> is given) is updated from its previous value instead. An entry computed from newer data
/// than a request has seen serves that request too. One computation per entry and version: requests that
/// arrive while it runs wait for it instead of running the same queries again. The least recently used
/// entries go when the estimated memory is over budget.
/// </summary>
public sealed class DataCache(IServiceScopeFactory scopes, IOptions<DataCacheOptions> options, ILogger<DataCache> logger, ErasmusMetrics metrics)
{
    private static readonly DataVersions _none = new(new Dictionary<string, long>(), 0);

    private readonly Lock _gate = new();
    private readonly Dictionary<object, Entry> _entries = [];
    private long _uses;
    private long _bytes;

    private long Budget => options.Value.Megabytes * 1048576L;

    /// <summary>The versions already read through each request's DbContext (one per request scope); dropped with the context.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ErasmusDbContext, VersionsRead> _read = [];

    /// <summary>
    /// The data versions a request works with: read once, first, so nothing it is given is older than what it has
    /// seen. A page asks for them from several services (figures, map, rates, choices); they are read from the
    /// database once per request (per DbContext) and again after that context has saved a change, so a request
    /// that writes and then reads sees its own write. Contexts are pooled: a context's versions are forgotten when a
    /// request leases it (<see cref="Lease"/>), so they never carry over into the next request.
    /// </summary>
    public Task<DataVersions> VersionsAsync(ErasmusDbContext db, CancellationToken cancellationToken)
    {
        if (Budget <= 0)
        {
            return Task.FromResult(_none);
        }

        return ReadOf(db).Get(() => DataVersion.ReadAsync(db, cancellationToken));
    }

    /// <summary>A pooled context handed to a new request: the versions a request before it read are not this one's.</summary>
    public ErasmusDbContext Lease(ErasmusDbContext db)
    {
        _read.Remove(db);
        return db;
    }

    /// <summary>The request's read of the versions, forgotten when its context saves (a request that writes and then reads sees its write).</summary>
    private VersionsRead ReadOf(ErasmusDbContext db) => _read.GetValue(db, context =>
    {
        var created = new VersionsRead();
        context.SavedChanges += (_, _) => created.Forget();
        context.SaveChangesFailed += (_, _) => created.Forget();
        return created;
    });

    /// <summary>Whether values are kept at all (a budget above 0); off, nothing needs the data versions.</summary>
    public bool IsOn => Budget > 0;

    /// <summary>
    /// Versions read by the request on the way, with something else (the session check reads them in the same round trip):
    /// they are the request's versions unless it has read them already. Read at the start of the request, they are as new
    /// as any write the reader could know of.
    /// </summary>
    public void Offer(ErasmusDbContext db, DataVersions versions)
    {
        if (Budget > 0)
        {
            ReadOf(db).Offer(versions);
        }
    }

    /// <summary>One request's read of the versions; a failed or cancelled read is tried again.</summary>
    private sealed class VersionsRead
    {
        private readonly Lock _gate = new();
        private Task<DataVersions>? _read;

        public void Offer(DataVersions versions)
        {
            lock (_gate)
            {
                if (_read is null || _read.IsFaulted || _read.IsCanceled)
                {
                    _read = Task.FromResult(versions);
                }
            }
        }

        public Task<DataVersions> Get(Func<Task<DataVersions>> read)
        {
            lock (_gate)
            {
                if (_read is null || _read.IsFaulted || _read.IsCanceled)
                {
                    _read = read();
                }

                return _read;
            }
        }

        public void Forget()
        {
            lock (_gate)
            {
                _read = null;
            }
        }
    }

    /// <summary>
    /// The value for a key, kept under the version of the tables it is computed from. The computation
    /// gets a service scope (and DbContext) of its own and is not cancelled with the request: other
    /// requests may be waiting for it after the first has gone. Keys are compared by value (records).
    /// </summary>
    public Task<T> GetAsync<T>(DataVersions versions, object key, IEnumerable<string> tables, Func<IServiceProvider, Task<T>> compute,
        Func<T, long> estimatedBytes, CancellationToken cancellationToken, Func<IServiceProvider, T, Task<T>>? update = null)
        where T : class
    {
        var distinct = tables.Distinct(StringComparer.Ordinal).ToArray();
        return Get(versions.Of(distinct), distinct, key, compute, update, estimatedBytes).WaitAsync(cancellationToken);
    }

    private Task<T> Get<T>(long version, string[] tables, object key, Func<IServiceProvider, Task<T>> compute, Func<IServiceProvider, T, Task<T>>? update,
        Func<T, long> estimatedBytes)
        where T : class
    {
        lock (_gate)
        {
            if (Budget <= 0)
            {
                return ComputeAsync(key, version, compute);
            }

            var recompute = compute;
            if (_entries.TryGetValue(key, out var entry))
            {
                // Versions only grow, so an entry at the request's version or later has every write the request has seen.
                if (entry.Version >= version)
                {
                    entry.LastUse = ++_uses;
                    metrics.CacheHit(key);
                    return (Task<T>)entry.Value;
                }

                if (update is not null)
                {
                    // Brought up to date from the previous value, once it is there (computed again if it failed).
                    var previous = (Task<T>)entry.Value;
                    recompute = async scoped =>
                    {
                        await previous.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        return previous.IsCompletedSuccessfully ? await update(scoped, previous.Result) : await compute(scoped);
                    };
                }

                Remove(key, entry);
            }

            var task = ComputeAsync(key, version, recompute);
            var added = new Entry(task, version) { LastUse = ++_uses };
            _entries[key] = added;
            _ = task.ContinueWith(t => Settle(key, added, t.IsCompletedSuccessfully ? estimatedBytes(t.Result) : -1,
                    t.IsCompletedSuccessfully && t.Result is ISnapshotValue read ? read.Versions.Of(tables) : version), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }
    }

    private async Task<T> ComputeAsync<T>(object key, long version, Func<IServiceProvider, Task<T>> compute)
    {
        // Off the caller's synchronous path: the lock is held while this starts.
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var started = TimeProvider.System.GetTimestamp();
        var result = await compute(scope.ServiceProvider);
        metrics.CacheComputed(key);
        // The key's type only: a key can hold what a user searched for, which the logs never keep.
        logger.LogInformation("Cached {Entry} computed for data version {DataVersion} in {ElapsedMs} ms",
            key is string name ? name : key.GetType().Name, version, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>A finished entry gets its size, and the least recently used ones go while over budget; a failed one is forgotten.</summary>
    private void Settle(object key, Entry entry, long bytes, long readVersion)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            if (bytes < 0)
            {
                Remove(key, entry);
                return;
            }

            entry.Bytes = bytes;
            entry.Version = Math.Max(entry.Version, readVersion);
            _bytes += bytes;
            while (_bytes > Budget && _entries.Count > 1)
            {
                var (oldestKey, oldest) = _entries.Where(e => e.Value.Value.IsCompleted).MinBy(e => e.Value.LastUse);
                if (oldest is null)
                {
                    break;
                }

                Remove(oldestKey, oldest);
            }
        }
    }

    private void Remove(object key, Entry entry)
    {
        _entries.Remove(key);
        _bytes -= entry.Bytes;
    }

    private sealed class Entry(Task value, long version)
    {
        public Task Value { get; } = value;
        public long Version { get; set; } = version;
        public long LastUse { get; set; }
        public long Bytes { get; set; }
    }
}

public static class DataCacheSetup
{
    /// <summary>Registers the one <see cref="DataCache"/> (idempotent: the database setup and the features that use it both call this).</summary>
    public static IServiceCollection AddDataCache(this IServiceCollection services)
    {
        services.AddOptions<DataCacheOptions>().BindConfiguration("Cache");
        services.TryAddSingleton<DataCache>();
        return services;
    }
}

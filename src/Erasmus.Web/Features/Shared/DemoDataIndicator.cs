using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Erasmus.Web.Features.Shared;

/// <summary>Tells the layout whether this database holds generated demo data, so every page can say so.</summary>
public sealed class DemoDataIndicator(ErasmusDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "demo-data-present";

    public async Task<bool> IsDemoAsync()
    {
        if (cache.TryGetValue(CacheKey, out bool isDemo))
        {
            return isDemo;
        }

        try
        {
            isDemo = await db.AppSettings.AnyAsync(s => s.Key == AppSetting.DemoDataSeededAt);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException || Infrastructure.Errors.DatabaseOutage.IsOutage(ex))
        {
            // The error pages use the layout too; they must render while the database is down, and
            // quickly: the answer is kept briefly so the next pages do not wait for retries again.
            cache.Set(CacheKey, false, TimeSpan.FromSeconds(15));
            return false;
        }

        cache.Set(CacheKey, isDemo, TimeSpan.FromMinutes(5));
        return isDemo;
    }
}

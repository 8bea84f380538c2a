using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Data.Seed;

/// <summary>Seeds reference data (idempotent). Demo data is seeded by src/Erasmus.DemoData, never by the app (decision 0012).</summary>
public static class DatabaseSeeder
{
    public static async Task SeedAsync(IServiceProvider services, bool reference, CancellationToken cancellationToken = default)
    {
        if (reference)
        {
            await ReferenceDataSeeder.SeedAsync(services.GetRequiredService<ErasmusDbContext>(), cancellationToken);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Data.Seed;

/// <summary>Seeds reference data (idempotent) and, for demo databases, the demo data set.</summary>
public static class DatabaseSeeder
{
    public static async Task SeedAsync(IServiceProvider services, bool reference, bool demo, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<ErasmusDbContext>();
        if (reference || demo)
        {
            await ReferenceDataSeeder.SeedAsync(db, cancellationToken);
        }

        if (demo)
        {
            await DemoUsers.SeedAsync(db, cancellationToken);
        }
    }
}

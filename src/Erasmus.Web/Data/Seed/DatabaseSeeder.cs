using Erasmus.Web.Data.Seed.Demo;
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
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            var summary = await new DemoDataGenerator(time).SeedAsync(db, ct: cancellationToken);
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DemoDataGenerator));
            if (summary.Skipped)
            {
                logger?.LogInformation("Demo data already seeded; nothing to do");
            }
            else
            {
                logger?.LogInformation(
                    "Demo data seeded in {ElapsedMs} ms: {Organisations} organisations, {Accreditations} accreditations, {Projects} projects, {Mobilities} mobilities",
                    (long)summary.Elapsed.TotalMilliseconds, summary.Organisations, summary.Accreditations, summary.Projects, summary.Mobilities);
            }

            await DemoPopulation.SeedAsync(db, cancellationToken);
            await DemoUsers.SeedAsync(db, cancellationToken);
        }
    }
}

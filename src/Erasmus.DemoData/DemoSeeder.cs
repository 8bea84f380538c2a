using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Erasmus.DemoData;

/// <summary>Seeds reference data (idempotent), the demo data set (once per database), demo population figures and the demo users.</summary>
public static class DemoSeeder
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<ErasmusDbContext>();
        await DatabaseSeeder.SeedAsync(services, reference: true, cancellationToken);

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

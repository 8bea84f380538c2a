using System.Globalization;
using Erasmus.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.DemoData;

/// <summary>What one seeding run did.</summary>
public sealed record DemoDataSummary(
    bool Skipped,
    int Organisations,
    int NorwegianOrganisations,
    int ForeignOrganisations,
    int Accreditations,
    int AccreditationMembers,
    int Projects,
    int ProjectPartners,
    int ProjectTopics,
    int AwardedMobilities,
    int Mobilities,
    TimeSpan Elapsed)
{
    public static DemoDataSummary None(TimeSpan elapsed) => new(true, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, elapsed);
}

/// <summary>
/// How big a demo data set is. <see cref="Scale"/> multiplies organisations, projects and mobilities
/// alike; the two others only exist for benchmarks that need more projects and mobility records per
/// organisation than the national picture has (1 and 1 leave every scale as it was).
/// </summary>
/// <param name="Scale">Organisations, projects and mobilities (10 gives about ten times national size).</param>
/// <param name="ProjectRounds">How many times each call year's projects (after 2020) are built: accredited projects, short-term projects, partnerships and centralised projects. A fraction builds one round more in that share of the call years, earliest first.</param>
/// <param name="ParticipantFactor">Multiplies the participants awarded per call year, so the mobility records that realise them.</param>
public sealed record DemoDataSize(int Scale = 1, double ProjectRounds = 1, double ParticipantFactor = 1)
{
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Scale, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ProjectRounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ParticipantFactor, 1);
    }
}

/// <summary>
/// A deterministic demo data set: the national picture of Norwegian Erasmus+ participation for the
/// 2021–2025 calls (plus 2020-call projects that ran into 2021), which reproduces exactly what
/// HK-dir published for September 2021 and grows plausibly toward the strategy's targets after.
/// The same seed always gives the same rows; "today" (which mobilities are realised and which
/// projects have ended) comes from the injected <see cref="TimeProvider"/>. Seeding is recorded in
/// <see cref="AppSetting.DemoDataSeededAt"/> and never repeated.
/// </summary>
public sealed class DemoDataGenerator(TimeProvider time)
{
    public const int DefaultSeed = 20210930;

    /// <summary>The created_by/updated_by of every generated row.</summary>
    public const string AuditUser = "demo";

    /// <summary>Serialises concurrent seeding of the same database.</summary>
    private const long AdvisoryLockKey = 20210930_0001;

    /// <param name="scale">Multiplies organisations, projects and mobilities (10 gives ten times national size for benchmarks); the September 2021 figures hold at scale 1.</param>
    public Task<DemoDataSummary> SeedAsync(ErasmusDbContext db, int scale = 1, int seed = DefaultSeed, CancellationToken ct = default) =>
        SeedAsync(db, new DemoDataSize(scale), seed, ct);

    /// <param name="size">The scale, and for benchmarks more projects and participants per organisation.</param>
    public async Task<DemoDataSummary> SeedAsync(ErasmusDbContext db, DemoDataSize size, int seed = DefaultSeed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(size);
        size.Validate();
        var started = time.GetTimestamp();
        if (await IsSeededAsync(db, ct))
        {
            return DemoDataSummary.None(time.GetElapsedTime(started));
        }

        // One transaction, retried as a whole on a transient failure (the retrying execution
        // strategy requires it); a retry starts from a clean change tracker.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", token);
            if (await IsSeededAsync(db, token))
            {
                return DemoDataSummary.None(time.GetElapsedTime(started));
            }

            var now = time.GetUtcNow();
            var reference = await LoadReferenceAsync(db, token);
            var data = new DemoBuilder(reference, seed, size, now);
            data.Build();

            // The rules go in through EF (they are tracked entities); everything else by COPY on the same connection and transaction.
            await db.SaveChangesAsync(token);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await DemoCopyWriter.WriteAsync(connection, data, now, AuditUser, token);
            await db.Database.ExecuteSqlRawAsync(DemoCopyWriter.ResetSequences, token);
            await DemoPopulation.SeedAsync(db, token);
            db.AppSettings.Add(new AppSetting(AppSetting.DemoDataSeededAt, now.ToString("O", CultureInfo.InvariantCulture)));
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return Summary(data, time.GetElapsedTime(started));
        }, ct);
    }

    private static DemoDataSummary Summary(DemoBuilder data, TimeSpan elapsed)
    {
        var norwegian = data.Organisations.Count(o => o.IsNorwegian);
        return new DemoDataSummary(
            Skipped: false,
            Organisations: data.Organisations.Count,
            NorwegianOrganisations: norwegian,
            ForeignOrganisations: data.Organisations.Count - norwegian,
            Accreditations: data.Accreditations.Count,
            AccreditationMembers: data.Accreditations.Sum(a => a.Entity!.Members.Count),
            Projects: data.Projects.Count,
            ProjectPartners: data.Projects.Sum(p => p.Entity!.Partners.Count),
            ProjectTopics: data.Projects.Sum(p => p.Entity!.Topics.Count),
            AwardedMobilities: data.Projects.Sum(p => p.Entity!.AwardedMobilities.Count),
            Mobilities: data.Mobilities.Count,
            Elapsed: elapsed);
    }

    private static Task<bool> IsSeededAsync(ErasmusDbContext db, CancellationToken ct) =>
        db.AppSettings.AsNoTracking().AnyAsync(s => s.Key == AppSetting.DemoDataSeededAt, ct);

    private static async Task<DemoReference> LoadReferenceAsync(ErasmusDbContext db, CancellationToken ct)
    {
        var activityTypes = await db.ActivityTypes.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        if (activityTypes.Count == 0)
        {
            throw new InvalidOperationException("Reference data is missing: seed it (ReferenceDataSeeder) before the demo data.");
        }

        return new DemoReference
        {
            Counties = await db.Counties.AsNoTracking().ToDictionaryAsync(c => c.Number, StringComparer.Ordinal, ct),
            ActivityTypes = activityTypes,
            CountryCodes = (await db.Countries.AsNoTracking().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            TopicCodes = await db.Topics.AsNoTracking().OrderBy(t => t.Code).Select(t => t.Code).ToListAsync(ct),
            UsedOrganisationNumbers = (await db.Organisations.Where(o => o.OrganisationNumber != null).Select(o => o.OrganisationNumber!).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal),
            UsedOids = (await db.Organisations.Where(o => o.Oid != null).Select(o => o.Oid!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            UsedReferences = (await db.Projects.Select(p => p.Reference).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            UsedAccreditationCodes = (await db.Accreditations.Select(a => a.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            OrganisationIdBase = await db.Organisations.MaxAsync(o => (int?)o.Id, ct) ?? 0,
            AccreditationIdBase = await db.Accreditations.MaxAsync(a => (int?)a.Id, ct) ?? 0,
            ProjectIdBase = await db.Projects.MaxAsync(p => (int?)p.Id, ct) ?? 0,
            MobilityIdBase = await db.Mobilities.MaxAsync(m => (int?)m.Id, ct) ?? 0,
        };
    }
}

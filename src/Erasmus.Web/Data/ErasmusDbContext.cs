using Erasmus.Domain.Entities;
using Erasmus.Web.Data.Audit;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Erasmus.Web.Data;

/// <summary>The one DbContext: Identity's tables and the Erasmus+ domain, all in snake_case.</summary>
public class ErasmusDbContext(DbContextOptions<ErasmusDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<County> Counties => Set<County>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<ActivityType> ActivityTypes => Set<ActivityType>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Accreditation> Accreditations => Set<Accreditation>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Mobility> Mobilities => Set<Mobility>();
    public DbSet<StrategyTarget> StrategyTargets => Set<StrategyTarget>();
    public DbSet<Erasmus.Domain.Population.PopulationFigure> PopulationFigures => Set<Erasmus.Domain.Population.PopulationFigure>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The data-protection key ring, shared by every instance (DataProtectionSetup).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves and appends the audit trail in the same transaction. Rows created by this save get
    /// their keys from the database, so their audit entries are inserted after the rows, still in
    /// that transaction. With the retrying execution strategy both steps run as one retriable unit,
    /// and the tracked changes are accepted only after the commit, so a retry starts over from them.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var pending = AuditTrail.Collect(ChangeTracker);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var stamps = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<AuditStampInterceptor>().FirstOrDefault();
        var now = (stamps?.Time ?? TimeProvider.System).GetUtcNow();
        var userName = stamps?.User.Name ?? "system";
        var created = pending.Where(p => p.Action == AuditAction.Created).ToList();
        AuditEntries.AddRange(pending.Where(p => p.Action != AuditAction.Created).Select(p => AuditTrail.ToEntry(p, now, userName)));
        if (created.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var written = await Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await InsertAuditEntriesAsync(created.Select(p => AuditTrail.ToEntry(p, now, userName)).ToList(), ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return count;
        }, cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return written;
    }

    /// <summary>
    /// One statement for any number of entries. Not through the change tracker: the rows saved just
    /// before are still pending acceptance there, and a second save would insert them again.
    /// </summary>
    private Task<int> InsertAuditEntriesAsync(List<AuditEntry> entries, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync(
            $"""
            INSERT INTO audit_entries (occurred_at, user_name, action, entity_type, entity_key, root_type, root_key, changes)
            SELECT occurred_at, user_name, action, entity_type, entity_key, root_type, root_key, changes::jsonb
            FROM unnest({entries.Select(e => e.OccurredAt).ToArray()}, {entries.Select(e => e.UserName).ToArray()},
                {entries.Select(e => e.Action.ToString()).ToArray()}, {entries.Select(e => e.EntityType).ToArray()},
                {entries.Select(e => e.EntityKey).ToArray()}, {entries.Select(e => e.RootType).ToArray()},
                {entries.Select(e => e.RootKey).ToArray()}, {entries.Select(e => e.Changes).ToArray()})
                AS e (occurred_at, user_name, action, entity_type, entity_key, root_type, root_key, changes)
            """,
            cancellationToken);

    /// <summary>
    /// Only for what is not audited: the data-protection key store saves its keys synchronously.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        if (AuditTrail.Collect(ChangeTracker).Count > 0)
        {
            throw new NotSupportedException("Use SaveChangesAsync: the audit trail is written asynchronously.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity's tables are renamed in Configurations/IdentityConfigurations.cs, after Identity's own model above.
        builder.ApplyConfigurationsFromAssembly(typeof(ErasmusDbContext).Assembly);
    }
}

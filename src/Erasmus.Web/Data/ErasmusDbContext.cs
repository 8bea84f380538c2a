using Erasmus.Domain.Entities;
using Erasmus.Web.Data.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Erasmus.Web.Data;

/// <summary>The one DbContext: Identity's tables and the Erasmus+ domain, all in snake_case.</summary>
public class ErasmusDbContext(DbContextOptions<ErasmusDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
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
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// Saves and appends the audit trail in the same transaction. Rows created by this save get
    /// their keys from the database, so their audit entries are written by a second save.
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

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        AuditEntries.AddRange(created.Select(p => AuditTrail.ToEntry(p, now, userName)));
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: the audit trail is written asynchronously.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ApplicationUser>().ToTable("users");
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.Entity<ApplicationUser>().Property(u => u.DisplayName).HasMaxLength(200);
        builder.Entity<ApplicationUser>().Property(u => u.CountyNumber).HasMaxLength(2);

        builder.ApplyConfigurationsFromAssembly(typeof(ErasmusDbContext).Assembly);
        builder.ApplySnakeCaseNames();
    }
}

using Erasmus.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

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

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

// Identity's tables get short snake_case names of their own (the naming convention would make them
// asp_net_users etc.); set before the first migration, as renaming them later fails. Identity names
// its indexes itself (RoleNameIndex...), which the naming convention leaves alone, so they are named here.

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.ToTable("users");
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("email_index");
        builder.HasIndex(u => u.NormalizedUserName).HasDatabaseName("user_name_index");
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.CountyNumber).HasMaxLength(2);
    }
}

internal sealed class IdentityRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        builder.ToTable("roles");
        builder.HasIndex(r => r.NormalizedName).HasDatabaseName("role_name_index");
    }
}

internal sealed class IdentityUserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> builder) => builder.ToTable("user_roles");
}

internal sealed class IdentityUserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder) => builder.ToTable("user_claims");
}

internal sealed class IdentityUserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder) => builder.ToTable("user_logins");
}

internal sealed class IdentityUserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder) => builder.ToTable("user_tokens");
}

internal sealed class IdentityRoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> builder)
    {
        builder.ToTable("role_claims");

        // Named here: configurations are applied in the order of their type names, this one before the
        // roles', and the naming convention would keep the foreign key's name from asp_net_roles.
        builder.HasOne<IdentityRole>().WithMany().HasForeignKey(c => c.RoleId).HasConstraintName("fk_role_claims_roles_role_id");
    }
}

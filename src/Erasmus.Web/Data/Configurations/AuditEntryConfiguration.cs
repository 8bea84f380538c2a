using Erasmus.Web.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.EntityType).HasMaxLength(60);
        builder.Property(a => a.EntityKey).HasMaxLength(100);
        builder.Property(a => a.RootType).HasMaxLength(60);
        builder.Property(a => a.RootKey).HasMaxLength(100);
        builder.Property(a => a.Changes).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.RootType, a.RootKey });
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => a.UserName);
    }
}

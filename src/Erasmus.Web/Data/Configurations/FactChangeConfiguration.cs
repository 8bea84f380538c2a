using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class FactChangeConfiguration : IEntityTypeConfiguration<FactChange>
{
    public void Configure(EntityTypeBuilder<FactChange> builder)
    {
        builder.ToTable("fact_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Xid).HasDefaultValueSql("(pg_current_xact_id())::text::bigint");
        builder.Property(c => c.Kind).HasMaxLength(1);
        builder.HasIndex(c => c.Xid);
    }
}

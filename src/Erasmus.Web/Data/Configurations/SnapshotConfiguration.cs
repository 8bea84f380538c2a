using Erasmus.Web.Features.Snapshots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class SnapshotConfiguration : IEntityTypeConfiguration<Snapshot>
{
    public void Configure(EntityTypeBuilder<Snapshot> builder)
    {
        builder.ToTable("snapshots", t => t.HasCheckConstraint("ck_snapshots_as_of", PlausibleChecks.Date("as_of")));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(Snapshot.NameMaxLength);
        builder.Property(s => s.Parameters).HasColumnType("jsonb");
        builder.Property(s => s.Results).HasColumnType("jsonb");
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.AsOf);
        builder.ConfigureAudit();
    }
}

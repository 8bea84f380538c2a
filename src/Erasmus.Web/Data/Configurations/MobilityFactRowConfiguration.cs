using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class MobilityFactRowConfiguration : IEntityTypeConfiguration<MobilityFactRow>
{
    public void Configure(EntityTypeBuilder<MobilityFactRow> builder)
    {
        // No check on records: PostgreSQL checks a row before ON CONFLICT turns it into an update, and a
        // difference inserted there may be negative.
        builder.ToTable("mobility_facts");
        builder.HasKey(f => new { f.ProjectId, f.ActivityTypeCode, f.StartYear, f.EndDate, f.Status, f.ParticipantGroup, f.Direction });
        builder.Property(f => f.ActivityTypeCode).HasMaxLength(20);
        builder.Property(f => f.Status).HasMaxLength(10);
        builder.Property(f => f.ParticipantGroup).HasMaxLength(20);
        builder.Property(f => f.Direction).HasMaxLength(10);
    }
}

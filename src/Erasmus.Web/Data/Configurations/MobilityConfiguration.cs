using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class MobilityConfiguration : IEntityTypeConfiguration<Mobility>
{
    public void Configure(EntityTypeBuilder<Mobility> builder)
    {
        builder.ToTable("mobilities", t =>
        {
            t.HasCheckConstraint("ck_mobilities_dates", "end_date >= start_date");
            t.HasCheckConstraint("ck_mobilities_participants", PlausibleChecks.Between("participant_count", Plausible.MinParticipants, Plausible.MaxParticipants));
            t.HasCheckConstraint("ck_mobilities_start_date", PlausibleChecks.Date("start_date"));
            t.HasCheckConstraint("ck_mobilities_end_date", PlausibleChecks.Date("end_date"));
        });
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MobilityId).HasMaxLength(40);
        builder.Property(m => m.ActivityTypeCode).HasMaxLength(20);
        builder.Property(m => m.ParticipantGroup).AsText(20);
        builder.Property(m => m.Direction).AsText(10);
        builder.Property(m => m.Status).AsText(10);
        builder.Property(m => m.SendingCountryCode).HasMaxLength(2);
        builder.Property(m => m.ReceivingCountryCode).HasMaxLength(2);
        builder.Ignore(m => m.CountedParticipants);
        builder.HasIndex(m => new { m.ProjectId, m.MobilityId }).IsUnique();
        builder.HasIndex(m => new { m.ActivityTypeCode, m.Status });
        // For the list of a million records (docs/benchmarks.md): counting a county's or a project's records
        // from the index alone, the default and the start-date orders read in index order, and the search
        // for part of a mobility ID by trigrams.
        builder.HasIndex(m => new { m.ProjectId, m.Status }).IncludeProperties(m => m.ParticipantCount);
        builder.HasIndex(m => m.StartDate);
        // Database names set explicitly: the naming convention would give both indexes on MobilityId the same name.
        builder.HasIndex(m => m.MobilityId, "ix_mobilities_mobility_id").HasDatabaseName("ix_mobilities_mobility_id");
        builder.HasIndex(m => m.MobilityId, "ix_mobilities_mobility_id_trigrams").HasDatabaseName("ix_mobilities_mobility_id_trigrams")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Metadata.Model.GetOrAddPostgresExtension(null, "pg_trgm", null);
        builder.HasOne(m => m.Project).WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.ActivityType).WithMany().HasForeignKey(m => m.ActivityTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.SendingOrganisation).WithMany().HasForeignKey(m => m.SendingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.ReceivingOrganisation).WithMany().HasForeignKey(m => m.ReceivingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Country>().WithMany().HasForeignKey(m => m.SendingCountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Country>().WithMany().HasForeignKey(m => m.ReceivingCountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.ConfigureAudit();
    }
}

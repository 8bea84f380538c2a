using Erasmus.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class AccreditationConfiguration : IEntityTypeConfiguration<Accreditation>
{
    public void Configure(EntityTypeBuilder<Accreditation> builder)
    {
        builder.ToTable("accreditations", t =>
        {
            t.HasCheckConstraint("ck_accreditations_valid_from", PlausibleChecks.Date("valid_from"));
            t.HasCheckConstraint("ck_accreditations_valid_to", PlausibleChecks.Date("valid_to"));
            t.HasCheckConstraint("ck_accreditations_decision_date", PlausibleChecks.Date("decision_date"));
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Code).HasMaxLength(40);
        builder.Property(a => a.Sector).AsText(10);
        builder.Property(a => a.Status).AsText(20);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasIndex(a => a.HolderId);
        builder.HasOne(a => a.Holder).WithMany().HasForeignKey(a => a.HolderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.AccreditationId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureAudit();
    }
}

internal sealed class AccreditationMemberConfiguration : IEntityTypeConfiguration<AccreditationMember>
{
    public void Configure(EntityTypeBuilder<AccreditationMember> builder)
    {
        builder.ToTable("accreditation_members");
        builder.HasKey(m => new { m.AccreditationId, m.OrganisationId });
        builder.HasIndex(m => m.OrganisationId);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

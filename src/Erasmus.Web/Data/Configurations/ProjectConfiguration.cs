using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects", t =>
        {
            t.HasCheckConstraint("ck_projects_dates", "end_date >= start_date");
            t.HasCheckConstraint("ck_projects_grant", PlausibleChecks.Between("grant_eur", 0m, Plausible.MaxGrantEur));
            t.HasCheckConstraint("ck_projects_call_year", PlausibleChecks.Between("call_year", Plausible.FirstCallYear, Plausible.LastCallYear));
            t.HasCheckConstraint("ck_projects_round", PlausibleChecks.Between("round", 1, 3));
            t.HasCheckConstraint("ck_projects_start_date", PlausibleChecks.Date("start_date"));
            t.HasCheckConstraint("ck_projects_end_date", PlausibleChecks.Date("end_date"));
            t.HasCheckConstraint("ck_projects_decision_date", PlausibleChecks.Date("decision_date"));
            // EXTRACT rather than make_date(call_year - 1, 1, 1), which fails (not refuses) for a year 0.
            t.HasCheckConstraint("ck_projects_start_after_call", "EXTRACT(YEAR FROM start_date) >= call_year - 1");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Reference).HasMaxLength(40);
        builder.Property(p => p.Action).AsText(20);
        builder.Property(p => p.Sector).AsText(10);
        builder.Property(p => p.Status).AsText(20);
        builder.Property(p => p.GrantEur).HasPrecision(14, 2);
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.HasIndex(p => p.CoordinatorId);
        builder.HasIndex(p => new { p.CallYear, p.Action });
        builder.HasOne(p => p.Coordinator).WithMany().HasForeignKey(p => p.CoordinatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Accreditation).WithMany().HasForeignKey(p => p.AccreditationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Partners).WithOne().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Topics).WithOne().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.AwardedMobilities).WithOne().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureAudit();
    }
}

internal sealed class ProjectPartnerConfiguration : IEntityTypeConfiguration<ProjectPartner>
{
    public void Configure(EntityTypeBuilder<ProjectPartner> builder)
    {
        builder.ToTable("project_partners");
        builder.HasKey(p => new { p.ProjectId, p.OrganisationId });
        builder.HasIndex(p => p.OrganisationId);
        builder.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProjectTopicConfiguration : IEntityTypeConfiguration<ProjectTopic>
{
    public void Configure(EntityTypeBuilder<ProjectTopic> builder)
    {
        builder.ToTable("project_topics");
        builder.HasKey(t => new { t.ProjectId, t.TopicCode });
        builder.Property(t => t.TopicCode).HasMaxLength(40);
        builder.HasOne<Topic>().WithMany().HasForeignKey(t => t.TopicCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AwardedMobilityConfiguration : IEntityTypeConfiguration<AwardedMobility>
{
    public void Configure(EntityTypeBuilder<AwardedMobility> builder)
    {
        // Zero removes the line, so a stored number is at least 1.
        builder.ToTable("awarded_mobilities", t => t.HasCheckConstraint("ck_awarded_mobilities_participants", PlausibleChecks.Between("participants", 1, Plausible.MaxAwarded)));
        builder.HasKey(a => new { a.ProjectId, a.ActivityTypeCode });
        builder.Property(a => a.ActivityTypeCode).HasMaxLength(20);
        builder.HasOne<ActivityType>().WithMany().HasForeignKey(a => a.ActivityTypeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

using Erasmus.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> builder)
    {
        builder.ToTable("counties");
        builder.HasKey(c => c.Number);
        builder.Property(c => c.Number).HasMaxLength(2);
        builder.Property(c => c.Name).HasMaxLength(100);
        // The naming convention would write part_of2020county_number; the name analysts know stays.
        builder.Property(c => c.PartOf2020CountyNumber).HasMaxLength(2).HasColumnName("part_of_2020_county_number");
        builder.HasOne<County>().WithMany().HasForeignKey(c => c.PartOf2020CountyNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> builder)
    {
        builder.ToTable("countries");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(2);
        builder.Property(c => c.NameNb).HasMaxLength(100);
        builder.Property(c => c.NameEn).HasMaxLength(100);
    }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.ToTable("topics");
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(40);
        builder.Property(t => t.NameNb).HasMaxLength(150);
        builder.Property(t => t.NameEn).HasMaxLength(150);
    }
}

internal sealed class ActivityTypeConfiguration : IEntityTypeConfiguration<ActivityType>
{
    public void Configure(EntityTypeBuilder<ActivityType> builder)
    {
        builder.ToTable("activity_types");
        builder.HasKey(a => a.Code);
        builder.Property(a => a.Code).HasMaxLength(20);
        builder.Property(a => a.NameNb).HasMaxLength(150);
        builder.Property(a => a.NameEn).HasMaxLength(150);
        builder.Property(a => a.ParticipantGroup).HasMaxLength(20);
        builder.Property(a => a.Sectors);
        builder.Ignore(a => a.IsGroupActivity);
        builder.HasMany(a => a.DurationRules).WithOne().HasForeignKey(r => r.ActivityTypeCode).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.DurationRules).AutoInclude();
    }
}

internal sealed class ActivityTypeRuleConfiguration : IEntityTypeConfiguration<ActivityTypeRule>
{
    public void Configure(EntityTypeBuilder<ActivityTypeRule> builder)
    {
        builder.ToTable("activity_type_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ActivityTypeCode).HasMaxLength(20);
        builder.HasIndex(r => new { r.ActivityTypeCode, r.ValidFromCallYear }).IsUnique();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_activity_type_rules_days", "min_days >= 1 AND max_days >= min_days");
            t.HasCheckConstraint("ck_activity_type_rules_call_year", PlausibleChecks.Between("valid_from_call_year", Erasmus.Domain.Rules.Plausible.FirstCallYear, Erasmus.Domain.Rules.Plausible.LastCallYear));
        });
    }
}

internal sealed class PopulationFigureConfiguration : IEntityTypeConfiguration<Erasmus.Domain.Population.PopulationFigure>
{
    public void Configure(EntityTypeBuilder<Erasmus.Domain.Population.PopulationFigure> builder)
    {
        builder.ToTable("population_figures");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.CountyNumber).HasMaxLength(2);
        builder.Property(f => f.GroupCode).HasMaxLength(40);
        builder.HasOne<County>().WithMany().HasForeignKey(f => f.CountyNumber).OnDelete(DeleteBehavior.Restrict);
        // An institution's figures keep it from being deleted, as its projects do (the delete page lists them).
        builder.HasOne<Organisation>().WithMany().HasForeignKey(f => f.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        // One figure per county, institution (none for the county's own), year and group: NULLS NOT DISTINCT makes
        // two county rows of the same year and group collide as before. Named, as the default is past 63 characters.
        builder.HasIndex(f => new { f.CountyNumber, f.InstitutionId, f.Year, f.GroupCode }).IsUnique().AreNullsDistinct(false)
            .HasDatabaseName("ix_population_figures_county_institution_year_group");
        builder.HasIndex(f => f.InstitutionId);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_population_figures_year", PlausibleChecks.Between("year", Erasmus.Domain.Population.PopulationFigure.FirstYear, Erasmus.Domain.Population.PopulationFigure.LastYear));
            t.HasCheckConstraint("ck_population_figures_value", PlausibleChecks.Between("value", 0, Erasmus.Domain.Population.PopulationFigure.MaxValue));
            t.HasCheckConstraint("ck_population_figures_institution_group", InstitutionGroups());
        });
    }

    /// <summary>Only the higher-education groups have rows per institution (PopulationGroup.PerInstitution).</summary>
    private static string InstitutionGroups() =>
        "institution_id IS NULL OR group_code IN ("
        + string.Join(", ", Erasmus.Domain.Population.PopulationGroup.All.Where(g => g.PerInstitution).Select(g => $"'{g.Code}'")) + ")";
}

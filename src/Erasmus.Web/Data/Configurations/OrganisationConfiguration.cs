using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations", t => t.HasCheckConstraint("ck_organisations_first_participation_year",
            PlausibleChecks.Between("first_participation_year", Plausible.FirstParticipationYearFrom, Plausible.LastCallYear)));
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(300);
        builder.Property(o => o.Type).AsText();
        builder.Property(o => o.CountryCode).HasMaxLength(2);
        builder.Property(o => o.OrganisationNumber).HasMaxLength(9);
        builder.Property(o => o.Oid).HasMaxLength(9);
        builder.Property(o => o.CountyNumber).HasMaxLength(2);
        builder.Property(o => o.Municipality).HasMaxLength(100);
        builder.Ignore(o => o.IsNorwegian);
        builder.HasIndex(o => o.OrganisationNumber).IsUnique();
        builder.HasIndex(o => o.Oid).IsUnique();
        builder.HasIndex(o => o.CountyNumber);
        builder.HasIndex(o => o.Name);
        builder.HasOne<Country>().WithMany().HasForeignKey(o => o.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<County>().WithMany().HasForeignKey(o => o.CountyNumber).OnDelete(DeleteBehavior.Restrict);
        builder.ConfigureAudit();
    }
}

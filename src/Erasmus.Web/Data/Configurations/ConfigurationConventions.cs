using Erasmus.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

/// <summary>What every configuration repeats: audit columns, xmin concurrency and enums as text.</summary>
internal static class ConfigurationConventions
{
    public static void ConfigureAudit<T>(this EntityTypeBuilder<T> builder)
        where T : AuditableEntity
    {
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.Property(e => e.UpdatedBy).HasMaxLength(256);
        // xmin is PostgreSQL's row version: a concurrent save is detected without an extra column.
        builder.Property(e => e.Version).IsRowVersion().HasColumnName("xmin");
    }

    /// <summary>Enums are stored by name so analysts read 'KA121' and 'Realised', not numbers.</summary>
    public static PropertyBuilder<TEnum> AsText<TEnum>(this PropertyBuilder<TEnum> property, int maxLength = 40) =>
        property.HasConversion<string>().HasMaxLength(maxLength);
}

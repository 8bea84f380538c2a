using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class DataChangeConfiguration : IEntityTypeConfiguration<DataChange>
{
    public void Configure(EntityTypeBuilder<DataChange> builder)
    {
        builder.ToTable("data_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.TableName).HasMaxLength(63);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data;

/// <summary>A key–value fact about this database, such as when demo data was seeded into it.</summary>
public sealed class AppSetting(string key, string value)
{
    public const string DemoDataSeededAt = "demo_data_seeded_at";

    public string Key { get; private set; } = key;
    public string Value { get; set; } = value;
}

internal sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> builder)
    {
        builder.ToTable("app_settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(1000);
    }
}

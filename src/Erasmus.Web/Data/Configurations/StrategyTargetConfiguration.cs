using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class StrategyTargetConfiguration : IEntityTypeConfiguration<StrategyTarget>
{
    public void Configure(EntityTypeBuilder<StrategyTarget> builder)
    {
        builder.ToTable("strategy_targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Code).HasMaxLength(40);
        builder.Property(t => t.Area).AsText(20);
        builder.Property(t => t.Unit).AsText(20);
        builder.Property(t => t.TitleNb).HasMaxLength(300);
        builder.Property(t => t.TitleEn).HasMaxLength(300);
        builder.Property(t => t.MetricKind).HasMaxLength(60);
        builder.Property(t => t.MetricParameters).HasColumnType("jsonb");
        builder.Property(t => t.RuleDescription).HasMaxLength(1000);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.HasMany(t => t.Values).WithOne().HasForeignKey(v => v.StrategyTargetId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Values).AutoInclude();
        builder.ConfigureAudit();
    }
}

internal sealed class TargetValueConfiguration : IEntityTypeConfiguration<TargetValue>
{
    public void Configure(EntityTypeBuilder<TargetValue> builder)
    {
        builder.ToTable("target_values", t =>
        {
            t.HasCheckConstraint("ck_target_values_value", $"value > 0 AND value <= {Plausible.MaxTargetValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            t.HasCheckConstraint("ck_target_values_effective_from", PlausibleChecks.Date("effective_from"));
        });
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Value).HasPrecision(12, 2);
        builder.Property(v => v.Note).HasMaxLength(500);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.HasIndex(v => new { v.StrategyTargetId, v.EffectiveFrom }).IsUnique();
    }
}

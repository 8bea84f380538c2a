using Erasmus.Web.Features.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erasmus.Web.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("import_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Kind).AsText(20);
        builder.Property(b => b.Status).AsText(20);
        builder.Property(b => b.FileName).HasMaxLength(260);
        builder.Property(b => b.UserName).HasMaxLength(256);
        builder.Property(b => b.CountyNumber).HasMaxLength(2);
        builder.Property(b => b.Message).HasMaxLength(2000);
        builder.Ignore(b => b.IsWorking);
        builder.HasIndex(b => new { b.UserName, b.CreatedAt });
    }
}

internal sealed class ImportMobilityRowConfiguration : IEntityTypeConfiguration<ImportMobilityRow>
{
    public void Configure(EntityTypeBuilder<ImportMobilityRow> builder)
    {
        builder.ToTable("import_mobility_rows");
        builder.HasKey(r => new { r.BatchId, r.RowNumber });
        builder.Property(r => r.Outcome).AsText(10);
        builder.Property(r => r.ProjectReference).HasMaxLength(40);
        builder.Property(r => r.MobilityId).HasMaxLength(40);
        builder.Property(r => r.ActivityTypeCode).HasMaxLength(20);
        builder.Property(r => r.ParticipantGroup).HasMaxLength(20);
        builder.Property(r => r.Direction).HasMaxLength(10);
        builder.Property(r => r.SendingCountryCode).HasMaxLength(2);
        builder.Property(r => r.ReceivingCountryCode).HasMaxLength(2);
        builder.Property(r => r.Status).HasMaxLength(10);
        builder.HasIndex(r => new { r.BatchId, r.Outcome, r.RowNumber });
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportProjectRowConfiguration : IEntityTypeConfiguration<ImportProjectRow>
{
    public void Configure(EntityTypeBuilder<ImportProjectRow> builder)
    {
        builder.ToTable("import_project_rows");
        builder.HasKey(r => new { r.BatchId, r.RowNumber });
        builder.Property(r => r.Outcome).AsText(10);
        builder.Property(r => r.Reference).HasMaxLength(40);
        builder.Property(r => r.Payload).HasColumnType("jsonb");
        builder.Property(r => r.Warnings).HasMaxLength(1000);
        builder.HasIndex(r => new { r.BatchId, r.Outcome, r.RowNumber });
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.ToTable("import_row_errors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ColumnName).HasMaxLength(200);
        builder.Property(e => e.Message).HasMaxLength(1000);
        builder.Property(e => e.Value).HasMaxLength(200);
        builder.HasIndex(e => new { e.BatchId, e.RowNumber });
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRecordRowConfiguration : IEntityTypeConfiguration<ImportRecordRow>
{
    public void Configure(EntityTypeBuilder<ImportRecordRow> builder)
    {
        builder.ToTable("import_record_rows");
        builder.HasKey(r => new { r.BatchId, r.RowNumber });
        builder.Property(r => r.Outcome).AsText(10);
        builder.Property(r => r.Key).HasMaxLength(300);
        builder.Property(r => r.Payload).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.BatchId, r.Outcome, r.RowNumber });
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

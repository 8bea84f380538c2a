using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Erasmus.Web.Tests.Data;

/// <summary>
/// Migrations are hand-written, so this proves they build exactly the schema the EF model describes:
/// one database made by the migrations (the fixture's), one by EnsureCreated from the model.
/// </summary>
public sealed class SchemaEqualityTests(DatabaseFixture migrated) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        var differences = await CompareWithModelAsync(options => options);

        Assert.True(differences.Count == 0, "Schema differs from the model:\n" + string.Join("\n", differences));
    }

    [Fact]
    public async Task Comparison_fails_when_a_property_is_added_to_the_model_without_a_migration()
    {
        var differences = await CompareWithModelAsync(options => options.ReplaceService<IModelCustomizer, ModelWithAnExtraProperty>());

        Assert.Contains(differences, d => d.Contains("organisations.extra_note", StringComparison.Ordinal) && d.StartsWith("only in model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_migration_is_applied_and_none_pending()
    {
        await using var db = migrated.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    private async Task<IReadOnlyList<string>> CompareWithModelAsync(
        Func<DbContextOptionsBuilder<ErasmusDbContext>, DbContextOptionsBuilder<ErasmusDbContext>> customise)
    {
        var fromModel = await TestDatabases.CreateEmptyAsync();
        try
        {
            var builder = new DbContextOptionsBuilder<ErasmusDbContext>();
            DatabaseSetup.Configure(builder, TestDatabases.ConnectionStringFor(fromModel), new DatabaseOptions());
            await using (var db = new ErasmusDbContext(customise(builder).Options))
            {
                await db.Database.EnsureCreatedAsync();
            }

            var migratedSchema = await SchemaSnapshot.ReadAsync(migrated.ConnectionString);
            var modelSchema = await SchemaSnapshot.ReadAsync(TestDatabases.ConnectionStringFor(fromModel));
            Assert.NotEmpty(migratedSchema);
            return SchemaSnapshot.Differences(migratedSchema, modelSchema);
        }
        finally
        {
            await TestDatabases.DropAsync(fromModel);
        }
    }

    /// <summary>The model as it would be if someone added a property and forgot the migration.</summary>
    private sealed class ModelWithAnExtraProperty(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<Organisation>().Property<string>("ExtraNote").HasColumnName("extra_note").HasMaxLength(50);
        }
    }
}

using Erasmus.Web.Data.Seed;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.Web.Tests.Data;

public sealed class ReferenceDataSeedingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Reference_data_matches_the_files()
    {
        await using var db = database.CreateDbContext();

        Assert.Equal(18, await db.Counties.CountAsync());
        Assert.Equal(10, await db.Counties.CountAsync(c => c.IsCountyAuthority && c.ValidTo != null || c.IsCountyAuthority && c.ValidFrom.Year == 2020));
        Assert.Equal(14, await db.Counties.CountAsync(c => c.IsCountyAuthority && c.ValidTo == null));
        Assert.Equal(19, await db.ActivityTypes.CountAsync());
        Assert.Equal(19, await db.StrategyTargets.CountAsync());
        Assert.All(await db.StrategyTargets.ToListAsync(), t => Assert.Single(t.Values));
        var vet = await db.ActivityTypes.SingleAsync(a => a.Code == "LM-SHORT-VET");
        Assert.Equal((10, 89), (vet.RuleFor(2021)!.MinDays, vet.RuleFor(2021)!.MaxDays));
        Assert.Equal("30", (await db.Counties.SingleAsync(c => c.Number == "32")).PartOf2020CountyNumber);
        Assert.True(await db.Countries.AnyAsync(c => c.Code == "NO" && c.IsProgrammeCountry));
        Assert.True(await db.Topics.AnyAsync(t => t.Code == "sustainability"));
    }

    [Fact]
    public async Task Seeding_reference_data_twice_changes_nothing()
    {
        var before = await FingerprintAsync();

        await using (var db = database.CreateDbContext())
        {
            await ReferenceDataSeeder.SeedAsync(db);
            Assert.False(db.ChangeTracker.HasChanges());
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Seeding_keeps_a_revised_target_value()
    {
        await using (var db = database.CreateDbContext())
        {
            var target = await db.StrategyTargets.SingleAsync(t => t.Code == "PART-COVE");
            target.SetValue(7, new DateOnly(2024, 7, 1), "Midtveisrevisjon");
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            await ReferenceDataSeeder.SeedAsync(db);
        }

        await using var check = database.CreateDbContext();
        var revised = await check.StrategyTargets.SingleAsync(t => t.Code == "PART-COVE");
        Assert.Equal(2, revised.Values.Count);
        Assert.Equal(7, revised.ValueOn(new DateOnly(2025, 1, 1))!.Value);
        Assert.Equal(5, revised.ValueOn(new DateOnly(2023, 1, 1))!.Value);
    }

    /// <summary>Every reference row with its system row version: any write changes it.</summary>
    private async Task<string> FingerprintAsync()
    {
        const string sql = """
            SELECT string_agg(t, '|' ORDER BY t) FROM (
              SELECT 'county:' || number || ':' || xmin::text AS t FROM counties
              UNION ALL SELECT 'country:' || code || ':' || xmin::text FROM countries
              UNION ALL SELECT 'topic:' || code || ':' || xmin::text FROM topics
              UNION ALL SELECT 'activity:' || code || ':' || xmin::text FROM activity_types
              UNION ALL SELECT 'rule:' || id || ':' || xmin::text FROM activity_type_rules
              UNION ALL SELECT 'target:' || code || ':' || xmin::text FROM strategy_targets
              UNION ALL SELECT 'value:' || id || ':' || xmin::text FROM target_values) rows
            """;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

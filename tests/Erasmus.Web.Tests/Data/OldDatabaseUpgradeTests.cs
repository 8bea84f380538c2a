using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Erasmus.Web.Tests.Data;

/// <summary>
/// A database made by the hand-written migrations the baseline replaced (every installation before
/// 2026-12) is recognised when the new version starts on it: its history moves to the baseline, the
/// migrations after the baseline apply, and no data is lost. And a fresh database migrates without an
/// error in the log.
/// </summary>
public sealed class OldDatabaseUpgradeTests
{
    private const string Data = """
        INSERT INTO countries (code, name_nb, name_en, is_programme_country) VALUES ('NO', 'Norge', 'Norway', true);
        INSERT INTO counties (number, name, valid_from, valid_to, is_county_authority, part_of_2020_county_number)
            VALUES ('46', 'Vestland', '2020-01-01', NULL, true, '46');
        INSERT INTO organisations (name, type, country_code, organisation_number, county_number, created_at, created_by, updated_at, updated_by)
            VALUES ('Gamle skole', 'UpperSecondarySchool', 'NO', '974760673', '46', now(), 'test', now(), 'test');
        INSERT INTO users (id, display_name, county_number, is_deactivated, user_name, normalized_user_name, email, normalized_email,
                email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ('u1', 'Gammel bruker', '46', false, 'gammel@demo.no', 'GAMMEL@DEMO.NO', 'gammel@demo.no', 'GAMMEL@DEMO.NO', true, false, false, true, 0);
        INSERT INTO audit_entries (occurred_at, user_name, action, entity_type, entity_key, root_type, root_key, changes)
            VALUES (now(), 'test', 'Created', 'Organisation', '1', 'Organisation', '1', '{}');
        """;

    [Fact]
    public async Task The_new_version_started_on_a_database_of_the_old_migrations_moves_its_history_and_keeps_its_data()
    {
        var name = await OldMigrationChain.CreateDatabaseAsync();
        var connectionString = TestDatabases.ConnectionStringFor(name);
        try
        {
            await OldMigrationChain.ExecuteAsync(connectionString, Data);
            var changesBefore = await ScalarAsync(connectionString, "SELECT count(*) FROM data_changes WHERE table_name = 'organisations'");

            // The app as deployed with Database:MigrateOnStartup (the migrate verb runs the same MigrateAsync).
            await using var factory = new ErasmusAppFactory(connectionString);
            await using var app = factory.WithWebHostBuilder(b => b.UseSetting("Database:MigrateOnStartup", "true"));
            using var client = app.CreateClient();
            var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            await using var db = new ErasmusDbContext(TestDatabases.OptionsFor(connectionString));
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(db.Database.GetMigrations(), await OldMigrationChain.HistoryAsync(connectionString));
            Assert.Equal(ErasmusHistoryRepository.BaselineId, (await OldMigrationChain.HistoryAsync(connectionString))[0]);
            Assert.Equal("Gamle skole", await db.Organisations.Select(o => o.Name).SingleAsync());
            Assert.Equal("Gammel bruker", await db.Users.Select(u => u.DisplayName).SingleAsync());
            Assert.Equal(1, await db.AuditEntries.CountAsync());
            Assert.Equal(changesBefore, await ScalarAsync(connectionString, "SELECT count(*) FROM data_changes WHERE table_name = 'organisations'"));
            Assert.Contains(factory.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(ErasmusHistoryRepository.BaselineId, StringComparison.Ordinal));

            // The table of the migration after the baseline is there, and the triggers still count writes.
            Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'data_protection_keys'"));
            await OldMigrationChain.ExecuteAsync(connectionString, "UPDATE organisations SET name = 'Gamle skole AS'");
            Assert.Equal(changesBefore + 1, await ScalarAsync(connectionString, "SELECT count(*) FROM data_changes WHERE table_name = 'organisations'"));
        }
        finally
        {
            await TestDatabases.DropAsync(name);
        }
    }

    [Fact]
    public async Task Reading_the_history_of_an_old_database_outside_a_migration_answers_for_the_baseline_and_writes_nothing()
    {
        var name = await OldMigrationChain.CreateDatabaseAsync();
        var connectionString = TestDatabases.ConnectionStringFor(name);
        try
        {
            var before = await OldMigrationChain.HistoryAsync(connectionString);
            await using var db = new ErasmusDbContext(TestDatabases.OptionsFor(connectionString));

            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();

            Assert.Equal(new[] { ErasmusHistoryRepository.BaselineId }, applied);
            Assert.Equal(db.Database.GetMigrations().Skip(1), pending);
            Assert.Equal(ErasmusHistoryRepository.ReplacedMigrations.Order(StringComparer.Ordinal), before);
            Assert.Equal(before, await OldMigrationChain.HistoryAsync(connectionString));
        }
        finally
        {
            await TestDatabases.DropAsync(name);
        }
    }

    [Fact]
    public async Task A_database_the_old_migrations_left_half_way_is_refused_with_a_clear_message_and_left_as_it_was()
    {
        var name = await OldMigrationChain.CreateDatabaseAsync();
        var connectionString = TestDatabases.ConnectionStringFor(name);
        try
        {
            await OldMigrationChain.ExecuteAsync(connectionString, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261122060000_DataVersionsPerTable'""");
            var before = await OldMigrationChain.HistoryAsync(connectionString);
            await using var db = new ErasmusDbContext(TestDatabases.OptionsFor(connectionString));

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.MigrateAsync());

            Assert.Contains("20261122060000_DataVersionsPerTable", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await OldMigrationChain.HistoryAsync(connectionString));
        }
        finally
        {
            await TestDatabases.DropAsync(name);
        }
    }

    [Fact]
    public async Task A_fresh_database_is_migrated_at_start_up_without_an_error_in_the_log()
    {
        var name = await TestDatabases.CreateEmptyAsync();
        var connectionString = TestDatabases.ConnectionStringFor(name);
        try
        {
            await using var factory = new ErasmusAppFactory(connectionString);
            await using var app = factory.WithWebHostBuilder(b => b.UseSetting("Database:MigrateOnStartup", "true"));
            using var client = app.CreateClient();
            var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains(factory.Logs.Entries, e => e.Message.Contains("Database migrated", StringComparison.Ordinal));
            var errors = factory.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}").ToList();
            Assert.True(errors.Count == 0, "Errors logged on a fresh start:\n" + string.Join("\n", errors));
        }
        finally
        {
            await TestDatabases.DropAsync(name);
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

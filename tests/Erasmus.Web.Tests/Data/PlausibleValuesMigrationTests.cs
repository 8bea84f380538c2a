using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Data;

/// <summary>
/// Migration 20261207111326_PlausibleValues on a database that already holds rows breaking its new
/// constraints (issue #15): it must change none of them, report each with its key, add those constraints
/// NOT VALID (so new writes are checked at once), add the others validated, and let an operator fix the
/// rows and validate the constraint afterwards, as docs/reliability.md describes.
/// </summary>
public sealed class PlausibleValuesMigrationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Before = "20261207111136_ServerSideSessions";
    private const string Migration = "20261207111326_PlausibleValues";

    private string _database = "";

    private string ConnectionString => TestDatabases.ConnectionStringFor(_database);

    public async Task InitializeAsync() => _database = await TestDatabases.CreateEmptyAsync();

    public async Task DisposeAsync() => await TestDatabases.DropAsync(_database);

    [Fact]
    public async Task Rows_breaking_the_new_constraints_are_reported_and_kept_and_new_writes_are_refused()
    {
        await using (var db = new Erasmus.Web.Data.ErasmusDbContext(TestDatabases.OptionsFor(ConnectionString)))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        var (project, accreditation, holder) = await InsertOldRowsAsync();

        var warnings = new List<string>();
        await using (var db = new Erasmus.Web.Data.ErasmusDbContext(TestDatabases.OptionsFor(ConnectionString)))
        {
            // As the app's migrate command does: notices of the migration's connection are shown to whoever runs it.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            connection.Notice += (_, e) => warnings.Add($"{e.Notice.Severity}: {e.Notice.MessageText}");
            await db.Database.OpenConnectionAsync();
            await db.Database.MigrateAsync();
        }

        foreach (var warning in warnings)
        {
            output.WriteLine(warning);
        }

        Assert.Contains(warnings, w => w.StartsWith("WARNING", StringComparison.Ordinal) && w.Contains("ck_projects_start_date", StringComparison.Ordinal)
            && w.Contains($"keys: {project}", StringComparison.Ordinal) && w.Contains("VALIDATE CONSTRAINT ck_projects_start_date", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("ck_projects_grant", StringComparison.Ordinal) && w.Contains($"keys: {project}", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("ck_accreditations_decision_date", StringComparison.Ordinal) && w.Contains($"keys: {accreditation}", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains($"accreditation {accreditation}", StringComparison.Ordinal)
            && w.Contains($"foreign organisation {holder} (country SE) as holder", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("ck_projects_call_year", StringComparison.Ordinal));

        // Nothing was changed, and only the constraints the old rows break wait for validation.
        Assert.Equal("-infinity", await ScalarAsync<string>($"SELECT start_date::text FROM projects WHERE id = {project}"));
        Assert.Equal(
            ["ck_accreditations_decision_date", "ck_projects_grant", "ck_projects_start_after_call", "ck_projects_start_date"],
            await ListAsync("SELECT conname FROM pg_constraint WHERE contype = 'c' AND NOT convalidated ORDER BY conname"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname = 'ck_projects_call_year' AND convalidated"));

        // New and changed rows are checked at once.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"UPDATE projects SET decision_date = '0001-01-01' WHERE id = {project}"));
        Assert.Equal((PostgresErrorCodes.CheckViolation, "ck_projects_decision_date"), (refused.SqlState, refused.ConstraintName));
        var stillBad = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"UPDATE projects SET status = 'Completed' WHERE id = {project}"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, stillBad.SqlState);

        // The operator's procedure (docs/reliability.md): correct the rows, then validate.
        await ExecuteAsync($"""
            UPDATE projects SET start_date = '2021-09-01', grant_eur = 60000 WHERE id = {project};
            UPDATE accreditations SET decision_date = '2021-01-15' WHERE id = {accreditation};
            ALTER TABLE projects VALIDATE CONSTRAINT ck_projects_start_date;
            ALTER TABLE projects VALIDATE CONSTRAINT ck_projects_start_after_call;
            ALTER TABLE projects VALIDATE CONSTRAINT ck_projects_grant;
            ALTER TABLE accreditations VALIDATE CONSTRAINT ck_accreditations_decision_date;
            """);
        Assert.Empty(await ListAsync("SELECT conname FROM pg_constraint WHERE contype = 'c' AND NOT convalidated"));
        Assert.Contains(Migration, await ListAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\""));
    }

    /// <summary>What an attacker left before the fix: a project starting on 0001-01-01 (stored as -infinity) with a grant of a trillion, an accreditation decided then, held by a foreign organisation.</summary>
    private async Task<(int Project, int Accreditation, int Holder)> InsertOldRowsAsync()
    {
        await ExecuteAsync("""
            INSERT INTO countries (code, name_nb, name_en, is_programme_country) VALUES ('NO', 'Norge', 'Norway', true), ('SE', 'Sverige', 'Sweden', true);
            INSERT INTO counties (number, name, valid_from, valid_to, is_county_authority, part_of_2020_county_number)
                VALUES ('46', 'Vestland', '2020-01-01', NULL, true, '46');
            """);
        const string audit = "now(), 'test', now(), 'test'";
        var school = await ScalarAsync<int>($"""
            INSERT INTO organisations (name, type, country_code, organisation_number, county_number, created_at, created_by, updated_at, updated_by)
            VALUES ('Skolen', 'UpperSecondarySchool', 'NO', '974760673', '46', {audit}) RETURNING id
            """);
        var holder = await ScalarAsync<int>($"""
            INSERT INTO organisations (name, type, country_code, created_at, created_by, updated_at, updated_by)
            VALUES ('Skolan', 'UpperSecondarySchool', 'SE', {audit}) RETURNING id
            """);
        var project = await ScalarAsync<int>($"""
            INSERT INTO projects (reference, action, sector, call_year, round, coordinator_id, start_date, end_date, decision_date, status, grant_eur,
                                  green_travel_top_up, inclusion_support, blended_mobility, created_at, created_by, updated_at, updated_by)
            VALUES ('2022-1-NO01-KA122-VET-000099999', 'KA122', 'VET', 2022, 1, {school}, '-infinity', '2024-08-31', '2022-07-01', 'Granted', 999999999999,
                    false, false, false, {audit}) RETURNING id
            """);
        var accreditation = await ScalarAsync<int>($"""
            INSERT INTO accreditations (code, sector, holder_id, is_consortium, valid_from, valid_to, status, decision_date, created_at, created_by, updated_at, updated_by)
            VALUES ('2021-1-NO01-KA120-VET-000099999', 'VET', {holder}, false, '2021-02-01', '2027-12-31', 'Active', '0001-01-01', {audit}) RETURNING id
            """);
        return (project, accreditation, holder);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}

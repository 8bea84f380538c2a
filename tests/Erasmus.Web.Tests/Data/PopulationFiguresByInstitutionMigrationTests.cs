using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Erasmus.Web.Tests.Data;

/// <summary>
/// Migration PopulationFiguresByInstitution on a database that already holds county figures (#20): they are
/// kept as the counties' own (no institution), one county row per county, year and group is still all there
/// may be, and institution rows come with their constraints.
/// </summary>
public sealed class PopulationFiguresByInstitutionMigrationTests : IAsyncLifetime
{
    private const string Before = "20261207132000_PopulationFigures";
    private const string Migration = "20261207172157_PopulationFiguresByInstitution";

    private string _database = "";

    private string ConnectionString => TestDatabases.ConnectionStringFor(_database);

    public async Task InitializeAsync() => _database = await TestDatabases.CreateEmptyAsync();

    public async Task DisposeAsync() => await TestDatabases.DropAsync(_database);

    [Fact]
    public async Task An_existing_database_keeps_its_county_figures_and_gets_institution_rows_with_their_constraints()
    {
        await using (var db = new Erasmus.Web.Data.ErasmusDbContext(TestDatabases.OptionsFor(ConnectionString)))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        const string audit = "now(), 'test', now(), 'test'";
        await ExecuteAsync("""
            INSERT INTO countries (code, name_nb, name_en, is_programme_country) VALUES ('NO', 'Norge', 'Norway', true);
            INSERT INTO counties (number, name, valid_from, valid_to, is_county_authority, part_of_2020_county_number)
                VALUES ('46', 'Vestland', '2020-01-01', NULL, true, '46');
            INSERT INTO population_figures (county_number, year, group_code, value, is_demo)
                VALUES ('46', 2023, 'HED-STAFF', 9000, false), ('46', 2023, 'VET-LEARNERS', 14000, true);
            """);
        var institution = await ScalarAsync<int>($"""
            INSERT INTO organisations (name, type, country_code, organisation_number, county_number, created_at, created_by, updated_at, updated_by)
            VALUES ('Universitetet', 'HigherEducationInstitution', 'NO', '974760673', '46', {audit}) RETURNING id
            """);

        await using (var db = new Erasmus.Web.Data.ErasmusDbContext(TestDatabases.OptionsFor(ConnectionString)))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var kept = await db.PopulationFigures.OrderBy(f => f.GroupCode).ToListAsync();
            Assert.Equal([("HED-STAFF", 9_000, (int?)null, false), ("VET-LEARNERS", 14_000, null, true)], kept.Select(f => (f.GroupCode, f.Value, f.InstitutionId, f.IsDemo)));
        }

        // A second county row of the same year and group is refused as before; an institution row beside it is not.
        var twice = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "INSERT INTO population_figures (county_number, year, group_code, value, is_demo) VALUES ('46', 2023, 'HED-STAFF', 1, false)"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, twice.SqlState);
        await ExecuteAsync($"INSERT INTO population_figures (county_number, institution_id, year, group_code, value, is_demo) VALUES ('46', {institution}, 2023, 'HED-STAFF', 3000, false)");
        var group = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            $"INSERT INTO population_figures (county_number, institution_id, year, group_code, value, is_demo) VALUES ('46', {institution}, 2023, 'VET-LEARNERS', 1, false)"));
        Assert.Equal("ck_population_figures_institution_group", group.ConstraintName);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"DELETE FROM organisations WHERE id = {institution}"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, delete.SqlState);
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '{Migration}'"));
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
}

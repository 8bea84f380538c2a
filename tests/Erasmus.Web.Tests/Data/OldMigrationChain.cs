using Erasmus.Web.Tests.Infrastructure;
using Npgsql;

namespace Erasmus.Web.Tests.Data;

/// <summary>
/// A database as the hand-written migrations of 2026-11 left it (OldMigrationChain.sql: their SQL in
/// order, and their history rows), for the tests of the baseline that replaced them.
/// </summary>
public static class OldMigrationChain
{
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = await TestDatabases.CreateEmptyAsync();
        await using var stream = typeof(OldMigrationChain).Assembly.GetManifestResourceStream("OldMigrationChain.sql")
            ?? throw new InvalidOperationException("OldMigrationChain.sql is not embedded.");
        using var reader = new StreamReader(stream);
        await ExecuteAsync(TestDatabases.ConnectionStringFor(name), await reader.ReadToEndAsync());
        return name;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<string>> HistoryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """, connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

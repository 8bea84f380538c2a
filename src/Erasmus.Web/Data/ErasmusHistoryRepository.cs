using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
#pragma warning disable EF1001 // The provider's history repository is extended, not replaced: its locking and table creation stay.
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Erasmus.Web.Data;

/// <summary>
/// EF's migrations history (<c>__EFMigrationsHistory</c>, with EF's own column names) with two additions:
/// <list type="bullet">
/// <item>It does not read the history table before it exists. The provider's migrator reads it before
/// creating it and catches the error, but EF logs the failed command as an error on every fresh
/// database first.</item>
/// <item>It recognises a database made by the hand-written migrations that the generated baseline
/// replaced (all seven of them applied, decision 0001): its schema is the baseline's, so under
/// the migration lock its history rows are replaced by the baseline's, and later migrations apply on
/// top with the data untouched. Read outside a migration (the readiness check), such a history is
/// reported as the baseline without writing.</item>
/// </list>
/// </summary>
public sealed class ErasmusHistoryRepository(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    /// <summary>The generated baseline, equal to the schema the old chain built.</summary>
    public const string BaselineId = "20261206000000_Baseline";

    /// <summary>The hand-written migrations the baseline replaced, in the order they were applied.</summary>
    public static readonly IReadOnlyList<string> ReplacedMigrations =
    [
        "20261122000000_Identity", "20261122010000_DomainModel", "20261122020000_AuditTrail", "20261122030000_Snapshots",
        "20261122040000_ImportStaging", "20261122050000_PerformanceIndexes", "20261122060000_DataVersionsPerTable",
    ];

    /// <summary>
    /// EF's own names, which the snake_case convention would otherwise change: every database made so
    /// far has "MigrationId" and "ProductVersion", and tools expect them.
    /// </summary>
    protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
    {
        base.ConfigureTable(history);
        history.HasKey(h => h.MigrationId).HasName("PK___EFMigrationsHistory");
        history.Property(h => h.MigrationId).HasColumnName("MigrationId");
        history.Property(h => h.ProductVersion).HasColumnName("ProductVersion");
    }

    public override IReadOnlyList<HistoryRow> GetAppliedMigrations()
    {
        if (Dependencies.RawSqlCommandBuilder.Build(TableExistsSql()).ExecuteScalar(Parameters()) is not true)
        {
            return [];
        }

        var rows = base.GetAppliedMigrations();
        if (!IsReplacedChain(rows))
        {
            return rows;
        }

        if (Dependencies.Connection.CurrentTransaction is null)
        {
            return AsBaseline(rows);
        }

        Dependencies.RawSqlCommandBuilder.Build(AdoptionSql()).ExecuteNonQuery(Parameters());
        LogAdoption();
        return base.GetAppliedMigrations();
    }

    public override async Task<IReadOnlyList<HistoryRow>> GetAppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        if (await Dependencies.RawSqlCommandBuilder.Build(TableExistsSql()).ExecuteScalarAsync(Parameters(), cancellationToken) is not true)
        {
            return [];
        }

        var rows = await base.GetAppliedMigrationsAsync(cancellationToken);
        if (!IsReplacedChain(rows))
        {
            return rows;
        }

        // The migrator reads the history inside its transaction, after LOCK TABLE on the history:
        // only then is it safe (and lasting) to rewrite it. Everyone else just gets the answer.
        if (Dependencies.Connection.CurrentTransaction is null)
        {
            return AsBaseline(rows);
        }

        await Dependencies.RawSqlCommandBuilder.Build(AdoptionSql()).ExecuteNonQueryAsync(Parameters(), cancellationToken);
        LogAdoption();
        return await base.GetAppliedMigrationsAsync(cancellationToken);
    }

    private static bool IsReplacedChain(IReadOnlyList<HistoryRow> rows)
    {
        var ids = rows.Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        if (ids.Contains(BaselineId) || !ids.Overlaps(ReplacedMigrations))
        {
            return false;
        }

        var missing = ReplacedMigrations.Where(id => !ids.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"This database was migrated by an older version of the application, but not to its last migration ({string.Join(", ", missing)} missing). "
                + "Run that version's 'migrate' first, then this one.");
        }

        return true;
    }

    private static List<HistoryRow> AsBaseline(IReadOnlyList<HistoryRow> rows) =>
    [
        new HistoryRow(BaselineId, ProductVersion),
        .. rows.Where(r => !ReplacedMigrations.Contains(r.MigrationId)),
    ];

    /// <summary>A catalog query, which cannot fail on a fresh database (the provider's own check is disabled).</summary>
    private string TableExistsSql()
    {
        var schema = TableSchema is null ? "current_schema()" : $"'{TableSchema}'";
        return $"""
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = {schema} AND c.relname = '{TableName}')
            """;
    }

    private string AdoptionSql()
    {
        var table = SqlGenerationHelper.DelimitIdentifier(TableName, TableSchema);
        var column = SqlGenerationHelper.DelimitIdentifier(MigrationIdColumnName);
        var ids = string.Join(", ", ReplacedMigrations.Select(id => $"'{id}'"));
        return $"""
            DELETE FROM {table} WHERE {column} IN ({ids});
            {GetInsertScript(new HistoryRow(BaselineId, ProductVersion))}
            """;
    }

    // Under the app's own category: EF's are filtered to warnings, and this happens once per installation.
    private void LogAdoption() => Dependencies.CurrentContext.Context.GetService<ILoggerFactory>().CreateLogger<ErasmusHistoryRepository>().LogInformation(
        "Database made by the hand-written migrations {First} to {Last}: its history now records {Baseline} instead (same schema, data untouched)",
        ReplacedMigrations[0], ReplacedMigrations[^1], BaselineId);

    private RelationalCommandParameterObject Parameters() =>
        new(Dependencies.Connection, null, null, Dependencies.CurrentContext.Context, Dependencies.CommandLogger, CommandSource.Migrations);

    /// <summary>EF's own version as it writes it into the history ("10.0.15").</summary>
    private static string ProductVersion =>
        typeof(DbContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "10.0";
}

using System.Data.Common;
using System.Globalization;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Audit;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// A save with the audit trail is two statements in one transaction (the rows, then their audit
/// entries, which need the rows' generated keys). A transient failure in either must retry the whole
/// unit: one row and one audit entry in the end, never a row without its entry or twice over.
/// </summary>
public sealed class SaveRetryTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("INSERT INTO organisations")]
    [InlineData("INSERT INTO audit_entries")]
    public async Task A_transient_failure_during_a_save_retries_the_rows_and_their_audit_entries_together(string failingStatement)
    {
        var failure = new FailOnce(failingStatement);
        var builder = new DbContextOptionsBuilder<ErasmusDbContext>();
        DatabaseSetup.Configure(builder, database.ConnectionString, new DatabaseOptions(), new AuditStampInterceptor(TimeProvider.System, new SystemUser()), failure);
        var name = $"Gjenforsøkt skole {TestData.NextSerial()}";

        int id;
        await using (var db = new ErasmusDbContext(builder.Options))
        {
            id = (await new TestData(db).OrganisationAsync(name: name)).Id;
        }

        await using var check = database.CreateDbContext();
        var rows = await check.Organisations.Where(o => o.Name == name).Select(o => o.Id).ToListAsync();
        var key = id.ToString(CultureInfo.InvariantCulture);
        var entries = await check.AuditEntries.Where(e => e.EntityType == "Organisation" && e.EntityKey == key).ToListAsync();
        output.WriteLine($"{failingStatement} failed once with a transient error: {failure.Failures} failure, {rows.Count} row, {entries.Count} audit entry");

        Assert.Equal(1, failure.Failures);
        Assert.Equal([id], rows);
        Assert.Equal(AuditAction.Created, Assert.Single(entries).Action);
    }

    /// <summary>Fails the first command that starts with the statement, as a dropped connection would.</summary>
    private sealed class FailOnce(string statement) : DbCommandInterceptor
    {
        public int Failures { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Check(DbCommand command)
        {
            if (Failures == 0 && command.CommandText.TrimStart().StartsWith(statement, StringComparison.Ordinal))
            {
                Failures++;
                throw new NpgsqlException("Simulated dropped connection", new IOException("connection reset"));
            }
        }
    }
}

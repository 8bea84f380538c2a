using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Confirm writes everything or nothing: a database error injected during the confirmation (a trigger
/// that fails the batch's audit entry, written last; a constraint that fails an insert after the
/// updates ran) leaves every mobility as it was, writes no audit entry, and lets the user try again.
/// </summary>
public sealed class ImportRollbackTests(ImportRollbackTests.Records records) : IClassFixture<ImportRollbackTests.Records>
{
    [Fact]
    public async Task A_failure_at_the_audit_entry_rolls_back_every_merged_row()
    {
        var (client, id, before) = await PrepareAsync();
        await ExecuteAsync("""
            CREATE FUNCTION test_fail_import_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.entity_type = 'ImportBatch' THEN RAISE EXCEPTION 'injected failure'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_fail_import_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_fail_import_audit();
            """);
        try
        {
            await ConfirmAsync(client, id);
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER test_fail_import_audit ON audit_entries; DROP FUNCTION test_fail_import_audit();");
        }

        await AssertNothingWrittenAsync(client, id, before);
        await ConfirmAsync(client, id);
        Assert.Equal((ImportStatus.Confirmed, 1, 1), Counts(await BatchAsync(records, id)));
    }

    [Fact]
    public async Task A_constraint_violation_on_an_insert_after_the_updates_rolls_the_updates_back()
    {
        var (client, id, before) = await PrepareAsync();
        var newId = await NewRowIdAsync(id);
        await ExecuteAsync($"ALTER TABLE mobilities ADD CONSTRAINT test_refuse_row CHECK (mobility_id <> '{newId}') NOT VALID");
        try
        {
            await ConfirmAsync(client, id);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE mobilities DROP CONSTRAINT test_refuse_row");
        }

        await AssertNothingWrittenAsync(client, id, before);
    }

    private static (ImportStatus, int, int) Counts(ImportBatch batch) => (batch.Status, batch.NewCount, batch.ChangedCount);

    /// <summary>A saved mobility, and a previewed file that changes it and adds one more.</summary>
    private async Task<(HttpClient Client, Guid Batch, List<Snapshot> Before)> PrepareAsync()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var existing = await SavedMobilityAsync(records, records.Project.Id);
        var file = Csv(MobilityHeader,
        [
            Row(records.Project.Reference, existing.MobilityId, records.School.Oid, null, ("Number of Participants", "7"), ("Green Travel", "No")),
            Row(records.Project.Reference, NewMobilityId(), records.School.Oid),
        ]);
        var id = await UploadAndReadAsync(client, "feil.csv", file);
        Assert.Equal("1 nye, 1 endret, 0 uendret, 0 avvist", Summary(await PreviewAsync(client, id)));
        return (client, id, await SnapshotAsync());
    }

    private async Task AssertNothingWrittenAsync(HttpClient client, Guid id, List<Snapshot> before)
    {
        Assert.Equal(before, await SnapshotAsync());
        var batch = await BatchAsync(records, id);
        Assert.Equal(ImportStatus.Ready, batch.Status);
        await using var db = records.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ImportBatch) && a.EntityKey == id.ToString()));
        Assert.Equal(2, await db.Set<ImportMobilityRow>().CountAsync(r => r.BatchId == id));
        var problem = (await PreviewAsync(client, id)).QuerySelector("#import-problem")!.TextContent;
        Assert.Contains("Lagringen ble avbrutt av en feil i databasen. Ingenting fra denne filen er lagret. Du kan prøve å bekrefte igjen.", problem, StringComparison.Ordinal);
    }

    private async Task<string> NewRowIdAsync(Guid id)
    {
        await using var db = records.CreateDbContext();
        return await db.Set<ImportMobilityRow>().Where(r => r.BatchId == id && r.Outcome == RowOutcome.New).Select(r => r.MobilityId).SingleAsync();
    }

    private async Task<List<Snapshot>> SnapshotAsync()
    {
        await using var db = records.CreateDbContext();
        return await db.Mobilities.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new Snapshot(m.Id, m.MobilityId, m.ParticipantCount, m.GreenTravel, m.Version, m.UpdatedAt)).ToListAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(records.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Snapshot(int Id, string MobilityId, int ParticipantCount, bool GreenTravel, uint Version, DateTimeOffset UpdatedAt);

    public sealed class Records : AppFixture
    {
        public Organisation School { get; private set; } = null!;
        public Project Project { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            School = await data.OrganisationAsync("46");
            Project = await data.ProjectAsync(School, ProjectAction.KA122, Sector.VET);
        }
    }
}

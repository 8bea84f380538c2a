using System.Globalization;
using System.Text.Json;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Audit;
using Erasmus.Web.Features.Import.Reading;
using Erasmus.Web.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Erasmus.Web.Features.Import;

/// <summary>Confirming found the database moved on since the preview (a project was edited meanwhile).</summary>
public sealed class ImportConflictException : Exception
{
    public ImportConflictException()
        : base("Dataene er endret siden forhåndsvisningen.")
    {
    }

    public ImportConflictException(string message)
        : base(message)
    {
    }

    public ImportConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The two steps of an import, run in the background: <see cref="ReadAsync"/> reads the file, checks each
/// row by the domain's rules and stages the valid rows (nothing in the domain tables changes);
/// <see cref="ConfirmAsync"/> merges the staged rows into the domain tables in one transaction, with one
/// audit entry for the batch, or changes nothing at all.
/// </summary>
public sealed class ImportProcessor(ErasmusDbContext db, IOptions<ImportOptions> options, IOptions<DatabaseOptions> databaseOptions, ImportProgress progress,
    TimeProvider time, ILogger<ImportProcessor> logger, NpgsqlDataSource dataSource, ErasmusMetrics metrics)
{
    private const string ErrorCopyCommand = "COPY import_row_errors (batch_id, row_number, column_name, message, value) FROM STDIN (FORMAT BINARY)";
    private const int ProgressEvery = 1000;

    private ImportOptions Options => options.Value;

    public async Task ReadAsync(Guid batchId, CancellationToken cancellationToken)
    {
        // Claimed in one statement, so a batch queued twice (after a restart) is read once.
        var claimed = await db.Set<ImportBatch>().Where(b => b.Id == batchId && b.Status == ImportStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Reading).SetProperty(b => b.StartedAt, time.GetUtcNow()), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        progress.Report(batchId, "Leser filen", 0, 0);
        var path = Options.PathOf(batchId);
        try
        {
            // The retrying execution strategy runs the whole read again after a transient failure: the
            // transaction was rolled back, so it starts over from the file with a clean change tracker.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(token => StageAsync(batchId, path, token), cancellationToken);
        }
        catch (ImportFileException ex)
        {
            await FailAsync(batchId, ex.Message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import {BatchId} could not be read", batchId);
            await FailAsync(batchId, "Noe uventet gikk galt da filen ble lest. Ingenting er lagret. Prøv igjen, eller kontakt en administrator hvis det gjentar seg.", CancellationToken.None);
        }
        finally
        {
            progress.Remove(batchId);
            TryDelete(path);
        }
    }

    private async Task StageAsync(Guid batchId, string path, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var batch = await db.Set<ImportBatch>().SingleAsync(b => b.Id == batchId, cancellationToken);
        using var source = Open(path, batch.FileName, Options);
        progress.Report(batchId, "Henter prosjekter, organisasjoner og aktivitetstyper", 0, 0);
        var data = await ImportReferenceData.LoadAsync(db, withProjects: true, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // One row's errors at a time in the list; the spool keeps them all on disk (see RowErrorSpool).
        var errors = new List<RowError>();
        using var spool = new RowErrorSpool(path + ".errors");
        var actor = ImportActor.Of(batch);
        var (total, header) = batch.Kind switch
        {
            ImportKind.Mobilities => await StageMobilitiesAsync(connection, batch, source, data, actor, errors, spool, cancellationToken),
            ImportKind.Projects => await ProjectImport.StageAsync(db, batch, DataRows(source, ProjectColumns.All, batchId, errors, spool, cancellationToken), data, actor,
                Options.MaxCellChars, errors, cancellationToken),
            ImportKind.Organisations => await OrganisationImport.StageAsync(db, batch, DataRows(source, OrganisationColumns.All, batchId, errors, spool, cancellationToken),
                data, actor, Options.MaxCellChars, errors, cancellationToken),
            _ => await AccreditationImport.StageAsync(db, batch, DataRows(source, AccreditationColumns.All, batchId, errors, spool, cancellationToken),
                data, actor, Options.MaxCellChars, errors, cancellationToken),
        };

        spool.Take(errors);
        progress.Report(batchId, "Sammenligner med det som er lagret", total, 1);
        await WriteErrorsAsync(connection, batchId, spool, cancellationToken);
        if (batch.Kind == ImportKind.Mobilities)
        {
            await MobilityStaging.ClassifyAsync(connection, batchId, [.. header.PresentKeys], cancellationToken);
        }

        var outcomes = await CountOutcomesAsync(batch, cancellationToken);
        batch.TotalRows = total;
        batch.RejectedCount = spool.RejectedRows;
        batch.NewCount = outcomes.GetValueOrDefault(RowOutcome.New);
        batch.ChangedCount = outcomes.GetValueOrDefault(RowOutcome.Changed);
        batch.UnchangedCount = outcomes.GetValueOrDefault(RowOutcome.Unchanged);
        batch.IgnoredColumns = [.. header.Ignored];
        batch.PresentColumns = [.. header.PresentKeys];
        batch.ReadAt = time.GetUtcNow();
        batch.Status = ImportStatus.Ready;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Import {BatchId} read: {Rows} rows, {New} new, {Changed} changed, {Unchanged} unchanged, {Rejected} rejected",
            batchId, total, batch.NewCount, batch.ChangedCount, batch.UnchangedCount, batch.RejectedCount);
        metrics.ImportRead();
    }

    public async Task ConfirmAsync(Guid batchId, CancellationToken cancellationToken)
    {
        if (!await db.Set<ImportBatch>().AnyAsync(b => b.Id == batchId && b.Status == ImportStatus.Confirming, cancellationToken))
        {
            return;
        }

        progress.Report(batchId, "Lagrer", 0, null);
        try
        {
            // The uploader, not "system", is who created and changed the records, also in the rows' own audit entries.
            var batchUser = await db.Set<ImportBatch>().Where(b => b.Id == batchId).Select(b => b.UserName).SingleAsync(cancellationToken);
            await using var acting = ActingAs(batchUser);
            await acting.Database.CreateExecutionStrategy().ExecuteAsync(token => MergeAsync(acting, batchId, token), cancellationToken);
        }
        catch (ImportConflictException ex)
        {
            await BackToReadyAsync(batchId, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever failed, the transaction was rolled back: nothing of the batch is saved, and it can be confirmed again.
            logger.LogError(ex, "Import {BatchId} could not be confirmed; the transaction was rolled back", batchId);
            var message = ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                ? "Noen andre lagret noen av de samme radene samtidig. Ingenting fra denne filen er lagret. Last opp filen på nytt for en ny forhåndsvisning."
                : "Lagringen ble avbrutt av en feil i databasen. Ingenting fra denne filen er lagret. Du kan prøve å bekrefte igjen.";
            await BackToReadyAsync(batchId, message);
        }
        finally
        {
            progress.Remove(batchId);
        }
    }

    /// <summary>The confirmation's one transaction; run again from the start by the execution strategy after a transient failure.</summary>
    private async Task MergeAsync(ErasmusDbContext acting, Guid batchId, CancellationToken cancellationToken)
    {
        acting.ChangeTracker.Clear();
        var batch = await acting.Set<ImportBatch>().SingleAsync(b => b.Id == batchId, cancellationToken);
        await using var transaction = await acting.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        // The rights of the uploader as they are now: a role, county, lock or deactivation since the preview counts.
        await ImportRights.CheckAsync(acting, batch, now, cancellationToken);
        var staged = batch.NewCount + batch.ChangedCount + batch.UnchangedCount;
        int inserted, updated;
        string[] projects;
        if (batch.Kind == ImportKind.Mobilities)
        {
            var connection = (NpgsqlConnection)acting.Database.GetDbConnection();
            await CheckProjectsUnchangedAsync(acting, batch, cancellationToken);
            (inserted, updated) = await MobilityStaging.MergeAsync(connection, batchId, batch.PresentColumns, now, batch.UserName, cancellationToken);
            projects = await acting.Set<ImportMobilityRow>().Where(r => r.BatchId == batchId).Select(r => r.ProjectReference).Distinct().OrderBy(r => r).ToArrayAsync(cancellationToken);
            await acting.Set<ImportMobilityRow>().Where(r => r.BatchId == batchId).ExecuteDeleteAsync(cancellationToken);
        }
        else if (batch.Kind == ImportKind.Projects)
        {
            (inserted, updated, projects) = await ProjectImport.MergeAsync(acting, batch, cancellationToken);
            await acting.Set<ImportProjectRow>().Where(r => r.BatchId == batchId).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            (inserted, updated, projects) = batch.Kind == ImportKind.Organisations
                ? await OrganisationImport.MergeAsync(acting, batch, cancellationToken)
                : await AccreditationImport.MergeAsync(acting, batch, cancellationToken);
            await acting.Set<ImportRecordRow>().Where(r => r.BatchId == batchId).ExecuteDeleteAsync(cancellationToken);
        }

        // A set-wise merge never passes the DbContext's audit trail: one entry for the whole batch, in the same transaction.
        acting.AuditEntries.Add(AuditEntryFor(batch, now, inserted, updated, staged - inserted - updated, projects));
        batch.Status = ImportStatus.Confirmed;
        batch.ConfirmedAt = now;
        batch.NewCount = inserted;
        batch.ChangedCount = updated;
        batch.UnchangedCount = staged - inserted - updated;
        batch.Message = null;
        await acting.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Import {BatchId} confirmed: {Inserted} inserted, {Updated} updated", batchId, inserted, updated);
        metrics.ImportConfirmed(batch.Kind, inserted, updated);
    }

    /// <summary>Opens the upload by its extension; the readers refuse content that is not what the name claims.</summary>
    public static ISheetSource Open(string path, string fileName, ImportOptions limits) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".xlsx" => XlsxSheet.Open(path, limits),
            ".csv" or ".txt" => CsvSheet.Open(path, limits),
            _ => throw new ImportFileException("Bare .xlsx- og .csv-filer kan importeres."),
        };

    /// <summary>
    /// Yields the data rows under the header; the header is matched and checked (merged cells) first, and the row limit enforced.
    /// The previous row is checked when the next is asked for, so its errors move to the spool then.
    /// </summary>
    internal IEnumerable<(SheetRow Row, HeaderMap Header)> DataRows(ISheetSource source, IReadOnlyList<ImportColumn> columns, Guid batchId,
        List<RowError> errors, RowErrorSpool spool, CancellationToken cancellationToken)
    {
        HeaderMap? header = null;
        var count = 0;
        foreach (var row in source.ReadRows(cancellationToken))
        {
            spool.Take(errors);
            if (header is null)
            {
                header = HeaderMap.Match(row, columns);
                var merged = source.MergedOn(row.Number);
                if (merged is not null)
                {
                    throw new ImportFileException($"Overskriftsraden har sammenslåtte celler ({merged.Reference}). Opphev sammenslåingen slik at hver kolonne har sin egen overskrift i én celle.");
                }

                continue;
            }

            if (++count > Options.MaxRows)
            {
                throw new ImportFileException($"Filen har flere enn {Options.MaxRowsText} rader med data. Del den opp i flere filer.");
            }

            if (count % ProgressEvery == 0)
            {
                progress.Report(batchId, "Kontrollerer radene", count, source.Fraction);
            }

            yield return (row, header);
        }

        spool.Take(errors);
        if (header is null)
        {
            throw new ImportFileException("Arket er tomt: det har verken overskrifter eller rader.");
        }

        if (count == 0)
        {
            throw new ImportFileException("Filen har overskrifter, men ingen rader med data under dem.");
        }
    }

    private async Task<(int Total, HeaderMap Header)> StageMobilitiesAsync(NpgsqlConnection connection, ImportBatch batch, ISheetSource source,
        ImportReferenceData data, ImportActor actor, List<RowError> errors, RowErrorSpool spool, CancellationToken cancellationToken)
    {
        HeaderMap? header = null;
        MobilityRowChecker? checker = null;
        var total = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(MobilityStaging.CopyCommand, cancellationToken))
        {
            foreach (var (row, map) in DataRows(source, MobilityColumns.All, batch.Id, errors, spool, cancellationToken))
            {
                if (checker is null)
                {
                    header = map;
                    checker = new MobilityRowChecker(data, actor, map, TodayIn(), Options.MaxCellChars);
                }

                total++;
                if (checker.Check(row, errors) is { } staged)
                {
                    await MobilityStaging.WriteAsync(writer, batch.Id, staged, cancellationToken);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return (total, header!);
    }

    private static async Task WriteErrorsAsync(NpgsqlConnection connection, Guid batchId, RowErrorSpool errors, CancellationToken cancellationToken)
    {
        if (errors.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync(ErrorCopyCommand, cancellationToken);
        foreach (var error in errors.ReadAll())
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(batchId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(error.Row, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(Cut(error.Column, 200), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(Cut(error.Message, 1000), NpgsqlDbType.Varchar, cancellationToken);
            if (error.Value is { } value)
            {
                await writer.WriteAsync(Cut(value, 200), NpgsqlDbType.Varchar, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private async Task<Dictionary<RowOutcome, int>> CountOutcomesAsync(ImportBatch batch, CancellationToken cancellationToken) => batch.Kind switch
    {
        ImportKind.Mobilities => await db.Set<ImportMobilityRow>().Where(r => r.BatchId == batch.Id).GroupBy(r => r.Outcome)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken),
        ImportKind.Projects => await db.Set<ImportProjectRow>().Where(r => r.BatchId == batch.Id).GroupBy(r => r.Outcome)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken),
        _ => await db.Set<ImportRecordRow>().Where(r => r.BatchId == batch.Id).GroupBy(r => r.Outcome)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken),
    };

    /// <summary>The rows were checked against the projects as they were when the file was read; a project edited since makes the check stale.</summary>
    private static async Task CheckProjectsUnchangedAsync(ErasmusDbContext db, ImportBatch batch, CancellationToken cancellationToken)
    {
        var readAt = batch.ReadAt ?? batch.CreatedAt;
        var changed = await db.Projects
            .Where(p => db.Set<ImportMobilityRow>().Any(r => r.BatchId == batch.Id && r.ProjectId == p.Id) && p.UpdatedAt > readAt)
            .Select(p => p.Reference).OrderBy(r => r).Take(5).ToListAsync(cancellationToken);
        if (changed.Count > 0)
        {
            throw new ImportConflictException($"Prosjektet {string.Join(", ", changed)} er endret etter at filen ble lest, så kontrollen av radene kan være utdatert. Ingenting er lagret. Last opp filen på nytt for en ny forhåndsvisning.");
        }
    }

    private static AuditEntry AuditEntryFor(ImportBatch batch, DateTimeOffset now, int inserted, int updated, int unchanged, string[] projects)
    {
        var key = batch.Id.ToString();
        string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
        var changes = new List<AuditChange>
        {
            new("Kind", null, batch.Kind.ToString()),
            new("FileName", null, batch.FileName),
            new("Rows", null, Number(batch.TotalRows)),
            new("Inserted", null, Number(inserted)),
            new("Updated", null, Number(updated)),
            new("Unchanged", null, Number(unchanged)),
            new("Rejected", null, Number(batch.RejectedCount)),
            new(batch.Kind is ImportKind.Organisations or ImportKind.Accreditations ? batch.Kind.ToString() : "Projects", null,
                projects.Length <= 50 ? string.Join(", ", projects) : string.Join(", ", projects.Take(50)) + $" … ({Number(projects.Length)})"),
        };
        return new AuditEntry
        {
            OccurredAt = now,
            UserName = batch.UserName,
            Action = AuditAction.Created,
            EntityType = nameof(ImportBatch),
            EntityKey = key,
            RootType = nameof(ImportBatch),
            RootKey = key,
            Changes = JsonSerializer.Serialize(changes.Select(c => new { field = c.Field, old = c.Old, @new = c.New })),
        };
    }

    /// <summary>A DbContext on the same database whose audit stamps name the batch's uploader.</summary>
    private ErasmusDbContext ActingAs(string userName)
    {
        var builder = new DbContextOptionsBuilder<ErasmusDbContext>();
        DatabaseSetup.Configure(builder, dataSource, databaseOptions.Value, new AuditStampInterceptor(time, new NamedUser(userName)));
        return new ErasmusDbContext(builder.Options);
    }

    private sealed class NamedUser(string name) : ICurrentUser
    {
        public string Name => name;
    }

    private async Task FailAsync(Guid batchId, string message, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await db.Set<ImportBatch>().Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, ImportStatus.Failed)
            .SetProperty(b => b.Message, Cut(message, 2000)), cancellationToken);
        metrics.ImportFailed();
    }

    private async Task BackToReadyAsync(Guid batchId, string message)
    {
        db.ChangeTracker.Clear();
        await db.Set<ImportBatch>().Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Status, ImportStatus.Ready)
            .SetProperty(b => b.Message, Cut(message, 2000)), CancellationToken.None);
        metrics.ImportNotConfirmed();
    }

    private DateOnly TodayIn() => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete the upload {Path}", path);
        }
        catch (UnauthorizedAccessException ex)
        {
            logger.LogWarning(ex, "Could not delete the upload {Path}", path);
        }
    }
}

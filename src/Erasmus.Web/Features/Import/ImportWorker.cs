using System.Threading.Channels;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Import;

public sealed record ImportJob(Guid BatchId, bool Confirm);

/// <summary>Uploads and confirmations wait here for the one background worker, so a 100 000-row file never holds up a request.</summary>
public sealed class ImportQueue
{
    private readonly Channel<ImportJob> _jobs = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ImportJob> Reader => _jobs.Reader;

    public void Enqueue(ImportJob job)
    {
        if (!_jobs.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The import queue is closed.");
        }
    }
}

/// <summary>
/// Runs imports one at a time (the machine has two cores, and imports compete with page requests).
/// On start it tidies up after a restart: a read cut short failed, a confirmation cut short was rolled
/// back by PostgreSQL and may be confirmed again, queued uploads are queued again; old unconfirmed
/// batches and their staged rows are removed.
/// </summary>
public sealed class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, IOptions<ImportOptions> options, TimeProvider time, ILogger<ImportWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await TidyAsync(stoppingToken);
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var processor = scope.ServiceProvider.GetRequiredService<ImportProcessor>();
                if (job.Confirm)
                {
                    await processor.ConfirmAsync(job.BatchId, stoppingToken);
                }
                else
                {
                    await processor.ReadAsync(job.BatchId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The processor records failures on the batch; this is the last line so one bad job never stops the worker.
                logger.LogError(ex, "Import job {BatchId} failed", job.BatchId);
            }
        }
    }

    private async Task TidyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
            var batches = db.Set<ImportBatch>();
            await batches.Where(b => b.Status == ImportStatus.Reading).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Failed)
                .SetProperty(b => b.Message, "Lesingen ble avbrutt fordi programmet startet på nytt. Last opp filen igjen."), cancellationToken);
            await batches.Where(b => b.Status == ImportStatus.Confirming).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Ready)
                .SetProperty(b => b.Message, "Lagringen ble avbrutt fordi programmet startet på nytt. Ingenting er lagret; du kan bekrefte igjen."), cancellationToken);
            var cutoff = time.GetUtcNow() - options.Value.KeepUnconfirmed;
            await batches.Where(b => b.Status != ImportStatus.Confirmed && b.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            foreach (var id in await batches.Where(b => b.Status == ImportStatus.Queued).Select(b => b.Id).ToListAsync(cancellationToken))
            {
                queue.Enqueue(new ImportJob(id, Confirm: false));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database that is not there yet (not migrated) must not stop the application from starting.
            logger.LogWarning(ex, "Could not tidy up import batches at start-up");
        }
    }
}

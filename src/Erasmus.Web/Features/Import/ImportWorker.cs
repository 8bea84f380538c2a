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
/// Every few minutes it tidies up: a read or confirmation that began long ago (longer than any import
/// takes) was cut short by a restart, so the read is marked failed and the confirmation (rolled back by
/// PostgreSQL) may be confirmed again; an upload still queued after that long is queued again; old
/// unconfirmed batches and their staged rows are removed. Only long-abandoned work is touched, so
/// several instances on one database leave each other's running imports alone.
/// </summary>
public sealed class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, IOptions<ImportOptions> options, TimeProvider time, ILogger<ImportWorker> logger)
    : BackgroundService
{
    /// <summary>Far longer than reading or confirming the largest file allowed takes.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan TidyEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tidying = TidyRegularlyAsync(stoppingToken);
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; an interrupted job is picked up by the tidying of a later start.
        }

        await tidying;
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The processor records failures on the batch; this is the last line so one bad job never stops the worker.
            logger.LogError(ex, "Import job {BatchId} failed", job.BatchId);
        }
    }

    private async Task TidyRegularlyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TidyEvery, time);
        do
        {
            await TidyAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task TidyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
            var batches = db.Set<ImportBatch>();
            var now = time.GetUtcNow();
            var abandoned = now - Abandoned;
            await batches.Where(b => b.Status == ImportStatus.Reading && b.StartedAt < abandoned).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Failed)
                .SetProperty(b => b.Message, "Lesingen ble avbrutt (programmet startet trolig på nytt). Last opp filen igjen."), cancellationToken);
            await batches.Where(b => b.Status == ImportStatus.Confirming && b.StartedAt < abandoned).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Ready)
                .SetProperty(b => b.Message, "Lagringen ble avbrutt (programmet startet trolig på nytt). Ingenting er lagret; du kan bekrefte igjen."), cancellationToken);
            var cutoff = now - options.Value.KeepUnconfirmed;
            await batches.Where(b => b.Status != ImportStatus.Confirmed && b.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            foreach (var id in await batches.Where(b => b.Status == ImportStatus.Queued && b.CreatedAt < abandoned).Select(b => b.Id).ToListAsync(cancellationToken))
            {
                if (File.Exists(options.Value.PathOf(id)))
                {
                    queue.Enqueue(new ImportJob(id, Confirm: false));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database that is not there yet (not migrated) or briefly down must not stop the worker.
            logger.LogWarning(ex, "Could not tidy up import batches");
        }
    }
}

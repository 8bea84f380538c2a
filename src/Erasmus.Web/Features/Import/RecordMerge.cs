using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// The confirm step of the imports staged as <see cref="ImportRecordRow"/>s (organisations, accreditations):
/// each new or changed row goes through the entity in row order, a record saved by someone else since the
/// preview, or one the entity now refuses, stops the whole batch (nothing is saved), and all is saved at once.
/// </summary>
internal sealed class RecordMerge<TEntity, TPayload>(ErasmusDbContext db, ImportBatch batch) where TEntity : AuditableEntity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static string Serialise(TPayload payload) => JsonSerializer.Serialize(payload, Json);

    internal static TPayload Deserialise(string payload) => JsonSerializer.Deserialize<TPayload>(payload, Json)!;

    /// <param name="load">The saved records the rows change, by id.</param>
    /// <param name="update">Applies a changed row to its saved record.</param>
    /// <param name="insert">Adds a new row's record.</param>
    /// <param name="changedMeanwhile">The message when the saved record changed or went away since the preview, for the row's key.</param>
    /// <param name="noLongerFits">The message when the entity refuses the row now, for the row's key and the entity's reason.</param>
    internal async Task<(int Inserted, int Updated, string[] Keys)> RunAsync(Func<List<int>, Task<Dictionary<int, TEntity>>> load,
        Func<TEntity, TPayload, Task> update, Action<TPayload> insert, Func<string, string> changedMeanwhile, Func<string, string, string> noLongerFits,
        CancellationToken cancellationToken)
    {
        var rows = await db.Set<ImportRecordRow>().AsNoTracking()
            .Where(r => r.BatchId == batch.Id && (r.Outcome == RowOutcome.New || r.Outcome == RowOutcome.Changed))
            .OrderBy(r => r.RowNumber).ToListAsync(cancellationToken);
        var existing = await load([.. rows.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value)]);
        var (inserted, updated) = (0, 0);
        var keys = new List<string>();
        foreach (var row in rows)
        {
            var payload = Deserialise(row.Payload);
            try
            {
                if (row.ExistingId is { } id)
                {
                    if (!existing.TryGetValue(id, out var record) || record.Version != (uint)(row.ExistingVersion ?? 0))
                    {
                        throw new ImportConflictException(changedMeanwhile(row.Key));
                    }

                    await update(record, payload);
                    updated++;
                }
                else
                {
                    insert(payload);
                    inserted++;
                }
            }
            catch (DomainException ex)
            {
                throw new ImportConflictException(noLongerFits(row.Key, ex.Message), ex);
            }

            keys.Add(row.Key);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (inserted, updated, [.. keys.Order(StringComparer.Ordinal)]);
    }
}

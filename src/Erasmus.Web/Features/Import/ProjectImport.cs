using System.Globalization;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import.Reading;
using Erasmus.Web.Features.Projects;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>A project row as it will be saved: every field resolved, saved values kept where the file lacks the column.</summary>
public sealed record ProjectPayload(
    string Reference, ProjectAction Action, Sector Sector, int CallYear, int Round, int CoordinatorId, DateOnly StartDate, DateOnly EndDate,
    DateOnly? DecisionDate, ProjectStatus Status, decimal GrantEur, bool GreenTravelTopUp, bool InclusionSupport, bool BlendedMobility,
    int? AccreditationId, int[] Partners, string[] Topics, Dictionary<string, int> Awarded)
{
    public ProjectDetails Details => new(Reference, Action, Sector, CallYear, Round, CoordinatorId, StartDate, EndDate, DecisionDate, Status,
        GrantEur, GreenTravelTopUp, InclusionSupport, BlendedMobility, AccreditationId);

    public void ApplyCollections(Project project)
    {
        project.SetPartners(Partners);
        project.SetTopics(Topics);
        project.SetAwardedMobilities(Awarded);
    }
}

/// <summary>
/// The import of projects with partners: the same two steps as mobilities. Projects are few (hundreds a
/// year), so rows are compared in memory and confirmed through the entity and the DbContext, which
/// also writes each project's own audit entries; the batch gets one more entry, like the mobility import.
/// </summary>
public static class ProjectImport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static async Task<(int Total, HeaderMap Header)> StageAsync(ErasmusDbContext db, ImportBatch batch, IEnumerable<(SheetRow Row, HeaderMap Header)> rows,
        ImportReferenceData data, ImportActor actor, int maxCellChars, List<RowError> errors, CancellationToken cancellationToken)
    {
        await data.LoadProjectChildrenAsync(db, cancellationToken);
        HeaderMap? header = null;
        ProjectRowChecker? checker = null;
        var total = 0;
        var staged = new List<ImportProjectRow>();
        foreach (var (row, map) in rows)
        {
            header ??= map;
            checker ??= new ProjectRowChecker(data, actor, map, maxCellChars);
            total++;
            if (checker.Check(row, errors) is { } result)
            {
                result.BatchId = batch.Id;
                staged.Add(result);
            }
        }

        db.Set<ImportProjectRow>().AddRange(staged);
        await db.SaveChangesAsync(cancellationToken);
        return (total, header!);
    }

    /// <summary>Applies the new and changed rows through the entity; a project saved by someone else since the preview stops the whole batch.</summary>
    internal static async Task<(int Inserted, int Updated, string[] References)> MergeAsync(ErasmusDbContext db, ImportBatch batch, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ImportProjectRow>().AsNoTracking()
            .Where(r => r.BatchId == batch.Id && (r.Outcome == RowOutcome.New || r.Outcome == RowOutcome.Changed))
            .OrderBy(r => r.RowNumber).ToListAsync(cancellationToken);
        var ids = rows.Where(r => r.ExistingId is not null).Select(r => r.ExistingId!.Value).ToList();
        var existing = await db.Projects.Include(p => p.Partners).Include(p => p.Topics).Include(p => p.AwardedMobilities)
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var (inserted, updated) = (0, 0);
        var references = new List<string>();
        foreach (var row in rows)
        {
            var payload = JsonSerializer.Deserialize<ProjectPayload>(row.Payload, Json)!;
            try
            {
                if (row.ExistingId is { } id)
                {
                    if (!existing.TryGetValue(id, out var project) || project.Version != (uint)(row.ExistingVersion ?? 0))
                    {
                        throw new ImportConflictException($"Prosjektet {row.Reference} er endret eller slettet av noen andre etter at filen ble lest. Ingenting er lagret. Last opp filen på nytt for en ny forhåndsvisning.");
                    }

                    project.Update(payload.Details);
                    payload.ApplyCollections(project);
                    updated++;
                }
                else
                {
                    var project = new Project(payload.Details);
                    payload.ApplyCollections(project);
                    db.Projects.Add(project);
                    inserted++;
                }
            }
            catch (DomainException ex)
            {
                throw new ImportConflictException($"Prosjektet {row.Reference} passer ikke lenger med det som er lagret ({ex.Message}). Ingenting er lagret. Last opp filen på nytt.", ex);
            }

            references.Add(row.Reference);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (inserted, updated, [.. references.Order(StringComparer.Ordinal)]);
    }

    internal static string Serialise(ProjectPayload payload) => JsonSerializer.Serialize(payload, Json);
}

using Erasmus.Domain.Attainment;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Snapshots;

public sealed class SnapshotListQuery : ListQuery
{
    /// <summary>"awarded" or "realised"; empty for both.</summary>
    public string? Basis { get; set; }

    /// <summary>The year of the as-of date.</summary>
    public int? Year { get; set; }
}

public sealed record SnapshotRow(int Id, string Name, DateOnly AsOf, string Parameters, string CreatedBy, DateTimeOffset CreatedAt)
{
    public SnapshotParameters ReadParameters() =>
        System.Text.Json.JsonSerializer.Deserialize<SnapshotParameters>(Parameters, SnapshotJson.Options)!;
}

public sealed record SnapshotListModel(SnapshotListQuery Query, PagedList<SnapshotRow> Rows, IReadOnlyList<int> Years, bool CanCreate);

/// <summary>One target in the snapshot next to the same target computed now for the same parameters.</summary>
public sealed record ComparisonRow(string Code, string Title, SnapshotFigures? Frozen, SnapshotFigures? Now)
{
    public bool IsShare => (Frozen ?? Now)!.IsShare;

    /// <summary>Now minus frozen; for shares in percentage points.</summary>
    public decimal? Difference => Frozen is not null && Now is not null ? Now.Value - Frozen.Value : null;

    public bool TargetValueChanged => Frozen is not null && Now is not null && Frozen.TargetValue != Now.TargetValue;
}

public sealed record SnapshotDetailsModel(
    int Id,
    string Name,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    SnapshotParameters Parameters,
    string? CountyName,
    IReadOnlyList<SnapshotFigures> Frozen,
    IReadOnlyList<ComparisonRow> Comparison,
    bool CanDelete);

public sealed record SnapshotDeleteModel(int Id, string Name, DateOnly AsOf, uint Version)
{
    /// <summary>Why the last confirmation did not delete (<see cref="Shared.DeleteConfirmation"/>), when it did not.</summary>
    public string? Refusal { get; init; }
}

public static class SnapshotQueries
{
    public static async Task<SnapshotListModel> ListAsync(ErasmusDbContext db, SnapshotListQuery query, bool canCreate, CancellationToken cancellationToken)
    {
        var snapshots = db.Set<Snapshot>().AsNoTracking();
        if (query.SearchPattern is { } pattern)
        {
            snapshots = snapshots.Where(s => EF.Functions.ILike(s.Name, pattern, "\\"));
        }

        if (query.Basis is "awarded" or "realised")
        {
            // The basis lives in the parameters' jsonb: containment (@>) is answered by the database.
            var basis = query.Basis == "realised" ? nameof(CountingBasis.Realised) : nameof(CountingBasis.Awarded);
            snapshots = snapshots.Where(s => EF.Functions.JsonContains(s.Parameters, $$"""{"basis":"{{basis}}"}"""));
        }

        if (query.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            snapshots = snapshots.Where(s => s.AsOf >= from && s.AsOf <= to);
        }

        snapshots = (query.Sort?.ToLowerInvariant(), query.Descending) switch
        {
            ("asof", false) => snapshots.OrderBy(s => s.AsOf).ThenBy(s => s.Name),
            ("asof", true) => snapshots.OrderByDescending(s => s.AsOf).ThenBy(s => s.Name),
            ("created", false) => snapshots.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id),
            ("created", true) => snapshots.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id),
            ("createdby", false) => snapshots.OrderBy(s => s.CreatedBy).ThenBy(s => s.Name),
            ("createdby", true) => snapshots.OrderByDescending(s => s.CreatedBy).ThenBy(s => s.Name),
            (_, true) => snapshots.OrderByDescending(s => s.Name).ThenBy(s => s.Id),
            _ => snapshots.OrderBy(s => s.Name).ThenBy(s => s.Id),
        };

        var page = await snapshots.Select(s => new SnapshotRow(s.Id, s.Name, s.AsOf, s.Parameters, s.CreatedBy, s.CreatedAt))
            .ToPagedListAsync(query.Page, query.PageSize, cancellationToken);
        // Only plausible dates offer a year: the year of an infinite date (a row older than the CHECK constraints) is no integer.
        var years = await db.Set<Snapshot>().Where(s => s.AsOf >= Plausible.FirstDate && s.AsOf <= Plausible.LastDate)
            .Select(s => s.AsOf.Year).Distinct().OrderBy(y => y).ToListAsync(cancellationToken);
        return new SnapshotListModel(query, page, years, canCreate);
    }

    /// <summary>The frozen figures as stored, beside the figures computed now for the same parameters.</summary>
    public static async Task<SnapshotDetailsModel?> DetailsAsync(ErasmusDbContext db, AttainmentService attainment, int id, bool canDelete, CancellationToken cancellationToken)
    {
        var snapshot = await db.Set<Snapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        var parameters = snapshot.ReadParameters();
        var frozen = snapshot.ReadResults();
        var now = (await attainment.ComputeAsync(parameters.ToAttainment(), cancellationToken)).Targets.Select(SnapshotFigures.From).ToList();
        // Every target of either side: one added to the registry later, or one since removed, still shows.
        var comparison = frozen.Select(f => new ComparisonRow(f.Code, (now.FirstOrDefault(n => n.Code == f.Code) ?? f).Title, f, now.FirstOrDefault(n => n.Code == f.Code)))
            .Concat(now.Where(n => frozen.All(f => f.Code != n.Code)).Select(n => new ComparisonRow(n.Code, n.Title, null, n)))
            .ToList();
        var countyName = parameters.County is null
            ? null
            : await db.Counties.Where(c => c.Number == parameters.County).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        return new SnapshotDetailsModel(snapshot.Id, snapshot.Name, snapshot.CreatedBy, snapshot.CreatedAt, parameters, countyName, frozen, comparison, canDelete);
    }

    public static async Task<SnapshotPage> PageAsync(ErasmusDbContext db, SnapshotForm form, CancellationToken cancellationToken) =>
        new(form, await db.Counties.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new FieldOption(c.Number, c.ValidTo == null ? c.Name : c.Name + " (2020–2023)")).ToListAsync(cancellationToken));

    /// <summary>A change in a target's unit: percentage points for shares.</summary>
    public static string Change(decimal difference, bool isShare)
    {
        var text = Format.Number(difference) + (isShare ? " pp" : "");
        return difference > 0 ? "+" + text : text;
    }
}

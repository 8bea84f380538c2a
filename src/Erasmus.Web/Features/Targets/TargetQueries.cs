using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Targets;

/// <summary>
/// The registry's filters in the URL. The registry is the strategy's fixed set of targets (19),
/// shown grouped by area in the strategy's order, so it has no paging or column sorting.
/// </summary>
public sealed class TargetListQuery
{
    [StringLength(200)]
    public string? Search { get; set; }

    public TargetArea? Area { get; set; }

    /// <summary>Only targets whose value has been revised (more than one value).</summary>
    public bool Revised { get; set; }
}

public sealed record TargetValueRow(int Id, decimal Value, DateOnly EffectiveFrom, string? Note, string CreatedBy, DateTimeOffset CreatedAt, bool InForceToday);

public sealed record TargetRow(int Id, string Code, TargetArea Area, string TitleNb, TargetUnit Unit, string MetricKind, string MetricParameters,
    decimal? CurrentValue, IReadOnlyList<TargetValueRow> Values)
{
    public bool IsShare => Unit == TargetUnit.Percent;
}

public sealed record TargetListModel(TargetListQuery Query, IReadOnlyList<TargetRow> Rows, int TotalCount);

public sealed class TargetDetailsModel
{
    public required StrategyTarget Target { get; init; }
    public required TargetRow Row { get; init; }
    public TargetValueForm Form { get; set; } = new();
    public bool CanAddValues { get; set; }
}

public static class TargetQueries
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<TargetListModel> ListAsync(ErasmusDbContext db, TargetListQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        var targets = db.StrategyTargets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            targets = targets.Where(t => EF.Functions.ILike(t.Code, pattern, "\\") || EF.Functions.ILike(t.TitleNb, pattern, "\\")
                || EF.Functions.ILike(t.TitleEn, pattern, "\\"));
        }

        if (query.Area is { } area)
        {
            targets = targets.Where(t => t.Area == area);
        }

        if (query.Revised)
        {
            targets = targets.Where(t => t.Values.Count > 1);
        }

        var rows = await targets.OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(cancellationToken);
        // Areas in the strategy's order (the enum's), not the alphabetical order of their stored names.
        return new TargetListModel(query, [.. rows.OrderBy(t => t.Area).Select(t => RowOf(t, today))], await db.StrategyTargets.CountAsync(cancellationToken));
    }

    public static async Task<TargetDetailsModel?> DetailsAsync(ErasmusDbContext db, string code, DateOnly today, CancellationToken cancellationToken)
    {
        var target = await db.StrategyTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        return target is null ? null : new TargetDetailsModel { Target = target, Row = RowOf(target, today) };
    }

    /// <summary>The rule's parameters indented for reading; stored JSON is compact.</summary>
    public static string Pretty(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static TargetRow RowOf(StrategyTarget target, DateOnly today)
    {
        var inForce = target.ValueOn(today);
        return new TargetRow(target.Id, target.Code, target.Area, target.TitleNb, target.Unit, target.MetricKind, target.MetricParameters, inForce?.Value,
            [.. target.Values.OrderBy(v => v.EffectiveFrom).Select(v => new TargetValueRow(v.Id, v.Value, v.EffectiveFrom, v.Note, v.CreatedBy, v.CreatedAt, v == inForce))]);
    }
}

using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Shared;

/// <summary>What the pager partial needs from any page of any list.</summary>
public interface IPagedList
{
    int Page { get; }
    int PageSize { get; }
    int TotalCount { get; }
    int PageCount { get; }
    bool HasPrevious { get; }
    bool HasNext { get; }
    int FirstItem { get; }
    int LastItem { get; }
}

/// <summary>One page of a list. Page sizes are 25, 50 or 100.</summary>
public sealed class PagedList<T>(IReadOnlyList<T> items, int page, int pageSize, int totalCount) : IPagedList
{
    public IReadOnlyList<T> Items { get; } = items;
    public int Page { get; } = page;
    public int PageSize { get; } = pageSize;
    public int TotalCount { get; } = totalCount;
    public int PageCount => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
    public int FirstItem => TotalCount == 0 ? 0 : ((Page - 1) * PageSize) + 1;
    public int LastItem => Math.Min(Page * PageSize, TotalCount);
}

public static class Paging
{
    public static readonly int[] PageSizes = [25, 50, 100];

    public static int NormalisePageSize(int? pageSize) => pageSize is { } size && PageSizes.Contains(size) ? size : 25;

    public static int NormalisePage(int? page) => page is > 0 and < 1_000_000 ? page.Value : 1;

    /// <summary>The page shown when <paramref name="page"/> is asked for: a valid page, and the last one for a page past the end.</summary>
    public static int PageShown(int? page, int size, int total) => Math.Min(NormalisePage(page), Math.Max(1, (int)Math.Ceiling(total / (double)size)));

    /// <summary>One page of items held in memory, read by position (nothing else is copied); a page past the end shows the last page.</summary>
    public static PagedList<T> ToPagedList<T>(int total, Func<int, T> itemAt, int? page, int? pageSize)
    {
        ArgumentNullException.ThrowIfNull(itemAt);
        var size = NormalisePageSize(pageSize);
        var current = PageShown(page, size, total);
        var first = (current - 1) * size;
        return new PagedList<T>([.. Enumerable.Range(first, Math.Clamp(total - first, 0, size)).Select(itemAt)], current, size, total);
    }

    /// <summary>One page of a list held in memory (see <see cref="ToPagedList{T}(int, Func{int, T}, int?, int?)"/>).</summary>
    public static PagedList<T> ToPagedList<T>(this IReadOnlyList<T> items, int? page, int? pageSize)
    {
        ArgumentNullException.ThrowIfNull(items);
        return ToPagedList(items.Count, i => items[i], page, pageSize);
    }

    /// <summary>Counts and fetches one page in the database; a page past the end shows the last page.</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        var size = NormalisePageSize(pageSize);
        var total = await query.CountAsync(cancellationToken);
        var current = PageShown(page, size, total);
        var items = await query.Skip((current - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<T>(items, current, size, total);
    }

    /// <summary>Fetches one page when the total is known already (counted with other totals, or cached); a page past the end shows the last page.</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, int? page, int? pageSize, int total, CancellationToken cancellationToken = default)
    {
        var size = NormalisePageSize(pageSize);
        var current = PageShown(page, size, total);
        var items = total == 0 ? [] : await query.Skip((current - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<T>(items, current, size, total);
    }
}

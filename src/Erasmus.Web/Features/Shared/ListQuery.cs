using System.ComponentModel.DataAnnotations;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// What every list shares in its URL: free-text search, sort column and direction, page and page
/// size. A list's own query adds its filters; all of it lives in the query string so a list can be
/// bookmarked and the back button works.
/// </summary>
public abstract class ListQuery
{
    [StringLength(200)]
    public string? Search { get; set; }

    [StringLength(40)]
    public string? Sort { get; set; }

    /// <summary>"desc" for descending; anything else is ascending.</summary>
    [StringLength(4)]
    public string? Dir { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The search text trimmed, or null; the pattern for ILIKE with its wildcards escaped.</summary>
    public string? SearchPattern => string.IsNullOrWhiteSpace(Search)
        ? null
        : "%" + Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}

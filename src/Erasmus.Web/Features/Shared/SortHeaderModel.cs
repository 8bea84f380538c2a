namespace Erasmus.Web.Features.Shared;

public sealed record SortHeaderModel(string Column, string Label, bool IsDefault = false, string? CssClass = null);

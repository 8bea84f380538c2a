namespace Erasmus.Web.Features.Shared;

/// <summary>One choice of a select rendered by <see cref="FieldTagHelper"/>; an organisation's carries its country (data-country), which scripts fill other fields from.</summary>
public sealed record FieldOption(string Value, string Text, string? Country = null);

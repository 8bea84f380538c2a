namespace Erasmus.Web.Features.Shared;

/// <summary>One choice of a select rendered by <see cref="FieldTagHelper"/>.</summary>
public sealed record FieldOption(string Value, string Text);

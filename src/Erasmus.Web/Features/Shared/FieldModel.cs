namespace Erasmus.Web.Features.Shared;

/// <summary>A form field for the _Field partial: one way to render labelled, described, validated inputs.</summary>
public sealed record FieldModel(string Name, string Label, string? Value = null, string Type = "text")
{
    public bool Required { get; init; }
    public string? Hint { get; init; }
    public string? Autocomplete { get; init; }
    public string? InputMode { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<FieldOption>? Options { get; init; }
}

public sealed record FieldOption(string Value, string Text);

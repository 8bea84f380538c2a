namespace Erasmus.Web.Features.Shared;

/// <summary>
/// The label a form field shows (a bokmål resource key, decision 0004), read by <see cref="FieldTagHelper"/>.
/// Not [Display(Name)]: that names the field inside the binder's messages, which say "feltet" unless a
/// form chooses a word that fits a sentence ("datoen"); a label is a heading, not a word in a sentence.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class LabelAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Rules;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// The domain's rule for names and notes (<see cref="PlainText"/>: no control characters, no invisible
/// characters that turn the direction of the text) on a form field whose value is not saved through a
/// domain entity, such as a user's name and e-mail address. Refused with the domain's message.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public PlainTextAttribute()
    {
        // Set as ErrorMessage, not through the base constructor, so that data-annotations localisation translates it.
        ErrorMessage = PlainText.Message;
    }

    public bool AllowLineBreaks { get; init; }

    public override bool IsValid(object? value) => value is not string text || !PlainText.HasHiddenCharacters(text, AllowLineBreaks);
}

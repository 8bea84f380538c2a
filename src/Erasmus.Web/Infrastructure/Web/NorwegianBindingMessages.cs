using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Erasmus.Web.Infrastructure.Web;

/// <summary>
/// The model binder's own messages (a date or number it cannot read) in bokmål, so a bad value in a
/// form or URL is explained in the user's language. English users get the resource translations.
/// </summary>
public static class NorwegianBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Verdien «{value}» er ikke gyldig for {field}.");
        messages.SetValueIsInvalidAccessor(value => $"Verdien «{value}» er ikke gyldig.");
        messages.SetValueMustBeANumberAccessor(field => $"{field} må være et tall.");
        messages.SetValueMustNotBeNullAccessor(value => $"Verdien «{value}» er ikke gyldig.");
        messages.SetMissingBindRequiredValueAccessor(field => $"{field} må fylles ut.");
        messages.SetMissingKeyOrValueAccessor(() => "Verdien må fylles ut.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Forespørselen mangler innhold.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Verdien «{value}» er ikke gyldig.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Verdien er ikke gyldig.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Verdien må være et tall.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"Verdien er ikke gyldig for {field}.");
    }
}

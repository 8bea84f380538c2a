using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Erasmus.Web.Infrastructure.Web;

/// <summary>
/// The model binder's own messages (a date or number it cannot read) in bokmål, so a bad value in a
/// form or URL is explained in the user's language. English users get the resource translations. A
/// field is named by its display name, "feltet" when it has none (<see cref="BokmalValidationMessages"/>).
/// </summary>
public static class NorwegianBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Verdien «{value}» er ikke gyldig for {field}.");
        messages.SetValueIsInvalidAccessor(value => $"Verdien «{value}» er ikke gyldig.");
        messages.SetValueMustBeANumberAccessor(field => $"Skriv et tall i {field}.");
        messages.SetValueMustNotBeNullAccessor(value => $"Verdien «{value}» er ikke gyldig.");
        messages.SetMissingBindRequiredValueAccessor(field => $"Fyll ut {field}.");
        messages.SetMissingKeyOrValueAccessor(() => "Verdien må fylles ut.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Forespørselen mangler innhold.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Verdien «{value}» er ikke gyldig.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Verdien er ikke gyldig.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Verdien må være et tall.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"Verdien er ikke gyldig for {field}.");
    }
}

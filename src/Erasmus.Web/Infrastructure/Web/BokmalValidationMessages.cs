using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Erasmus.Web.Infrastructure.Web;

/// <summary>
/// The framework's own validation texts are English and name the C# property ("The field CountyNumber
/// must be a string with a maximum length of 2", issue #15). Every validation attribute without a
/// message of its own gets a bokmål one here, with an English text in the resources like every message,
/// and every field without a display name is called "feltet" in the binder's messages rather than by its
/// property name. A form that names its fields itself ([Display], ErrorMessage) keeps its own words.
/// </summary>
public sealed class BokmalValidationMessages : IValidationMetadataProvider, IDisplayMetadataProvider
{
    /// <summary>What a field without a display name is called in a message.</summary>
    public const string UnnamedField = "feltet";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (string.IsNullOrEmpty(attribute.ErrorMessage) && attribute.ErrorMessageResourceName is null && attribute.ErrorMessageResourceType is null)
            {
                attribute.ErrorMessage = MessageFor(attribute);
            }
        }
    }

    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.DisplayMetadata.DisplayName is null && context.Key.MetadataKind != ModelMetadataKind.Type)
        {
            context.DisplayMetadata.DisplayName = () => UnnamedField;
        }
    }

    /// <summary>Messages that need no field name: they are shown beside the field they are about. {1} and {2} are the attribute's limits.</summary>
    public static string MessageFor(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "Feltet må fylles ut.",
        StringLengthAttribute { MinimumLength: > 0 } => "Teksten må ha mellom {2} og {1} tegn.",
        StringLengthAttribute or MaxLengthAttribute => "Teksten kan ha høyst {1} tegn.",
        MinLengthAttribute => "Teksten må ha minst {1} tegn.",
        RangeAttribute => "Verdien må være mellom {1} og {2}.",
        EmailAddressAttribute => "Skriv en gyldig e-postadresse.",
        CompareAttribute => "Verdiene må være like.",
        EnumDataTypeAttribute => "Velg en verdi fra listen.",
        RegularExpressionAttribute => "Verdien har ikke riktig form.",
        _ => "Verdien er ikke gyldig.",
    };
}

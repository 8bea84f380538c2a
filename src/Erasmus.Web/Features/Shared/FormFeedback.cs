using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Erasmus.Web.Features.Shared;

/// <summary>A field where the saved record and the user's form disagree after a concurrent save.</summary>
public sealed record ConflictRow(string Field, string? Theirs, string? Yours);

/// <summary>A link to the record a duplicate value already belongs to.</summary>
public sealed record DuplicateLink(string Text, string Href);

/// <summary>One way for every form to show rule violations, duplicates and concurrency conflicts.</summary>
public static class FormFeedback
{
    public const string ConflictKey = "ConcurrencyConflict";
    public const string DuplicatesKey = "DuplicateLinks";

    /// <summary>Puts the domain's messages beside their fields (and in the summary).</summary>
    public static void AddViolations(this ModelStateDictionary modelState, DomainException exception)
    {
        foreach (var violation in exception.Violations)
        {
            modelState.AddModelError(violation.Field, violation.Message);
        }
    }

    /// <summary>Puts a checker's findings beside their fields.</summary>
    public static void AddViolations(this ModelStateDictionary modelState, IEnumerable<RuleViolation> violations)
    {
        foreach (var violation in violations)
        {
            modelState.AddModelError(violation.Field, violation.Message);
        }
    }

    /// <summary>Refuses each duplicate beside its field, with a link to the record that has the value.</summary>
    public static void AddDuplicates(this ViewDataDictionary viewData, ModelStateDictionary modelState, IEnumerable<Duplicate> duplicates)
    {
        foreach (var duplicate in duplicates)
        {
            viewData.AddDuplicate(modelState, duplicate.Violation.Field, duplicate.Violation.Message, duplicate.Link);
        }
    }

    /// <summary>The fields the binder already refused: a check does not add a second message to them.</summary>
    public static IReadOnlySet<string> RefusedFields(this ModelStateDictionary modelState) =>
        modelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

    public static void AddDuplicate(this ViewDataDictionary viewData, ModelStateDictionary modelState, string field, string message, DuplicateLink link)
    {
        modelState.AddModelError(field, message);
        var links = viewData[DuplicatesKey] as List<DuplicateLink> ?? [];
        links.Add(link);
        viewData[DuplicatesKey] = links;
    }

    public static void AddConflict(this ViewDataDictionary viewData, ModelStateDictionary modelState, IEnumerable<ConflictRow> rows)
    {
        modelState.AddModelError("", "Noen andre har lagret denne posten mens du redigerte. Sammenlign verdiene under; lagre igjen for å bruke dine.");
        viewData[ConflictKey] = rows.Where(r => r.Theirs != r.Yours).ToList();
    }
}

using Erasmus.Domain.Entities;
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

using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Attainment;

/// <summary>The dashboard's parameters as they appear in the URL (and the API's query string).</summary>
public sealed class AttainmentUrlParameters : IValidatableObject
{
    /// <summary>The display name is what a binding error names ("Verdien «31.02.2021» er ikke gyldig for Per dato.").</summary>
    [Display(Name = "Per dato")]
    public DateOnly? AsOf { get; set; }

    /// <summary>"awarded" (default) or "realised".</summary>
    [StringLength(10)]
    public string? Basis { get; set; }

    /// <summary>"asof" (default: the structure in force on the date) or "today".</summary>
    [StringLength(10)]
    public string? Structure { get; set; }

    [StringLength(2)]
    public string? County { get; set; }

    public Sector? Sector { get; set; }

    public AttainmentParameters ToParameters(DateOnly today) => new(
        AsOf ?? today,
        string.Equals(Basis, "realised", StringComparison.OrdinalIgnoreCase) ? CountingBasis.Realised : CountingBasis.Awarded,
        string.Equals(Structure, "today", StringComparison.OrdinalIgnoreCase) ? CountyStructureChoice.Today : CountyStructureChoice.AsOfDate,
        string.IsNullOrEmpty(County) ? null : County,
        Sector);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Basis is not (null or "" or "awarded" or "realised"))
        {
            yield return new ValidationResult("Grunnlaget må være «awarded» (tildelt) eller «realised» (gjennomført).", [nameof(Basis)]);
        }

        if (Structure is not (null or "" or "asof" or "today"))
        {
            yield return new ValidationResult("Fylkesstrukturen må være «asof» (på datoen) eller «today» (dagens).", [nameof(Structure)]);
        }

        if (AsOf is { } date && (date.Year < 2014 || date.Year > 2100))
        {
            yield return new ValidationResult("Datoen må være mellom 2014 og 2100.", [nameof(AsOf)]);
        }

        if (County is { Length: > 0 } county && (county.Length != 2 || !county.All(char.IsAsciiDigit)))
        {
            yield return new ValidationResult("Fylket må oppgis med fylkesnummer, for eksempel 46.", [nameof(County)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Targets;

/// <summary>A new target value from a date (the mid-term revision). Shape checks here; the entity refuses values of zero or less.</summary>
public sealed class TargetValueForm : IVersionedForm
{
    public static readonly DateOnly EarliestDate = DomainVocabulary.PeriodStart;
    public static readonly DateOnly LatestDate = DomainVocabulary.PeriodEnd;


    [Display(Name = "målverdien")]
    [Required(ErrorMessage = "Målverdien må fylles ut.")]
    public decimal? Value { get; set; }

    [Label("Gjelder fra")]
    [Display(Name = "datoen")]
    [Required(ErrorMessage = "Datoen målverdien gjelder fra må fylles ut.")]
    public DateOnly? EffectiveFrom { get; set; }

    [Label("Merknad")]
    [Required(ErrorMessage = "Merknaden må fylles ut.")]
    [StringLength(500, ErrorMessage = "Merknaden kan ha høyst 500 tegn.")]
    public string Note { get; set; } = "";

    /// <summary>The target's row version the administrator started from (PostgreSQL xmin).</summary>
    public uint Version { get; set; }

    /// <summary>
    /// The rules that depend on the target's unit, checked beside the attribute rules (MVC skips a
    /// form's own Validate when any field fails, and every message should show at once).
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems(StrategyTarget target)
    {
        if (Value is { } value)
        {
            if (value <= 0)
            {
                yield return (nameof(Value), "Målverdien må være større enn null.");
            }
            else if (value > Erasmus.Domain.Rules.Plausible.MaxTargetValue)
            {
                yield return (nameof(Value), "Målverdien kan være høyst 10 000 000.");
            }
            else if (target.Unit == TargetUnit.Percent && value > 100)
            {
                yield return (nameof(Value), "En andel kan ikke være over 100 %.");
            }
            else if (target.Unit != TargetUnit.Percent && value != decimal.Truncate(value))
            {
                yield return (nameof(Value), "Målet er et antall og må være et helt tall.");
            }
            else if (decimal.Round(value, 2) != value)
            {
                yield return (nameof(Value), "Målverdien kan ha høyst to desimaler.");
            }
        }

        if (EffectiveFrom is { } date && (date < EarliestDate || date > LatestDate))
        {
            yield return (nameof(EffectiveFrom), $"Datoen må være mellom {Format.Date(EarliestDate)} og {Format.Date(LatestDate)} (programperioden).");
        }
    }

    /// <summary>The value someone else added last, as "theirs" in the conflict table.</summary>
    public static TargetValueForm? LatestOf(StrategyTarget target) =>
        target.Values.MaxBy(v => v.Id) is { } latest
            ? new TargetValueForm { Value = latest.Value, EffectiveFrom = latest.EffectiveFrom, Note = latest.Note ?? "", Version = target.Version }
            : null;

    public IEnumerable<ConflictRow> CompareWith(TargetValueForm mine, bool isShare) =>
    [
        new("Målverdi (sist lagt inn)", Value is { } v ? Format.Figure(v, isShare) : null, mine.Value is { } m ? Format.Figure(m, isShare) : null),
        new("Gjelder fra", EffectiveFrom is { } d ? Format.Date(d) : null, mine.EffectiveFrom is { } md ? Format.Date(md) : null),
        new("Merknad", Note, mine.Note),
    ];
}

using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Snapshots;

/// <summary>A name and the dashboard's parameters, from the snapshot form or the dashboard's «Lagre som øyeblikksbilde».</summary>
public sealed class SnapshotForm
{
    [Label("Navn")]
    [Required(ErrorMessage = "Navnet må fylles ut.")]
    [StringLength(Snapshot.NameMaxLength, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
    public string Name { get; set; } = "";

    [Label("Per dato")]
    [Display(Name = "datoen")]
    [Required(ErrorMessage = "Datoen tallene gjelder for må fylles ut.")]
    public DateOnly? AsOf { get; set; }

    /// <summary>"awarded" or "realised", as in the dashboard's URL.</summary>
    [Required(ErrorMessage = "Velg grunnlag.")]
    [StringLength(10, ErrorMessage = "Velg grunnlag: tildelt eller gjennomført.")]
    public string? Basis { get; set; } = "awarded";

    /// <summary>"asof" or "today", as in the dashboard's URL.</summary>
    [StringLength(10, ErrorMessage = "Velg fylkesstruktur: på datoen eller dagens.")]
    public string? Structure { get; set; } = "asof";

    [Label("Fylke")]
    [StringLength(2, ErrorMessage = "Velg et fylke fra listen.")]
    public string? County { get; set; }

    [Label("Sektor")]
    [Display(Name = "sektoren")]
    public Sector? Sector { get; set; }

    public IReadOnlyList<FieldOption> Counties { get; set; } = [];

    /// <summary>
    /// Rules checked beside the attribute rules, so every message shows at once. A snapshot freezes
    /// what the data says about a date in the period that has come: from the start of the period to today.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems(DateOnly today)
    {
        if (AsOf is { } date && (date < DomainVocabulary.PeriodStart || date > today))
        {
            yield return (nameof(AsOf), $"Datoen må være mellom {Format.Date(DomainVocabulary.PeriodStart)} og i dag ({Format.Date(today)}).");
        }

        if (Basis is { Length: > 0 } && Basis is not ("awarded" or "realised"))
        {
            yield return (nameof(Basis), "Velg grunnlag: tildelt eller gjennomført.");
        }

        if (Structure is not (null or "" or "asof" or "today"))
        {
            yield return (nameof(Structure), "Velg fylkesstruktur: på datoen eller dagens.");
        }
    }

    public SnapshotParameters ToParameters() => new(
        AsOf!.Value,
        Basis == "realised" ? CountingBasis.Realised : CountingBasis.Awarded,
        Structure == "today" ? CountyStructureChoice.Today : CountyStructureChoice.AsOfDate,
        string.IsNullOrEmpty(County) ? null : County,
        Sector);
}

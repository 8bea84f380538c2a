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

    public SnapshotParameters ToParameters() => new(
        AsOf!.Value,
        Basis == "realised" ? CountingBasis.Realised : CountingBasis.Awarded,
        Structure == "today" ? CountyStructureChoice.Today : CountyStructureChoice.AsOfDate,
        string.IsNullOrEmpty(County) ? null : County,
        Sector);
}

/// <summary>What the snapshot form's page shows: the posted form and the counties to choose from.</summary>
public sealed record SnapshotPage(SnapshotForm Form, IReadOnlyList<FieldOption> Counties);

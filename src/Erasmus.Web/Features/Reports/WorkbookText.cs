using System.Globalization;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// The workbook's words in the user's language: bokmål, or English when the request's UI language is
/// English. Each label is written with both forms where it is used, so a sheet reads as one text.
/// </summary>
public sealed class WorkbookText(bool english, Func<string, string>? translate = null)
{
    public bool English { get; } = english;

    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(english ? "en-GB" : "nb-NO");

    public string T(string bokmal, string englishText) => English ? englishText : bokmal;

    public string Title(TargetDefinition target) => English && !string.IsNullOrWhiteSpace(target.TitleEn) ? target.TitleEn : target.TitleNb;

    public string Basis(CountingBasis basis) => basis == CountingBasis.Awarded ? T("Tildelt", "Awarded") : T("Gjennomført", "Realised");

    /// <summary>A status in words; none for a county's part without an expected share or a target outside the sector.</summary>
    public string Status(AttainmentStatus? status) => status is null ? T("Ingen status", "No status") : English
        ? status switch
        {
            AttainmentStatus.Reached => "Reached",
            AttainmentStatus.Ahead => "Ahead of schedule",
            AttainmentStatus.OnTrack => "On track",
            AttainmentStatus.Behind => "Behind schedule",
            _ => "At risk",
        }
        : StatusText.Of(status.Value);

    public string Area(TargetArea area) => area switch
    {
        TargetArea.Mobility => T("Mobilitet", "Mobility"),
        TargetArea.Counties => T("Fylkeskommunene", "County authorities"),
        TargetArea.Partnerships => T("Partnerskap", "Partnerships"),
        _ => T("Samfunnsutfordringer", "Societal challenges"),
    };

    public string ProjectStatus(ProjectStatus status) => Name(DomainText.Of(status));

    /// <summary>"Yrkesfag (VET)" / "Vocational education and training (VET)": the name with its code, as the pages show it.</summary>
    public string Sector(Sector sector) => Name(DomainText.Of(sector));

    /// <summary>"KA121", or a name where the action has one ("Samarbeidspartnerskap i idrett"), never the enum's name.</summary>
    public string Action(ProjectAction action) => Name(DomainText.Of(action));

    /// <summary>A bokmål name from <see cref="DomainText"/> in the workbook's language (the resources hold the English).</summary>
    public string Name(string bokmal) => English && translate is not null ? translate(bokmal) : bokmal;

    public string YesNo(bool value) => value ? T("Ja", "Yes") : T("Nei", "No");

    /// <summary>"30. september 2021" / "30 September 2021".</summary>
    public string LongDate(DateOnly date) => date.ToString(English ? "d MMMM yyyy" : "d. MMMM yyyy", Culture);

    /// <summary>"september 2021" / "September 2021", as table 4.1 heads its status column.</summary>
    public string MonthAndYear(DateOnly date) => date.ToString("MMMM yyyy", Culture);
}

using System.Globalization;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// The status report's words (workbook and printable page) in the user's language: bokmål, or English
/// when the request's UI language is English, from the resources like every page (decision 0004):
/// <c>t.T["Sammendrag"]</c> is "Summary" in English.
/// </summary>
public sealed class WorkbookText(bool english, Func<string, string> translate)
{
    public bool English { get; } = english;

    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(english ? "en-GB" : "nb-NO");

    /// <summary>A bokmål text in the report's language; the resource key is the text itself.</summary>
    public WorkbookWords T { get; } = new(english, translate);

    public string Title(TargetDefinition target) => English && !string.IsNullOrWhiteSpace(target.TitleEn) ? target.TitleEn : target.TitleNb;

    public string Basis(CountingBasis basis) => basis == CountingBasis.Awarded ? T["Tildelt"] : T["Gjennomført"];

    /// <summary>A status in words; none for a county's part without an expected share or a target outside the sector.</summary>
    public string Status(AttainmentStatus? status) => status is null ? T["Ingen status"] : Name(StatusText.Of(status.Value));

    public string Area(TargetArea area) => area switch
    {
        TargetArea.Mobility => T["Mobilitet"],
        TargetArea.Counties => T["Fylkeskommunene"],
        TargetArea.Partnerships => T["Partnerskap"],
        _ => T["Samfunnsutfordringer"],
    };

    public string ProjectStatus(ProjectStatus status) => Name(DomainText.Of(status));

    /// <summary>"Yrkesfag (VET)" / "Vocational education and training (VET)": the name with its code, as the pages show it.</summary>
    public string Sector(Sector sector) => Name(DomainText.Of(sector));

    /// <summary>"KA121", or a name where the action has one ("Samarbeidspartnerskap i idrett"), never the enum's name.</summary>
    public string Action(ProjectAction action) => Name(DomainText.Of(action));

    /// <summary>A bokmål name from <see cref="DomainText"/> in the workbook's language (the resources hold the English).</summary>
    public string Name(string bokmal) => English ? translate(bokmal) : bokmal;

    public string YesNo(bool value) => value ? T["Ja"] : T["Nei"];

    /// <summary>"30. september 2021" / "30 September 2021".</summary>
    public string LongDate(DateOnly date) => date.ToString(English ? "d MMMM yyyy" : "d. MMMM yyyy", Culture);

    /// <summary>"september 2021" / "September 2021", as table 4.1 heads its status column.</summary>
    public string MonthAndYear(DateOnly date) => date.ToString("MMMM yyyy", Culture);
}

/// <summary>
/// Looks a bokmål text up by its key. A key may name a context before a bar, for the few texts the
/// report words otherwise than the pages do ("rapport|Per dato" is "As of", where a page's "Per dato"
/// is "As of date"): bokmål shows the text after the bar.
/// </summary>
public sealed class WorkbookWords(bool english, Func<string, string> translate)
{
    public string this[string key] => english ? translate(key) : key[(key.IndexOf('|', StringComparison.Ordinal) + 1)..];
}

using System.Globalization;
using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The page's parameters as every link and download carries them: the query string, the words of a
/// download's header lines, and the file name that names every filter.
/// </summary>
public sealed record AttainmentFilters(AttainmentParameters Parameters, string? CountyName)
{
    public string Basis => Parameters.Basis.ToString().ToLowerInvariant();

    public string Structure => Parameters.Structure == CountyStructureChoice.Today ? "today" : "asof";

    /// <summary>"AsOf=2021-09-30&amp;Basis=awarded&amp;Structure=asof&amp;County=46&amp;Sector=VET" (unescaped; the view encodes it).</summary>
    public string Query => $"AsOf={Format.Iso(Parameters.AsOf)}&Basis={Basis}&Structure={Structure}&County={Parameters.County}&Sector={Parameters.Sector}";

    /// <summary>The same filters with another county (null: the whole country).</summary>
    public string QueryWithCounty(string? county) =>
        $"AsOf={Format.Iso(Parameters.AsOf)}&Basis={Basis}&Structure={Structure}&County={county}&Sector={Parameters.Sector}";

    /// <summary>Every filter in words, for a download's header lines and the page's lead.</summary>
    public IReadOnlyList<(string Label, string Value)> Describe(IStringLocalizer T, int? lagMonths)
    {
        var lines = new List<(string, string)>
        {
            (T["Per dato"], Format.Date(Parameters.AsOf)),
            (T["Grunnlag"], Parameters.Basis == CountingBasis.Awarded ? T["Tildelt"] : T["Gjennomført"]),
            (T["Fylke"], Parameters.County is { } county ? $"{CountyName ?? county} ({county})" : T["Hele landet"]),
            (T["Sektor"], Parameters.Sector is { } sector ? T[DomainText.Of(sector)] : T["Alle sektorer"]),
            (T["Fylkesstruktur"], Parameters.Structure == CountyStructureChoice.Today ? T["Dagens"] : T["På datoen"]),
        };
        if (lagMonths is { } lag)
        {
            lines.Add((T["Realiseringsforsinkelse"], T["{0} måneder", lag]));
        }

        return lines;
    }

    /// <summary>
    /// "statusrapport-2021-09-30-tildelt-fylke-46-vestland-sektor-vet-fylker-per-dato.xlsx" /
    /// "status-report-2021-09-30-awarded-county-46-vestland-sector-vet-counties-as-of-date.xlsx".
    /// </summary>
    public string FileName(string prefix, string extension, bool english)
    {
        var p = Parameters;
        var parts = new List<string>
        {
            prefix,
            Format.Iso(p.AsOf),
            english ? Basis : p.Basis == CountingBasis.Awarded ? "tildelt" : "gjennomfort",
            p.County is { } county
                ? $"{(english ? "county" : "fylke")}-{county}" + (CountyName is { } name ? "-" + Slug(name) : "")
                : english ? "all-norway" : "hele-landet",
            p.Sector is { } sector ? $"{(english ? "sector" : "sektor")}-{sector.ToString().ToLowerInvariant()}" : english ? "all-sectors" : "alle-sektorer",
            p.Structure == CountyStructureChoice.Today
                ? english ? "todays-counties" : "dagens-fylker"
                : english ? "counties-as-of-date" : "fylker-per-dato",
        };
        return string.Join("-", parts) + "." + extension;
    }

    /// <summary>The machine CSV's name, in the API's own words: "maloppnaelse-2021-09-30-awarded-county-46-sector-VET-structure-asof.csv".</summary>
    public string MachineFileName =>
        $"maloppnaelse-{Format.Iso(Parameters.AsOf)}-{Basis}-county-{Parameters.County ?? "all"}-sector-{Parameters.Sector?.ToString() ?? "all"}-structure-{Structure}.csv";

    /// <summary>"Møre og Romsdal" → "more-og-romsdal": ASCII for a file name.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(c switch
            {
                'æ' => "ae",
                'ø' => "o",
                'å' => "a",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            });
        }

        var slug = builder.ToString();
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}

/// <summary>What the parameter form needs: the values, the choices, where it goes, and whether a county can be chosen there.</summary>
public sealed record ParameterFormModel(AttainmentParameters Parameters, AttainmentChoices Choices, string Action, bool ShowCounty = true, string? View = null);

/// <summary>A count's chart: its values by date, and whether the national path, target and projection belong on it (not for a county's part).</summary>
public sealed record LineChartModel(Erasmus.Domain.Attainment.TargetResult Result, DateOnly AsOf, bool National);

using System.Globalization;
using System.Text;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// The shapes a result leaves the app in: the API's JSON and the machine CSV (culture-independent,
/// their existing fields and columns unchanged, new ones added after them), and the CSV for Excel
/// (semicolons, decimal commas, the filters in header lines, the user's language).
/// </summary>
public static class AttainmentExport
{
    /// <summary>
    /// The API's JSON. A higher-education target has its institutions' rates in <c>institutions</c> (each
    /// with <c>ratePer1000</c> and <c>rank</c> as a county view has, and <c>allInstitutionsRatePer1000</c>
    /// beside them as the nation's rate is beside a county's); null without institution figures.
    /// </summary>
    public static object ToJson(AttainmentResult result, DateTimeOffset generatedAt, IReadOnlyDictionary<string, InstitutionRateTable>? institutions = null) => new
    {
        asOf = Format.Iso(result.Parameters.AsOf),
        basis = result.Parameters.Basis.ToString().ToLowerInvariant(),
        county = result.Parameters.County,
        sector = result.Parameters.Sector?.ToString(),
        countyStructure = result.Parameters.Structure == CountyStructureChoice.Today ? "today" : "asof",
        generatedAt,
        realisationLagMonths = result.RealisationLagMonths,
        targets = result.Targets.Select(t => new
        {
            code = t.Target.Code,
            area = t.Target.Area.ToString(),
            titleNb = t.Target.TitleNb,
            titleEn = t.Target.TitleEn,
            unit = t.Target.Unit.ToString(),
            targetValue = t.TargetValue,
            value = t.Value,
            numerator = t.Numerator,
            denominator = t.Denominator,
            percentOfTarget = t.PercentOfTarget,
            expectedByNow = t.ExpectedByNow,
            status = t.Status?.ToString(),
            projectedAt2027 = t.ProjectedAt2027,
            willBeMet = t.WillBeMet,
            requiredYearlyPace = t.RequiredYearlyPace,
            applicable = t.Applicable,
            projectionNote = ProjectionNoteText(t.ProjectionNote),
            nationalValue = t.Part?.NationalValue,
            shareOfNational = t.Part?.ShareOfNational,
            expectedValue = t.ExpectedValue,
            ratePer1000 = t.Rate?.RatePer1000,
            nationalRatePer1000 = t.NationalRatePer1000,
            rank = t.Rate?.Rank,
            allInstitutionsRatePer1000 = institutions?.GetValueOrDefault(t.Target.Code)?.AllRatePer1000,
            institutions = institutions?.GetValueOrDefault(t.Target.Code) is { } table
                ? table.Rows.Select(i => new
                {
                    organisationId = i.InstitutionId,
                    name = i.Name,
                    county = i.CountyNumber,
                    participants = i.Participants,
                    population = i.Population,
                    ratePer1000 = i.RatePer1000,
                    rank = i.Rank,
                })
                : null,
        }),
    };

    /// <summary>Why there is no projection, in words a BI tool can show as they are.</summary>
    public static string? ProjectionNoteText(ProjectionNote? note) => note switch
    {
        ProjectionNote.TooEarlyInPeriod => "too early to project: less than one full year of the period has passed on this basis",
        ProjectionNote.ValueBelowFive => "too early to project: the value is below 5",
        ProjectionNote.PartOfNational => "not projected: a county's or sector's part of a national target",
        ProjectionNote.NotApplicable => "not applicable to the sector chosen",
        _ => null,
    };

    /// <summary>The machine CSV for BI tools: the original sixteen columns first, as they were; the filters and new figures after them.</summary>
    public static string ToCsv(AttainmentResult result)
    {
        var p = result.Parameters;
        var csv = new StringBuilder();
        csv.AppendLine("code,area,title_nb,unit,as_of,basis,target_value,value,numerator,denominator,percent_of_target,expected_by_now,status,projected_2027,will_be_met,required_yearly_pace,"
            + "county,sector,county_structure,applicable,national_value,share_of_national,expected_value,projection_note,realisation_lag_months,"
            + "rate_per_1000,national_rate_per_1000,rank");
        foreach (var t in result.Targets)
        {
            static string N(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
            static string Q(string? text) => text is null ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            csv.Append(CultureInfo.InvariantCulture, $"{t.Target.Code},{t.Target.Area},{Q(t.Target.TitleNb)},{t.Target.Unit},")
               .Append(CultureInfo.InvariantCulture, $"{Format.Iso(p.AsOf)},{p.Basis.ToString().ToLowerInvariant()},")
               .Append(CultureInfo.InvariantCulture, $"{N(t.TargetValue)},{N(t.Value)},{N(t.Numerator)},{N(t.Denominator)},{N(t.PercentOfTarget)},{N(t.ExpectedByNow)},")
               .Append(CultureInfo.InvariantCulture, $"{t.Status},{N(t.ProjectedAt2027)},{(t.WillBeMet is { } met ? (met ? "true" : "false") : "")},{N(t.RequiredYearlyPace)},")
               .Append(CultureInfo.InvariantCulture, $"{p.County},{p.Sector},{(p.Structure == CountyStructureChoice.Today ? "today" : "asof")},{(t.Applicable ? "true" : "false")},")
               .Append(CultureInfo.InvariantCulture, $"{N(t.Part?.NationalValue)},{N(t.Part?.ShareOfNational)},{N(t.ExpectedValue)},{Q(ProjectionNoteText(t.ProjectionNote))},")
               .Append(CultureInfo.InvariantCulture, $"{result.RealisationLagMonths},")
               .Append(CultureInfo.InvariantCulture, $"{N(t.Rate?.RatePer1000)},{N(t.NationalRatePer1000)},{t.Rate?.Rank}")
               .AppendLine();
        }

        return csv.ToString();
    }

    /// <summary>The dashboard's table for a Norwegian Excel: a title, every filter on a line of its own, then one row per target.</summary>
    public static ExcelCsv ToExcelCsv(AttainmentResult result, AttainmentFilters filters, IStringLocalizer T, DateTimeOffset generatedAt)
    {
        var csv = Header(T["Måloppnåelse mot den nasjonale strategien"], filters, T, result.RealisationLagMonths, generatedAt);
        csv.Line(T["Kode"], T["Mål"], T["Enhet"], T["Mål i perioden"], T["Tall"], T["Teller"], T["Nevner"], T["Prosent av målet"], T["Forventet nå"],
            T["Status"], T["Fremskrevet 2027"], T["Nås innen 2027"], T["Nødvendig takt per år"], T["Merknad"], T["Landets tall"], T["Andel av landets tall (%)"],
            T["Forventet andel"], T["Gjelder sektoren"], T["Per 1 000 i gruppen"], T["Landet per 1 000"], T["Rangering"]);
        foreach (var t in result.Targets)
        {
            csv.Line(t.Target.Code, DomainText.Title(t.Target), T[DomainText.Of(t.Target.Unit)], t.TargetValue, t.Value, t.Numerator, t.Denominator,
                t.PercentOfTarget, t.ExpectedByNow, StatusText.Words(T, t), t.ProjectedAt2027,
                t.WillBeMet is { } met ? (met ? T["Ja"] : T["Nei"]).Value : null, t.RequiredYearlyPace, StatusText.ProjectionWords(T, t.ProjectionNote),
                t.Part?.NationalValue, t.Part?.ShareOfNational, t.Part?.ExpectedShare, t.Applicable ? T["Ja"] : T["Nei"],
                t.Rate?.RatePer1000, t.NationalRatePer1000, t.Rate?.Rank);
        }

        return csv;
    }

    /// <summary>A download's header lines: its title, every filter of the page, when it was made.</summary>
    public static ExcelCsv Header(string title, AttainmentFilters filters, IStringLocalizer T, int? lagMonths, DateTimeOffset generatedAt)
    {
        var csv = new ExcelCsv().Line(title);
        foreach (var (label, value) in filters.Describe(T, lagMonths))
        {
            csv.Line(label, value);
        }

        return csv.Line(T["Laget"], Format.DateTime(generatedAt)).BlankLine();
    }

    /// <summary>Every record behind a target's figure, with the list's own county and sector filters, for a Norwegian Excel; links made absolute with <paramref name="origin"/>.</summary>
    public static ExcelCsv CountedRecordsCsv(TargetDetail detail, CountedRecordsQuery records, AttainmentChoices choices, AttainmentFilters filters, IStringLocalizer T, string origin, DateTimeOffset generatedAt)
    {
        var t = detail.Result;
        var csv = Header(T["Postene bak tallet: {0}", DomainText.Title(t.Target)], filters, T, t.LagMonths > 0 ? t.LagMonths : null, generatedAt);
        csv.Line(T["Fylke i listen"], records.RecordCounty is { } rc ? choices.CountyName(rc) ?? rc : T["Alle"]);
        csv.Line(T["Sektor i listen"], records.RecordSector is { } rs ? T[DomainText.Of(rs)] : T["Alle"]);
        csv.BlankLine();
        csv.Line(T["Post"], T["Fylke"], T["Sektor"], T["Utlysningsår"], t.IsShare ? T["Teller"] : T["Bidrag"], t.IsShare ? T["Nevner"] : null, T["Lenke"]);
        foreach (var row in records.Filter(detail.Rows))
        {
            csv.Line(row.Label, row.CountyName, row.Sector is { } s ? T[DomainText.Of(s)] : null, row.CallYear, row.Numerator, t.IsShare ? row.Denominator : null,
                row.Href is { } href ? origin + href : null);
        }

        return csv;
    }

    /// <summary>The counted records' file name: the page's filters, then the list's own.</summary>
    public static string CountedRecordsFileName(string code, CountedRecordsQuery records, AttainmentFilters filters)
    {
        var english = AttainmentFilters.English;
        var listFilters = (records.RecordCounty is { } c ? (english ? "-list-county-" : "-liste-fylke-") + c : "")
            + (records.RecordSector is { } sector ? (english ? "-list-sector-" : "-liste-sektor-") + sector.ToString().ToLowerInvariant() : "");
        var name = filters.FileName((english ? "counted-records-" : "talte-poster-") + code.ToLowerInvariant(), "csv", english);
        return name.Replace(".csv", listFilters + ".csv", StringComparison.Ordinal);
    }
}

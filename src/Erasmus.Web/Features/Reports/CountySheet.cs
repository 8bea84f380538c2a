using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Attainment;

namespace Erasmus.Web.Features.Reports;

/// <summary>
/// The workbook's county sheet: every target's figure in each county, its share of the national figure,
/// and where population figures are loaded its rate per 1 000 of the target's group and its rank among the
/// counties, with the nation's figure and rate beside it. One row per target and county, so the sheet
/// filters and prints like the data sheets. Its texts come from the resources (English workbooks).
/// </summary>
public static class CountySheet
{
    private static readonly string[] Headers =
        ["Mål", "Fylke", "Tall", "Andel av landets tall (%)", "Per 1 000 i gruppen", "Rangering", "Landets tall", "Landet per 1 000", "Kode", "Fylkesnummer"];

    public static string Name(WorkbookText t) => t.Name("Fylke × mål");

    public static SheetLayout Layout => new([50, 22, 11, 14, 14, 11, 13, 14, 26, 12], 4) { Landscape = true };

    private static readonly string[] InstitutionHeaders =
        ["Mål", "Lærested", "Deltakere", "I gruppen", "Per 1 000 i gruppen", "Rangering", "Fylkesnummer", "Alle lærestedene per 1 000", "Kode", "Organisasjons-ID"];

    /// <summary>
    /// Writes the sheet's rows and returns the range its filter covers (the county rows); the higher-education
    /// targets' rates per institution follow under them in a section of their own.
    /// </summary>
    public static string Write(SheetWriter w, AttainmentResult result, CountyRates? rates, WorkbookText t,
        IReadOnlyDictionary<string, InstitutionRateTable>? institutions = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(t);
        w.BeginRow().Text(t.Name("Fylkenes tall, andel av landets tall og rate per 1 000"), CellStyle.Title);
        w.BeginRow().Text(rates is null
            ? t.Name("Fylkene vurderes ikke mot de nasjonale målene. Ingen befolkningstall er lastet for året, så det er ingen rater.")
            : t.Name("Raten er deltakere per 1 000 i målets gruppe i fylket (befolkningstall fra SSB); «nr.» er fylkets plass blant fylkene med befolkningstall, høyeste rate først.")
              + (rates.IsDemo ? " " + t.Name("Demotall: befolkningstallene er oppdiktet for demonstrasjon, ikke hentet fra SSB.") : ""));
        w.BlankRow();
        w.BeginRow();
        foreach (var header in Headers)
        {
            w.Text(t.Name(header), CellStyle.Header);
        }

        foreach (var target in result.Targets.Where(r => r.Applicable))
        {
            var targetRates = rates?.Of(target.Target.Code);
            var national = target.Part?.NationalValue ?? target.Value;
            var counties = target.ByCounty.Select(r => (r.Key, r.Label, Row: (BreakdownRow?)r))
                .Concat((targetRates?.ByCounty.Keys ?? []).Where(k => target.ByCounty.All(r => r.Key != k)).Select(k => (Key: k, Label: CountyLabel(result, k), Row: (BreakdownRow?)null)))
                .OrderBy(c => c.Label, StringComparer.Ordinal);
            foreach (var (key, label, row) in counties)
            {
                var rate = targetRates?.For(key);
                w.BeginRow().Text(t.Title(target.Target)).Text(key.Length == 0 ? t.Name("Uten fylke") : label);
                Figure(w, row?.Value ?? 0, target.IsShare);
                w.Number(CountyShare.OfNational(row?.Value ?? 0, national, row?.Numerator ?? 0, target.Part?.NationalNumerator ?? target.Numerator, target.IsShare), CellStyle.OneDecimal);
                // Rates in the general format: 1.5 rather than a new two-decimal style in the shared stylesheet.
                w.Number(rate?.RatePer1000, CellStyle.Default).Number(rate?.Rank, CellStyle.Default);
                Figure(w, national, target.IsShare);
                w.Number(targetRates?.NationalRatePer1000, CellStyle.Default).Text(target.Target.Code).Text(key);
            }
        }

        var range = SheetWriter.Range(4, w.RowCount, Headers.Length);
        WriteInstitutions(w, result, institutions, t);
        return range;
    }

    /// <summary>The institutions' rates: participants of an institution's own projects per 1 000 of its employees or students.</summary>
    private static void WriteInstitutions(SheetWriter w, AttainmentResult result, IReadOnlyDictionary<string, InstitutionRateTable>? institutions, WorkbookText t)
    {
        var tables = result.Targets.Select(r => (Target: r, Table: institutions?.GetValueOrDefault(r.Target.Code))).Where(x => x.Table is { Rows.Count: > 0 }).ToList();
        if (tables.Count == 0)
        {
            return;
        }

        w.BlankRow();
        w.BeginRow().Text(t.Name("Lærestedene: deltakere per 1 000 ansatte eller studenter"), CellStyle.Title);
        w.BeginRow().Text(t.Name("Et lærested teller deltakerne i prosjektene det selv koordinerer, per 1 000 av sine egne ansatte eller studenter; «nr.» er plassen blant lærestedene med tall, høyeste rate først. Lærestedenes tall legges ikke til fylkenes.")
            + (tables.Any(x => x.Table!.IsDemo) ? " " + t.Name("Demotall: befolkningstallene er oppdiktet for demonstrasjon, ikke hentet fra SSB.") : ""));
        w.BeginRow();
        foreach (var header in InstitutionHeaders)
        {
            w.Text(t.Name(header), CellStyle.Header);
        }

        foreach (var (target, table) in tables)
        {
            foreach (var row in table!.Rows)
            {
                w.BeginRow().Text(t.Title(target.Target)).Text(row.Name).Number(row.Participants).Number(row.Population)
                    .Number(row.RatePer1000, CellStyle.Default).Number(row.Rank, CellStyle.Default).Text(row.CountyNumber)
                    .Number(table.AllRatePer1000, CellStyle.Default).Text(target.Target.Code).Number(row.InstitutionId, CellStyle.Default);
            }
        }
    }

    private static string CountyLabel(AttainmentResult result, string key) =>
        result.Targets.SelectMany(r => r.ByCounty).FirstOrDefault(r => r.Key == key)?.Label ?? key;

    private static void Figure(SheetWriter w, decimal value, bool isShare)
    {
        if (isShare)
        {
            w.Percent(value);
        }
        else
        {
            w.Number(value);
        }
    }
}

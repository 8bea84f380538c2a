using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Reports;

/// <summary>One series of a figure: its name, a CSS class / colour key, and a value per category (null: none).</summary>
public sealed record FigureSeries(string Name, string Key, IReadOnlyList<decimal?> Values);

/// <summary>
/// A figure of the status chapter, defined once from the calculator's result: the workbook draws it as a
/// native chart from its cells, the report page as SVG. Share values are in percent points.
/// </summary>
public sealed record StatusFigure(
    string Number,
    string Title,
    string CategoryHeader,
    IReadOnlyList<string> Categories,
    IReadOnlyList<FigureSeries> Series,
    string AxisTitle,
    bool Percent = false,
    bool Stacked = false,
    bool Columns = false,
    IReadOnlyList<string>? Codes = null,
    decimal? MajorUnit = null)
{
    /// <summary>Every value with its category and series, for a text alternative.</summary>
    public IEnumerable<(string Category, string Series, decimal? Value)> Points() =>
        Categories.SelectMany((c, i) => Series.Select(s => (c, s.Name, s.Values[i])));
}

/// <summary>
/// The figures of the 2021 report's chapter 4 (figures 4.1–4.7) in its order, then the figure by call
/// year per area and the county comparison: the same list for the workbook and the report page.
/// </summary>
public static class StatusFigures
{
    public const string ValueKey = "value";
    public const string ExpectedKey = "expected";
    public const string TargetKey = "target";

    public static IReadOnlyList<StatusFigure> Build(AttainmentResult result, CountyMatrix matrix, WorkbookText t)
    {
        var date = t.LongDate(result.Parameters.AsOf);
        var targets = result.Targets.Where(x => x.Applicable).ToList();
        List<TargetResult> Of(params MetricKind[] kinds) => [.. targets.Where(x => kinds.Contains(x.Target.MetricKind))];
        var figures = new List<StatusFigure>();
        var number = 0;
        string Next() => $"4.{++number}";

        void Attainment(IReadOnlyList<TargetResult> items, string title)
        {
            if (items.Count == 0)
            {
                return;
            }

            var share = items[0].IsShare;
            List<FigureSeries> series =
            [
                new(t.T["Status"], ValueKey, [.. items.Select(x => (decimal?)x.Value)]),
                .. share ? Array.Empty<FigureSeries>() : [new FigureSeries(t.T["rapport|Forventet nå"], ExpectedKey, [.. items.Select(x => (decimal?)x.ExpectedByNow)])],
                new(t.T["Mål"], TargetKey, [.. items.Select(x => (decimal?)x.TargetValue)]),
            ];
            figures.Add(new StatusFigure(Next(), title, t.T["Mål"], [.. items.Select(x => t.Title(x.Target))], series,
                share ? t.T["Prosent"] : Unit(t, items), Percent: share, Codes: [.. items.Select(x => x.Target.Code)]));
        }

        static string Unit(WorkbookText t, IReadOnlyList<TargetResult> items) => items.All(x => x.Target.Unit == TargetUnit.Participants)
            ? t.T["Deltakere"]
            : t.T["Antall"];

        string Denominator(IReadOnlyList<TargetResult> items) => items.Count > 0 && items[0].Denominator is { } n ? $" (N={n:0})" : "";

        // 4.1: every mobility target against its target and the value expected by now.
        Attainment(Of(MetricKind.MobilityParticipants), string.Format(t.Culture, t.T["Måloppnåelse for utveksling per {0}"], date));

        // 4.2: the county authorities' accreditations by sector.
        if (matrix.Rows.Count > 0)
        {
            figures.Add(new StatusFigure(Next(), t.T["Akkrediteringer per fylke og sektor"], t.T["Fylke"],
                [.. matrix.Rows.Select(r => r.CountyName)],
                [.. DomainVocabulary.AccreditationSectors.Select(s => new FigureSeries(t.Sector(s), s.ToString().ToLowerInvariant(),
                    [.. matrix.Rows.Select(r => (decimal?)(r.Sectors.TryGetValue(s, out var held) && held ? 1 : 0))]))],
                t.T["Sektorer med akkreditering"], Stacked: true, MajorUnit: 1));
        }

        // 4.3–4.5: partnerships and organisations, the working-life share, the prestige actions.
        Attainment(Of(MetricKind.Partnerships, MetricKind.NewcomerCoordinators, MetricKind.SportOrganisations),
            string.Format(t.Culture, t.T["Måloppnåelse for partnerskap, nye institusjoner og idrettsorganisasjoner per {0}"], date));
        var workingLife = Of(MetricKind.WorkingLifeShare);
        Attainment(workingLife, t.T["Andel norskkoordinerte partnerskap som involverer arbeids- og næringsliv"]
            + Denominator(workingLife));
        Attainment(Of(MetricKind.CentralisedProjects), string.Format(t.Culture, t.T["Måloppnåelse for norsk deltakelse i prestisjetiltak per {0}"], date));

        // 4.6–4.7: funding and blended shares of projects, topic shares of partnerships.
        var flags = Of(MetricKind.FlagShare);
        Attainment(flags, string.Format(t.Culture, t.T["Måloppnåelse for norskkoordinerte prosjekter per {0}"], date)
            + Denominator(flags));
        var topics = Of(MetricKind.TopicShare);
        Attainment(topics, t.T["Andel norskkoordinerte partnerskap med de tre samfunnsutfordringene som tematikk"]
            + Denominator(topics));

        // Each area's figure by call year (counts and shares apart: they share no axis).
        var years = Enumerable.Range(DomainVocabulary.FirstCallYear, Math.Max(1, Math.Min(result.Parameters.AsOf.Year, DomainVocabulary.LastCallYear) - DomainVocabulary.FirstCallYear + 1))
            .ToList();
        foreach (var group in targets.Where(x => x.ByCallYear.Count > 0).GroupBy(x => (x.Target.Area, x.IsShare)))
        {
            var items = group.ToList();
            var byYear = items.Select(x => x.ByCallYear.ToDictionary(p => p.Year, p => p.Value)).ToList();
            figures.Add(new StatusFigure(Next(),
                string.Format(t.Culture, group.Key.IsShare ? t.T["{0} etter utlysningsår (andel)"] : t.T["{0} etter utlysningsår"], t.Area(group.Key.Area)),
                t.T["Utlysningsår"], [.. years.Select(y => y.ToString(t.Culture))],
                [.. items.Select((x, i) => new FigureSeries(t.Title(x.Target), x.Target.Code, [.. years.Select(y => byYear[i].TryGetValue(y, out var v) ? v : (decimal?)null)]))],
                group.Key.IsShare ? t.T["Prosent"] : Unit(t, items), Percent: group.Key.IsShare, Columns: true));
        }

        // The county comparison: each mobility target's participants by county.
        var mobility = Of(MetricKind.MobilityParticipants).Where(x => x.ByCounty.Count > 0).ToList();
        if (mobility.Count > 0)
        {
            var counties = mobility.SelectMany(x => x.ByCounty).Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            figures.Add(new StatusFigure(Next(), string.Format(t.Culture, t.T["Mobilitet per fylke per {0}"], date), t.T["Fylke"], counties,
                [.. mobility.Select(x => new FigureSeries(t.Title(x.Target), x.Target.Code,
                    [.. counties.Select(c => x.ByCounty.FirstOrDefault(r => r.Label == c)?.Value is { } v ? v : (decimal?)0)]))],
                t.T["Deltakere"], Stacked: true));
        }

        return figures;
    }
}

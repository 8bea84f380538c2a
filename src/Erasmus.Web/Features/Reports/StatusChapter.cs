using System.Globalization;
using System.Text.Json;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Reports;

/// <summary>One target's row of a report table with the sentences written from its figures.</summary>
public sealed record ChapterTarget(TargetResult Result, string Title, IReadOnlyList<string> Sentences);

/// <summary>A table of the chapter ("Tabell 4.1 …") with its targets.</summary>
public sealed record ChapterTable(string Number, string Title, IReadOnlyList<ChapterTarget> Targets);

/// <summary>A section of the chapter in the order of the 2021 report: its tables, its figures and the targets' sentences.</summary>
public sealed record ChapterSection(string Id, string Heading, string Lead, IReadOnlyList<ChapterTable> Tables, IReadOnlyList<StatusFigure> Figures);

/// <summary>
/// The status chapter as HK-dir publishes it (seed 001, chapter 4): mobility (with the county
/// authorities), partnerships, societal challenges, the figures by call year and county, then the
/// method and the caveats. Built from the calculator's result only, so every figure in a sentence is
/// the figure in the tables, the workbook and the API.
/// </summary>
public sealed record StatusChapter(AttainmentResult Result, CountyMatrix Matrix, IReadOnlyList<ChapterSection> Sections, IReadOnlyList<StatusFigure> Figures,
    IReadOnlyList<(string Heading, string Text)> Method, IReadOnlyList<string> Caveats)
{
    public static StatusChapter Build(AttainmentResult result, CountyMatrix matrix, WorkbookText t)
    {
        var figures = StatusFigures.Build(result, matrix, t);
        var date = t.LongDate(result.Parameters.AsOf);
        var month = t.MonthAndYear(result.Parameters.AsOf);
        ChapterTarget Row(TargetResult r) => new(r, t.Title(r.Target), StatusSentences.For(r, result.Parameters, matrix, t));
        List<ChapterTarget> Area(TargetArea area) => [.. result.Targets.Where(r => r.Target.Area == area && r.Applicable).Select(Row)];
        StatusFigure[] Figures(params string[] numbers) => [.. figures.Where(f => numbers.Contains(f.Number, StringComparer.Ordinal))];

        var sections = new List<ChapterSection>
        {
            new("mobilitet", t.T["4.1 Status for mobilitet"],
                result.Parameters.Basis == CountingBasis.Awarded
                    ? t.T["Tallene som presenteres, reflekterer tildelte mobiliteter. Det endelige antallet som reiser ut, kan derfor bli flere eller færre."]
                    : t.T["Tallene som presenteres, reflekterer gjennomførte mobiliteter som var avsluttet på datoen."],
                [
                    new("4.1", string.Format(t.Culture, t.T["Mobilitet – mål og status per {0}"], month), Area(TargetArea.Mobility)),
                    new("4.2", string.Format(t.Culture, t.T["Fylkeskommunene – mål og status per {0}"], month), Area(TargetArea.Counties)),
                ],
                Figures("4.1", "4.2")),
            new("partnerskap", t.T["4.2 Status for partnerskap for samarbeid"],
                t.T["Partnerskap for samarbeid omfatter partnerskap mellom utdanningsinstitusjoner, relevante organisasjoner og arbeidsliv."],
                [new("4.3", string.Format(t.Culture, t.T["Partnerskap – mål og status per {0}"], month), Area(TargetArea.Partnerships))],
                Figures("4.3", "4.4", "4.5")),
            new("samfunnsutfordringer", t.T["4.3 Status for arbeidet med samfunnsutfordringer"],
                t.T["Målene gjelder alle norskkoordinerte prosjekter og partnerskap i hele utdanningssektoren."],
                [new("4.4", string.Format(t.Culture, t.T["Samfunnsutfordringer – mål og status per {0}"], month), Area(TargetArea.Societal))],
                Figures("4.6", "4.7")),
        };
        var shown = sections.SelectMany(s => s.Figures).Select(f => f.Number).ToHashSet(StringComparer.Ordinal);
        sections.Add(new("utvikling", t.T["4.4 Utvikling etter utlysningsår og fylke"],
            string.Format(t.Culture, t.T["Tallene per {0} fordelt på prosjektenes utlysningsår og på fylkene."], date),
            [], [.. figures.Where(f => !shown.Contains(f.Number))]));

        return new StatusChapter(result, matrix, sections, figures, MethodText.General(t, result.Parameters, result.RealisationLagMonths), CaveatsOf(result, t));
    }

    /// <summary>The caveats the 2021 report states, with this report's own figures.</summary>
    private static List<string> CaveatsOf(AttainmentResult result, WorkbookText t)
    {
        var caveats = new List<string>();
        if (result.Parameters.Basis == CountingBasis.Awarded)
        {
            caveats.Add(t.T["Tallene gjelder tildelte mobiliteter. Det endelige antallet som reiser ut, kan bli flere eller færre."]);
        }
        else
        {
            caveats.Add(string.Format(t.Culture, t.T["Gjennomførte mobiliteter kommer etter tildelingene: forventet verdi er derfor forskjøvet {0} måneder."], result.RealisationLagMonths ?? 0));
        }

        caveats.Add(t.T["Prosjekter fra forrige programperiode telles ikke, selv om mobilitetene gjennomføres i 2021 eller senere. Den faktiske aktiviteten i Erasmus+ er derfor høyere enn disse tallene viser."]);
        if (result.Targets.FirstOrDefault(r => r.Target.MetricKind == MetricKind.WorkingLifeShare) is { Denominator: { } partnerships })
        {
            caveats.Add(string.Format(t.Culture, t.T["Andelene bygger på {0} norskkoordinerte partnerskap. Så tidlig i perioden får hvert prosjekt stor innvirkning på prosentandelene."], StatusSentences.Number(partnerships, t)));
        }

        caveats.Add(t.T["Tallene beskriver situasjonen på datoen slik dataene nå viser den; et øyeblikksbilde bevarer tallene slik de ble vist en bestemt dag."]);
        return caveats;
    }
}

/// <summary>Two or three sentences per target, written from its figures in the report's words.</summary>
public static class StatusSentences
{
    public static IReadOnlyList<string> For(TargetResult r, AttainmentParameters p, CountyMatrix matrix, WorkbookText t)
    {
        var date = t.LongDate(p.AsOf);
        var sentences = new List<string> { Figure(r, p, matrix, t, date) };
        if (r.IsShare)
        {
            sentences.Add(r.Status == AttainmentStatus.Reached
                ? string.Format(t.Culture, t.T["Det er over målet på {0}."], Percent(r.TargetValue, t))
                : string.Format(t.Culture, t.T["Det er under målet på {0}; status er «{1}»."],
                    Percent(r.TargetValue, t), t.Status(r.Status)));
            return sentences;
        }

        sentences.Add(r.Status == AttainmentStatus.Reached
            ? t.T["Målet er nådd."]
            : string.Format(t.Culture, t.T["Med en jevn opptrapping mot 2027 burde tallet nå vært {0}{1}; status er «{2}»."],
                Number(r.ExpectedByNow, t),
                r.LagMonths > 0 ? string.Format(t.Culture, t.T[" (linjen forskjøvet {0} måneder for gjennomføring)"], r.LagMonths) : "",
                t.Status(r.Status)));
        if (r.ProjectedAt2027 is { } projected)
        {
            sentences.Add(string.Format(t.Culture, r.WillBeMet == true
                    ? t.T["Med dagens tempo blir tallet {0} ved utgangen av 2027, og målet nås."]
                    : t.T["Med dagens tempo blir tallet {0} ved utgangen av 2027, og målet nås ikke uten {1} per år resten av perioden."],
                Number(projected, t), Number(r.RequiredYearlyPace ?? 0, t)));
        }
        else if (r.ProjectionNote is ProjectionNote.TooEarlyInPeriod or ProjectionNote.ValueBelowFive)
        {
            sentences.Add(r.ProjectionNote == ProjectionNote.TooEarlyInPeriod
                ? t.T["Det er for tidlig å fremskrive tallet: mindre enn ett helt år av perioden er gått."]
                : t.T["Det er for tidlig å fremskrive tallet: verdien er under 5."]);
        }

        return sentences;
    }

    /// <summary>The first sentence: what the figure is, in the target's own words.</summary>
    private static string Figure(TargetResult r, AttainmentParameters p, CountyMatrix matrix, WorkbookText t, string date)
    {
        var value = Number(r.Value, t);
        var ofTarget = Percent(r.PercentOfTarget ?? 0, t);
        var target = r.IsShare ? Percent(r.TargetValue, t) : Number(r.TargetValue, t);
        var parameters = Parameters(r.Target);
        switch (r.Target.MetricKind)
        {
            case MetricKind.MobilityParticipants:
                var who = People(r.Target, t);
                return p.Basis == CountingBasis.Awarded
                    ? string.Format(t.Culture, t.T["Per {0} er det tildelt midler til {1} {2}, {3} av målet på {4}."],
                        date, value, who, ofTarget, target)
                    : string.Format(t.Culture, t.T["Per {0} har {1} {2} gjennomført en utveksling, {3} av målet på {4}."],
                        date, value, who, ofTarget, target);
            case MetricKind.CountyAuthoritiesAccredited:
                return string.Format(t.Culture, t.T["Per {0} er {1} av {2} fylkeskommuner akkreditert i minst to sektorer ({3}), og ytterligere {4} i én sektor. Målet er at samtlige skal være det."],
                    date, Number(r.Numerator ?? matrix.WithTwoOrMore, t), Number(r.Denominator ?? matrix.Rows.Count, t), Percent(r.Value, t), Number(matrix.WithExactlyOne, t));
            case MetricKind.Partnerships:
                return string.Format(t.Culture, t.T["Per {0} deltar norske institusjoner i {1} partnerskap, {2} av målet på {3}."],
                    date, value, ofTarget, target);
            case MetricKind.NewcomerCoordinators:
                return string.Format(t.Culture, t.T["Per {0} koordinerer {1} organisasjoner uten tidligere deltakelse i Erasmus+ et partnerskap, {2} av målet på {3}."], date, value, ofTarget, target);
            case MetricKind.SportOrganisations:
                return string.Format(t.Culture, t.T["Per {0} deltar {1} organisasjoner fra idrettssektoren i partnerskap, {2} av målet på {3}."], date, value, ofTarget, target);
            case MetricKind.CentralisedProjects:
                var action = parameters.GetValueOrDefault("action") == "TeacherAcademy"
                    ? t.T["europeiske lærerakademier"]
                    : t.T["sentre for fremragende fag- og yrkesopplæring (CoVE)"];
                return string.Format(t.Culture, t.T["Per {0} deltar norske institusjoner som koordinator eller partner i {1} {2}, {3} av målet på {4}."], date, value, action, ofTarget, target);
            case MetricKind.WorkingLifeShare:
                return string.Format(t.Culture, t.T["Per {0} har {1} av {2} norskkoordinerte partnerskap ({3}) minst én aktør fra arbeids- og næringslivet."],
                    date, Number(r.Numerator ?? 0, t), Number(r.Denominator ?? 0, t), Percent(r.Value, t));
            case MetricKind.TopicShare:
                var topic = parameters.GetValueOrDefault("topic") switch
                {
                    "sustainability" => t.T["bærekraft"],
                    "inclusion" => t.T["inkludering eller integrering"],
                    _ => t.T["digitalisering"],
                };
                return string.Format(t.Culture, t.T["Per {0} har {1} av {2} norskkoordinerte partnerskap ({3}) {4} som tematikk."],
                    date, Number(r.Numerator ?? 0, t), Number(r.Denominator ?? 0, t), Percent(r.Value, t), topic);
            case MetricKind.FlagShare:
                var flag = parameters.GetValueOrDefault("flag") switch
                {
                    "green-travel" => t.T["fått ekstra midler til grønne reiser"],
                    "inclusion-support" => t.T["fått ekstra midler til inkludering"],
                    _ => t.T["i setning|kombinert fysisk og digital mobilitet"],
                };
                return string.Format(t.Culture, t.T["Per {0} har {1} av {2} norskkoordinerte prosjekter ({3}) {4}."],
                    date, Number(r.Numerator ?? 0, t), Number(r.Denominator ?? 0, t), Percent(r.Value, t), flag);
            default:
                return string.Format(t.Culture, t.T["Per {0} er tallet for «{1}» {2}, {3} av målet på {4}."],
                    date, t.Title(r.Target), value, ofTarget, target);
        }
    }

    /// <summary>"elever og lærlinger i fag- og yrkesopplæring" from "Elever og lærlinger i fag- og yrkesopplæring på utveksling".</summary>
    private static string People(TargetDefinition target, WorkbookText t)
    {
        var title = t.Title(target);
        var suffix = t.T[" på utveksling"];
        if (!title.EndsWith(suffix, StringComparison.Ordinal))
        {
            return string.Format(t.Culture, t.T["deltakere i målet «{0}»"], title);
        }

        var people = title[..^suffix.Length];
        // "VET learners" keeps its capitals; "Elever" becomes "elever" in the middle of a sentence.
        return people.Length > 1 && char.IsUpper(people[0]) && char.IsLower(people[1]) ? char.ToLower(people[0], t.Culture) + people[1..] : people;
    }

    private static Dictionary<string, string> Parameters(TargetDefinition target)
    {
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(target.MetricParameters) ? "{}" : target.MetricParameters);
        return json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    /// <summary>"10 000" / "10,000"; one decimal only where the figure has one.</summary>
    public static string Number(decimal value, WorkbookText t) =>
        value.ToString(value == decimal.Truncate(value) ? "N0" : "N1", t.Culture);

    /// <summary>Percent points as "5,7 %" / "5.7%".</summary>
    public static string Percent(decimal percentPoints, WorkbookText t) => (percentPoints / 100m).ToString("P1", t.Culture);

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

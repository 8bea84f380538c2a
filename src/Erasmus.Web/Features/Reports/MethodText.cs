using System.Globalization;
using System.Text.Json;
using Erasmus.Domain.Attainment;

namespace Erasmus.Web.Features.Reports;

/// <summary>The counting rules in plain language, for the Metode sheet: the general rules, then one rule per target.</summary>
public static class MethodText
{
    /// <param name="lagMonths">The realisation lag used on the realised basis; null on the awarded basis.</param>
    public static IReadOnlyList<(string Heading, string Text)> General(WorkbookText t, AttainmentParameters p, int? lagMonths = null) =>
    [
        (t.T["Grunnlag"], p.Basis == CountingBasis.Awarded
            ? t.T["Tildelt: mobilitetene som er innvilget i prosjektvedtak (tildelt antall per aktivitetstype i hvert prosjekt). Prosjekter teller når de er innvilget (innvilget, pågår, avsluttet eller terminert) og vedtaket er fattet senest på datoen, ikke når de er søkt eller avslått. Dette er grunnlaget for HK-dirs publiserte status."]
            : t.T["Gjennomført: registrerte mobiliteter med status gjennomført som var avsluttet senest på datoen. Planlagte og avlyste mobiliteter teller ikke."]),
        (t.T["Grunnlaget og de andre målene"],
            t.T["Grunnlaget endrer bare mobilitetsmålene. Partnerskap, organisasjoner, akkrediteringer og andeler telles fra innvilgede prosjekter på begge grunnlag."]),
        (t.T["rapport|Per dato"],
            t.T["Tallene beskriver situasjonen på datoen slik dataene nå viser den: prosjekter vedtatt senest på datoen, akkrediteringer vedtatt senest på datoen og gyldige på datoen, og målverdiene som gjaldt på datoen."]),
        (t.T["Programperioden"],
            t.T["Perioden er 2021–2027 (utlysningsårene 2021 til 2027). Prosjekter fra tidligere utlysninger hører til forrige periode og teller aldri, selv om de varte inn i 2021."]),
        (t.T["Hvem som telles i et mobilitetsmål"],
            t.T["Utgående deltakere. Innkommende mobiliteter (inviterte eksperter, vertskap for lærere, innkommende elever) vises, men telles aldri. Ledsagere telles aldri. En gruppemobilitet teller hver deltaker. Hvert mål teller bestemte aktivitetstyper, se tabellen under."]),
        (t.T["Partnerskap"],
            t.T["Prosjekter i tiltakene KA210 og KA220 (alle sektorer, også ungdom og idrett) og sentraliserte samarbeidspartnerskap i idrett. Et partnerskap teller for Norge når en norsk organisasjon er koordinator eller partner. Sentre for fremragende yrkesopplæring (CoVE) og lærerakademier telles av egne mål."]),
        (t.T["Prosjektets fylke"],
            t.T["Et prosjekt hører til den norske koordinatorens fylke; når koordinatoren er utenlandsk, til fylket til den første norske partneren (lavest fylkesnummer)."]),
        (t.T["Fylkesstruktur"],
            t.T["Før 2024 vises fylkene i strukturen som gjaldt på datoen: et fylke fra 2024 telles i fylket det var del av i 2020–2023. Velges dagens struktur, vises et oppløst fylkes egne organisasjoner under dets navn."]),
        (t.T["rapport|Forventet nå"],
            t.T["For antall går forventet verdi i en rett linje fra 0 den 1. januar 2021 til målet 31. desember 2027, i hele tall. For andeler er målet forventet fra start."]
            + (lagMonths is { } lag
                ? " " + string.Format(t.Culture, t.T["På gjennomført grunnlag er linjen forskjøvet med realiseringsforsinkelsen, her {0} måneder: mediantiden fra prosjektvedtak til avsluttet mobilitet for de gjennomførte mobilitetene som telles per datoen (12 måneder så lenge de er færre enn 100)."], lag)
                : "")),
        (t.T["Fremskrivning"],
            t.T["Dagens tempo videreført til 31. desember 2027 (på gjennomført grunnlag med forsinkelsen lagt til), om målet da nås, og hvilket tempo per år resten av perioden krever. En andel fremskrives som den er. Før ett helt år av perioden er gått, eller mens verdien er under 5, er det for tidlig å fremskrive."]),
        (t.T["Fylkes- og sektorvisninger"],
            t.T["De nasjonale målene er ikke fordelt på fylker. Et fylkes tall vises med andelen av landets tall og vurderes ikke mot det nasjonale målet. Mål som ikke hører til sektoren som er valgt, er merket «gjelder ikke»."]),
        (t.T["Status"], string.Format(t.Culture, t.T["«Nådd» når verdien er minst målet; ellers «Foran skjema» når verdien er minst {0} av forventet nå, «I rute» fra {1}, «Bak skjema» fra {2}, ellers «I fare»."],
            AttainmentCalculator.AheadFrom.ToString("P0", t.Culture), AttainmentCalculator.OnTrackFrom.ToString("P0", t.Culture),
            AttainmentCalculator.BehindFrom.ToString("P0", t.Culture))),
        (t.T["Datafanene"],
            t.T["«Prosjekter» viser hvert prosjekt som telles av et prosjekt- eller mobilitetsmål, med én kolonne per mål: deltakere for mobilitetsmål, 1 for et talt prosjekt, og for andeler 1 (i telleren) eller 0 (bare i nevneren). Summen av en kolonne er målets verdi (for andeler telleren; antall utfylte celler er nevneren). «Mobiliteter» viser hver linje som telles, med målet den teller for; summen av deltakere per mål er målets verdi. Over Excels radgrense fortsetter radene i neste fane."]),
    ];

    /// <summary>The rule of one target, from its metric kind and parameters.</summary>
    public static string Rule(WorkbookText t, TargetDefinition target)
    {
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(target.MetricParameters) ? "{}" : target.MetricParameters);
        var root = json.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
        string List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? string.Join(", ", v.EnumerateArray().Select(e => e.GetString()))
            : "";

        return target.MetricKind switch
        {
            MetricKind.MobilityParticipants => Text("sector") is { Length: > 0 } sector
                ? string.Format(t.Culture, t.T["Deltakere i aktivitetstypene {0} i prosjekter i sektoren {1}."], List("activityTypes"), sector)
                : string.Format(t.Culture, t.T["Deltakere i aktivitetstypene {0}."], List("activityTypes")),
            MetricKind.CountyAuthoritiesAccredited => string.Format(t.Culture,
                t.T["Fylkeskommuner i kraft på datoen som selv eller som konsortiekoordinator har akkrediteringer i kraft i minst {0} av sektorene {1}, delt på antall fylkeskommuner i kraft (10 før 2024, 14 fra 2024; Oslo er ikke fylkeskommune)."],
                root.TryGetProperty("minSectors", out var min) ? min.GetInt32() : 2, List("sectors")),
            MetricKind.Partnerships => t.T["Innvilgede partnerskap med en norsk koordinator eller partner, hvert prosjekt én gang."],
            MetricKind.NewcomerCoordinators => t.T["Norske organisasjoner som koordinerer et partnerskap uten å ha deltatt i Erasmus+ før partnerskapets utlysningsår (ethvert prosjekt, enhver rolle, enhver periode, også et registrert første deltakelsesår). Hver organisasjon telles én gang."],
            MetricKind.SportOrganisations => t.T["Ulike norske organisasjoner som deltar (koordinator eller partner) i partnerskap i idrettssektoren; hver organisasjon telles én gang uansett antall prosjekter."],
            MetricKind.WorkingLifeShare => t.T["Norskkoordinerte partnerskap med minst én organisasjon fra arbeidslivet (bedrift, lærebedrift, partsorganisasjon, bransje- eller næringsforening; koordinator eller partner, ethvert land), delt på alle norskkoordinerte partnerskap."],
            MetricKind.CentralisedProjects => string.Format(t.Culture, t.T["Innvilgede prosjekter av typen {0} med en norsk koordinator eller partner."], Text("action")),
            MetricKind.TopicShare => string.Format(t.Culture, t.T["Norskkoordinerte partnerskap med temaet «{0}», delt på alle norskkoordinerte partnerskap."], Text("topic")),
            MetricKind.FlagShare => string.Format(t.Culture, t.T["Norskkoordinerte prosjekter i tiltakene HK-dir forvalter (KA121, KA122, KA131, KA151–KA155, KA182, KA210, KA220) med «{0}», delt på alle slike prosjekter."], Flag(t, Text("flag"))),
            _ => target.MetricKind.Code(),
        };
    }

    private static string Flag(WorkbookText t, string flag) => flag switch
    {
        "green-travel" => t.T["ekstra midler til grønne reiser"],
        "inclusion-support" => t.T["ekstra midler til inkludering"],
        "blended" => t.T["kombinert fysisk og digital mobilitet"],
        _ => flag.ToString(CultureInfo.InvariantCulture),
    };
}

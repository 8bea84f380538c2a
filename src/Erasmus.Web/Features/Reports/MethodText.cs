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
        (t.T("Grunnlag", "Basis"), p.Basis == CountingBasis.Awarded
            ? t.T("Tildelt: mobilitetene som er innvilget i prosjektvedtak (tildelt antall per aktivitetstype i hvert prosjekt). Prosjekter teller når de er innvilget (innvilget, pågår, avsluttet eller terminert) og vedtaket er fattet senest på datoen, ikke når de er søkt eller avslått. Dette er grunnlaget for HK-dirs publiserte status.",
                "Awarded: the mobilities granted in project decisions (the awarded number per activity type in each project). Projects count when granted (granted, ongoing, completed or terminated) and decided on or before the date, not when applied for or rejected. This is the basis of HK-dir's published status.")
            : t.T("Gjennomført: registrerte mobiliteter med status gjennomført som var avsluttet senest på datoen. Planlagte og avlyste mobiliteter teller ikke.",
                "Realised: registered mobility records with status realised that ended on or before the date. Planned and cancelled records do not count.")),
        (t.T("Grunnlaget og de andre målene", "The basis and the other targets"),
            t.T("Grunnlaget endrer bare mobilitetsmålene. Partnerskap, organisasjoner, akkrediteringer og andeler telles fra innvilgede prosjekter på begge grunnlag.",
                "The basis only changes the mobility targets. Partnerships, organisations, accreditations and shares are counted from granted projects on both bases.")),
        (t.T("Per dato", "As of"),
            t.T("Tallene beskriver situasjonen på datoen slik dataene nå viser den: prosjekter vedtatt senest på datoen, akkrediteringer vedtatt senest på datoen og gyldige på datoen, og målverdiene som gjaldt på datoen.",
                "The figures describe the situation on the date as the data now records it: projects decided on or before the date, accreditations decided on or before the date and valid on it, and the target values in force on the date.")),
        (t.T("Programperioden", "Programme period"),
            t.T("Perioden er 2021–2027 (utlysningsårene 2021 til 2027). Prosjekter fra tidligere utlysninger hører til forrige periode og teller aldri, selv om de varte inn i 2021.",
                "The period is 2021–2027 (call years 2021 to 2027). Projects of earlier calls belong to the previous period and never count, even when they ran into 2021.")),
        (t.T("Hvem som telles i et mobilitetsmål", "Who counts in a mobility target"),
            t.T("Utgående deltakere. Innkommende mobiliteter (inviterte eksperter, vertskap for lærere, innkommende elever) vises, men telles aldri. Ledsagere telles aldri. En gruppemobilitet teller hver deltaker. Hvert mål teller bestemte aktivitetstyper, se tabellen under.",
                "Outgoing participants. Incoming mobilities (invited experts, hosted teachers, incoming pupils) are shown but never counted. Accompanying persons are never counted. A group record counts each participant. Each target counts certain activity types, see the table below.")),
        (t.T("Partnerskap", "Partnerships"),
            t.T("Prosjekter i tiltakene KA210 og KA220 (alle sektorer, også ungdom og idrett) og sentraliserte samarbeidspartnerskap i idrett. Et partnerskap teller for Norge når en norsk organisasjon er koordinator eller partner. Sentre for fremragende yrkesopplæring (CoVE) og lærerakademier telles av egne mål.",
                "Projects of the actions KA210 and KA220 (any sector, youth and sport included) and centralised sport cooperation partnerships. A partnership counts for Norway when a Norwegian organisation is its coordinator or a partner. CoVE and Teacher Academy projects are counted by their own targets.")),
        (t.T("Prosjektets fylke", "A project's county"),
            t.T("Et prosjekt hører til den norske koordinatorens fylke; når koordinatoren er utenlandsk, til fylket til den første norske partneren (lavest fylkesnummer).",
                "A project belongs to its Norwegian coordinator's county; when the coordinator is foreign, to the county of its first Norwegian partner (lowest county number).")),
        (t.T("Fylkesstruktur", "County structure"),
            t.T("Før 2024 vises fylkene i strukturen som gjaldt på datoen: et fylke fra 2024 telles i fylket det var del av i 2020–2023. Velges dagens struktur, vises et oppløst fylkes egne organisasjoner under dets navn.",
                "Before 2024 the counties are shown in the structure in force on the date: a county of 2024 counts in the county it was part of in 2020–2023. With today's structure, a dissolved county's own organisations are shown under its name.")),
        (t.T("Forventet nå", "Expected by now"),
            t.T("For antall går forventet verdi i en rett linje fra 0 den 1. januar 2021 til målet 31. desember 2027, i hele tall. For andeler er målet forventet fra start.",
                "For counts the expected value follows a straight line from 0 on 1 January 2021 to the target on 31 December 2027, in whole numbers. For shares the target is expected from the start.")
            + (lagMonths is { } lag
                ? " " + string.Format(t.Culture, t.T(
                    "På gjennomført grunnlag er linjen forskjøvet med realiseringsforsinkelsen, her {0} måneder: mediantiden fra prosjektvedtak til avsluttet mobilitet for de gjennomførte mobilitetene som telles per datoen (12 måneder så lenge de er færre enn 100).",
                    "On the realised basis the line is shifted by the realisation lag, here {0} months: the median time from project decision to mobility end over the realised mobilities counted as of the date (12 months while there are fewer than 100)."), lag)
                : "")),
        (t.T("Fremskrivning", "Projection"),
            t.T("Dagens tempo videreført til 31. desember 2027 (på gjennomført grunnlag med forsinkelsen lagt til), om målet da nås, og hvilket tempo per år resten av perioden krever. En andel fremskrives som den er. Før ett helt år av perioden er gått, eller mens verdien er under 5, er det for tidlig å fremskrive.",
                "The current pace carried to 31 December 2027 (on the realised basis with the lag added), whether the target is then met, and the yearly pace the rest of the period needs. A share is projected to stay where it is. Before one full year of the period has passed, or while the value is below 5, it is too early to project.")),
        (t.T("Fylkes- og sektorvisninger", "County and sector views"),
            t.T("De nasjonale målene er ikke fordelt på fylker. Et fylkes tall vises med andelen av landets tall og vurderes ikke mot det nasjonale målet. Mål som ikke hører til sektoren som er valgt, er merket «gjelder ikke».",
                "The national targets are not split by county. A county's figure is shown with its share of the national figure and is not judged against the national target. Targets that do not belong to the sector chosen are marked not applicable.")),
        (t.T("Status", "Status"), string.Format(t.Culture, t.T(
                "«Nådd» når verdien er minst målet; ellers «Foran skjema» når verdien er minst {0} av forventet nå, «I rute» fra {1}, «Bak skjema» fra {2}, ellers «I fare».",
                "“Reached” when the value is at or above the target; otherwise “Ahead of schedule” when the value is at least {0} of the value expected by now, “On track” from {1}, “Behind schedule” from {2}, otherwise “At risk”."),
            AttainmentCalculator.AheadFrom.ToString("P0", t.Culture), AttainmentCalculator.OnTrackFrom.ToString("P0", t.Culture),
            AttainmentCalculator.BehindFrom.ToString("P0", t.Culture))),
        (t.T("Datafanene", "The data sheets"),
            t.T("«Prosjekter» viser hvert prosjekt som telles av et prosjekt- eller mobilitetsmål, med én kolonne per mål: deltakere for mobilitetsmål, 1 for et talt prosjekt, og for andeler 1 (i telleren) eller 0 (bare i nevneren). Summen av en kolonne er målets verdi (for andeler telleren; antall utfylte celler er nevneren). «Mobiliteter» viser hver linje som telles, med målet den teller for; summen av deltakere per mål er målets verdi. Over Excels radgrense fortsetter radene i neste fane.",
                "“Projects” lists every project counted by a project or mobility target, with one column per target: participants for mobility targets, 1 for a counted project, and for shares 1 (numerator) or 0 (denominator only). A column's sum is the target's value (for shares the numerator; the number of filled cells is the denominator). “Mobilities” lists every counted line with the target it counts toward; the sum of participants per target is the target's value. Past Excel's row limit the rows continue on the next sheet.")),
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
                ? string.Format(t.Culture, t.T("Deltakere i aktivitetstypene {0} i prosjekter i sektoren {1}.", "Participants in the activity types {0} in projects of the sector {1}."), List("activityTypes"), sector)
                : string.Format(t.Culture, t.T("Deltakere i aktivitetstypene {0}.", "Participants in the activity types {0}."), List("activityTypes")),
            MetricKind.CountyAuthoritiesAccredited => string.Format(t.Culture,
                t.T("Fylkeskommuner i kraft på datoen som selv eller som konsortiekoordinator har akkrediteringer i kraft i minst {0} av sektorene {1}, delt på antall fylkeskommuner i kraft (10 før 2024, 14 fra 2024; Oslo er ikke fylkeskommune).",
                    "County authorities in force on the date holding, themselves or as consortium coordinator, accreditations in force in at least {0} of the sectors {1}, divided by the number of county authorities in force (10 before 2024, 14 from 2024; Oslo is not a county authority)."),
                root.TryGetProperty("minSectors", out var min) ? min.GetInt32() : 2, List("sectors")),
            MetricKind.Partnerships => t.T("Innvilgede partnerskap med en norsk koordinator eller partner, hvert prosjekt én gang.",
                "Granted partnerships with a Norwegian coordinator or partner, each project once."),
            MetricKind.NewcomerCoordinators => t.T("Norske organisasjoner som koordinerer et partnerskap uten å ha deltatt i Erasmus+ før partnerskapets utlysningsår (ethvert prosjekt, enhver rolle, enhver periode, også et registrert første deltakelsesår). Hver organisasjon telles én gang.",
                "Norwegian organisations coordinating a partnership with no Erasmus+ participation before that partnership's call year (any project, any role, any period, including a recorded first participation year). Each organisation counts once."),
            MetricKind.SportOrganisations => t.T("Ulike norske organisasjoner som deltar (koordinator eller partner) i partnerskap i idrettssektoren; hver organisasjon telles én gang uansett antall prosjekter.",
                "Distinct Norwegian organisations taking part (coordinator or partner) in partnerships of the sport sector; each counts once however many projects it is in."),
            MetricKind.WorkingLifeShare => t.T("Norskkoordinerte partnerskap med minst én organisasjon fra arbeidslivet (bedrift, lærebedrift, partsorganisasjon, bransje- eller næringsforening; koordinator eller partner, ethvert land), delt på alle norskkoordinerte partnerskap.",
                "Norwegian-coordinated partnerships with at least one working-life organisation (company, training company, social partner, chamber; coordinator or partner, any country), divided by all Norwegian-coordinated partnerships."),
            MetricKind.CentralisedProjects => string.Format(t.Culture, t.T("Innvilgede prosjekter av typen {0} med en norsk koordinator eller partner.", "Granted {0} projects with a Norwegian coordinator or partner."), Text("action")),
            MetricKind.TopicShare => string.Format(t.Culture, t.T("Norskkoordinerte partnerskap med temaet «{0}», delt på alle norskkoordinerte partnerskap.", "Norwegian-coordinated partnerships with the topic “{0}”, divided by all Norwegian-coordinated partnerships."), Text("topic")),
            MetricKind.FlagShare => string.Format(t.Culture, t.T("Norskkoordinerte prosjekter i tiltakene HK-dir forvalter (KA121, KA122, KA131, KA151–KA155, KA182, KA210, KA220) med «{0}», delt på alle slike prosjekter.",
                "Norwegian-coordinated projects of the actions HK-dir manages (KA121, KA122, KA131, KA151–KA155, KA182, KA210, KA220) with “{0}”, divided by all such projects."), Flag(t, Text("flag"))),
            _ => target.MetricKind.Code(),
        };
    }

    private static string Flag(WorkbookText t, string flag) => flag switch
    {
        "green-travel" => t.T("ekstra midler til grønne reiser", "green-travel top-up"),
        "inclusion-support" => t.T("ekstra midler til inkludering", "inclusion support"),
        "blended" => t.T("kombinert fysisk og digital mobilitet", "blended mobility"),
        _ => flag.ToString(CultureInfo.InvariantCulture),
    };
}

using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace Erasmus.Web.Features.OpenData;

/// <summary>What the open data are and how small numbers are hidden, in the reader's language (decision 0015).</summary>
public static class OpenDataMethod
{
    public static IReadOnlyList<(string Heading, string Text)> Sections(IStringLocalizer T, AttainmentParameters parameters) =>
    [
        (T["Erasmus+ deltakelse: åpne data om mobilitet og partnerskap"], ""),
        (T["Per dato og grunnlag"], $"{Format.Iso(parameters.AsOf)}, {(parameters.Basis == CountingBasis.Awarded ? T["Tildelt"] : T["Gjennomført"])}"),
        (T["Hva tallene er"], T["For hvert mobilitets- og partnerskapsmål i den nasjonale strategien som telles i hele tall: tallet per fylke, sektor og utlysningsår på datoen, på grunnlaget som er valgt (tildelt eller gjennomført), talt etter de samme reglene som dashbordene og HK-dirs statusrapport. Fylkene er i strukturen som gjaldt på datoen; et fylke som var oppløst på datoen, vises bare med sine egne organisasjoner. Andelsmålene publiseres ikke her."]),
        (T["Linjene"], T["Hver linje er ett publisert tall. level er cell (fylke × sektor × utlysningsår), county_total (fylket, alle sektorer og år), sector_year_total (sektoren og utlysningsåret, hele landet) eller national_total (hele landet, lik landets tall på dashbordet). Andre summer (fylke × sektor, fylke × år) publiseres ikke: de ville gitt flere likninger å beskytte. Summer over sektorer eller år for hele landet kan legges sammen av sector_year_total."]),
        (T["Små tall"], T["Et tall fra 1 til 4 vises som «<5» (suppression = small), også en sum: det er et tall for et fylke eller en gruppe. 0 vises som 0."]),
        (T["Sekundær skjuling"], T["Kan et skjult tall regnes ut av de andre tallene i raden eller kolonnen og summene, skjules ett tall til og vises som «:» (suppression = complementary): det minste tallet over 0 i raden eller kolonnen som gir det bort (celler før summer, så etter plassering). Det gjentas til intet skjult tall kan regnes ut, verken ved å gå gjennom rader og kolonner med grensene («<5» er 1–4, «:» er et hvilket som helst tall fra 0) eller ved å kombinere likningene. Et tall vist som «:» kan være et hvilket som helst tall, også 0."]),
        (T["Eksempel"], T["Tre fylker og tre utlysningsår: fylke A har 3, 10 og 20 (i alt 33), fylke B 8, 12 og 30, fylke C 9, 15 og 40. 3 vises som «<5». Raden ville gitt det (33 − 10 − 20), så radens minste andre tall, 10, skjules som «:». Kolonnen ville også gitt det (20 − 8 − 9), så 8 skjules. Nå ville kolonnen til 10 og raden til 8 gitt dem bort, og det minste tallet i dem, 12, skjules. Rektangelet 3, 10 / 8, 12 har to skjulte tall i hver rad og kolonne, og ingen av dem kan regnes ut: 3 kan like gjerne være 1 (og de andre 12, 10 og 10) eller 4 (og de andre 9, 7 og 13). Summene 33, 50, 64, 20, 37, 90 og 147 vises."]),
        (T["Summene"], T["Summene er eksakte: summen av alle cellene, også de skjulte. De avrundes eller justeres aldri, men en sum fra 1 til 4 vises som «<5», og en sum kan skjules som «:» når det trengs for å beskytte en annen."]),
        (T["Format"], T["CSV: komma mellom feltene, punktum som desimaltegn, UTF-8 uten BOM, kolonnenavnene på første linje, ingen kommentarlinjer. value er tallet, «<5» eller «:». Samme linjer i regnearket /api/open-data.xlsx. Parametere: asOf (ÅÅÅÅ-MM-DD, i dag om den mangler) og basis (awarded eller realised)."]),
        (T["Denne beskrivelsen"], OpenDataFiles.MethodPath),
    ];

    /// <summary>The sections as plain text: a heading line, the text, a blank line.</summary>
    public static string PlainText(IReadOnlyList<(string Heading, string Text)> sections) =>
        string.Join("\n\n", sections.Select(s => s.Text.Length == 0 ? s.Heading : $"{s.Heading}\n{s.Text}")) + "\n";
}

using System.Text.Json;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>A bokmål text with format arguments, localised in the view.</summary>
public sealed record LocalText(string Text, params object[] Arguments);

/// <summary>Whether a mobility record counts toward a national target on the realised basis, and why not.</summary>
public sealed record TargetCounting(int Participants, IReadOnlyList<LocalText> Reasons, IReadOnlyList<string> Targets)
{
    public bool Counts => Reasons.Count == 0;
}

/// <summary>One mobility target of strategy-targets.csv: the activity types it counts, and its sector when it names one.</summary>
public sealed record MobilityTarget(string Title, IReadOnlyList<string> ActivityTypes, string? Sector)
{
    public static MobilityTarget Parse(string title, string metricParameters)
    {
        using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(metricParameters) ? "{}" : metricParameters);
        var root = json.RootElement;
        var types = root.TryGetProperty("activityTypes", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
            : [];
        var sector = root.TryGetProperty("sector", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        return new MobilityTarget(title, types, sector);
    }

    public bool Includes(string activityTypeCode, Sector projectSector) =>
        ActivityTypes.Contains(activityTypeCode, StringComparer.Ordinal)
        && (Sector is null || string.Equals(Sector, projectSector.ToString(), StringComparison.Ordinal));
}

/// <summary>
/// The counting rules of DOMAIN.md applied to one record, to explain them on the details page. Mobility
/// records are the realised basis; the awarded basis counts the project decision's awarded numbers instead.
/// </summary>
public static class MobilityTargetCounting
{
    public static readonly string MetricKind = Domain.Attainment.MetricKind.MobilityParticipants.Code();

    public static TargetCounting Explain(Mobility mobility, Sector projectSector, int projectCallYear, bool? sendingOrganisationIsNorwegian,
        IReadOnlyList<MobilityTarget> targets)
    {
        var reasons = new List<LocalText>();
        if (mobility.ParticipantGroup == ParticipantGroup.AccompanyingPerson)
        {
            reasons.Add(new LocalText("Ledsagere telles aldri som deltakere i et nasjonalt mål."));
        }

        if (mobility.Direction == MobilityDirection.Incoming)
        {
            reasons.Add(new LocalText("Innkommende mobiliteter vises, men telles aldri i et nasjonalt mål."));
        }
        else if (sendingOrganisationIsNorwegian == false)
        {
            // Not a reason of its own: the engine counts outgoing participants, and an outgoing
            // mobility is sent from Norway (a domain rule), so this only flags inconsistent data.
            reasons.Add(new LocalText("Avsenderorganisasjonen er registrert som utenlandsk, men mobiliteten er utgående fra Norge. Kontroller avsenderorganisasjonen."));
        }

        switch (mobility.Status)
        {
            case MobilityStatus.Planned:
                reasons.Add(new LocalText("Mobiliteten er planlagt; på realisert grunnlag telles bare gjennomførte mobiliteter."));
                break;
            case MobilityStatus.Cancelled:
                reasons.Add(new LocalText("Mobiliteten er avlyst; på realisert grunnlag telles bare gjennomførte mobiliteter."));
                break;
            case MobilityStatus.Realised:
            default:
                break;
        }

        if (projectCallYear < DomainVocabulary.FirstCallYear)
        {
            reasons.Add(new LocalText("Prosjektet er fra utlysningsåret {0}, i forrige programperiode; det teller aldri i perioden 2021–2027.", projectCallYear));
        }

        var matching = targets.Where(t => t.Includes(mobility.ActivityTypeCode, projectSector)).Select(t => t.Title).ToList();
        if (matching.Count == 0)
        {
            reasons.Add(new LocalText("Aktivitetstypen {0} inngår ikke i noe nasjonalt mobilitetsmål for sektoren {1}.", mobility.ActivityTypeCode, projectSector.ToString()));
        }

        return new TargetCounting(reasons.Count == 0 ? mobility.CountedParticipants : 0, reasons, matching);
    }
}

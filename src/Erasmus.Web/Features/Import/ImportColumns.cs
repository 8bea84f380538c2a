using System.Text;
using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// A column the import reads: its key, the header the beneficiary tool (and our export) writes in
/// English, the bokmål header, other accepted spellings, whether a row needs it, and the documentation
/// shown on the page and in the template.
/// </summary>
public sealed record ImportColumn(string Key, string English, string Norwegian, bool Required, string Format, string Example, params string[] Aliases)
{
    /// <summary>Headers match without regard to case, spaces or punctuation: "Mobility ID", "mobility_id" and "MOBILITY-ID" are one.</summary>
    public static string Normalise(string header)
    {
        var builder = new StringBuilder(header.Length);
        var space = false;
        foreach (var c in header.Trim().TrimStart('\uFEFF').ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    public IEnumerable<string> Names => [English, Norwegian, .. Aliases];
}

/// <summary>The columns of the mobility import and export, in the order of the beneficiary tool's export of mobility activities.</summary>
public static class MobilityColumns
{
    public static readonly ImportColumn ProjectReference = new("ProjectReference", "Project Reference", "Prosjektnummer", true,
        "Prosjektnummeret (ÅÅÅÅ-R-NO01-KAnnn-SEK-NNNNNNNNN) eller EU-prosjektnummeret (9 sifre). Prosjektet må være registrert.",
        "2021-1-NO01-KA122-VET-000012345", "Grant Agreement No", "Grant Agreement Number", "Project Number", "Project Code", "Prosjektreferanse", "Tilskuddsavtale nr", "Prosjekt");

    public static readonly ImportColumn MobilityId = new("MobilityId", "Mobility ID", "Mobilitets-ID", true,
        "Mobilitets-ID-en fra søknads- og rapporteringsverktøyet, NNNNNN-MOB-NNNNN. Sammen med prosjektnummeret kjenner den igjen raden ved ny import.",
        "000123-MOB-00001", "Mobility Activity ID", "Activity ID", "Mobilitet ID", "Mobilitetsid", "Mobilitets ID");

    public static readonly ImportColumn ActivityType = new("ActivityType", "Activity Type", "Aktivitetstype", true,
        "Aktivitetskoden, for eksempel LM-SHORT-VET. Den må høre til prosjektets sektor og gjelde for utlysningsåret.",
        "LM-SHORT-VET", "Activity Type Code", "Activity Code", "Activity", "Aktivitetskode", "Aktivitet");

    public static readonly ImportColumn ParticipantGroup = new("ParticipantGroup", "Participant Group", "Deltakergruppe", false,
        "Learner, Staff, Accompanying person eller Other (Elev/deltaker, Ansatt, Ledsager, Annen). Tom: gruppen aktivitetstypen gjelder.",
        "Learner", "Participant Type", "Participant Category", "Gruppe");

    public static readonly ImportColumn AccompanyingPerson = new("AccompanyingPerson", "Accompanying Person", "Ledsager", false,
        "Yes/No (Ja/Nei). Ja gjør raden til en ledsager, som aldri telles som deltaker.",
        "No", "Is Accompanying Person", "Accompanying", "Ledsagende person");

    public static readonly ImportColumn FewerOpportunities = new("FewerOpportunities", "Fewer Opportunities", "Færre muligheter", false,
        "Yes/No (Ja/Nei): deltaker med færre muligheter (inkluderingsstøtte). Tom: Nei.",
        "No", "Participant with Fewer Opportunities", "Fewer Opportunities Participant", "Inkluderingsstøtte");

    public static readonly ImportColumn GreenTravel = new("GreenTravel", "Green Travel", "Grønn reise", false,
        "Yes/No (Ja/Nei). Tom: Nei.", "Yes", "Green Travel Top-up", "Grønn reisestøtte");

    public static readonly ImportColumn Blended = new("Blended", "Blended", "Blandet mobilitet", false,
        "Yes/No (Ja/Nei): mobiliteten har en virtuell del. Tom: Nei.", "No", "Blended Mobility", "Blandet");

    public static readonly ImportColumn SendingOrganisationOid = new("SendingOrganisationOid", "Sending Organisation OID", "Avsenderorganisasjon OID", false,
        "OID (E fulgt av 8 sifre). Eller la den stå tom og skriv navnet i neste kolonne; da brukes avsenderlandet for å finne organisasjonen.",
        "E10123456", "Sending Organisation ID", "Sending OID", "OID avsender", "Avsender OID");

    public static readonly ImportColumn SendingOrganisationName = new("SendingOrganisationName", "Sending Organisation Name", "Avsenderorganisasjon", false,
        "Organisasjonens navn slik det er registrert, når OID mangler.", "Bergen tekniske fagskole", "Sending Organisation", "Avsender", "Avsenderorganisasjon navn");

    public static readonly ImportColumn ReceivingOrganisationOid = new("ReceivingOrganisationOid", "Receiving Organisation OID", "Mottakerorganisasjon OID", false,
        "OID (E fulgt av 8 sifre). Eller la den stå tom og skriv navnet i neste kolonne; da brukes mottakerlandet.",
        "E10654321", "Receiving Organisation ID", "Receiving OID", "OID mottaker", "Mottaker OID");

    public static readonly ImportColumn ReceivingOrganisationName = new("ReceivingOrganisationName", "Receiving Organisation Name", "Mottakerorganisasjon", false,
        "Organisasjonens navn slik det er registrert, når OID mangler.", "Partner GmbH", "Receiving Organisation", "Mottaker", "Mottakerorganisasjon navn");

    public static readonly ImportColumn SendingCountry = new("SendingCountry", "Sending Country", "Avsenderland", true,
        "Landkode (NO, DE, …) eller landets navn på engelsk eller bokmål.", "NO", "Country of Origin", "Sending Country Code", "Fra land");

    public static readonly ImportColumn ReceivingCountry = new("ReceivingCountry", "Receiving Country", "Mottakerland", true,
        "Landkode (NO, DE, …) eller landets navn på engelsk eller bokmål.", "DE", "Destination Country", "Receiving Country Code", "Til land");

    public static readonly ImportColumn StartDate = new("StartDate", "Start Date", "Startdato", true,
        "En dato: en datocelle i Excel, eller tekst på formen ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ.", "2021-10-04", "Start Date of Mobility", "Mobility Start Date", "Fra dato", "Fra");

    public static readonly ImportColumn EndDate = new("EndDate", "End Date", "Sluttdato", true,
        "Som startdato. Varigheten (begge dager regnet med) må ligge innenfor det aktiviteten tillater.", "2021-10-22", "End Date of Mobility", "Mobility End Date", "Til dato", "Til");

    public static readonly ImportColumn Participants = new("Participants", "Number of Participants", "Antall deltakere", true,
        "Et helt tall, minst 1; minst 2 for gruppeaktiviteter.", "1", "Participants", "No of Participants", "Participant Count", "Deltakere", "Antall");

    public static readonly ImportColumn Direction = new("Direction", "Direction", "Retning", false,
        "Outgoing/Incoming (Utgående/Innkommende). Tom: utgående når avsenderlandet er Norge, ellers innkommende.", "Outgoing", "Mobility Direction");

    public static readonly ImportColumn Status = new("Status", "Status", "Status", false,
        "Planned, Realised eller Cancelled (Planlagt, Gjennomført, Avlyst). Tom: gjennomført når sluttdatoen er passert, ellers planlagt; en lagret status beholdes.",
        "Realised", "Mobility Status");

    public static readonly IReadOnlyList<ImportColumn> All =
    [
        ProjectReference, MobilityId, ActivityType, ParticipantGroup, AccompanyingPerson, FewerOpportunities, GreenTravel, Blended,
        SendingOrganisationOid, SendingOrganisationName, ReceivingOrganisationOid, ReceivingOrganisationName,
        SendingCountry, ReceivingCountry, StartDate, EndDate, Participants, Direction, Status,
    ];
}

/// <summary>The columns of the import of projects with partners.</summary>
public static class ProjectColumns
{
    public static readonly ImportColumn Reference = new("Reference", "Project Reference", "Prosjektnummer", true,
        "Prosjektnummeret (ÅÅÅÅ-R-NO01-KAnnn-SEK-NNNNNNNNN), eller EU-prosjektnummeret (9 sifre) for sentraliserte prosjekter. Kjenner igjen prosjektet ved ny import.",
        "2021-1-NO01-KA122-VET-000012345", "Grant Agreement No", "Grant Agreement Number", "Project Number", "Project Code", "Prosjektreferanse");

    public static readonly ImportColumn Action = new("Action", "Action", "Tiltak", true,
        "KA121, KA122, KA131, KA151–KA155, KA182, KA210, KA220, CoVE, TeacherAcademy eller SportPartnership.", "KA122", "Key Action", "Action Type");

    public static readonly ImportColumn Sector = new("Sector", "Sector", "Sektor", true,
        "SCH, VET, ADU, HED, YOU eller SPORT (SPO); må stemme med prosjektnummeret.", "VET", "Field", "Sector Code");

    public static readonly ImportColumn CallYear = new("CallYear", "Call Year", "Utlysningsår", true, "Årstall 2014–2027; må stemme med prosjektnummeret.", "2021", "Call", "Søknadsår");

    public static readonly ImportColumn Round = new("Round", "Round", "Søknadsrunde", true, "1, 2 eller 3; må stemme med prosjektnummeret.", "1", "Call Round", "Runde");

    public static readonly ImportColumn CoordinatorOid = new("CoordinatorOid", "Coordinator OID", "Koordinator OID", false,
        "Koordinatorens OID. Eller la den stå tom og fyll ut navn og land.", "E10123456", "Coordinator Organisation ID", "Applicant OID", "Beneficiary OID");

    public static readonly ImportColumn CoordinatorName = new("CoordinatorName", "Coordinator Name", "Koordinator", false,
        "Koordinatorens navn slik det er registrert, når OID mangler.", "Bergen tekniske fagskole", "Coordinator", "Coordinator Organisation", "Applicant", "Beneficiary");

    public static readonly ImportColumn CoordinatorCountry = new("CoordinatorCountry", "Coordinator Country", "Koordinatorens land", false,
        "Landkode eller navn, brukes sammen med koordinatorens navn.", "NO", "Applicant Country", "Beneficiary Country", "Koordinatorland");

    public static readonly ImportColumn Partners = new("Partners", "Partner OIDs", "Partnere (OID)", false,
        "Partnernes OID-er (eller registrerte navn når OID mangler), skilt med semikolon. Tom: ingen partnere.", "E10654321; E10765432", "Partners", "Partner Organisations", "Partnere");

    public static readonly ImportColumn StartDate = new("StartDate", "Start Date", "Startdato", true, "En dato (datocelle, ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ).", "2021-09-01", "Project Start Date", "Fra dato");

    public static readonly ImportColumn EndDate = new("EndDate", "End Date", "Sluttdato", true, "En dato, ikke før startdatoen.", "2023-08-31", "Project End Date", "Til dato");

    public static readonly ImportColumn DecisionDate = new("DecisionDate", "Decision Date", "Vedtaksdato", false, "En dato; må fylles ut for innvilgede prosjekter.", "2021-07-01", "Grant Decision Date", "Vedtak");

    public static readonly ImportColumn Status = new("Status", "Status", "Status", true,
        "Applied, Granted, Rejected, Ongoing, Completed eller Terminated (Søkt, Innvilget, Avslått, Pågår, Avsluttet, Terminert).", "Granted", "Project Status");

    public static readonly ImportColumn Grant = new("Grant", "Grant (EUR)", "Tilskudd (EUR)", false, "Tilskuddet i euro, for eksempel 60000 eller 60000,50. Tom: 0.", "60000", "Grant", "EU Grant", "Awarded Grant", "Tilskudd");

    public static readonly ImportColumn GreenTravelTopUp = new("GreenTravelTopUp", "Green Travel Top-up", "Grønn reisestøtte", false, "Yes/No (Ja/Nei). Tom: Nei.", "No", "Green Travel");

    public static readonly ImportColumn InclusionSupport = new("InclusionSupport", "Inclusion Support", "Inkluderingsstøtte", false, "Yes/No (Ja/Nei). Tom: Nei.", "No", "Fewer Opportunities");

    public static readonly ImportColumn BlendedMobility = new("BlendedMobility", "Blended Mobility", "Blandet mobilitet", false, "Yes/No (Ja/Nei). Tom: Nei.", "No", "Blended");

    public static readonly ImportColumn Topics = new("Topics", "Topics", "Temaer", false,
        "Temakoder (for eksempel sustainability; inclusion) skilt med semikolon. Tom: ingen temaer.", "inclusion; digital-transformation", "Topic Codes", "Tema");

    public static readonly ImportColumn Awarded = new("Awarded", "Awarded Mobilities", "Tildelte mobiliteter", false,
        "Tildelt antall deltakere per aktivitetstype: KODE=antall skilt med semikolon. Tom: ingen.", "LM-SHORT-VET=4; SM-JOB-SHDW=2", "Awarded", "Awarded Participants", "Tildelt");

    public static readonly IReadOnlyList<ImportColumn> All =
    [
        Reference, Action, Sector, CallYear, Round, CoordinatorOid, CoordinatorName, CoordinatorCountry, Partners,
        StartDate, EndDate, DecisionDate, Status, Grant, GreenTravelTopUp, InclusionSupport, BlendedMobility, Topics, Awarded,
    ];
}

/// <summary>Where each of the import's columns is in the file, and what the file has that the import does not use.</summary>
public sealed class HeaderMap
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

    public int HeaderRow { get; private init; }
    public List<string> Ignored { get; } = [];
    public int Width { get; private set; }

    public bool Has(ImportColumn column) => _index.ContainsKey(column.Key);

    public IEnumerable<string> PresentKeys => _index.Keys;

    public SheetCell Cell(SheetRow row, ImportColumn column) => _index.TryGetValue(column.Key, out var i) ? row[i] : SheetCell.Empty;

    /// <summary>The column as the file names it (for messages), or the bokmål name when the file lacks it.</summary>
    public string NameOf(ImportColumn column) => _written.GetValueOrDefault(column.Key, column.Norwegian);

    /// <summary>Matches the header row to the columns; a duplicate, a formula or a missing required column stops the import.</summary>
    public static HeaderMap Match(SheetRow header, IReadOnlyList<ImportColumn> columns)
    {
        var byName = new Dictionary<string, ImportColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            foreach (var name in column.Names)
            {
                byName.TryAdd(ImportColumn.Normalise(name), column);
            }
        }

        var map = new HeaderMap { HeaderRow = header.Number };
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var cell = header.Cells[i];
            if (cell.Kind is CellKind.Formula)
            {
                throw new ImportFileException($"Overskriften i kolonne {ColumnNames.Letter(i)} (rad {header.Number}) er en formel. Skriv overskriftene som tekst.");
            }

            if (cell.Kind is CellKind.TooLong)
            {
                throw new ImportFileException($"Overskriften i kolonne {ColumnNames.Letter(i)} (rad {header.Number}) er for lang til å være en kolonneoverskrift.");
            }

            var text = cell.Display.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            map.Width = i + 1;
            if (!byName.TryGetValue(ImportColumn.Normalise(text), out var match))
            {
                map.Ignored.Add(text);
                continue;
            }

            if (map._index.TryGetValue(match.Key, out var earlier))
            {
                throw new ImportFileException($"Kolonnen «{match.English}» / «{match.Norwegian}» står to ganger: i kolonne {ColumnNames.Letter(earlier)} («{map._written[match.Key]}») og {ColumnNames.Letter(i)} («{text}»). Fjern den ene.");
            }

            map._index[match.Key] = i;
            map._written[match.Key] = text;
        }

        var missing = columns.Where(c => c.Required && !map._index.ContainsKey(c.Key)).ToList();
        if (map._index.Count == 0)
        {
            throw new ImportFileException($"Fant ingen kjente kolonneoverskrifter i rad {header.Number}. Den første raden med innhold må være overskriftene, for eksempel «{columns[0].English}» eller «{columns[0].Norwegian}». Last ned malen for å se kolonnene.");
        }

        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(c => $"«{c.Norwegian}» ({c.English})"));
            throw new ImportFileException(missing.Count == 1
                ? $"Filen mangler kolonnen {names}. Last ned malen for å se kolonnene."
                : $"Filen mangler kolonnene {names}. Last ned malen for å se kolonnene.");
        }

        return map;
    }
}

using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// Turns cells into values, with a bokmål message when a cell cannot be one: the same words the forms
/// use, plus what is particular to spreadsheets (formulas, error values, serial-number dates).
/// </summary>
public static class ImportValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF"];

    // Excel's day 1 is 1900-01-01; 2958465 is 9999-12-31. DateTime.FromOADate agrees with Excel from 1900-03-01 on.
    private const double FirstSerial = 61;
    private const double LastSerial = 2958465;

    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = true, ["y"] = true, ["ja"] = true, ["j"] = true, ["true"] = true, ["sann"] = true, ["1"] = true, ["x"] = true,
        ["no"] = false, ["n"] = false, ["nei"] = false, ["false"] = false, ["usann"] = false, ["0"] = false,
    };

    /// <summary>A problem that makes the cell unusable whatever the column wants, or null.</summary>
    public static string? CellProblem(SheetCell cell, int maxChars) => cell.Kind switch
    {
        CellKind.Formula => $"Cellen inneholder en formel ({cell.Text}). Importen leser ikke formler: kopier cellene og lim dem inn som verdier.",
        CellKind.Error => $"Cellen har feilverdien {cell.Text}.",
        CellKind.TooLong => string.Create(CultureInfo.InvariantCulture, $"Verdien er for lang (over {maxChars} tegn)."),
        _ => null,
    };

    /// <summary>The cell as trimmed text, or null when blank. Whole numbers are written without decimals (a 9-digit EU number typed as a number).</summary>
    public static string? Text(SheetCell cell) => cell.Kind switch
    {
        CellKind.Empty => null,
        CellKind.Number or CellKind.Date => cell.Number == Math.Floor(cell.Number) && Math.Abs(cell.Number) < 1e15
            ? ((long)cell.Number).ToString(CultureInfo.InvariantCulture)
            : cell.Number.ToString(CultureInfo.InvariantCulture),
        CellKind.Boolean => cell.Number != 0 ? "TRUE" : "FALSE",
        _ => string.IsNullOrWhiteSpace(cell.Text) ? null : Undefused(cell.Text.Trim()),
    };

    /// <summary>The export's guard against formula injection ('=…) comes off again.</summary>
    private static string Undefused(string text) => text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' ? text[1..] : text;

    /// <summary>
    /// A date cell, or text as ÅÅÅÅ-MM-DD or DD.MM.ÅÅÅÅ. A bare number is an Excel serial date whose cell lost its
    /// date format: refused, because 44635 cannot be told from a typing error.
    /// </summary>
    public static DateOnly? Date(SheetCell cell, string label, out string? error)
    {
        error = null;
        switch (cell.Kind)
        {
            case CellKind.Date when cell.Number is >= FirstSerial and <= LastSerial:
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(cell.Number)));
            case CellKind.Date:
                error = $"{label} er ikke en gyldig dato.";
                return null;
            case CellKind.Number:
                error = SerialMessage(label, cell.Display);
                return null;
        }

        var text = Text(cell);
        if (text is null)
        {
            error = $"{label} må fylles ut.";
            return null;
        }

        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return DateOnly.FromDateTime(parsed);
        }

        error = text.All(char.IsAsciiDigit) && text.Length is 5
            ? SerialMessage(label, text)
            : $"{label} «{Shorten(text)}» er ikke en dato importen kan lese. Skriv den som ÅÅÅÅ-MM-DD (2021-10-04) eller DD.MM.ÅÅÅÅ (04.10.2021), eller bruk en datocelle.";
        return null;
    }

    public static int? WholeNumber(SheetCell cell, string label, out string? error)
    {
        error = null;
        if (cell.Kind == CellKind.Number)
        {
            if (cell.Number == Math.Floor(cell.Number) && cell.Number is >= int.MinValue and <= int.MaxValue)
            {
                return (int)cell.Number;
            }
        }
        else if (Text(cell) is { } text)
        {
            if (int.TryParse(text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }
        else
        {
            error = $"{label} må fylles ut.";
            return null;
        }

        error = $"{label} må være et helt tall (fikk «{Shorten(cell.Display)}»).";
        return null;
    }

    /// <summary>Yes/No in English or bokmål, TRUE/FALSE, 1/0 or X; blank is no.</summary>
    public static bool Flag(SheetCell cell, string label, out string? error)
    {
        error = null;
        if (cell.Kind == CellKind.Boolean || cell.Kind == CellKind.Number)
        {
            if (cell.Number is 0 or 1)
            {
                return cell.Number == 1;
            }
        }
        else if (Text(cell) is not { } text)
        {
            return false;
        }
        else if (Booleans.TryGetValue(text, out var value))
        {
            return value;
        }

        error = $"{label}: «{Shorten(cell.Display)}» er verken ja eller nei. Skriv Ja eller Nei (Yes/No).";
        return false;
    }

    public static readonly ImportVocabulary<ParticipantGroup> Groups = new ImportVocabulary<ParticipantGroup>()
        .Add(ParticipantGroup.Learner, "Learner (Elev/deltaker)", "Learner", "Learners", "Elev", "Elever", "Deltaker", "Elev, lærling eller deltaker", "Student", "Students", "Pupil", "Pupils", "Lærling", "Apprentice", "Participant")
        .Add(ParticipantGroup.Staff, "Staff (Ansatt)", "Staff", "Ansatt", "Ansatte", "Teacher", "Teachers", "Lærer", "Lærere", "Employee")
        .Add(ParticipantGroup.AccompanyingPerson, "Accompanying person (Ledsager)", "Accompanying person", "Accompanying persons", "Ledsager", "Ledsagere", "Accompanying")
        .Add(ParticipantGroup.Other, "Other (Annen)", "Other", "Others", "Annen", "Annet", "Andre");

    public static readonly ImportVocabulary<MobilityDirection> Directions = new ImportVocabulary<MobilityDirection>()
        .Add(MobilityDirection.Outgoing, "Outgoing (Utgående)", "Outgoing", "Utgående", "Out", "Ut")
        .Add(MobilityDirection.Incoming, "Incoming (Innkommende)", "Incoming", "Innkommende", "In", "Inn");

    public static readonly ImportVocabulary<MobilityStatus> MobilityStatuses = new ImportVocabulary<MobilityStatus>()
        .Add(MobilityStatus.Planned, "Planned (Planlagt)", "Planned", "Planlagt")
        .Add(MobilityStatus.Realised, "Realised (Gjennomført)", "Realised", "Realized", "Gjennomført", "Completed", "Finished", "Done")
        .Add(MobilityStatus.Cancelled, "Cancelled (Avlyst)", "Cancelled", "Canceled", "Avlyst", "Kansellert");

    public static readonly ImportVocabulary<ProjectStatus> ProjectStatuses = new ImportVocabulary<ProjectStatus>()
        .Add(ProjectStatus.Applied, "Applied (Søkt)", "Applied", "Søkt", "Submitted", "Application")
        .Add(ProjectStatus.Granted, "Granted (Innvilget)", "Granted", "Innvilget", "Awarded", "Selected")
        .Add(ProjectStatus.Rejected, "Rejected (Avslått)", "Rejected", "Avslått", "Not selected")
        .Add(ProjectStatus.Ongoing, "Ongoing (Pågår)", "Ongoing", "Pågår", "Running", "In progress", "Pågående")
        .Add(ProjectStatus.Completed, "Completed (Avsluttet)", "Completed", "Avsluttet", "Closed", "Finished", "Fullført")
        .Add(ProjectStatus.Terminated, "Terminated (Terminert)", "Terminated", "Terminert", "Avbrutt");

    public static readonly ImportVocabulary<Sector> Sectors = new ImportVocabulary<Sector>()
        .Add(Sector.SCH, "SCH (Skole)", "SCH", "School", "School education", "Skole", "Skoleopplæring", "Barnehage og skole")
        .Add(Sector.VET, "VET (Yrkesfag)", "VET", "Vocational education and training", "Vocational", "Yrkesfag", "Yrkesfaglig opplæring", "Fag- og yrkesopplæring")
        .Add(Sector.ADU, "ADU (Voksenopplæring)", "ADU", "Adult education", "Adult", "Voksenopplæring", "Voksne")
        .Add(Sector.HED, "HED (Høyere utdanning)", "HED", "Higher education", "Høyere utdanning", "Høgre utdanning")
        .Add(Sector.YOU, "YOU (Ungdom)", "YOU", "Youth", "Ungdom")
        .Add(Sector.SPORT, "SPORT (Idrett)", "SPORT", "SPO", "Sport", "Idrett");

    public static readonly ImportVocabulary<AccreditationStatus> AccreditationStatuses = new ImportVocabulary<AccreditationStatus>()
        .Add(AccreditationStatus.Active, "Active (Aktiv)", "Active", "Aktiv", "Valid", "Gyldig", "Awarded", "Granted", "Innvilget")
        .Add(AccreditationStatus.Suspended, "Suspended (Suspendert)", "Suspended", "Suspendert")
        .Add(AccreditationStatus.Withdrawn, "Withdrawn (Trukket tilbake)", "Withdrawn", "Trukket tilbake", "Trukket", "Revoked", "Terminated")
        .Add(AccreditationStatus.Expired, "Expired (Utløpt)", "Expired", "Utløpt", "Ended");

    /// <summary>Our types, by name in both languages and by the Commission's organisation types (ORS).</summary>
    public static readonly ImportVocabulary<OrganisationType> OrganisationTypes = new ImportVocabulary<OrganisationType>()
        .Add(OrganisationType.Kindergarten, "Kindergarten (Barnehage)", "Kindergarten", "Barnehage", "Early childhood education and care",
            "School/Institute/Educational centre – General education (pre-primary level)")
        .Add(OrganisationType.PrimaryOrLowerSecondarySchool, "Primary or lower secondary school (Grunnskole)", "Primary or lower secondary school", "Grunnskole",
            "School/Institute/Educational centre – General education (primary level)", "Primary school", "Barneskole", "Ungdomsskole")
        .Add(OrganisationType.UpperSecondarySchool, "Upper secondary school (Videregående skole)", "Upper secondary school", "Videregående skole", "Videregående",
            "School/Institute/Educational centre – General education (secondary level)", "School/Institute/Educational centre – Vocational Training (secondary level)")
        .Add(OrganisationType.TrainingOffice, "Training office (Opplæringskontor)", "Training office", "Opplæringskontor")
        .Add(OrganisationType.TrainingCompany, "Training company (Lærebedrift)", "Training company", "Lærebedrift", "Apprenticeship company")
        .Add(OrganisationType.Company, "Company (Bedrift)", "Company", "Bedrift", "Enterprise", "Small and medium sized enterprise", "Large enterprise", "SME", "Foretak")
        .Add(OrganisationType.SocialPartner, "Social partner (Partsorganisasjon i arbeidslivet)", "Social partner", "Partsorganisasjon i arbeidslivet", "Partsorganisasjon",
            "Social partner or other representative of working life (chambers of commerce, trade union, trade association)", "Trade union", "Fagforening")
        .Add(OrganisationType.Chamber, "Chamber or trade association (Bransje- eller næringsforening)", "Chamber", "Chamber of commerce", "Trade association",
            "Bransje- eller næringsforening", "Bransjeforening", "Næringsforening")
        .Add(OrganisationType.CountyAuthority, "County authority (Fylkeskommune)", "County authority", "Fylkeskommune", "Public body (regional)", "Regional public body")
        .Add(OrganisationType.Municipality, "Municipality (Kommune)", "Municipality", "Kommune", "Public body (local)", "Local public body")
        .Add(OrganisationType.HigherEducationInstitution, "Higher education institution (Høyere utdanningsinstitusjon)", "Higher education institution",
            "Høyere utdanningsinstitusjon", "Higher education institution (tertiary level)", "School/Institute/Educational centre – Vocational Training (tertiary level)",
            "University", "Universitet", "Høgskole", "Fagskole")
        .Add(OrganisationType.AdultEducationProvider, "Adult education provider (Voksenopplæring)", "Adult education provider", "Voksenopplæring",
            "School/Institute/Educational centre – Adult education", "Adult education")
        .Add(OrganisationType.AssociationOrNgo, "Association or NGO (Forening eller frivillig organisasjon)", "Association or NGO", "Forening eller frivillig organisasjon",
            "Non-governmental organisation/association/social enterprise", "NGO", "Association", "Forening", "Frivillig organisasjon", "Foundation", "Stiftelse")
        .Add(OrganisationType.SportOrganisation, "Sport organisation (Idrettsorganisasjon)", "Sport organisation", "Idrettsorganisasjon", "Sport federation", "Sport club",
            "Idrettslag", "Sports organisation")
        .Add(OrganisationType.PublicBody, "Public body (Offentlig virksomhet)", "Public body", "Offentlig virksomhet", "Public body (national)", "National public body", "Statlig virksomhet")
        .Add(OrganisationType.Other, "Other (Annet)", "Other", "Annet", "Annen");

    private static readonly ImportVocabulary<ProjectAction> Actions = BuildActions();

    public static ParticipantGroup? Group(string text) => Groups.TryGet(text, out var value) ? value : null;

    public static MobilityDirection? DirectionOf(string text) => Directions.TryGet(text, out var value) ? value : null;

    public static MobilityStatus? MobilityStatusOf(string text) => MobilityStatuses.TryGet(text, out var value) ? value : null;

    public static ProjectStatus? ProjectStatusOf(string text) => ProjectStatuses.TryGet(text, out var value) ? value : null;

    public static ProjectAction? ActionOf(string text) => Actions.TryGet(text, out var value) ? value : null;

    public static string ActionListing => Actions.Listing;

    public static Sector? SectorOf(string text) => Sectors.TryGet(text, out var value) ? value : null;

    public static AccreditationStatus? AccreditationStatusOf(string text) => AccreditationStatuses.TryGet(text, out var value) ? value : null;

    public static OrganisationType? OrganisationTypeOf(string text) => OrganisationTypes.TryGet(text, out var value) ? value : null;

    private static ImportVocabulary<ProjectAction> BuildActions()
    {
        var actions = new ImportVocabulary<ProjectAction>();
        foreach (var action in Enum.GetValues<ProjectAction>())
        {
            actions.Add(action, action.ToString(), action.ToString());
        }

        return actions
            .Also(ProjectAction.CoVE, "Centres of Vocational Excellence", "Yrkesfaglige fremragende sentre", "Yrkesfaglige fremragende sentre (CoVE)")
            .Also(ProjectAction.TeacherAcademy, "Erasmus Teacher Academy", "Erasmus Teacher Academies", "Teacher Academies", "Erasmus+ lærerakademi", "Lærerakademi")
            .Also(ProjectAction.SportPartnership, "Sport cooperation partnership", "Sport partnerships", "Samarbeidspartnerskap i idrett");
    }

    public static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string SerialMessage(string label, string value) =>
        $"{label} er et tall ({value}), trolig et Excel-serienummer for en dato der cellen har mistet datoformatet. Formater cellen som dato, eller skriv datoen som ÅÅÅÅ-MM-DD.";
}

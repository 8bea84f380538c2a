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

    public static ParticipantGroup? Group(string text) => ImportColumn.Normalise(text) switch
    {
        "learner" or "learners" or "elev" or "elever" or "deltaker" or "student" or "students" or "pupil" or "pupils" or "apprentice" or "lærling"
            or "elev lærling eller deltaker" => ParticipantGroup.Learner,
        "staff" or "ansatt" or "ansatte" or "teacher" or "lærer" => ParticipantGroup.Staff,
        "accompanying person" or "accompanying persons" or "ledsager" or "ledsagere" or "accompanyingperson" => ParticipantGroup.AccompanyingPerson,
        "other" or "others" or "annen" or "annet" or "andre" => ParticipantGroup.Other,
        _ => null,
    };

    public static MobilityDirection? DirectionOf(string text) => ImportColumn.Normalise(text) switch
    {
        "outgoing" or "utgående" or "out" or "ut" => MobilityDirection.Outgoing,
        "incoming" or "innkommende" or "in" or "inn" => MobilityDirection.Incoming,
        _ => null,
    };

    public static MobilityStatus? MobilityStatusOf(string text) => ImportColumn.Normalise(text) switch
    {
        "planned" or "planlagt" => MobilityStatus.Planned,
        "realised" or "realized" or "gjennomført" or "completed" or "finished" => MobilityStatus.Realised,
        "cancelled" or "canceled" or "avlyst" or "kansellert" => MobilityStatus.Cancelled,
        _ => null,
    };

    public static ProjectStatus? ProjectStatusOf(string text) => ImportColumn.Normalise(text) switch
    {
        "applied" or "søkt" or "submitted" => ProjectStatus.Applied,
        "granted" or "innvilget" or "awarded" => ProjectStatus.Granted,
        "rejected" or "avslått" => ProjectStatus.Rejected,
        "ongoing" or "pågår" or "running" => ProjectStatus.Ongoing,
        "completed" or "avsluttet" or "closed" or "finished" => ProjectStatus.Completed,
        "terminated" or "terminert" => ProjectStatus.Terminated,
        _ => null,
    };

    public static ProjectAction? ActionOf(string text)
    {
        var key = ImportColumn.Normalise(text).Replace(" ", "", StringComparison.Ordinal);
        foreach (var action in Enum.GetValues<ProjectAction>())
        {
            if (key.Equals(action.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return action;
            }
        }

        return key switch
        {
            "centresofvocationalexcellence" or "yrkesfagligefremragendesentre" or "yrkesfagligefremragendesentrecove" => ProjectAction.CoVE,
            "erasmusteacheracademy" or "erasmusteacheracademies" or "teacheracademies" or "erasmuslærerakademi" or "lærerakademi" => ProjectAction.TeacherAcademy,
            "sportcooperationpartnership" or "sportpartnerships" or "samarbeidspartnerskapiidrett" => ProjectAction.SportPartnership,
            _ => null,
        };
    }

    public static Sector? SectorOf(string text) => ImportColumn.Normalise(text) switch
    {
        "sch" or "school" or "skole" or "school education" => Sector.SCH,
        "vet" or "yrkesfag" or "vocational education and training" => Sector.VET,
        "adu" or "adult" or "adult education" or "voksenopplæring" => Sector.ADU,
        "hed" or "higher education" or "høyere utdanning" => Sector.HED,
        "you" or "youth" or "ungdom" => Sector.YOU,
        "sport" or "spo" or "idrett" => Sector.SPORT,
        _ => null,
    };

    public static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string SerialMessage(string label, string value) =>
        $"{label} er et tall ({value}), trolig et Excel-serienummer for en dato der cellen har mistet datoformatet. Formater cellen som dato, eller skriv datoen som ÅÅÅÅ-MM-DD.";
}

using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Features.Import.Reading;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>
/// One row of the mobility grid as posted: every cell is text, read by the import's own rules
/// (<see cref="MobilityRowChecker"/>), so the grid accepts what a file does and says what it says.
/// The properties are named by the import's column keys.
/// </summary>
public sealed class MobilityGridRow
{
    public string? MobilityId { get; set; }
    public string? ActivityType { get; set; }
    public string? ParticipantGroup { get; set; }
    public string? AccompanyingPerson { get; set; }
    public string? FewerOpportunities { get; set; }
    public string? GreenTravel { get; set; }
    public string? Blended { get; set; }
    public string? SendingOrganisationOid { get; set; }
    public string? SendingOrganisationName { get; set; }
    public string? ReceivingOrganisationOid { get; set; }
    public string? ReceivingOrganisationName { get; set; }
    public string? SendingCountry { get; set; }
    public string? ReceivingCountry { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public string? Participants { get; set; }
    public string? Direction { get; set; }
    public string? Status { get; set; }

    public string? Value(ImportColumn column) => column.Key switch
    {
        nameof(MobilityId) => MobilityId,
        nameof(ActivityType) => ActivityType,
        nameof(ParticipantGroup) => ParticipantGroup,
        nameof(AccompanyingPerson) => AccompanyingPerson,
        nameof(FewerOpportunities) => FewerOpportunities,
        nameof(GreenTravel) => GreenTravel,
        nameof(Blended) => Blended,
        nameof(SendingOrganisationOid) => SendingOrganisationOid,
        nameof(SendingOrganisationName) => SendingOrganisationName,
        nameof(ReceivingOrganisationOid) => ReceivingOrganisationOid,
        nameof(ReceivingOrganisationName) => ReceivingOrganisationName,
        nameof(SendingCountry) => SendingCountry,
        nameof(ReceivingCountry) => ReceivingCountry,
        nameof(StartDate) => StartDate,
        nameof(EndDate) => EndDate,
        nameof(Participants) => Participants,
        nameof(Direction) => Direction,
        nameof(Status) => Status,
        _ => null,
    };

    public bool IsBlank => MobilityGrid.Columns.All(c => string.IsNullOrWhiteSpace(Value(c)));

    public void Set(ImportColumn column, string? value)
    {
        switch (column.Key)
        {
            case nameof(MobilityId): MobilityId = value; break;
            case nameof(ActivityType): ActivityType = value; break;
            case nameof(ParticipantGroup): ParticipantGroup = value; break;
            case nameof(AccompanyingPerson): AccompanyingPerson = value; break;
            case nameof(FewerOpportunities): FewerOpportunities = value; break;
            case nameof(GreenTravel): GreenTravel = value; break;
            case nameof(Blended): Blended = value; break;
            case nameof(SendingOrganisationOid): SendingOrganisationOid = value; break;
            case nameof(SendingOrganisationName): SendingOrganisationName = value; break;
            case nameof(ReceivingOrganisationOid): ReceivingOrganisationOid = value; break;
            case nameof(ReceivingOrganisationName): ReceivingOrganisationName = value; break;
            case nameof(SendingCountry): SendingCountry = value; break;
            case nameof(ReceivingCountry): ReceivingCountry = value; break;
            case nameof(StartDate): StartDate = value; break;
            case nameof(EndDate): EndDate = value; break;
            case nameof(Participants): Participants = value; break;
            case nameof(Direction): Direction = value; break;
            case nameof(Status): Status = value; break;
            default: break;
        }
    }
}

/// <summary>
/// The grid as posted: only its rows (a blank row is ignored when checking). Read from the form by hand rather than
/// bound, so that a post of more rows than the binder's collection limit is refused with a message, not an exception.
/// </summary>
public sealed partial class MobilityGridForm
{
    public List<MobilityGridRow> Rows { get; } = [];

    public static MobilityGridForm Empty(int rows)
    {
        var form = new MobilityGridForm();
        form.AddEmptyRows(rows);
        return form;
    }

    /// <summary>The rows named Rows[i].Column, in the order of i; unknown names are ignored.</summary>
    public static MobilityGridForm Read(IFormCollection posted)
    {
        var rows = new SortedDictionary<int, MobilityGridRow>();
        foreach (var (name, values) in posted)
        {
            var match = CellName().Match(name);
            if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                || MobilityGrid.Columns.FirstOrDefault(c => c.Key == match.Groups[2].Value) is not { } column)
            {
                continue;
            }

            if (!rows.TryGetValue(index, out var row))
            {
                rows[index] = row = new MobilityGridRow();
            }

            row.Set(column, values.FirstOrDefault());
        }

        var form = new MobilityGridForm();
        form.Rows.AddRange(rows.Values);
        return form;
    }

    /// <summary>Empty rows at the end, up to the grid's maximum.</summary>
    public void AddEmptyRows(int count)
    {
        for (var i = 0; i < count && Rows.Count < MobilityGrid.MaxRows; i++)
        {
            Rows.Add(new MobilityGridRow());
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Rows\[([0-9]{1,6})\]\.([A-Za-z]{1,40})\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CellName();
}

/// <summary>A refusal in the grid: the row's index in the form, the column's key (null: the row, or the grid when the row is -1) and the message.</summary>
public sealed record GridError(int Row, string? Column, string Message);

/// <summary>The grid page: the rows as typed, the project, and what was refused.</summary>
public sealed record MobilityGridPage(MobilityGridForm Form, ProjectSummary Project, IReadOnlyList<GridError> Errors)
{
    public GridError? ErrorAt(int row, string column) => Errors.FirstOrDefault(e => e.Row == row && e.Column == column);
}

/// <summary>
/// Many mobilities of one project at once, typed or pasted from a spreadsheet: each row is checked as the
/// mobility import checks a row of a file, then against the grid's other rows and the project's saved IDs,
/// and all rows are saved together or none.
/// </summary>
public static class MobilityGrid
{
    /// <summary>More rows than this are refused: a longer list is a file for the import.</summary>
    public const int MaxRows = 200;

    public const int EmptyRows = 10;

    /// <summary>The form fields a full grid posts (a cell each of its 18 columns), with room for the token and the buttons; more is refused as an unreadable form.</summary>
    public const int MaxFormValues = (MaxRows * 18) + 64;

    /// <summary>Room for a full grid of ordinary values many times over; a larger body is refused (413) before it is read.</summary>
    public const long MaxRequestBytes = 8L * 1024 * 1024;

    /// <summary>The import's mobility columns, in its order, without the project (the grid's own).</summary>
    public static readonly IReadOnlyList<ImportColumn> Columns = [.. MobilityColumns.All.Where(c => c != MobilityColumns.ProjectReference)];

    private static readonly int ReceivingCountryAt = IndexOf(MobilityColumns.ReceivingCountry);
    private static readonly int ReceivingOidAt = IndexOf(MobilityColumns.ReceivingOrganisationOid);
    private static readonly int ReceivingNameAt = IndexOf(MobilityColumns.ReceivingOrganisationName);

    /// <summary>
    /// Checks the rows that are not blank; returns the new mobilities when every one is valid, or the errors.
    /// A receiving country left empty is the receiving organisation's, as on the form.
    /// </summary>
    public static async Task<(List<Mobility> Mobilities, List<GridError> Errors)> CheckAsync(ErasmusDbContext db, Project project,
        IReadOnlySet<string> scope, ImportActor actor, MobilityGridForm form, DateOnly today, DateTimeOffset now, int maxCellChars, CancellationToken cancellationToken)
    {
        var errors = new List<GridError>();
        var filled = form.Rows.Select((row, index) => (Row: row, Index: index)).Where(r => !r.Row.IsBlank).ToList();
        if (filled.Count == 0)
        {
            errors.Add(new GridError(-1, null, "Fyll ut minst én rad."));
            return ([], errors);
        }

        if (filled.Count > MaxRows)
        {
            errors.Add(new GridError(-1, null, $"Rutenettet tar høyst {MaxRows} rader om gangen, og dette har {filled.Count}. Lagre dem i flere omganger, eller importer en fil."));
            return ([], errors);
        }

        var data = await ImportReferenceData.LoadAsync(db, withProjects: false, cancellationToken);
        data.Projects[project.Reference] = new ProjectInfo(project, scope);
        var all = MobilityColumns.All;
        var map = HeaderMap.Match(new SheetRow(0, [.. all.Select(c => new SheetCell(CellKind.Text, c.Norwegian))]), all);
        var keyOf = all.ToDictionary(map.NameOf, c => c.Key, StringComparer.Ordinal);
        var checker = new MobilityRowChecker(data, actor, map, today, maxCellChars);
        var saved = (await db.Mobilities.AsNoTracking().Where(m => m.ProjectId == project.Id).Select(m => m.MobilityId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var rowErrors = new List<RowError>();
        var mobilities = new List<Mobility>();
        foreach (var (row, index) in filled)
        {
            rowErrors.Clear();
            var cells = all.Select(c => c == MobilityColumns.ProjectReference ? new SheetCell(CellKind.Text, project.Reference) : Cell(row.Value(c), maxCellChars)).ToArray();
            FillReceivingCountry(cells, data);
            var checkedRow = checker.Check(new SheetRow(index + 1, cells), rowErrors);
            errors.AddRange(rowErrors.Select(e => new GridError(index, keyOf.GetValueOrDefault(e.Column), e.Message)));
            if (checkedRow is null)
            {
                continue;
            }

            if (saved.Contains(checkedRow.MobilityId))
            {
                errors.Add(new GridError(index, MobilityColumns.MobilityId.Key,
                    $"Mobilitets-ID-en {checkedRow.MobilityId} er allerede registrert i prosjektet {project.Reference}."));
                continue;
            }

            mobilities.Add(Mobility.Register(project, data.Activities[checkedRow.ActivityTypeCode], new MobilityDetails(
                checkedRow.MobilityId, Enum.Parse<ParticipantGroup>(checkedRow.ParticipantGroup), Enum.Parse<MobilityDirection>(checkedRow.Direction),
                checkedRow.ParticipantCount, checkedRow.SendingOrganisationId, checkedRow.ReceivingOrganisationId, checkedRow.SendingCountryCode,
                checkedRow.ReceivingCountryCode, checkedRow.StartDate, checkedRow.EndDate, checkedRow.FewerOpportunities, checkedRow.GreenTravel,
                checkedRow.Blended, Enum.Parse<MobilityStatus>(checkedRow.Status)), now));
        }

        return (errors.Count == 0 ? mobilities : [], errors);
    }

    /// <summary>A typed cell as a file's text cell; longer than the import takes, it is refused as a file's would be.</summary>
    private static SheetCell Cell(string? text, int maxCellChars) =>
        string.IsNullOrEmpty(text) ? SheetCell.Empty
        : text.Length > maxCellChars ? new SheetCell(CellKind.TooLong, "", text.Length)
        : new SheetCell(CellKind.Text, text);

    private static int IndexOf(ImportColumn column) => MobilityColumns.All.ToList().IndexOf(column);

    /// <summary>An empty receiving country is the receiving organisation's when the row names one the import finds (by OID, number or name).</summary>
    private static void FillReceivingCountry(SheetCell[] cells, ImportReferenceData data)
    {
        if (!cells[ReceivingCountryAt].IsBlank)
        {
            return;
        }

        static string? TextOf(SheetCell cell) => cell.Kind == CellKind.Text ? ImportValues.Text(cell) : null;
        if (data.FindOrganisation(TextOf(cells[ReceivingOidAt]), TextOf(cells[ReceivingNameAt]), null, out _) is { } found)
        {
            cells[ReceivingCountryAt] = new SheetCell(CellKind.Text, found.CountryCode);
        }
    }
}

using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import.Reading;

namespace Erasmus.Web.Features.Import;

/// <summary>A rejected row: its number in the file, the column as the file names it ("" for the row as a whole), why, and the cell's value as the file has it.</summary>
public sealed record RowError(int Row, string Column, string Message, string? Value = null)
{
    /// <summary>The cell as the user sees it in the spreadsheet, cut to what a message list can show.</summary>
    public static string? ValueOf(SheetCell cell) => cell.IsBlank ? null : cell.Display.Length <= 200 ? cell.Display : cell.Display[..199] + "…";
}

/// <summary>
/// Checks one mobility row the way the mobility form does: the cells must be readable, the project, activity
/// type, countries and organisations must exist (and be the coordinator's to use), and then
/// <see cref="Mobility.Register"/> applies every rule of the domain (ID format, dates, duration for the
/// project's call year, sector, group minimum, project period). A valid row becomes a staging row.
/// </summary>
public sealed class MobilityRowChecker(ImportReferenceData data, ImportActor actor, HeaderMap map, DateOnly today, int maxCellChars)
{
    private static readonly ImportColumn[] Columns = [.. MobilityColumns.All];

    /// <summary>One for all rows, so a file of rejected rows makes less garbage.</summary>
    private readonly RowCells _cells = new(map, Columns, maxCellChars);

    private readonly Dictionary<(int ProjectId, string MobilityId), int> _seen = [];
    private readonly Dictionary<int, HashSet<string>> _organisationCounties = [];

    private readonly DateTimeOffset _now = new(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public ImportMobilityRow? Check(SheetRow row, List<RowError> errors)
    {
        var cells = _cells.Start(row, errors);

        // The project first: a coordinator's row of another county is rejected for that reason alone.
        ProjectInfo? project = null;
        if (cells.Usable(MobilityColumns.ProjectReference))
        {
            var reference = cells.Text(MobilityColumns.ProjectReference)?.ToUpperInvariant();
            if (reference is null)
            {
                cells.Fail(MobilityColumns.ProjectReference, "Prosjektnummeret må fylles ut.");
            }
            else if (!data.Projects.TryGetValue(reference, out project))
            {
                cells.Fail(MobilityColumns.ProjectReference, $"Fant ikke prosjektet {ImportValues.Shorten(reference)}. Registrer prosjektet før du importerer mobilitetene.");
            }
            else if (!actor.National && !project.Scope.Contains(actor.CountyNumber ?? ""))
            {
                cells.DropErrors();
                cells.Fail(MobilityColumns.ProjectReference,
                    $"Prosjektet {project.Project.Reference} hører til {data.ScopeText(project.Scope)}, ikke ditt fylke ({data.CountyName(actor.CountyNumber)}). Du kan bare importere rader for prosjekter i ditt eget fylke.");
                return null;
            }
        }

        var mobilityId = (cells.Text(MobilityColumns.MobilityId) ?? "").ToUpperInvariant();

        ActivityType? activity = null;
        if (cells.Usable(MobilityColumns.ActivityType))
        {
            var code = cells.Text(MobilityColumns.ActivityType);
            if (code is null)
            {
                cells.Fail(MobilityColumns.ActivityType, "Aktivitetstypen må fylles ut.");
            }
            else if ((activity = data.ActivityOf(code)) is null)
            {
                cells.Fail(MobilityColumns.ActivityType, $"Ukjent aktivitetstype «{ImportValues.Shorten(code)}». Gyldige verdier: {data.ActivityListing}.");
            }
        }

        ParticipantGroup? group = null;
        if (cells.Text(MobilityColumns.ParticipantGroup) is { } groupText)
        {
            group = ImportValues.Group(groupText);
            if (group is null)
            {
                cells.Fail(MobilityColumns.ParticipantGroup, $"Ukjent deltakergruppe «{ImportValues.Shorten(groupText)}». Gyldige verdier: {ImportValues.Groups.Listing}.");
            }
        }

        var accompanying = Flag(MobilityColumns.AccompanyingPerson, "Ledsager");
        var fewerOpportunities = Flag(MobilityColumns.FewerOpportunities, "Færre muligheter");
        var greenTravel = Flag(MobilityColumns.GreenTravel, "Grønn reise");
        var blended = Flag(MobilityColumns.Blended, "Blandet mobilitet");

        var sendingCountry = Country(MobilityColumns.SendingCountry, "Avsenderland");
        var receivingCountry = Country(MobilityColumns.ReceivingCountry, "Mottakerland");
        var sending = OrganisationOf(MobilityColumns.SendingOrganisationOid, MobilityColumns.SendingOrganisationName, sendingCountry);
        var receiving = OrganisationOf(MobilityColumns.ReceivingOrganisationOid, MobilityColumns.ReceivingOrganisationName, receivingCountry);

        var start = cells.Date(MobilityColumns.StartDate, "Startdato");
        var end = cells.Date(MobilityColumns.EndDate, "Sluttdato");
        int? participants = null;
        if (cells.Usable(MobilityColumns.Participants))
        {
            participants = ImportValues.WholeNumber(cells.Cell(MobilityColumns.Participants), "Antall deltakere", out var error);
            if (error is not null)
            {
                cells.Fail(MobilityColumns.Participants, error);
            }
        }

        MobilityDirection? direction = null;
        if (cells.Text(MobilityColumns.Direction) is { } directionText && (direction = ImportValues.DirectionOf(directionText)) is null)
        {
            cells.Fail(MobilityColumns.Direction, $"Ukjent retning «{ImportValues.Shorten(directionText)}». Gyldige verdier: {ImportValues.Directions.Listing}.");
        }

        MobilityStatus? status = null;
        if (cells.Text(MobilityColumns.Status) is { } statusText && (status = ImportValues.MobilityStatusOf(statusText)) is null)
        {
            cells.Fail(MobilityColumns.Status, $"Ukjent status «{ImportValues.Shorten(statusText)}». Gyldige verdier: {ImportValues.MobilityStatuses.Listing}.");
        }

        if (project is not null && !actor.National)
        {
            CheckOrganisationCounty(project, sending, MobilityColumns.SendingOrganisationOid, MobilityColumns.SendingOrganisationName);
            CheckOrganisationCounty(project, receiving, MobilityColumns.ReceivingOrganisationOid, MobilityColumns.ReceivingOrganisationName);
        }

        if (cells.HasErrors || project is null || activity is null || start is null || end is null || participants is null
            || sendingCountry is null || receivingCountry is null)
        {
            // The rules that need no project, so the row's every problem shows at once (as on the form).
            if (cells.Usable(MobilityColumns.MobilityId) && Erasmus.Domain.Rules.MobilityId.Validate(mobilityId) is { } idProblem)
            {
                cells.Fail(MobilityColumns.MobilityId, idProblem.Message);
            }

            if (start is { } s && end is { } e && MobilityRules.ValidateDates(s, e) is { } dateProblem)
            {
                cells.Fail(MobilityColumns.EndDate, dateProblem.Message);
            }

            return null;
        }

        var details = new MobilityDetails(
            mobilityId,
            accompanying ? ParticipantGroup.AccompanyingPerson : group ?? GroupOf(activity),
            direction ?? (sendingCountry == Organisation.Norway || receivingCountry != Organisation.Norway
                ? MobilityDirection.Outgoing : MobilityDirection.Incoming),
            participants.Value,
            sending?.Id,
            receiving?.Id,
            sendingCountry,
            receivingCountry,
            start.Value,
            end.Value,
            fewerOpportunities,
            greenTravel,
            blended,
            status ?? (end.Value < today ? MobilityStatus.Realised : MobilityStatus.Planned));
        Mobility mobility;
        try
        {
            mobility = Mobility.Register(project.Project, activity, details, _now);
        }
        catch (DomainException ex)
        {
            foreach (var violation in ex.Violations)
            {
                cells.Fail(ColumnOf(violation.Field), violation.Message);
            }

            return null;
        }

        if (_seen.TryGetValue((project.Project.Id, mobility.MobilityId), out var earlier))
        {
            cells.Fail(MobilityColumns.MobilityId, $"Mobilitets-ID-en {mobility.MobilityId} står også i rad {earlier} for prosjektet {project.Project.Reference}. Hver mobilitet kan bare stå én gang i filen.");
            return null;
        }

        _seen[(project.Project.Id, mobility.MobilityId)] = row.Number;
        return new ImportMobilityRow
        {
            RowNumber = row.Number,
            Outcome = RowOutcome.New,
            ProjectId = project.Project.Id,
            ProjectReference = project.Project.Reference,
            MobilityId = mobility.MobilityId,
            ActivityTypeCode = mobility.ActivityTypeCode,
            ParticipantGroup = mobility.ParticipantGroup.ToString(),
            Direction = mobility.Direction.ToString(),
            ParticipantCount = mobility.ParticipantCount,
            SendingOrganisationId = mobility.SendingOrganisationId,
            ReceivingOrganisationId = mobility.ReceivingOrganisationId,
            SendingCountryCode = mobility.SendingCountryCode,
            ReceivingCountryCode = mobility.ReceivingCountryCode,
            StartDate = mobility.StartDate,
            EndDate = mobility.EndDate,
            DurationDays = mobility.DurationDays,
            FewerOpportunities = mobility.FewerOpportunities,
            GreenTravel = mobility.GreenTravel,
            Blended = mobility.Blended,
            Status = mobility.Status.ToString(),
        };

        bool Flag(ImportColumn column, string label)
        {
            var value = ImportValues.Flag(cells.Cell(column), label, out var error);
            if (error is not null)
            {
                cells.Fail(column, error);
            }

            return value;
        }

        string? Country(ImportColumn column, string label)
        {
            if (!cells.Usable(column))
            {
                return null;
            }

            var text = cells.Text(column);
            if (text is null)
            {
                cells.Fail(column, $"{label} må fylles ut.");
                return null;
            }

            var code = data.CountryCode(text);
            if (code is null)
            {
                cells.Fail(column, $"Ukjent land «{ImportValues.Shorten(text)}» i kolonnen «{label}». Bruk landkoden eller landets navn på bokmål eller engelsk. Gyldige landkoder: {data.CountryListing}.");
            }

            return code;
        }

        OrganisationInfo? OrganisationOf(ImportColumn oidColumn, ImportColumn nameColumn, string? countryCode)
        {
            var oid = cells.Text(oidColumn);
            var name = cells.Text(nameColumn);
            var found = data.FindOrganisation(oid, name, countryCode, out var error);
            if (error is not null)
            {
                cells.Fail(oid is not null ? oidColumn : nameColumn, error);
            }

            return found;
        }

        void CheckOrganisationCounty(ProjectInfo info, OrganisationInfo? organisation, ImportColumn oidColumn, ImportColumn nameColumn)
        {
            if (organisation is null || organisation.CountryCode != Organisation.Norway)
            {
                return;
            }

            if (!_organisationCounties.TryGetValue(info.Project.Id, out var allowed))
            {
                _organisationCounties[info.Project.Id] = allowed = data.OrganisationCountiesFor(info.Scope);
            }

            if (organisation.CountyNumber is null || !allowed.Contains(organisation.CountyNumber))
            {
                cells.Fail(cells.Text(oidColumn) is not null ? oidColumn : nameColumn,
                    $"Organisasjonen «{ImportValues.Shorten(organisation.Name)}» hører til {data.CountyName(organisation.CountyNumber)}. Du kan bare bruke norske organisasjoner i prosjektets fylke, eller utenlandske organisasjoner.");
            }
        }
    }

    /// <summary>The entity names its fields by property; the file by its own headers.</summary>
    private static ImportColumn? ColumnOf(string field) => field switch
    {
        nameof(Mobility.MobilityId) => MobilityColumns.MobilityId,
        nameof(Mobility.ActivityTypeCode) => MobilityColumns.ActivityType,
        nameof(Mobility.StartDate) => MobilityColumns.StartDate,
        nameof(Mobility.EndDate) => MobilityColumns.EndDate,
        nameof(Mobility.ParticipantCount) => MobilityColumns.Participants,
        nameof(Mobility.SendingCountryCode) => MobilityColumns.SendingCountry,
        nameof(Mobility.ReceivingCountryCode) => MobilityColumns.ReceivingCountry,
        _ => null,
    };

    private static ParticipantGroup GroupOf(ActivityType activity) => activity.ParticipantGroup switch
    {
        "staff" => ParticipantGroup.Staff,
        "learner" => ParticipantGroup.Learner,
        _ => ParticipantGroup.Other,
    };
}

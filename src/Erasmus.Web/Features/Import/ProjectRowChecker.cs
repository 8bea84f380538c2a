using System.Globalization;
using System.Text.Json;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import.Reading;
using Erasmus.Web.Features.Projects;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Import;

/// <summary>
/// Checks a project row like the project form: readable cells, known action, sector, status, coordinator,
/// partners, topics and activity types; the reference's sector; a Norwegian partner when coordinated
/// abroad; awarded numbers only for activity types of the sector and call year; then the entity's rules.
/// A coordinator may only import projects that belong to their county, before and after the change.
/// </summary>
public sealed class ProjectRowChecker(ImportReferenceData data, ImportActor actor, HeaderMap map, int maxCellChars)
{
    private static readonly char[] ListSeparators = [';', '\n'];
    private readonly RowCells _cells = new(map, ProjectColumns.All, maxCellChars);
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public ImportProjectRow? Check(SheetRow row, List<RowError> errors)
    {
        var cells = _cells.Start(row, errors);

        var reference = cells.RequiredText(ProjectColumns.Reference, "Prosjektnummeret må fylles ut.")?.ToUpperInvariant();
        ProjectInfo? existing = null;
        if (reference is not null && data.Projects.TryGetValue(reference, out existing) && !actor.National && !existing.Scope.Contains(actor.CountyNumber ?? ""))
        {
            cells.DropErrors();
            cells.Fail(ProjectColumns.Reference, $"Prosjektet {reference} hører til {data.ScopeText(existing.Scope)}, ikke ditt fylke ({data.CountyName(actor.CountyNumber)}). Du kan bare importere prosjekter i ditt eget fylke.");
            return null;
        }

        var saved = existing?.Project;
        var action = Parse(ProjectColumns.Action, ImportValues.ActionOf, "Ukjent tiltak «{0}». Gyldige verdier: " + ImportValues.ActionListing + ".");
        var sector = Parse(ProjectColumns.Sector, ImportValues.SectorOf, "Ukjent sektor «{0}». Gyldige verdier: " + ImportValues.Sectors.Listing + ".");
        var status = Parse(ProjectColumns.Status, ImportValues.ProjectStatusOf, "Ukjent status «{0}». Gyldige verdier: " + ImportValues.ProjectStatuses.Listing + ".");
        var callYear = Number(ProjectColumns.CallYear, "Utlysningsåret");
        var round = Number(ProjectColumns.Round, "Søknadsrunden");
        var start = cells.Date(ProjectColumns.StartDate, "Startdato", required: true);
        var end = cells.Date(ProjectColumns.EndDate, "Sluttdato", required: true);
        var decision = map.Has(ProjectColumns.DecisionDate) ? cells.Date(ProjectColumns.DecisionDate, "Vedtaksdato", required: false) : saved?.DecisionDate;

        OrganisationInfo? coordinator = null;
        var coordinatorOid = cells.Text(ProjectColumns.CoordinatorOid);
        var coordinatorName = cells.Text(ProjectColumns.CoordinatorName);
        if (coordinatorOid is null && coordinatorName is null)
        {
            if (saved is not null && !map.Has(ProjectColumns.CoordinatorOid) && !map.Has(ProjectColumns.CoordinatorName))
            {
                coordinator = data.Organisations.GetValueOrDefault(saved.CoordinatorId);
            }
            else
            {
                cells.Fail(map.Has(ProjectColumns.CoordinatorOid) ? ProjectColumns.CoordinatorOid : ProjectColumns.CoordinatorName,
                    "Koordinatoren må fylles ut: OID, eller navn og land.");
            }
        }
        else
        {
            var country = cells.Text(ProjectColumns.CoordinatorCountry) is { } countryText ? data.CountryCode(countryText) : null;
            coordinator = data.FindOrganisation(coordinatorOid, coordinatorName, country, out var error);
            if (error is not null)
            {
                cells.Fail(coordinatorOid is not null ? ProjectColumns.CoordinatorOid : ProjectColumns.CoordinatorName, error);
            }
        }

        var partners = saved is not null && !map.Has(ProjectColumns.Partners) ? [.. data.PartnersOf.GetValueOrDefault(saved.Id) ?? []] : Partners();
        var topics = saved is not null && !map.Has(ProjectColumns.Topics) ? [.. data.TopicsOf.GetValueOrDefault(saved.Id) ?? []] : Topics();
        var awarded = saved is not null && !map.Has(ProjectColumns.Awarded)
            ? new Dictionary<string, int>(data.AwardedOf.GetValueOrDefault(saved.Id) ?? [], StringComparer.Ordinal)
            : Awarded(sector, callYear);
        decimal grant = saved?.GrantEur ?? 0m;
        if (cells.Text(ProjectColumns.Grant) is { } grantText)
        {
            if (ProjectForm.ParseGrant(grantText) is { } parsedGrant)
            {
                grant = parsedGrant;
            }
            else
            {
                cells.Fail(ProjectColumns.Grant, "Tilskuddet må være et tall i euro, for eksempel 60000 eller 60000,50.");
            }
        }
        else if (map.Has(ProjectColumns.Grant))
        {
            grant = 0m;
        }

        var greenTravel = Flag(ProjectColumns.GreenTravelTopUp, "Grønn reisestøtte", saved?.GreenTravelTopUp);
        var inclusion = Flag(ProjectColumns.InclusionSupport, "Inkluderingsstøtte", saved?.InclusionSupport);
        var blended = Flag(ProjectColumns.BlendedMobility, "Blandet mobilitet", saved?.BlendedMobility);

        // A coordinator listed again among the partners is dropped with a warning, as the project form does.
        string? warning = null;
        if (coordinator is not null && partners.Remove(coordinator.Id))
        {
            warning = ProjectForm.CoordinatorDroppedWarning;
        }

        if (coordinator is not null)
        {
            var participants = partners.Select(id => (id, data.Organisations[id].CountryCode)).ToList();
            foreach (var violation in Project.CheckParticipants(coordinator.Id, coordinator.CountryCode, participants))
            {
                cells.Fail(ProjectColumns.Partners, violation.Message);
            }
        }

        if (cells.HasErrors || reference is null || action is null || sector is null || status is null || callYear is null || round is null
            || start is null || end is null || coordinator is null)
        {
            return null;
        }

        var payload = new ProjectPayload(reference, action.Value, sector.Value, callYear.Value, round.Value, coordinator.Id, start.Value, end.Value,
            decision, status.Value, grant, greenTravel, inclusion, blended, saved?.AccreditationId, [.. partners.Order()], [.. topics.Order(StringComparer.Ordinal)], awarded);
        try
        {
            var project = new Project(payload.Details);
            payload.ApplyCollections(project);
        }
        catch (DomainException ex)
        {
            foreach (var violation in ex.Violations)
            {
                cells.Fail(ColumnOf(violation.Field), violation.Message);
            }

            return null;
        }

        if (!actor.National)
        {
            var scope = coordinator.CountryCode == Organisation.Norway
                ? data.ScopeOf([coordinator.CountyNumber])
                : data.ScopeOf(partners.Select(id => data.Organisations[id]).Where(o => o.CountryCode == Organisation.Norway).Select(o => o.CountyNumber));
            if (!scope.Contains(actor.CountyNumber ?? ""))
            {
                cells.Fail(coordinator.CountryCode == Organisation.Norway ? ProjectColumns.CoordinatorOid : ProjectColumns.Partners,
                    $"Prosjektet ville høre til {data.ScopeText(scope)}, ikke ditt fylke ({data.CountyName(actor.CountyNumber)}). Du kan bare importere prosjekter i ditt eget fylke.");
                return null;
            }
        }

        if (_seen.TryGetValue(reference, out var earlier))
        {
            cells.Fail(ProjectColumns.Reference, $"Prosjektet {reference} står også i rad {earlier}. Hvert prosjekt kan bare stå én gang i filen.");
            return null;
        }

        _seen[reference] = row.Number;
        var changes = saved is null ? null : Changes(saved, payload);
        return new ImportProjectRow
        {
            RowNumber = row.Number,
            Reference = reference,
            ExistingId = saved?.Id,
            ExistingVersion = saved?.Version,
            Outcome = saved is null ? RowOutcome.New : changes!.Count > 0 ? RowOutcome.Changed : RowOutcome.Unchanged,
            Payload = ProjectImport.Serialise(payload),
            Changes = changes is { Count: > 0 } ? string.Join("; ", changes) : null,
            Warnings = warning,
        };

        T? Parse<T>(ImportColumn column, Func<string, T?> parse, string unknown)
            where T : struct
        {
            if (!cells.Usable(column))
            {
                return null;
            }

            var text = cells.Text(column);
            if (text is null)
            {
                cells.Fail(column, $"{column.Norwegian} må fylles ut.");
                return null;
            }

            var value = parse(text);
            if (value is null)
            {
                cells.Fail(column, string.Format(CultureInfo.InvariantCulture, unknown, ImportValues.Shorten(text)));
            }

            return value;
        }

        int? Number(ImportColumn column, string label)
        {
            if (!cells.Usable(column))
            {
                return null;
            }

            var value = ImportValues.WholeNumber(cells.Cell(column), label, out var error);
            if (error is not null)
            {
                cells.Fail(column, error);
            }

            return value;
        }

        bool Flag(ImportColumn column, string label, bool? savedValue)
        {
            if (!map.Has(column))
            {
                return savedValue ?? false;
            }

            var value = ImportValues.Flag(cells.Cell(column), label, out var error);
            if (error is not null)
            {
                cells.Fail(column, error);
            }

            return value;
        }

        List<int> Partners()
        {
            var result = new List<int>();
            foreach (var item in (cells.Text(ProjectColumns.Partners) ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var isOid = ImportReferenceData.IsOrganisationKey(item);
                var partner = data.FindOrganisation(isOid ? item : null, isOid ? null : item, null, out var error);
                if (partner is not null)
                {
                    result.Add(partner.Id);
                }
                else
                {
                    cells.Fail(ProjectColumns.Partners, error ?? $"Fant ikke partneren «{ImportValues.Shorten(item)}».");
                }
            }

            return [.. result.Distinct()];
        }

        List<string> Topics()
        {
            var result = new List<string>();
            foreach (var topic in (cells.Text(ProjectColumns.Topics) ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (data.TopicOf(topic) is { } code)
                {
                    result.Add(code);
                }
                else
                {
                    cells.Fail(ProjectColumns.Topics, $"Ukjent tema «{ImportValues.Shorten(topic)}». Gyldige verdier: {data.TopicListing}.");
                }
            }

            return [.. result.Distinct(StringComparer.Ordinal)];
        }

        Dictionary<string, int> Awarded(Sector? forSector, int? forYear)
        {
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in (cells.Text(ProjectColumns.Awarded) ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var pieces = part.Split(['=', ':'], 2, StringSplitOptions.TrimEntries);
                if (pieces.Length != 2 || !int.TryParse(pieces[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    cells.Fail(ProjectColumns.Awarded, $"«{ImportValues.Shorten(part)}» må ha formen AKTIVITETSKODE=antall, for eksempel LM-SHORT-VET=4.");
                }
                else if (data.ActivityOf(pieces[0]) is not { } activity)
                {
                    cells.Fail(ProjectColumns.Awarded, $"Ukjent aktivitetstype «{ImportValues.Shorten(pieces[0])}». Gyldige verdier: {data.ActivityListing}.");
                }
                else if (Plausible.Awarded(number, nameof(Project.AwardedMobilities)) is { } outOfRange)
                {
                    cells.Fail(ProjectColumns.Awarded, outOfRange.Message);
                }
                else if (number > 0 && forSector is not null && forYear is not null && !ProjectQueries.IsValidFor(activity, forSector, forYear))
                {
                    cells.Fail(ProjectColumns.Awarded, $"Aktivitetstypen {activity.Code} gjelder ikke for sektoren {forSector} i utlysningsår {forYear}.");
                }
                else if (number > 0)
                {
                    result[activity.Code] = number;
                }
            }

            return result;
        }
    }

    private List<string> Changes(Project saved, ProjectPayload payload)
    {
        var changes = new List<string>();
        void Compare(string label, string? before, string? after)
        {
            if (before != after)
            {
                changes.Add($"{label}: {before ?? "–"} → {after ?? "–"}");
            }
        }

        string Date(DateOnly? date) => date?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "–";
        string Names(IEnumerable<int> ids) => string.Join(", ", ids.Select(id => data.Organisations.TryGetValue(id, out var o) ? o.Name : id.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
        string Awarded(IReadOnlyDictionary<string, int> awarded) => string.Join(", ", awarded.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key}={a.Value}")));

        Compare("Tiltak", saved.Action.ToString(), payload.Action.ToString());
        Compare("Sektor", saved.Sector.ToString(), payload.Sector.ToString());
        Compare("Utlysningsår", saved.CallYear.ToString(CultureInfo.InvariantCulture), payload.CallYear.ToString(CultureInfo.InvariantCulture));
        Compare("Søknadsrunde", saved.Round.ToString(CultureInfo.InvariantCulture), payload.Round.ToString(CultureInfo.InvariantCulture));
        Compare("Koordinator", Names([saved.CoordinatorId]), Names([payload.CoordinatorId]));
        Compare("Startdato", Date(saved.StartDate), Date(payload.StartDate));
        Compare("Sluttdato", Date(saved.EndDate), Date(payload.EndDate));
        Compare("Vedtaksdato", Date(saved.DecisionDate), Date(payload.DecisionDate));
        Compare("Status", DomainText.Of(saved.Status), DomainText.Of(payload.Status));
        Compare("Tilskudd", saved.GrantEur.ToString("0.##", CultureInfo.InvariantCulture), payload.GrantEur.ToString("0.##", CultureInfo.InvariantCulture));
        Compare("Grønn reisestøtte", DomainText.YesNo(saved.GreenTravelTopUp), DomainText.YesNo(payload.GreenTravelTopUp));
        Compare("Inkluderingsstøtte", DomainText.YesNo(saved.InclusionSupport), DomainText.YesNo(payload.InclusionSupport));
        Compare("Blandet mobilitet", DomainText.YesNo(saved.BlendedMobility), DomainText.YesNo(payload.BlendedMobility));
        Compare("Partnere", Names(data.PartnersOf.GetValueOrDefault(saved.Id) ?? []), Names(payload.Partners.Where(id => id != payload.CoordinatorId)));
        Compare("Temaer", string.Join(", ", (data.TopicsOf.GetValueOrDefault(saved.Id) ?? []).Order(StringComparer.Ordinal)), string.Join(", ", payload.Topics));
        Compare("Tildelte mobiliteter", Awarded(data.AwardedOf.GetValueOrDefault(saved.Id) ?? []), Awarded(payload.Awarded));
        return changes;
    }

    private static ImportColumn? ColumnOf(string field) => field switch
    {
        nameof(Project.Reference) => ProjectColumns.Reference,
        nameof(Project.Action) => ProjectColumns.Action,
        nameof(Project.Sector) => ProjectColumns.Sector,
        nameof(Project.CallYear) => ProjectColumns.CallYear,
        nameof(Project.Round) => ProjectColumns.Round,
        nameof(Project.EndDate) => ProjectColumns.EndDate,
        nameof(Project.StartDate) => ProjectColumns.StartDate,
        nameof(Project.DecisionDate) => ProjectColumns.DecisionDate,
        nameof(Project.GrantEur) => ProjectColumns.Grant,
        nameof(Project.AwardedMobilities) => ProjectColumns.Awarded,
        _ => null,
    };
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Organisations;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

public sealed class MobilityListQuery : ListQuery
{
    /// <summary>The project's county: its coordinator's, or its Norwegian partners' when coordinated abroad.</summary>
    [StringLength(2)]
    public string? County { get; set; }

    public Sector? Sector { get; set; }

    [Range(2000, 2100)]
    public int? CallYear { get; set; }

    public MobilityStatus? Status { get; set; }

    [StringLength(20)]
    public string? ActivityType { get; set; }

    /// <summary>A project reference (project number or EU grant number), matched exactly.</summary>
    [StringLength(40)]
    public string? Project { get; set; }

    public string? ProjectReference => string.IsNullOrWhiteSpace(Project) ? null : Project.Trim().ToUpperInvariant();
}

/// <summary>The list's filters as a value: the key of its cached totals.</summary>
public sealed record MobilityFilter(string? SearchPattern, string? County, Sector? Sector, int? CallYear, MobilityStatus? Status, string? ActivityType,
    string? ProjectReference);

public sealed record MobilityTotals(int Count, int Participants);

public sealed record MobilityListChoices(IReadOnlyList<FieldOption> Counties, IReadOnlyList<int> CallYears, IReadOnlyList<FieldOption> ActivityTypes);

public sealed record MobilityRow(int Id, string MobilityId, int ProjectId, string ProjectReference, string ActivityTypeCode, string ActivityTypeName,
    ParticipantGroup ParticipantGroup, MobilityDirection Direction, DateOnly StartDate, DateOnly EndDate, MobilityStatus Status, int ParticipantCount);

public sealed class MobilityListModel
{
    public required MobilityListQuery Query { get; init; }
    public required PagedList<MobilityRow> Rows { get; init; }

    /// <summary>Participants of every row the filters select, not just this page.</summary>
    public int TotalParticipants { get; init; }

    public IReadOnlyList<FieldOption> Counties { get; init; } = [];
    public IReadOnlyList<int> CallYears { get; init; } = [];
    public IReadOnlyList<FieldOption> ActivityTypes { get; init; } = [];

    /// <summary>The project the list is filtered by, when the filter names an existing project.</summary>
    public ProjectSummary? Project { get; init; }

    public bool CanRegisterForProject { get; set; }
}

/// <summary>What a mobility page shows of its project: enough to see which rules apply.</summary>
public sealed record ProjectSummary(int Id, string Reference, ProjectAction Action, Sector Sector, int CallYear, DateOnly StartDate, DateOnly EndDate,
    int CoordinatorId, string CoordinatorName, bool CoordinatorIsNorwegian);

public sealed record OrganisationRef(int Id, string Name, string CountryCode);

public sealed class MobilityDetailsModel
{
    public required Mobility Mobility { get; init; }
    public required ProjectSummary Project { get; init; }
    public string ActivityTypeName { get; init; } = "";
    public OrganisationRef? SendingOrganisation { get; init; }
    public OrganisationRef? ReceivingOrganisation { get; init; }
    public string SendingCountryName { get; init; } = "";
    public string ReceivingCountryName { get; init; } = "";
    public required TargetCounting Counting { get; init; }
    public bool CanEdit { get; set; }
}

public sealed record MobilityDeleteModel
{
    public required int Id { get; init; }
    public required string MobilityId { get; init; }
    public required ProjectSummary Project { get; init; }
    public required uint Version { get; init; }

    /// <summary>Why the last confirmation did not delete (<see cref="Shared.DeleteConfirmation"/>), when it did not.</summary>
    public string? Refusal { get; init; }
}

public sealed record ProjectChoice(ProjectSummary Project, bool CanEdit);

public sealed record ChooseProjectModel(string? Search, IReadOnlyList<ProjectChoice> Projects, bool Searched);

public static class MobilityQueries
{
    private const int ProjectChoiceLimit = 20;

    /// <summary>What the list's totals are counted from, for the cache.</summary>
    private static readonly string[] _listTables = ["mobilities", "projects", "organisations", "project_partners"];

    /// <summary>What a project's county, sector, call year and reference are read from.</summary>
    private static readonly string[] _projectTables = ["projects", "organisations", "project_partners"];

    /// <summary>What the search among project references reads.</summary>
    private static readonly string[] _referenceTables = ["projects"];

    /// <summary>What the filters' choices are read from.</summary>
    private static readonly string[] _choiceTables = ["counties", "projects", "activity_types"];

    /// <param name="cache">
    /// Keeps the totals (rows and participants) of each combination of filters until one of the tables
    /// they are counted from changes: paging through a million records counts them once.
    /// </param>
    public static async Task<MobilityListModel> ListAsync(ErasmusDbContext db, MobilityListQuery query, DataCache cache, CancellationToken cancellationToken)
    {
        var filter = new MobilityFilter(query.SearchPattern, string.IsNullOrEmpty(query.County) ? null : query.County, query.Sector, query.CallYear, query.Status,
            string.IsNullOrWhiteSpace(query.ActivityType) ? null : query.ActivityType.Trim(), query.ProjectReference);
        var versions = await cache.VersionsAsync(db, cancellationToken);
        var mobilities = await FilteredAsync(db, filter, cache, versions, cancellationToken);
        ProjectSummary? project = null;
        if (filter.ProjectReference is { } reference)
        {
            project = await ProjectSummaries(db.Projects.Where(p => p.Reference == reference)).FirstOrDefaultAsync(cancellationToken);
        }

        var totals = await cache.GetAsync(versions, filter, _listTables, async scoped =>
        {
            var filtered = await FilteredAsync(scoped.GetRequiredService<ErasmusDbContext>(), filter, cache, versions, CancellationToken.None);
            // Summed as bigint: rows older than the CHECK constraints may hold counts whose sum no integer holds.
            return new MobilityTotals(await filtered.CountAsync(), (int)Math.Min(int.MaxValue, await filtered.SumAsync(m => (long?)m.ParticipantCount) ?? 0));
        }, _ => 256, cancellationToken);
        var totalParticipants = totals.Participants;

        // Status sorts in its natural order (planned, realised, cancelled), not alphabetically by its stored text.
        mobilities = (query.Sort?.ToLowerInvariant(), query.Descending) switch
        {
            ("project", false) => mobilities.OrderBy(m => m.Project!.Reference).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("project", true) => mobilities.OrderByDescending(m => m.Project!.Reference).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("activity", false) => mobilities.OrderBy(m => m.ActivityTypeCode).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("activity", true) => mobilities.OrderByDescending(m => m.ActivityTypeCode).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("start", false) => mobilities.OrderBy(m => m.StartDate).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("start", true) => mobilities.OrderByDescending(m => m.StartDate).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("status", false) => mobilities.OrderBy(m => m.Status == MobilityStatus.Planned ? 0 : m.Status == MobilityStatus.Realised ? 1 : 2).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("status", true) => mobilities.OrderByDescending(m => m.Status == MobilityStatus.Planned ? 0 : m.Status == MobilityStatus.Realised ? 1 : 2).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("participants", false) => mobilities.OrderBy(m => m.ParticipantCount).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            ("participants", true) => mobilities.OrderByDescending(m => m.ParticipantCount).ThenBy(m => m.MobilityId).ThenBy(m => m.Id),
            (_, true) => mobilities.OrderByDescending(m => m.MobilityId).ThenBy(m => m.Project!.Reference).ThenBy(m => m.Id),
            _ => mobilities.OrderBy(m => m.MobilityId).ThenBy(m => m.Project!.Reference).ThenBy(m => m.Id),
        };

        // Activity types by name in the page's language (#17): the choices are cached per language too.
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var rows = mobilities.Select(m => new MobilityRow(
            m.Id, m.MobilityId, m.ProjectId, m.Project!.Reference, m.ActivityTypeCode, english ? m.ActivityType!.NameEn : m.ActivityType!.NameNb,
            m.ParticipantGroup, m.Direction, m.StartDate, m.EndDate, m.Status, m.ParticipantCount));
        var page = await rows.ToPagedListAsync(query.Page, query.PageSize, totals.Count, cancellationToken);
        // The filters' choices change rarely: cached with the tables they come from, saving three queries per page.
        var choices = await cache.GetAsync(versions, (nameof(MobilityListChoices), english), _choiceTables, async scoped =>
        {
            var scopedDb = scoped.GetRequiredService<ErasmusDbContext>();
            return new MobilityListChoices(
                await OrganisationQueries.CountyOptionsAsync(scopedDb, includeDissolved: true, CancellationToken.None),
                await scopedDb.Projects.Select(p => p.CallYear).Distinct().OrderByDescending(y => y).ToListAsync(),
                await scopedDb.ActivityTypes.AsNoTracking().OrderBy(a => a.Code).Select(a => new FieldOption(a.Code, a.Code + " – " + (english ? a.NameEn : a.NameNb))).ToListAsync());
        }, _ => 16384, cancellationToken);
        return new MobilityListModel
        {
            Query = query,
            Rows = page,
            TotalParticipants = totalParticipants,
            Counties = choices.Counties,
            CallYears = choices.CallYears,
            ActivityTypes = choices.ActivityTypes,
            Project = project,
        };
    }

    /// <summary>
    /// The records the filters select. The filters on the project (county, sector, call year, reference)
    /// and the search are resolved to project ids first (cached like the totals), so the query on the
    /// records gets an array of ids it can look up by index and estimate well, whatever the sort: a
    /// county is some 3 500 projects but 100 000 records. The search matches part of a mobility ID (by
    /// the IDs' trigram index) or part of the reference of the record's project.
    /// </summary>
    private static async Task<IQueryable<Mobility>> FilteredAsync(ErasmusDbContext db, MobilityFilter filter, DataCache cache, DataVersions versions,
        CancellationToken cancellationToken)
    {
        var mobilities = db.Mobilities.AsNoTracking();
        if (filter.SearchPattern is { } pattern)
        {
            var found = await cache.GetAsync(versions, new ReferenceSearch(pattern), _referenceTables, async scoped =>
                await scoped.GetRequiredService<ErasmusDbContext>().Projects.Where(p => EF.Functions.ILike(p.Reference, pattern, "\\"))
                    .Select(p => p.Id).ToArrayAsync(), ids => 64 + (ids.Length * 4L), cancellationToken);
            // OFFSET 0 keeps the search a subquery of its own: PostgreSQL then finds the matching records by
            // their indexes and sorts those, instead of walking a sort-order index in the hope of meeting
            // them soon (a project's records sit together in that order, which it cannot know).
            mobilities = db.Mobilities.FromSqlInterpolated(
                $"SELECT *, xmin FROM mobilities WHERE mobility_id ILIKE {pattern} ESCAPE '\\' OR project_id = ANY({found}) OFFSET 0").AsNoTracking();
        }

        if (filter.County is not null || filter.Sector is not null || filter.CallYear is not null || filter.ProjectReference is not null)
        {
            var key = new ProjectFilter(filter.County, filter.Sector, filter.CallYear, filter.ProjectReference);
            var ids = await cache.GetAsync(versions, key, _projectTables, async scoped => await ProjectsOf(scoped.GetRequiredService<ErasmusDbContext>(), key)
                .Select(p => p.Id).ToArrayAsync(), ids => 64 + (ids.Length * 4L), cancellationToken);
            mobilities = mobilities.Where(m => ids.Contains(m.ProjectId));
        }

        if (filter.Status is { } status)
        {
            mobilities = mobilities.Where(m => m.Status == status);
        }

        if (filter.ActivityType is { } code)
        {
            mobilities = mobilities.Where(m => m.ActivityTypeCode == code);
        }

        return mobilities;
    }

    /// <summary>The projects of the filters on the project; a project's county is its coordinator's, or its Norwegian partners' when coordinated abroad.</summary>
    private static IQueryable<Project> ProjectsOf(ErasmusDbContext db, ProjectFilter filter)
    {
        var projects = db.Projects.AsNoTracking();
        if (filter.County is { } county)
        {
            projects = projects.Where(p =>
                (p.Coordinator!.CountryCode == Organisation.Norway && p.Coordinator.CountyNumber == county)
                || (p.Coordinator.CountryCode != Organisation.Norway
                    && p.Partners.Any(pp => pp.Organisation!.CountryCode == Organisation.Norway && pp.Organisation.CountyNumber == county)));
        }

        if (filter.Sector is { } sector)
        {
            projects = projects.Where(p => p.Sector == sector);
        }

        if (filter.CallYear is { } callYear)
        {
            projects = projects.Where(p => p.CallYear == callYear);
        }

        if (filter.Reference is { } reference)
        {
            projects = projects.Where(p => p.Reference == reference);
        }

        return projects;
    }

    private sealed record ProjectFilter(string? County, Sector? Sector, int? CallYear, string? Reference);

    private sealed record ReferenceSearch(string Pattern);

    public static IQueryable<ProjectSummary> ProjectSummaries(IQueryable<Project> projects) =>
        projects.AsNoTracking().Select(p => new ProjectSummary(p.Id, p.Reference, p.Action, p.Sector, p.CallYear, p.StartDate, p.EndDate,
            p.CoordinatorId, p.Coordinator!.Name, p.Coordinator.CountryCode == Organisation.Norway));

    public static Task<ProjectSummary?> ProjectSummaryAsync(ErasmusDbContext db, int projectId, CancellationToken cancellationToken) =>
        ProjectSummaries(db.Projects.Where(p => p.Id == projectId)).SingleOrDefaultAsync(cancellationToken);

    public static async Task<MobilityDetailsModel?> DetailsAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.AsNoTracking()
            .Include(m => m.Project)
            .Include(m => m.ActivityType)
            .Include(m => m.SendingOrganisation)
            .Include(m => m.ReceivingOrganisation)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mobility is null)
        {
            return null;
        }

        var project = (await ProjectSummaryAsync(db, mobility.ProjectId, cancellationToken))!;
        var countries = await db.Countries.AsNoTracking()
            .Where(c => c.Code == mobility.SendingCountryCode || c.Code == mobility.ReceivingCountryCode)
            .ToDictionaryAsync(c => c.Code, c => c.NameNb, cancellationToken);
        var targets = await db.StrategyTargets.AsNoTracking()
            .Where(t => t.MetricKind == MobilityTargetCounting.MetricKind)
            .OrderBy(t => t.SortOrder)
            .Select(t => new { t.TitleNb, t.MetricParameters })
            .ToListAsync(cancellationToken);
        return new MobilityDetailsModel
        {
            Mobility = mobility,
            Project = project,
            ActivityTypeName = (System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? mobility.ActivityType?.NameEn : mobility.ActivityType?.NameNb) ?? mobility.ActivityTypeCode,
            SendingOrganisation = mobility.SendingOrganisation is { } s ? new OrganisationRef(s.Id, s.Name, s.CountryCode) : null,
            ReceivingOrganisation = mobility.ReceivingOrganisation is { } r ? new OrganisationRef(r.Id, r.Name, r.CountryCode) : null,
            SendingCountryName = countries.GetValueOrDefault(mobility.SendingCountryCode, mobility.SendingCountryCode),
            ReceivingCountryName = countries.GetValueOrDefault(mobility.ReceivingCountryCode, mobility.ReceivingCountryCode),
            Counting = MobilityTargetCounting.Explain(
                mobility, project.Sector, project.CallYear, mobility.SendingOrganisation?.IsNorwegian,
                [.. targets.Select(t => MobilityTarget.Parse(t.TitleNb, t.MetricParameters))]),
        };
    }

    public static async Task<MobilityDeleteModel?> DeleteModelAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Id, m.MobilityId, m.ProjectId, m.Version }).SingleOrDefaultAsync(cancellationToken);
        if (mobility is null)
        {
            return null;
        }

        return new MobilityDeleteModel
        {
            Id = mobility.Id,
            MobilityId = mobility.MobilityId,
            Project = (await ProjectSummaryAsync(db, mobility.ProjectId, cancellationToken))!,
            Version = mobility.Version,
        };
    }

    /// <summary>Projects whose reference matches, for the "which project?" step before registering.</summary>
    public static async Task<IReadOnlyList<ProjectSummary>> FindProjectsAsync(ErasmusDbContext db, string? search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return [];
        }

        var pattern = "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var projects = db.Projects.Where(p => EF.Functions.ILike(p.Reference, pattern, "\\"))
            .OrderByDescending(p => p.CallYear).ThenBy(p => p.Reference)
            .Take(ProjectChoiceLimit);
        return await ProjectSummaries(projects).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Fills the form's choices: activity types valid for the project's sector and call year;
    /// Norwegian organisations (a coordinator sees those of the project's counties, an analyst all)
    /// plus foreign ones; and the countries table.
    /// </summary>
    /// <param name="savedOrganisationIds">The saved record's organisations, which stay selectable even if now outside the scope.</param>
    public static async Task<MobilityForm> WithChoicesAsync(ErasmusDbContext db, MobilityForm form, ProjectSummary project, ClaimsPrincipal user,
        CountyScope projectScope, IReadOnlyCollection<int> savedOrganisationIds, CancellationToken cancellationToken)
    {
        form.ProjectInfo = project;
        form.ActivityTypes = await ActivityTypeOptionsAsync(db, project, cancellationToken);
        form.Countries = await db.Countries.AsNoTracking()
            .OrderBy(c => c.Code == Organisation.Norway ? 0 : 1).ThenBy(c => c.NameNb)
            .Select(c => new FieldOption(c.Code, c.NameNb)).ToListAsync(cancellationToken);

        var organisations = db.Organisations.AsNoTracking();
        if (!user.IsInRole(Roles.Analyst))
        {
            // A county dissolved in 2024 (Viken) stands behind its successors: its organisations belong to their scope.
            var scopeCounties = projectScope.CountyNumbers.ToArray();
            var predecessors = await db.Counties.Where(c => scopeCounties.Contains(c.Number)).Select(c => c.PartOf2020CountyNumber).ToListAsync(cancellationToken);
            var counties = scopeCounties.Concat(predecessors).Distinct(StringComparer.Ordinal).ToArray();
            var saved = savedOrganisationIds.ToArray();
            organisations = organisations.Where(o => o.CountryCode != Organisation.Norway
                || (o.CountyNumber != null && counties.Contains(o.CountyNumber))
                || saved.Contains(o.Id));
        }

        var rows = await organisations
            .OrderBy(o => o.CountryCode == Organisation.Norway ? 0 : 1).ThenBy(o => o.Name).ThenBy(o => o.Id)
            .Select(o => new OrganisationRef(o.Id, o.Name, o.CountryCode))
            .ToListAsync(cancellationToken);
        form.Organisations = [.. rows.Select(o => new FieldOption(
            o.Id.ToString(CultureInfo.InvariantCulture),
            o.CountryCode == Organisation.Norway ? o.Name : $"{o.Name} ({o.CountryCode})"))];
        return form;
    }

    /// <summary>The activity types the domain accepts for the project: its sector, with a duration rule for its call year.</summary>
    public static async Task<IReadOnlyList<FieldOption>> ActivityTypeOptionsAsync(ErasmusDbContext db, ProjectSummary project, CancellationToken cancellationToken)
    {
        var sector = project.Sector.ToString();
        var types = await db.ActivityTypes.AsNoTracking().Where(a => a.Sectors.Contains(sector)).OrderBy(a => a.Code).ToListAsync(cancellationToken);
        return
        [
            .. types.Select(a => (Type: a, Rule: a.RuleFor(project.CallYear)))
                .Where(x => x.Rule is not null)
                .Select(x => new FieldOption(x.Type.Code, string.Create(CultureInfo.InvariantCulture,
                    $"{x.Type.NameNb} ({x.Type.Code}, {x.Rule!.MinDays}–{x.Rule.MaxDays} dager)"))),
        ];
    }

    /// <summary>
    /// Checks that the chosen activity type, organisations and countries exist and were offered;
    /// returns the activity type for the domain, which checks the rest.
    /// </summary>
    public static async Task<ActivityType?> CheckChoicesAsync(ErasmusDbContext db, MobilityForm form, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ActivityType? activity = null;
        if (!string.IsNullOrWhiteSpace(form.ActivityTypeCode) && modelState.GetFieldValidationState(nameof(form.ActivityTypeCode)) != ModelValidationState.Invalid)
        {
            activity = await db.ActivityTypes.AsNoTracking().SingleOrDefaultAsync(a => a.Code == form.ActivityTypeCode, cancellationToken);
            if (activity is null)
            {
                modelState.AddModelError(nameof(form.ActivityTypeCode), "Velg en aktivitetstype fra listen.");
            }
        }

        CheckOffered(form.SendingOrganisationId?.ToString(CultureInfo.InvariantCulture), form.Organisations, nameof(form.SendingOrganisationId),
            "Velg en avsenderorganisasjon fra listen.", modelState);
        CheckOffered(form.ReceivingOrganisationId?.ToString(CultureInfo.InvariantCulture), form.Organisations, nameof(form.ReceivingOrganisationId),
            "Velg en mottakerorganisasjon fra listen.", modelState);
        CheckOffered(form.SendingCountryCode, form.Countries, nameof(form.SendingCountryCode), "Velg et avsenderland fra listen.", modelState);
        CheckOffered(form.ReceivingCountryCode, form.Countries, nameof(form.ReceivingCountryCode), "Velg et mottakerland fra listen.", modelState);
        return activity;
    }

    /// <summary>A mobility ID is unique within its project: refuse with a link to the mobility that has it.</summary>
    public static async Task CheckDuplicateAsync(ErasmusDbContext db, MobilityForm form, ProjectSummary project, int? exceptId,
        ViewDataDictionary viewData, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var existing = await db.Mobilities.AsNoTracking()
            .Where(m => m.ProjectId == project.Id && m.MobilityId == form.MobilityId && m.Id != exceptId)
            .Select(m => new { m.Id, m.MobilityId })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            viewData.AddDuplicate(modelState, nameof(form.MobilityId),
                $"Mobilitets-ID-en {existing.MobilityId} er allerede registrert i prosjektet {project.Reference}.",
                new DuplicateLink($"Mobilitet {existing.MobilityId} i {project.Reference}", $"/mobiliteter/{existing.Id}"));
        }
    }

    public static async Task<IReadOnlyDictionary<int, string>> OrganisationNamesAsync(ErasmusDbContext db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToArray();
        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static void CheckOffered(string? value, IReadOnlyList<FieldOption> options, string field, string message, ModelStateDictionary modelState)
    {
        if (!string.IsNullOrEmpty(value) && modelState.GetFieldValidationState(field) != ModelValidationState.Invalid
            && options.All(o => o.Value != value))
        {
            modelState.AddModelError(field, message);
        }
    }
}

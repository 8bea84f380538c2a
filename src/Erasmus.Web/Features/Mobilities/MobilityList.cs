using System.ComponentModel.DataAnnotations;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Organisations;
using Erasmus.Web.Features.Shared;
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

/// <summary>The mobility list: filters, sorting, paging, and totals and choices cached by data version.</summary>
public static class MobilityList
{
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
            project = await MobilityQueries.ProjectSummaries(db.Projects.Where(p => p.Reference == reference)).FirstOrDefaultAsync(cancellationToken);
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
            projects = projects.Where(ProjectCounty.In([county]));
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
}

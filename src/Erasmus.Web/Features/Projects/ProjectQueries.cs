using System.Linq.Expressions;
using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Projects;

public sealed class ProjectListQuery : ListQuery
{
    public string? County { get; set; }

    public Sector? Sector { get; set; }

    public ProjectAction? Action { get; set; }

    public int? CallYear { get; set; }

    public ProjectStatus? Status { get; set; }
}

public sealed record ProjectRow(int Id, string Reference, ProjectAction Action, Sector Sector, int CallYear, int CoordinatorId, string CoordinatorName,
    string CoordinatorCountry, string? CoordinatorCounty, ProjectStatus Status, DateOnly? DecisionDate);

public sealed record ProjectListModel(ProjectListQuery Query, PagedList<ProjectRow> Rows, IReadOnlyList<FieldOption> Counties, IReadOnlyList<int> CallYears);

public sealed record ProjectOrganisation(int Id, string Name, string CountryCode, string CountryName, string? CountyName);

/// <summary>One line of "awarded versus registered": participants granted and recorded for one activity type.</summary>
public sealed record ActivityComparison(string Code, string Name, int Awarded, int Registered, int Realised);

public sealed class ProjectDetailsModel : IEditablePage
{
    public required Project Project { get; init; }
    public required ProjectOrganisation Coordinator { get; init; }
    public IReadOnlyList<ProjectOrganisation> Partners { get; init; } = [];
    public IReadOnlyList<string> Topics { get; init; } = [];
    public (int Id, string Code)? Accreditation { get; init; }
    public IReadOnlyList<ActivityComparison> Activities { get; init; } = [];
    public int MobilityRecords { get; init; }
    public bool CanEdit { get; set; }
}

public sealed record ProjectDeleteModel(int Id, string Reference, uint Version, int MobilityCount) : IDeletePage<ProjectDeleteModel>
{
    /// <summary>Why the last confirmation did not delete (<see cref="Shared.DeleteConfirmation"/>), when it did not.</summary>
    public string? Refusal { get; init; }

    public ProjectDeleteModel WithRefusal(string? refusal) => this with { Refusal = refusal };
}

public static class ProjectQueries
{
    public static async Task<ProjectListModel> ListAsync(ErasmusDbContext db, ProjectListQuery query, CancellationToken cancellationToken)
    {
        var projects = db.Projects.AsNoTracking();
        if (query.SearchPattern is { } pattern)
        {
            projects = projects.Where(p => EF.Functions.ILike(p.Reference, pattern, "\\") || EF.Functions.ILike(p.Coordinator!.Name, pattern, "\\"));
        }

        if (!string.IsNullOrEmpty(query.County))
        {
            projects = projects.Where(ProjectCounty.In([query.County]));
        }

        if (query.Sector is { } sector)
        {
            projects = projects.Where(p => p.Sector == sector);
        }

        if (query.Action is { } action)
        {
            projects = projects.Where(p => p.Action == action);
        }

        if (query.CallYear is { } callYear)
        {
            projects = projects.Where(p => p.CallYear == callYear);
        }

        if (query.Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        var byAction = EnumOrder<ProjectAction>(p => p.Action);
        var byStatus = EnumOrder<ProjectStatus>(p => p.Status);
        projects = (query.Sort?.ToLowerInvariant(), query.Descending) switch
        {
            ("callyear", false) => projects.OrderBy(p => p.CallYear).ThenBy(p => p.Reference),
            ("callyear", true) => projects.OrderByDescending(p => p.CallYear).ThenBy(p => p.Reference),
            ("action", false) => projects.OrderBy(byAction).ThenBy(p => p.Reference),
            ("action", true) => projects.OrderByDescending(byAction).ThenBy(p => p.Reference),
            ("coordinator", false) => projects.OrderBy(p => p.Coordinator!.Name).ThenBy(p => p.Reference),
            ("coordinator", true) => projects.OrderByDescending(p => p.Coordinator!.Name).ThenBy(p => p.Reference),
            ("status", false) => projects.OrderBy(byStatus).ThenBy(p => p.Reference),
            ("status", true) => projects.OrderByDescending(byStatus).ThenBy(p => p.Reference),
            // Projects without a decision come last either way: they have not been decided yet.
            ("decision", false) => projects.OrderBy(p => p.DecisionDate == null).ThenBy(p => p.DecisionDate).ThenBy(p => p.Reference),
            ("decision", true) => projects.OrderBy(p => p.DecisionDate == null).ThenByDescending(p => p.DecisionDate).ThenBy(p => p.Reference),
            (_, true) => projects.OrderByDescending(p => p.Reference).ThenBy(p => p.Id),
            _ => projects.OrderBy(p => p.Reference).ThenBy(p => p.Id),
        };

        var rows = projects.Select(p => new ProjectRow(
            p.Id, p.Reference, p.Action, p.Sector, p.CallYear, p.CoordinatorId, p.Coordinator!.Name, p.Coordinator.CountryCode,
            db.Counties.Where(c => c.Number == p.Coordinator.CountyNumber).Select(c => c.Name).FirstOrDefault(),
            p.Status, p.DecisionDate));
        var page = await rows.ToPagedListAsync(query.Page, query.PageSize, cancellationToken);
        return new ProjectListModel(query, page, await CountyOptionsAsync(db, cancellationToken),
            [.. Enumerable.Range(2014, DomainVocabulary.LastCallYear - 2013).Reverse()]);
    }

    public static async Task<ProjectDetailsModel?> DetailsAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking()
            .Include(p => p.Topics).Include(p => p.AwardedMobilities)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return null;
        }

        var partnerIds = db.Set<ProjectPartner>().Where(pp => pp.ProjectId == id).Select(pp => pp.OrganisationId);
        var organisations = await OrganisationsAsync(db, o => o.Id == project.CoordinatorId || partnerIds.Contains(o.Id), cancellationToken);
        var topicCodes = project.Topics.Select(t => t.TopicCode).ToList();
        var registered = await db.Mobilities.Where(m => m.ProjectId == id && m.Status != MobilityStatus.Cancelled)
            .GroupBy(m => m.ActivityTypeCode)
            .Select(g => new
            {
                Code = g.Key,
                // As bigint: rows older than the CHECK constraints may hold counts whose sum no integer holds.
                Registered = g.Sum(m => (long)m.ParticipantCount),
                Realised = g.Sum(m => m.Status == MobilityStatus.Realised ? (long)m.ParticipantCount : 0L),
            })
            .ToListAsync(cancellationToken);
        var codes = project.AwardedMobilities.Select(a => a.ActivityTypeCode).Union(registered.Select(r => r.Code)).ToList();
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var names = await db.ActivityTypes.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => english ? a.NameEn : a.NameNb, cancellationToken);
        var activities = codes
            .Select(code => new ActivityComparison(
                code,
                names.GetValueOrDefault(code, code),
                project.AwardedMobilities.FirstOrDefault(a => a.ActivityTypeCode == code)?.Participants ?? 0,
                (int)Math.Min(int.MaxValue, registered.FirstOrDefault(r => r.Code == code)?.Registered ?? 0),
                (int)Math.Min(int.MaxValue, registered.FirstOrDefault(r => r.Code == code)?.Realised ?? 0)))
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .ToList();

        var accreditation = await db.Accreditations.Where(a => a.Id == project.AccreditationId)
            .Select(a => new { a.Id, a.Code }).SingleOrDefaultAsync(cancellationToken);
        return new ProjectDetailsModel
        {
            Project = project,
            Coordinator = organisations.Single(o => o.Id == project.CoordinatorId),
            Partners = [.. organisations.Where(o => o.Id != project.CoordinatorId)
                .OrderBy(o => o.CountryCode != Organisation.Norway).ThenBy(o => o.CountryName, StringComparer.CurrentCulture).ThenBy(o => o.Name, StringComparer.CurrentCulture)],
            Topics = await db.Topics.AsNoTracking().Where(t => topicCodes.Contains(t.Code)).OrderBy(t => t.NameNb).Select(t => t.NameNb).ToListAsync(cancellationToken),
            Accreditation = accreditation is null ? null : (accreditation.Id, accreditation.Code),
            Activities = activities,
            MobilityRecords = await db.Mobilities.CountAsync(m => m.ProjectId == id, cancellationToken),
        };
    }

    /// <summary>What refuses a delete: the mobilities registered on the project.</summary>
    public static async Task<ProjectDeleteModel?> DeleteModelAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var project = await db.Projects.Where(p => p.Id == id).Select(p => new { p.Reference, p.Version }).SingleOrDefaultAsync(cancellationToken);
        return project is null
            ? null
            : new ProjectDeleteModel(id, project.Reference, project.Version, await db.Mobilities.CountAsync(m => m.ProjectId == id, cancellationToken));
    }

    public static bool IsValidFor(ActivityType activity, Sector? sector, int? callYear) =>
        sector is { } s && callYear is { } year && activity.Sectors.Contains(s.ToString(), StringComparer.Ordinal) && activity.RuleFor(year) is not null;

    /// <summary>
    /// The form's choices: coordinators the user may choose, all partners, topics, the chosen coordinator's
    /// accreditations and the activity types with an input for the chosen sector and call year.
    /// </summary>
    public static async Task<ProjectOptions> OptionsAsync(ErasmusDbContext db, OrganisationDirectory directory, ProjectForm form, ClaimsPrincipal user,
        CancellationToken cancellationToken, int? existingCoordinatorId = null)
    {
        var all = await directory.ReadAsync(cancellationToken);

        // A coordinator may choose a Norwegian organisation of their county (or of the county it replaced)
        // or a foreign one (then a Norwegian partner must be in their county); the saved coordinator stays selectable.
        var ownCounties = await OwnCountiesAsync(db, user, cancellationToken);
        var coordinators = ownCounties is null ? all.Groups : all.ForCounties(ownCounties, [existingCoordinatorId, form.CoordinatorId]).Groups;

        var awarded = await AwardedChoicesAsync(db, form, cancellationToken);
        return new ProjectOptions
        {
            Coordinators = coordinators,
            Partners = all.Groups,
            Topics = await db.Topics.AsNoTracking().OrderBy(t => t.NameNb).Select(t => new FieldOption(t.Code, t.NameNb)).ToListAsync(cancellationToken),
            Accreditations = awarded.Accreditations,
            NeedsSectorAndYear = awarded.NeedsSectorAndYear,
            Activities = awarded.Activities,
        };
    }

    /// <summary>
    /// The choices that follow the sector, call year and coordinator: the coordinator's accreditations and the
    /// activity types with an input (those valid for the sector and call year, and any other holding a number).
    /// </summary>
    public static async Task<ProjectOptions> AwardedChoicesAsync(ErasmusDbContext db, ProjectForm form, CancellationToken cancellationToken)
    {
        var numbers = form.AwardedNumbers();
        var activities = await db.ActivityTypes.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return new ProjectOptions
        {
            Accreditations = form.CoordinatorId is { } coordinatorId
                ? await db.Accreditations.AsNoTracking().Where(a => a.HolderId == coordinatorId || a.Id == form.AccreditationId)
                    .OrderBy(a => a.Code).Select(a => new FieldOption(a.Id.ToString(), a.Code + " (" + a.Sector.ToString() + ")")).ToListAsync(cancellationToken)
                : [],
            NeedsSectorAndYear = form.Sector is null || form.CallYear is null,
            Activities = [.. activities
                .Select(a => new ActivityChoice(a.Code, english ? a.NameEn : a.NameNb, IsValidFor(a, form.Sector, form.CallYear)))
                .Where(a => a.IsValid || numbers.GetValueOrDefault(a.Code) != 0 || form.Awarded.TryGetValue(a.Code, out var text) && ProjectForm.ParseAwarded(text) is null)],
        };
    }

    /// <summary>On "Oppdater aktivitetstyper": keep the numbers of types still valid, drop the rest.</summary>
    public static async Task KeepValidAwardedAsync(ErasmusDbContext db, ProjectForm form, CancellationToken cancellationToken)
    {
        var activities = await db.ActivityTypes.AsNoTracking().ToListAsync(cancellationToken);
        var valid = activities.Where(a => IsValidFor(a, form.Sector, form.CallYear)).Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        form.Awarded = form.Awarded.Where(a => valid.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        if (form.AccreditationId is { } accreditationId
            && !await db.Accreditations.AnyAsync(a => a.Id == accreditationId && a.HolderId == form.CoordinatorId, cancellationToken))
        {
            form.AccreditationId = null;
        }
    }

    /// <summary>The county numbers whose organisations a coordinator may coordinate from; null for users not bound to a county.</summary>
    private static async Task<HashSet<string>?> OwnCountiesAsync(ErasmusDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsCoordinator())
        {
            return null;
        }

        var own = user.CountyNumber() ?? "";
        // An organisation of a county dissolved in 2024 belongs to each successor (as in CountyScopes).
        var predecessor = await db.Counties.Where(c => c.Number == own).Select(c => c.PartOf2020CountyNumber).SingleOrDefaultAsync(cancellationToken);
        var counties = new HashSet<string>(StringComparer.Ordinal) { own };
        if (predecessor is not null)
        {
            counties.Add(predecessor);
        }

        return counties;
    }

    /// <summary>The counties a list can filter by, today's structure first, then the dissolved ones.</summary>
    public static async Task<IReadOnlyList<FieldOption>> CountyOptionsAsync(ErasmusDbContext db, CancellationToken cancellationToken) =>
        await db.Counties.AsNoTracking()
            .OrderBy(c => c.ValidTo != null).ThenBy(c => c.Name)
            .Select(c => new FieldOption(c.Number, c.ValidTo == null ? c.Name : c.Name + " (til 2023)"))
            .ToListAsync(cancellationToken);

    /// <summary>Organisations with their country's and county's names.</summary>
    public static async Task<List<ProjectOrganisation>> OrganisationsAsync(ErasmusDbContext db, Expression<Func<Organisation, bool>> filter, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().Where(filter)
            .Select(o => new ProjectOrganisation(o.Id, o.Name, o.CountryCode,
                db.Countries.Where(c => c.Code == o.CountryCode).Select(c => c.NameNb).FirstOrDefault() ?? o.CountryCode,
                db.Counties.Where(c => c.Number == o.CountyNumber).Select(c => c.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    /// <summary>Orders an enum column by its declared order (the lifecycle), not by its stored text.</summary>
    private static Expression<Func<Project, int>> EnumOrder<TEnum>(Expression<Func<Project, TEnum>> column)
        where TEnum : struct, Enum
    {
        Expression body = Expression.Constant(int.MaxValue);
        foreach (var value in Enum.GetValues<TEnum>().Reverse())
        {
            body = Expression.Condition(
                Expression.Equal(column.Body, Expression.Constant(value)),
                Expression.Constant(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)),
                body);
        }

        return Expression.Lambda<Func<Project, int>>(body, column.Parameters);
    }
}

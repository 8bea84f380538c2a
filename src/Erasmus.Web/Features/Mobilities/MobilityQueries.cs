using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>What a mobility page shows of its project: enough to see which rules apply.</summary>
public sealed record ProjectSummary(int Id, string Reference, ProjectAction Action, Sector Sector, int CallYear, DateOnly StartDate, DateOnly EndDate,
    int CoordinatorId, string CoordinatorName, bool CoordinatorIsNorwegian);

public sealed record OrganisationRef(int Id, string Name, string CountryCode);

public sealed class MobilityDetailsModel : IEditablePage
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

public sealed record MobilityDeleteModel : IDeletePage<MobilityDeleteModel>
{
    public required int Id { get; init; }
    public required string MobilityId { get; init; }
    public required ProjectSummary Project { get; init; }
    public required uint Version { get; init; }

    /// <summary>Why the last confirmation did not delete (<see cref="Shared.DeleteConfirmation"/>), when it did not.</summary>
    public string? Refusal { get; init; }

    public MobilityDeleteModel WithRefusal(string? refusal) => this with { Refusal = refusal };
}

public sealed record ProjectChoice(ProjectSummary Project, bool CanEdit);

public sealed record ChooseProjectModel(string? Search, IReadOnlyList<ProjectChoice> Projects, bool Searched);

/// <summary>A mobility's pages: details, the delete confirmation, and the project it belongs to.</summary>
public static class MobilityQueries
{
    private const int ProjectChoiceLimit = 20;

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
}

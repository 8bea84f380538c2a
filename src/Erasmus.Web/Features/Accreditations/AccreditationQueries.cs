using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using System.Security.Claims;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Organisations;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Accreditations;

public sealed class AccreditationListQuery : ListQuery
{
    /// <summary>The holder's county.</summary>
    [StringLength(2)]
    public string? County { get; set; }

    public Sector? Sector { get; set; }

    public AccreditationStatus? Status { get; set; }

    [Range(2000, 2100)]
    public int? DecisionYear { get; set; }
}

public sealed record AccreditationRow(int Id, string Code, Sector Sector, int HolderId, string HolderName, string? CountyName,
    bool IsConsortium, int MemberCount, AccreditationStatus Status, DateOnly ValidFrom, DateOnly? ValidTo, DateOnly DecisionDate);

public sealed record AccreditationListModel(AccreditationListQuery Query, PagedList<AccreditationRow> Rows, IReadOnlyList<FieldOption> Counties, IReadOnlyList<int> DecisionYears);

/// <summary>A project that draws on an accreditation (KA121).</summary>
public sealed record DependentProject(int Id, string Reference, int CallYear, ProjectStatus Status, string CoordinatorName);

public sealed class AccreditationDetailsModel : IEditablePage
{
    public required Accreditation Accreditation { get; init; }
    public string HolderName { get; init; } = "";
    public string? HolderCountyName { get; init; }
    public IReadOnlyList<OrganisationChoice> Members { get; init; } = [];
    public IReadOnlyList<DependentProject> Projects { get; init; } = [];
    public bool CanEdit { get; set; }
}

public sealed record AccreditationDeleteModel(int Id, string Code, uint Version, IReadOnlyList<DependentProject> Projects) : IDeletePage<AccreditationDeleteModel>
{
    /// <summary>Why the last confirmation did not delete (<see cref="Shared.DeleteConfirmation"/>), when it did not.</summary>
    public string? Refusal { get; init; }

    public AccreditationDeleteModel WithRefusal(string? refusal) => this with { Refusal = refusal };
}

public static class AccreditationQueries
{
    /// <summary>Statuses sort in their life-cycle order, not by their stored names.</summary>
    private static readonly Expression<Func<Accreditation, int>> StatusOrder = a =>
        a.Status == AccreditationStatus.Active ? 0
        : a.Status == AccreditationStatus.Suspended ? 1
        : a.Status == AccreditationStatus.Withdrawn ? 2
        : 3;

    public static async Task<AccreditationListModel> ListAsync(ErasmusDbContext db, AccreditationListQuery query, CancellationToken cancellationToken)
    {
        var accreditations = db.Accreditations.AsNoTracking();
        if (query.SearchPattern is { } pattern)
        {
            accreditations = accreditations.Where(a => EF.Functions.ILike(a.Code, pattern, "\\") || EF.Functions.ILike(a.Holder!.Name, pattern, "\\"));
        }

        if (!string.IsNullOrEmpty(query.County))
        {
            accreditations = accreditations.Where(a => a.Holder!.CountyNumber == query.County);
        }

        if (query.Sector is { } sector)
        {
            accreditations = accreditations.Where(a => a.Sector == sector);
        }

        if (query.Status is { } status)
        {
            accreditations = accreditations.Where(a => a.Status == status);
        }

        if (query.DecisionYear is { } year)
        {
            // A range on the date itself, so the filter needs no function on the column.
            var from = new DateOnly(year, 1, 1);
            var to = from.AddYears(1);
            accreditations = accreditations.Where(a => a.DecisionDate >= from && a.DecisionDate < to);
        }

        accreditations = (query.Sort?.ToLowerInvariant(), query.Descending) switch
        {
            ("holder", false) => accreditations.OrderBy(a => a.Holder!.Name).ThenBy(a => a.Code),
            ("holder", true) => accreditations.OrderByDescending(a => a.Holder!.Name).ThenBy(a => a.Code),
            ("sector", false) => accreditations.OrderBy(a => a.Sector).ThenBy(a => a.Code),
            ("sector", true) => accreditations.OrderByDescending(a => a.Sector).ThenBy(a => a.Code),
            ("status", false) => accreditations.OrderBy(StatusOrder).ThenBy(a => a.Code),
            ("status", true) => accreditations.OrderByDescending(StatusOrder).ThenBy(a => a.Code),
            ("decided", false) => accreditations.OrderBy(a => a.DecisionDate).ThenBy(a => a.Code),
            ("decided", true) => accreditations.OrderByDescending(a => a.DecisionDate).ThenBy(a => a.Code),
            (_, true) => accreditations.OrderByDescending(a => a.Code),
            _ => accreditations.OrderBy(a => a.Code),
        };

        var rows = accreditations.Select(a => new AccreditationRow(
            a.Id, a.Code, a.Sector, a.HolderId, a.Holder!.Name,
            db.Counties.Where(c => c.Number == a.Holder.CountyNumber).Select(c => c.Name).FirstOrDefault(),
            a.IsConsortium, a.Members.Count, a.Status, a.ValidFrom, a.ValidTo, a.DecisionDate));
        var page = await rows.ToPagedListAsync(query.Page, query.PageSize, cancellationToken);
        // Only plausible dates offer a year: the year of an infinite date (a row older than the CHECK constraints) is no integer.
        var years = await db.Accreditations.Where(a => a.DecisionDate >= Plausible.FirstDate && a.DecisionDate <= Plausible.LastDate)
            .Select(a => a.DecisionDate.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        return new AccreditationListModel(query, page, await OrganisationQueries.CountyOptionsAsync(db, includeDissolved: true, cancellationToken), years);
    }

    public static async Task<AccreditationDetailsModel?> DetailsAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var accreditation = await db.Accreditations.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (accreditation is null)
        {
            return null;
        }

        var holder = await db.Organisations.Where(o => o.Id == accreditation.HolderId)
            .Select(o => new { o.Name, CountyName = db.Counties.Where(c => c.Number == o.CountyNumber).Select(c => c.Name).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var countyNames = await CountyNamesAsync(db, cancellationToken);
        return new AccreditationDetailsModel
        {
            Accreditation = accreditation,
            HolderName = holder.Name,
            HolderCountyName = holder.CountyName,
            Members = await ChoicesAsync(db.Set<AccreditationMember>().Where(m => m.AccreditationId == id).Select(m => m.Organisation!),
                countyNames, norwegianOnly: false, cancellationToken),
            Projects = await DependentProjectsAsync(db, id, cancellationToken),
        };
    }

    /// <summary>A KA121 project that draws on the accreditation refuses its delete.</summary>
    public static async Task<AccreditationDeleteModel?> DeleteModelAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken)
    {
        var accreditation = await db.Accreditations.Where(a => a.Id == id).Select(a => new { a.Code, a.Version }).SingleOrDefaultAsync(cancellationToken);
        return accreditation is null
            ? null
            : new AccreditationDeleteModel(id, accreditation.Code, accreditation.Version, await DependentProjectsAsync(db, id, cancellationToken));
    }

    /// <summary>
    /// The holder and member choices. A coordinator chooses among organisations of their own
    /// county (an organisation of a county dissolved in 2024 belongs to each successor); an analyst
    /// among all Norwegian ones, with members listed for the holder's county or the county asked for.
    /// What the form already holds stays selectable.
    /// </summary>
    public static async Task<AccreditationOptions> OptionsAsync(ErasmusDbContext db, CountyScopes scopes, AccreditationForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var countyNames = await CountyNamesAsync(db, cancellationToken);
        var selectedMembers = form.MemberIds;
        var holderId = form.HolderId;
        var holders = db.Organisations.AsQueryable();
        IReadOnlyList<string> memberCounties = [];
        IReadOnlyList<FieldOption> counties = [];
        var memberCountyFixed = user.IsCoordinator();
        if (memberCountyFixed)
        {
            var own = await CountiesInScopeAsync(scopes, countyNames.Keys, CountyScope.Of(user.CountyNumber() ?? ""), cancellationToken);
            holders = holders.Where(o => own.Contains(o.CountyNumber!) || o.Id == holderId);
            memberCounties = own;
        }
        else
        {
            counties = await OrganisationQueries.CountyOptionsAsync(db, includeDissolved: true, cancellationToken);
            if (!string.IsNullOrEmpty(form.MemberCounty))
            {
                memberCounties = await CountiesInScopeAsync(scopes, countyNames.Keys, await scopes.ForCountiesAsync([form.MemberCounty], cancellationToken), cancellationToken);
            }
            else if (holderId is { } id)
            {
                memberCounties = await CountiesInScopeAsync(scopes, countyNames.Keys, await scopes.ForOrganisationAsync(id, cancellationToken), cancellationToken);
            }
        }

        var holderChoices = await ChoicesAsync(holders, countyNames, norwegianOnly: true, cancellationToken);
        var members = await ChoicesAsync(
            db.Organisations.Where(o => (memberCounties.Contains(o.CountyNumber!) && o.Id != holderId) || selectedMembers.Contains(o.Id)),
            countyNames, norwegianOnly: true, cancellationToken);
        return new AccreditationOptions(holderChoices, members, counties, memberCountyFixed);
    }

    /// <summary>Organisation names by id, for showing a concurrency conflict in words.</summary>
    public static async Task<IReadOnlyDictionary<int, string>> NamesAsync(ErasmusDbContext db, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Organisations.Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static async Task<IReadOnlyList<DependentProject>> DependentProjectsAsync(ErasmusDbContext db, int id, CancellationToken cancellationToken) =>
        await db.Projects.Where(p => p.AccreditationId == id)
            .OrderByDescending(p => p.CallYear).ThenBy(p => p.Reference)
            .Select(p => new DependentProject(p.Id, p.Reference, p.CallYear, p.Status, p.Coordinator!.Name))
            .ToListAsync(cancellationToken);

    private static async Task<IReadOnlyList<OrganisationChoice>> ChoicesAsync(IQueryable<Organisation> organisations, Dictionary<string, string> countyNames,
        bool norwegianOnly, CancellationToken cancellationToken)
    {
        if (norwegianOnly)
        {
            organisations = organisations.Where(o => o.CountryCode == Organisation.Norway);
        }

        var rows = await organisations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Select(o => new { o.Id, o.Name, o.CountyNumber, o.Municipality, o.OrganisationNumber, o.Oid }).ToListAsync(cancellationToken);
        return [.. rows.Select(o => new OrganisationChoice(o.Id, o.Name, o.CountyNumber is { } n && countyNames.TryGetValue(n, out var name) ? name : "–",
            o.Municipality, o.OrganisationNumber, o.Oid))];
    }

    /// <summary>County number → name, a dissolved county marked as such.</summary>
    private static async Task<Dictionary<string, string>> CountyNamesAsync(ErasmusDbContext db, CancellationToken cancellationToken) =>
        await db.Counties.AsNoTracking().ToDictionaryAsync(c => c.Number, c => c.ValidTo == null ? c.Name : c.Name + " (til 2023)", StringComparer.Ordinal, cancellationToken);

    /// <summary>The counties (of either structure) whose organisations fall inside a scope: a current county and the dissolved one it came from.</summary>
    private static async Task<IReadOnlyList<string>> CountiesInScopeAsync(CountyScopes scopes, IEnumerable<string> countyNumbers, CountyScope scope, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var number in countyNumbers)
        {
            if ((await scopes.ForCountiesAsync([number], cancellationToken)).CountyNumbers.Overlaps(scope.CountyNumbers))
            {
                result.Add(number);
            }
        }

        return result;
    }
}

using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>
/// Works out which counties of the current structure a record belongs to (see <see cref="CountyScope"/>),
/// so that the authorization handler can compare them with a coordinator's county.
/// </summary>
public sealed class CountyScopes(ErasmusDbContext db, IMemoryCache cache)
{
    private const string CacheKey = "county-successors";

    /// <summary>A county of today's structure stands for itself; a dissolved one for its successors.</summary>
    public async Task<CountyScope> ForCountiesAsync(IEnumerable<string?> countyNumbers, CancellationToken cancellationToken = default)
    {
        var successors = await SuccessorsAsync(cancellationToken);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var number in countyNumbers.OfType<string>())
        {
            if (successors.TryGetValue(number, out var current))
            {
                result.UnionWith(current);
            }
            else
            {
                result.Add(number);
            }
        }

        return new CountyScope(result);
    }

    public async Task<CountyScope> ForOrganisationAsync(int organisationId, CancellationToken cancellationToken = default) =>
        await ForCountiesAsync(await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.CountyNumber).ToListAsync(cancellationToken), cancellationToken);

    public async Task<CountyScope> ForAccreditationAsync(int accreditationId, CancellationToken cancellationToken = default) =>
        await ForCountiesAsync(await db.Accreditations.Where(a => a.Id == accreditationId).Select(a => a.Holder!.CountyNumber).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The Norwegian coordinator's county, or when coordinated abroad, the Norwegian partners' counties.</summary>
    public async Task<CountyScope> ForProjectAsync(int projectId, CancellationToken cancellationToken = default)
    {
        var coordinator = await db.Projects.Where(p => p.Id == projectId).Select(p => new { p.Coordinator!.CountryCode, p.Coordinator.CountyNumber }).SingleOrDefaultAsync(cancellationToken);
        if (coordinator is null)
        {
            return new CountyScope(new HashSet<string>());
        }

        if (coordinator.CountryCode == Organisation.Norway)
        {
            return await ForCountiesAsync([coordinator.CountyNumber], cancellationToken);
        }

        var partnerCounties = await db.Projects.Where(p => p.Id == projectId)
            .SelectMany(p => p.Partners.Select(pp => pp.Organisation!))
            .Where(o => o.CountryCode == Organisation.Norway)
            .Select(o => o.CountyNumber)
            .ToListAsync(cancellationToken);
        return await ForCountiesAsync(partnerCounties, cancellationToken);
    }

    public async Task<CountyScope> ForMobilityAsync(int mobilityId, CancellationToken cancellationToken = default)
    {
        var projectId = await db.Mobilities.Where(m => m.Id == mobilityId).Select(m => (int?)m.ProjectId).SingleOrDefaultAsync(cancellationToken);
        return projectId is null ? new CountyScope(new HashSet<string>()) : await ForProjectAsync(projectId.Value, cancellationToken);
    }

    /// <summary>
    /// The county numbers whose records a coordinator of <paramref name="countyNumber"/> looks after:
    /// the county itself and a dissolved county it succeeded (Akershus also sees Viken's records).
    /// </summary>
    public async Task<IReadOnlyList<string>> CountiesCoveredByAsync(string countyNumber, CancellationToken cancellationToken = default)
    {
        var successors = await SuccessorsAsync(cancellationToken);
        return [countyNumber, .. successors.Where(s => s.Value.Contains(countyNumber)).Select(s => s.Key)];
    }

    /// <summary>Dissolved county → the counties that replaced it (Viken → Østfold, Akershus, Buskerud).</summary>
    private async Task<Dictionary<string, string[]>> SuccessorsAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out Dictionary<string, string[]>? successors) && successors is not null)
        {
            return successors;
        }

        var counties = await db.Counties.AsNoTracking().ToListAsync(cancellationToken);
        successors = counties.Where(c => c.ValidTo is not null).ToDictionary(
            c => c.Number,
            c => counties.Where(s => s.ValidTo is null && s.PartOf2020CountyNumber == c.Number).Select(s => s.Number).ToArray());
        cache.Set(CacheKey, successors, TimeSpan.FromMinutes(10));
        return successors;
    }
}

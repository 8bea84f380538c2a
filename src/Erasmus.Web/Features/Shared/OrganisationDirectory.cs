using System.Globalization;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// Every organisation as the forms' pickers offer it, grouped by country (Norway first) and sorted by name in the
/// user's culture, with the countries' names: kept in the data cache under the organisations' and countries'
/// versions (decision 0005), so an edit form filters a list in memory instead of reading, grouping and sorting
/// thousands of organisations on every request (issue 19: the forms were most of a save's cost). A form shows a
/// new or renamed organisation at once, as the versions are read first.
/// </summary>
public sealed class OrganisationDirectory(DataCache cache, ErasmusDbContext db)
{
    private static readonly string[] Tables = ["organisations", "countries"];

    /// <summary>Every organisation, grouped and sorted in the current culture; each option carries its county.</summary>
    public async Task<GroupedOrganisations> ReadAsync(CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentCulture;
        var versions = await cache.VersionsAsync(db, cancellationToken);
        return await cache.GetAsync(versions, new Key(culture.Name), Tables, scoped => LoadAsync(scoped.GetRequiredService<ErasmusDbContext>(), culture),
            directory => 2048L + (directory.Count * 400L), cancellationToken);
    }

    private static async Task<GroupedOrganisations> LoadAsync(ErasmusDbContext db, CultureInfo culture)
    {
        var countries = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameNb, StringComparer.Ordinal);
        var all = await db.Organisations.AsNoTracking()
            .Select(o => new OrganisationOption(o.Id, o.Name, o.CountryCode, o.Municipality, o.OrganisationNumber, o.Oid) { CountyNumber = o.CountyNumber })
            .ToListAsync();
        return new GroupedOrganisations(OrganisationOptionGroup.ByCountry(all, countries, culture), all.Count);
    }

    private sealed record Key(string Culture);

    /// <param name="Groups">Every organisation by country, Norway first.</param>
    /// <param name="Count">How many organisations (for the cache's estimate of the memory taken).</param>
    public sealed record GroupedOrganisations(IReadOnlyList<OrganisationOptionGroup> Groups, int Count)
    {
        /// <summary>The groups with only the organisations <paramref name="offered"/> accepts, empty groups left out; order kept.</summary>
        public IReadOnlyList<OrganisationOptionGroup> Where(Func<OrganisationOption, bool> offered) =>
        [
            .. Groups.Select(g => g.Options.All(offered) ? g : g with { Options = [.. g.Options.Where(offered)] }).Where(g => g.Options.Count > 0),
        ];
    }
}

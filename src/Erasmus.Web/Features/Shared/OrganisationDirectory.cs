using System.Collections.Concurrent;
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
        // Norway first, then by name as the database orders them (the forms' country lists).
        var countries = await db.Countries.AsNoTracking()
            .OrderBy(c => c.Code == Organisation.Norway ? 0 : 1).ThenBy(c => c.NameNb)
            .Select(c => new FieldOption(c.Code, c.NameNb)).ToListAsync();
        var all = await db.Organisations.AsNoTracking()
            .Select(o => new OrganisationOption(o.Id, o.Name, o.CountryCode, o.Municipality, o.OrganisationNumber, o.Oid) { CountyNumber = o.CountyNumber })
            .ToListAsync();
        return new GroupedOrganisations(OrganisationOptionGroup.ByCountry(all, countries.ToDictionary(c => c.Value, c => c.Text, StringComparer.Ordinal), culture),
            all.Count) { Countries = countries };
    }

    private sealed record Key(string Culture);

    /// <param name="Groups">Every organisation by country, Norway first.</param>
    /// <param name="Count">How many organisations (for the cache's estimate of the memory taken).</param>
    public sealed record GroupedOrganisations(IReadOnlyList<OrganisationOptionGroup> Groups, int Count)
    {
        /// <summary>At most this many county scopes are kept (there are some twenty counties; a scope is mostly one).</summary>
        private const int MostScopes = 64;

        private readonly ConcurrentDictionary<string, OfferedOrganisations> _byScope = new(StringComparer.Ordinal);
        private OfferedOrganisations? _all;

        /// <summary>Every country (code and Norwegian name), Norway first: the forms' country lists.</summary>
        public IReadOnlyList<FieldOption> Countries { get; init; } = [];

        /// <summary>Every organisation, as offered to a user of all of Norway.</summary>
        public OfferedOrganisations All => _all ??= new OfferedOrganisations(Groups);

        /// <summary>
        /// What a county's forms offer: every foreign organisation, the Norwegian ones of <paramref name="counties"/>, and
        /// those of <paramref name="kept"/> (a saved choice stays selectable when it is now outside the scope). Made once per
        /// scope and kept with the directory: a coordinator's edit form and its post offer the same thousands of organisations
        /// on every save, and filtering them was a large part of a save's cost (issue 19).
        /// </summary>
        public OfferedOrganisations ForCounties(IEnumerable<string> counties, IEnumerable<int?> kept)
        {
            var scope = counties.ToHashSet(StringComparer.Ordinal);
            var key = string.Join(',', scope.Order(StringComparer.Ordinal));
            if (!_byScope.TryGetValue(key, out var offered))
            {
                offered = new OfferedOrganisations(Where(o => InScope(o, scope)));
                if (_byScope.Count >= MostScopes)
                {
                    _byScope.Clear();
                }

                _byScope[key] = offered;
            }

            var extra = kept.OfType<int>().Where(id => !offered.Contains(id)).ToHashSet();
            return extra.Count == 0 ? offered : new OfferedOrganisations(Where(o => InScope(o, scope) || extra.Contains(o.Id)));
        }

        private static bool InScope(OrganisationOption organisation, HashSet<string> counties) =>
            organisation.CountryCode != Organisation.Norway || (organisation.CountyNumber is { } county && counties.Contains(county));

        /// <summary>The groups with only the organisations <paramref name="offered"/> accepts, empty groups left out; order kept.</summary>
        private IReadOnlyList<OrganisationOptionGroup> Where(Func<OrganisationOption, bool> offered) =>
        [
            .. Groups.Select(g => g.Options.All(offered) ? g : g with { Options = [.. g.Options.Where(offered)] }).Where(g => g.Options.Count > 0),
        ];
    }
}

/// <summary>The organisations a form offers, grouped for its pickers, and which ids those are (to check what was posted).</summary>
public sealed class OfferedOrganisations(IReadOnlyList<OrganisationOptionGroup> groups)
{
    private HashSet<int>? _ids;

    public IReadOnlyList<OrganisationOptionGroup> Groups { get; } = groups;

    /// <summary>Whether the organisation is offered (the set is made on first use; two requests at once may each make it, harmlessly).</summary>
    public bool Contains(int organisationId) => (_ids ??= [.. Groups.SelectMany(g => g.Options).Select(o => o.Id)]).Contains(organisationId);
}

using System.Globalization;
using System.Linq.Expressions;
using Erasmus.Domain.Entities;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// An organisation a form offers to choose, with what the organisation picker searches besides the name
/// (municipality, organisation number, OID) and the country its option carries as data-country.
/// </summary>
public sealed record OrganisationOption(int Id, string Name, string CountryCode, string? Municipality, string? OrganisationNumber, string? Oid)
{
    /// <summary>The option as EF Core reads it from an organisation, in SQL.</summary>
    public static readonly Expression<Func<Organisation, OrganisationOption>> FromOrganisation =
        o => new OrganisationOption(o.Id, o.Name, o.CountryCode, o.Municipality, o.OrganisationNumber, o.Oid);

    public string Value => Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The county of a Norwegian organisation, where the form's scope needs it (<see cref="OrganisationDirectory"/>).</summary>
    public string? CountyNumber { get; init; }
}

/// <summary>Options under one heading of the select (an optgroup): a country, or a county.</summary>
public sealed record OrganisationOptionGroup(string Label, IReadOnlyList<OrganisationOption> Options)
{
    /// <summary>Grouped by country, Norway first, then by country name and name in the user's culture.</summary>
    public static IReadOnlyList<OrganisationOptionGroup> ByCountry(IEnumerable<OrganisationOption> organisations, IReadOnlyDictionary<string, string> countryNames) =>
        ByCountry(organisations, countryNames, CultureInfo.CurrentCulture);

    /// <summary>Grouped by country, Norway first, then by country name and name in <paramref name="culture"/>.</summary>
    public static IReadOnlyList<OrganisationOptionGroup> ByCountry(IEnumerable<OrganisationOption> organisations, IReadOnlyDictionary<string, string> countryNames,
        CultureInfo culture)
    {
        var order = StringComparer.Create(culture, ignoreCase: false);
        return
        [
            .. organisations
                .GroupBy(o => o.CountryCode, StringComparer.Ordinal)
                .Select(g => new { Label = countryNames.GetValueOrDefault(g.Key, g.Key), g.Key, Items = g })
                .OrderBy(g => g.Key != Organisation.Norway).ThenBy(g => g.Label, order)
                .Select(g => new OrganisationOptionGroup(g.Label, [.. g.Items.OrderBy(o => o.Name, order).ThenBy(o => o.Id)])),
        ];
    }
}

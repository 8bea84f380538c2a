using System.Globalization;
using Erasmus.Web.Features.Shared;

namespace Erasmus.Web.Tests.Shared;

/// <summary>
/// What a county's forms offer, kept per county scope with the cached directory (issue 19): every foreign organisation,
/// the Norwegian ones of the scope's counties, and a saved choice now outside the scope for that form only.
/// </summary>
public sealed class OfferedOrganisationsTests
{
    private static readonly OrganisationDirectory.GroupedOrganisations Directory = new(OrganisationOptionGroup.ByCountry(
        [
            new OrganisationOption(1, "Bergen vgs", "NO", null, null, null) { CountyNumber = "46" },
            new OrganisationOption(2, "Stord vgs", "NO", null, null, null) { CountyNumber = "46" },
            new OrganisationOption(3, "Molde vgs", "NO", null, null, null) { CountyNumber = "15" },
            new OrganisationOption(4, "Uten fylke", "NO", null, null, null),
            new OrganisationOption(5, "Lycée Lyon", "FR", null, null, null),
            new OrganisationOption(6, "Schule Kiel", "DE", null, null, null),
        ], new Dictionary<string, string> { ["NO"] = "Norge", ["FR"] = "Frankrike", ["DE"] = "Tyskland" }, CultureInfo.GetCultureInfo("nb-NO")), 6);

    private static int[] Ids(OfferedOrganisations offered) => [.. offered.Groups.SelectMany(g => g.Options).Select(o => o.Id).Order()];

    [Fact]
    public void A_county_is_offered_its_own_Norwegian_organisations_and_every_foreign_one()
    {
        var offered = Directory.ForCounties(["46"], []);

        Assert.Equal([1, 2, 5, 6], Ids(offered));
        Assert.True(offered.Contains(2));
        Assert.False(offered.Contains(3));
        Assert.Equal(["Norge", "Frankrike", "Tyskland"], offered.Groups.Select(g => g.Label));
    }

    [Fact]
    public void A_scope_is_kept_whatever_the_order_of_its_counties_and_a_saved_choice_outside_it_is_added_for_that_form_only()
    {
        var first = Directory.ForCounties(["46", "15"], [null]);
        var same = Directory.ForCounties(["15", "46", "46"], [1]);
        var withSaved = Directory.ForCounties(["46"], [4, null]);

        Assert.Same(first, same);
        Assert.Equal([1, 2, 3, 5, 6], Ids(first));
        Assert.Equal([1, 2, 4, 5, 6], Ids(withSaved));
        Assert.Equal([1, 2, 5, 6], Ids(Directory.ForCounties(["46"], [])));
        Assert.Equal([1, 2, 3, 4, 5, 6], Ids(Directory.All));
    }
}

using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Shared;

/// <summary>
/// The organisation picker's markup, which its script and other scripts rely on (decision 0018): the plain select
/// posts the value, every option carries its country, the search details come once per page, scoped exactly as the
/// select's options, and no name can break out of the page.
/// </summary>
public sealed class OrganisationPickerTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_option_carries_its_country_and_each_organisations_search_details_come_once_per_page()
    {
        var (norwegian, foreign) = await WithDataAsync(async d => (await d.OrganisationAsync("46"), await d.ForeignOrganisationAsync("ES")));
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(analyst, "/prosjekter/ny");

        foreach (var field in new[] { "CoordinatorId", "PartnerIds" })
        {
            var select = page.QuerySelector($"select#{field}[data-organisation-picker]")!;
            Assert.Equal("NO", select.QuerySelector($"option[value='{norwegian.Id}']")!.GetAttribute("data-country"));
            Assert.Equal("ES", select.QuerySelector($"option[value='{foreign.Id}']")!.GetAttribute("data-country"));
            Assert.Equal(foreign.Name, select.QuerySelector($"option[value='{foreign.Id}']")!.TextContent);
            Assert.All(select.QuerySelectorAll("option[value]:not([value=''])"), o => Assert.Matches("^[A-Z]{2}$", o.GetAttribute("data-country") ?? ""));
        }

        Assert.True(page.QuerySelector("select#PartnerIds")!.HasAttribute("multiple"));
        Assert.Equal($"{norwegian.Municipality}|{norwegian.OrganisationNumber}|{norwegian.Oid}", Details(page)[Id(norwegian)].Single());
        Assert.Equal($"||{foreign.Oid}", Details(page)[Id(foreign)].Single());
        var script = Assert.Single(page.QuerySelectorAll("script[src^='/js/organisation-picker.js']"));
        Assert.StartsWith("/js/organisation-picker.js?v=", script.GetAttribute("src"), StringComparison.Ordinal);
        Assert.True(script.HasAttribute("defer"));
        // Labelled and described as any field, for the page without JavaScript.
        Assert.NotNull(page.QuerySelector("label[for='CoordinatorId']"));
        Assert.Contains("PartnerIds-hint", page.QuerySelector("select#PartnerIds")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinators_mobility_form_offers_and_describes_only_the_organisations_it_accepts()
    {
        var (project, own, other, foreign) = await WithDataAsync(async d =>
        {
            var own = await d.OrganisationAsync("46");
            return (await d.ProjectAsync(own, callYear: 2022), own, await d.OrganisationAsync("11"), await d.ForeignOrganisationAsync("FR"));
        });
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(coordinator, $"/mobiliteter/ny?project={project.Id}");

        var offered = page.QuerySelectorAll("select#ReceivingOrganisationId option").Select(o => o.GetAttribute("value") ?? "").Where(v => v != "").ToHashSet(StringComparer.Ordinal);
        var described = Details(page).Keys.ToList();
        Assert.Contains(Id(own), offered);
        Assert.Contains(Id(foreign), offered);
        Assert.DoesNotContain(Id(other), offered);
        // The search details name exactly the organisations offered: the picker reveals nothing the form would refuse.
        Assert.DoesNotContain(described, id => !offered.Contains(id));
        Assert.Contains(Id(own), described);
        Assert.DoesNotContain(Id(other), described);
        Assert.Equal("FR", page.QuerySelector($"select#SendingOrganisationId option[value='{foreign.Id}']")!.GetAttribute("data-country"));
    }

    [Fact]
    public async Task A_name_written_as_markup_stays_text_in_the_options_and_in_the_search_details()
    {
        const string Name = "</script><script>alert(1)</script> & \"Ø\" <option value=1>";
        var hostile = await WithDataAsync(d => d.ForeignOrganisationAsync("DE", name: Name));
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(analyst, "/prosjekter/ny");

        Assert.Equal(Name, page.QuerySelector($"select#PartnerIds option[value='{hostile.Id}']")!.TextContent);
        // No script element comes from the name: every one is the site's own file or the picker's data block.
        Assert.All(page.QuerySelectorAll("script"), element => Assert.True(
            (element.GetAttribute("src") ?? "").StartsWith("/js/", StringComparison.Ordinal) || element.GetAttribute("type") == "application/json",
            element.OuterHtml));
        Assert.True(Details(page).ContainsKey(Id(hostile)));
        Assert.Equal(page.QuerySelectorAll("select#PartnerIds option").Length, page.QuerySelectorAll("select#CoordinatorId option").Length - 1);
    }

    private static string Id(Organisation organisation) => organisation.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every id's search details over all the page's JSON blocks (a list, so that a repeat shows).</summary>
    private static Dictionary<string, List<string>> Details(IHtmlDocument page)
    {
        var all = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var block in page.QuerySelectorAll("script[type='application/json'][data-organisation-details]"))
        {
            foreach (var entry in JsonSerializer.Deserialize<Dictionary<string, string>>(block.TextContent)!)
            {
                (all.TryGetValue(entry.Key, out var list) ? list : all[entry.Key] = []).Add(entry.Value);
            }
        }

        return all;
    }

    private async Task<T> WithDataAsync<T>(Func<TestData, Task<T>> build)
    {
        await using var db = app.CreateDbContext();
        return await build(new TestData(db));
    }
}

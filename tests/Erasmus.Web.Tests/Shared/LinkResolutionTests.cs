using System.Net;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Shared;

/// <summary>
/// Links and forms are generated from routes (asp-action and friends, Url.Action). A route that no
/// longer matches what a view asks for renders an empty href or action rather than failing the build
/// (a renamed controller, a route value the template does not take); this walks the main pages of each
/// role and fails on any such link or form, and on a link that leads nowhere.
/// </summary>
public sealed class LinkResolutionTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData(TestRoles.Analyst, null)]
    [InlineData(TestRoles.Coordinator, "46")]
    [InlineData(TestRoles.Administrator, null)]
    public async Task Every_link_and_form_on_the_main_pages_of_a_role_resolves(string role, string? county)
    {
        var pages = await PagesAsync();
        var client = await app.SignInAsAsync(role, county);
        var problems = new List<string>();
        var internalLinks = new HashSet<string>(StringComparer.Ordinal);
        var checkedPages = 0;

        foreach (var page in pages)
        {
            var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode} for {role}");
            checkedPages++;
            var document = await AppFixture.ParseAsync(response);
            foreach (var link in document.QuerySelectorAll("a"))
            {
                var href = link.GetAttribute("href");
                if (string.IsNullOrWhiteSpace(href))
                {
                    problems.Add($"{page}: a link without a target: {link.OuterHtml}");
                }
                else if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
                {
                    internalLinks.Add(href.Split('#')[0]);
                }
            }

            // A search form without an action submits to its own page by design; an empty one is a route that did not resolve.
            foreach (var form in document.QuerySelectorAll("form[action]").Where(f => string.IsNullOrWhiteSpace(f.GetAttribute("action"))))
            {
                problems.Add($"{page}: a form with an empty action: {form.OuterHtml[..Math.Min(200, form.OuterHtml.Length)]}");
            }
        }

        // Every page a link names exists (a download or a page this role may not open is still there: 403, not 404).
        foreach (var link in internalLinks.Where(l => !l.StartsWith("/css/", StringComparison.Ordinal) && !l.StartsWith("/js/", StringComparison.Ordinal)))
        {
            var response = await client.GetAsync(new Uri(link, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                problems.Add($"a link leads nowhere: {link}");
            }
        }

        Assert.True(checkedPages >= 15, $"only {checkedPages} pages were open to {role}");
        Assert.True(internalLinks.Count >= 40, $"only {internalLinks.Count} links were found for {role}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private List<string>? _pages;

    /// <summary>The list, detail, edit and delete pages of one record of each kind in Vestland (46), and the pages of the menu.</summary>
    private async Task<List<string>> PagesAsync()
    {
        if (_pages is not null)
        {
            return _pages;
        }

        await using var db = app.CreateDbContext();
        var data = new TestData(db);
        var school = await data.OrganisationAsync("46");
        var partner = await data.ForeignOrganisationAsync();
        var accreditation = await data.AccreditationAsync(school);
        var project = await data.ProjectAsync(school, partners: [partner]);
        var mobility = await data.MobilityAsync(project);
        _pages =
        [
            "/", "/mal?AsOf=2021-09-30", "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30", "/fylker?AsOf=2021-09-30", "/fylker?AsOf=2021-09-30&view=akkrediteringer",
            "/rapport?AsOf=2021-09-30", "/oyeblikksbilder", "/oyeblikksbilder/ny", "/import", "/revisjonslogg", "/admin/mal", "/admin/mal/MOB-VET-LEARNERS",
            "/admin/referansedata", "/admin/brukere", "/admin/brukere/ny", "/konto/passord",
            "/organisasjoner", "/organisasjoner/ny", $"/organisasjoner/{school.Id}", $"/organisasjoner/{school.Id}/endre", $"/organisasjoner/{partner.Id}/slett",
            "/akkrediteringer", "/akkrediteringer/ny", $"/akkrediteringer/{accreditation.Id}", $"/akkrediteringer/{accreditation.Id}/endre", $"/akkrediteringer/{accreditation.Id}/slett",
            "/prosjekter", "/prosjekter/ny", $"/prosjekter/{project.Id}", $"/prosjekter/{project.Id}/endre", $"/prosjekter/{project.Id}/slett",
            "/mobiliteter", $"/mobiliteter?Project={Uri.EscapeDataString(project.Reference)}", "/mobiliteter/ny", $"/mobiliteter/ny?project={project.Id}",
            $"/mobiliteter/{mobility.Id}", $"/mobiliteter/{mobility.Id}/endre", $"/mobiliteter/{mobility.Id}/slett", $"/historikk/Project/{project.Id}",
        ];
        return _pages;
    }
}

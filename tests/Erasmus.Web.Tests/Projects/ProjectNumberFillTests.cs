using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Projects;

/// <summary>
/// #21 item 6 on the server: the fields a project number decides are filled when left empty (so the form works
/// without script too), and the awarded-mobility rows come alone for the browser to swap in.
/// </summary>
public sealed class ProjectNumberFillTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Action_sector_call_year_and_round_left_empty_are_taken_from_the_project_number()
    {
        var coordinator = await WithDataAsync(d => d.OrganisationAsync("46"));
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var post = ProjectPost.Valid(coordinator, reference: $"2023-2-NO01-KA121-SCH-{Random.Shared.Next(100_000_000, 999_999_999)}", callYear: 2023);
        foreach (var field in new[] { "Action", "Sector", "CallYear", "Round" })
        {
            post[field] = "";
        }

        var response = await post.CreateAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        var project = await db.Projects.SingleAsync(p => p.Reference == post["Reference"]);
        Assert.Equal((ProjectAction.KA121, Sector.SCH, 2023, 2), (project.Action, project.Sector, project.CallYear, project.Round));
    }

    [Fact]
    public async Task A_field_the_user_chose_is_never_overwritten_by_the_number()
    {
        var coordinator = await WithDataAsync(d => d.OrganisationAsync("46"));
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var post = ProjectPost.Valid(coordinator, reference: $"2022-1-NO01-KA122-VET-{Random.Shared.Next(100_000_000, 999_999_999)}");
        post["Sector"] = nameof(Sector.ADU);
        post["Round"] = "";

        var page = await AppFixture.ParseAsync(await post.CreateAsync(client));

        // The sector stays the user's (and the domain says it disagrees); the empty round was filled.
        Assert.Equal("Sektoren må stemme med prosjektnummeret (VET).", page.QuerySelector("#Sector-error")!.TextContent.Replace("Feil:", "", StringComparison.Ordinal).Trim());
        Assert.Equal("ADU", page.QuerySelector("#Sector option[selected]")!.GetAttribute("value"));
        Assert.Equal("1", page.QuerySelector("#Round option[selected]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Round-error"));
    }

    [Fact]
    public async Task An_EU_grant_number_fills_nothing_and_the_empty_fields_are_asked_for()
    {
        var coordinator = await WithDataAsync(d => d.OrganisationAsync("46"));
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var post = ProjectPost.Valid(coordinator, reference: "101055859");
        post["Action"] = "";
        post["Round"] = "";

        var page = await AppFixture.ParseAsync(await post.CreateAsync(client));

        Assert.NotNull(page.QuerySelector("#Action-error"));
        Assert.NotNull(page.QuerySelector("#Round-error"));
    }

    [Fact]
    public async Task The_rows_come_alone_for_the_sector_and_call_year_keeping_the_numbers_of_rows_that_remain()
    {
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var response = await client.GetAsync(new Uri("/prosjekter/aktivitetstyper?Sector=SCH&CallYear=2022&Awarded%5BSM-JOB-SHDW%5D=4&Awarded%5BLM-SHORT-VET%5D=7", UriKind.Relative));
        var rows = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(rows.QuerySelector("html > head > title"));
        Assert.Null(rows.QuerySelector("nav"));
        var inputs = rows.QuerySelectorAll("input[name^='Awarded[']").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value"));
        Assert.Contains("Awarded[LM-GRP-PUPIL]", inputs.Keys);
        Assert.Equal("4", inputs["Awarded[SM-JOB-SHDW]"]);
        Assert.DoesNotContain("Awarded[LM-SHORT-VET]", inputs.Keys);
        Assert.NotNull(rows.QuerySelector("select#AccreditationId"));
        Assert.Contains("utlysningsår 2022", rows.QuerySelector("[data-announce]")!.GetAttribute("data-announce"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rows_follow_the_project_number_when_sector_and_year_are_not_chosen_yet()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var rows = await AppFixture.GetDocumentAsync(client, "/prosjekter/aktivitetstyper?Reference=2024-1-NO01-KA122-VET-000012345&Sector=&CallYear=");

        Assert.Contains("Awarded[LM-SHORT-VET]", rows.QuerySelectorAll("input[name^='Awarded[']").Select(i => i.GetAttribute("name")));
    }

    [Theory]
    [InlineData("Sector=NotASector&CallYear=abc")]
    [InlineData("Sector=VET&CallYear=99999&CoordinatorId=-1&AccreditationId=2147483648")]
    [InlineData("Reference=%3Cscript%3E&Awarded%5B%3Cb%3E%5D=%27%3B--&Awarded%5BLM-SHORT-VET%5D=1e9")]
    public async Task Hostile_values_give_rows_without_sector_and_year_or_none_and_change_nothing(string query)
    {
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var before = await CountProjectsAsync();

        var response = await client.GetAsync(new Uri("/prosjekter/aktivitetstyper?" + query, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountProjectsAsync());
    }

    [Fact]
    public async Task Without_script_the_update_button_brings_the_user_back_to_the_rows_with_the_notice_there()
    {
        var coordinator = await WithDataAsync(d => d.OrganisationAsync("46"));
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var empty = await AppFixture.GetDocumentAsync(client, "/prosjekter/ny");
        var post = ProjectPost.Valid(coordinator);
        post["Refresh"] = "true";

        var refreshed = await AppFixture.ParseAsync(await post.CreateAsync(client));

        // The button posts the form to its own address with the rows' fragment, so the browser lands on them.
        Assert.Equal("#aktivitetstyper", empty.QuerySelector("button[name=Refresh]")!.GetAttribute("formaction"));
        Assert.Equal("", ((AngleSharp.Html.Dom.IHtmlSelectElement)empty.QuerySelector("#Round")!).Value);
        Assert.Contains("Ingenting er lagret", refreshed.QuerySelector("#aktivitetstyper .notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refreshed.QuerySelector("#aktivitetstyper input[name='Awarded[LM-SHORT-VET]']"));
    }

    private async Task<int> CountProjectsAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Projects.CountAsync();
    }

    private async Task<T> WithDataAsync<T>(Func<TestData, Task<T>> build)
    {
        await using var db = app.CreateDbContext();
        return await build(new TestData(db));
    }
}

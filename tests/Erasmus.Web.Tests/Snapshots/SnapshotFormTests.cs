using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data.Audit;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Targets.TargetRegistryTests;

namespace Erasmus.Web.Tests.Snapshots;

public sealed class SnapshotFormTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> ValidForm(string name) => new()
    {
        ["Name"] = name,
        ["AsOf"] = "2021-09-30",
        ["Basis"] = "awarded",
        ["Structure"] = "asof",
        ["County"] = "",
        ["Sector"] = "",
    };

    [Fact]
    public async Task The_dashboard_form_freezes_the_dashboards_parameters()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var dashboard = "/mal?AsOf=2022-03-31&Basis=realised&Structure=today&County=46&Sector=VET";
        var page = await AppFixture.GetDocumentAsync(client, dashboard);
        var form = page.QuerySelector("form.snapshot-form")!;
        Assert.Equal("/oyeblikksbilder/ny", form.GetAttribute("action"));
        Assert.Equal("Navn på øyeblikksbildet", page.QuerySelector("label[for=SnapshotName]")!.TextContent);
        var fields = form.QuerySelectorAll("input[name]").Cast<IHtmlInputElement>()
            .Where(i => i.Name != "__RequestVerificationToken").ToDictionary(i => i.Name!, i => i.Value);
        Assert.Equal("Status per 31.03.2022", fields["Name"]);
        fields["Name"] = "Fra dashbordet";

        var response = await AppFixture.PostFormAsync(client, dashboard, "/oyeblikksbilder/ny", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        var snapshot = await db.Set<Snapshot>().SingleAsync(s => s.Name == "Fra dashbordet");
        Assert.Equal(new SnapshotParameters(new DateOnly(2022, 3, 31), CountingBasis.Realised, CountyStructureChoice.Today, "46", Sector.VET), snapshot.ReadParameters());
        Assert.Equal(19, snapshot.ReadResults().Count);
        Assert.Contains("\"basis\": \"Realised\"", snapshot.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordinators_see_no_snapshot_form_on_the_dashboard_and_cannot_create_or_delete_but_may_read()
    {
        int id;
        await using (var db = app.CreateDbContext())
        {
            var snapshot = new Snapshot("Lesbart for alle", new SnapshotParameters(new DateOnly(2021, 9, 30), CountingBasis.Awarded, CountyStructureChoice.AsOfDate, null, null), []);
            db.Add(snapshot);
            await db.SaveChangesAsync();
            id = snapshot.Id;
        }

        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var dashboard = await AppFixture.GetDocumentAsync(coordinator, "/mal?AsOf=2021-09-30");
        var list = await AppFixture.GetDocumentAsync(coordinator, "/oyeblikksbilder");
        var details = await AppFixture.GetDocumentAsync(coordinator, $"/oyeblikksbilder/{id}");
        var createPage = await coordinator.GetAsync(new Uri("/oyeblikksbilder/ny", UriKind.Relative));
        var create = await AppFixture.PostFormAsync(coordinator, "/konto/passord", "/oyeblikksbilder/ny", ValidForm("Koordinatorens bilde"));
        var delete = await AppFixture.PostFormAsync(coordinator, "/konto/passord", $"/oyeblikksbilder/{id}/slett", []);

        Assert.Null(dashboard.QuerySelector("form.snapshot-form"));
        Assert.Null(list.QuerySelector("a[href='/oyeblikksbilder/ny']"));
        Assert.NotNull(list.QuerySelector($"a[href='/oyeblikksbilder/{id}']"));
        Assert.Null(details.QuerySelector($"a[href='/oyeblikksbilder/{id}/slett']"));
        Assert.Equal(HttpStatusCode.Forbidden, createPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.False(await check.Set<Snapshot>().AnyAsync(s => s.Name == "Koordinatorens bilde"));
        Assert.True(await check.Set<Snapshot>().AnyAsync(s => s.Id == id));
    }

    [Fact]
    public async Task An_administrator_creates_a_snapshot_from_the_form_page()
    {
        var client = await app.SignInAsAsync(TestRoles.Administrator);

        var page = await AppFixture.GetDocumentAsync(client, "/oyeblikksbilder/ny");
        var response = await AppFixture.PostFormAsync(client, "/oyeblikksbilder/ny", "/oyeblikksbilder/ny", ValidForm("Administratorens bilde"));

        Assert.NotNull(page.QuerySelector("label[for=Name]"));
        Assert.NotNull(page.QuerySelector("label[for=AsOf]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await AppFixture.GetDocumentAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Øyeblikksbildet «Administratorens bilde» er lagret.", details.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(details.QuerySelector("#snapshot-actions"));
    }

    [Fact]
    public async Task A_duplicate_name_in_any_case_is_refused_with_a_link_to_the_existing_snapshot()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var first = await AppFixture.PostFormAsync(client, "/oyeblikksbilder/ny", "/oyeblikksbilder/ny", ValidForm("Status per desember 2021"));
        var id = first.Headers.Location!.OriginalString.Split('/').Last();

        var second = await AppFixture.PostFormAsync(client, "/oyeblikksbilder/ny", "/oyeblikksbilder/ny", ValidForm("  status per DESEMBER 2021 "));
        var page = await AppFixture.ParseAsync(second);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Det finnes allerede et øyeblikksbilde med navnet «Status per desember 2021».", page.QuerySelector("#Name-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($".error-summary a[href='/oyeblikksbilder/{id}']"));
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Set<Snapshot>().CountAsync(s => EF.Functions.ILike(s.Name, "%desember 2021%")));
    }

    [Theory]
    [InlineData("Name", "", "Navnet må fylles ut.")]
    [InlineData("Name", "201", "Navnet kan ha høyst 200 tegn.")]
    [InlineData("AsOf", "", "Datoen tallene gjelder for må fylles ut.")]
    [InlineData("AsOf", "2020-12-31", "Datoen må være mellom 01.01.2021 og i dag (")]
    [InlineData("AsOf", "2100-01-01", "Datoen må være mellom 01.01.2021 og i dag (")]
    [InlineData("AsOf", "31.02.2021", "Verdien «31.02.2021» er ikke gyldig for datoen.")]
    [InlineData("Basis", "planned", "Velg grunnlag: tildelt eller gjennomført.")]
    [InlineData("Basis", "", "Velg grunnlag.")]
    [InlineData("County", "99", "Fylket «99» finnes ikke. Velg et fylke fra listen.")]
    [InlineData("Sector", "XYZ", "Verdien «XYZ» er ikke gyldig for sektoren.")]
    public async Task Each_rule_rejects_with_its_message_beside_the_field_and_writes_nothing(string field, string value, string message)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var form = ValidForm($"Ugyldig {Guid.NewGuid():N}");
        form[field] = field == "Name" && value == "201" ? new string('x', 201) : value;
        await using var db = app.CreateDbContext();
        var before = await db.Set<Snapshot>().CountAsync();

        var response = await AppFixture.PostFormAsync(client, "/oyeblikksbilder/ny", "/oyeblikksbilder/ny", form);
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")?.TextContent ?? "(no error beside the field)", StringComparison.Ordinal);
        Assert.Contains(message, page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await db.Set<Snapshot>().CountAsync());
    }

    [Fact]
    public async Task An_analyst_deletes_a_snapshot_after_confirming_and_the_deletion_is_audited()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var created = await AppFixture.PostFormAsync(client, "/oyeblikksbilder/ny", "/oyeblikksbilder/ny", ValidForm("Skal slettes"));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        var details = await AppFixture.GetDocumentAsync(client, $"/oyeblikksbilder/{id}");

        var confirm = await AppFixture.GetDocumentAsync(client, $"/oyeblikksbilder/{id}/slett");
        var deleted = await AppFixture.PostFormAsync(client, $"/oyeblikksbilder/{id}/slett", $"/oyeblikksbilder/{id}/slett",
            new() { ["version"] = confirm.QuerySelector("input[name=version]")!.GetAttribute("value")! });

        Assert.NotNull(details.QuerySelector($"a[href='/oyeblikksbilder/{id}/slett']"));
        Assert.Equal("Slett Skal slettes?", confirm.QuerySelector("h1")!.TextContent);
        Assert.NotNull(confirm.QuerySelector("button.danger"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/oyeblikksbilder", deleted.Headers.Location!.OriginalString);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<Snapshot>().AnyAsync(s => s.Id == id));
        var key = id.ToString(CultureInfo.InvariantCulture);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.RootType == "Snapshot" && e.RootKey == key && e.Action == AuditAction.Deleted));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/oyeblikksbilder/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_snapshot_page_states_its_parameters_and_links_to_the_dashboard_with_them()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var form = ValidForm("Vestland yrkesfag");
        (form["County"], form["Sector"], form["Basis"]) = ("46", "VET", "realised");
        var created = await AppFixture.PostFormAsync(client, "/oyeblikksbilder/ny", "/oyeblikksbilder/ny", form);

        var page = await AppFixture.GetDocumentAsync(client, created.Headers.Location!.OriginalString);

        var facts = page.QuerySelectorAll("dl.facts dt").ToDictionary(dt => dt.TextContent, dt => Normalise(dt.NextElementSibling!.TextContent));
        Assert.Equal("30.09.2021", facts["Per dato"]);
        Assert.Equal("Gjennomført", facts["Grunnlag"]);
        Assert.Equal("Vestland (46)", facts["Fylke"]);
        Assert.Equal("Yrkesfag (VET)", facts["Sektor"]);
        Assert.StartsWith("analyst.", facts["Lagret av"], StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/mal?AsOf=2021-09-30&Basis=realised&Structure=asof&County=46&Sector=VET']"));
    }
}

using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Organisations;

public sealed class OrganisationFormTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> ValidForm(string name = "Nordahl Grieg videregående skole") => new()
    {
        ["Name"] = name,
        ["Type"] = nameof(OrganisationType.UpperSecondarySchool),
        ["CountryCode"] = "NO",
        ["OrganisationNumber"] = TestData.NewOrganisationNumber(),
        ["Oid"] = TestData.NewOid(),
        ["CountyNumber"] = "46",
        ["Municipality"] = "Bergen",
        ["FirstParticipationYear"] = "2016",
        ["Version"] = "0",
    };

    [Fact]
    public async Task A_coordinator_registers_edits_and_deletes_an_organisation_in_their_county()
    {
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var form = ValidForm("Åsane videregående skole");

        var created = await AppFixture.PostFormAsync(client, "/organisasjoner/ny", "/organisasjoner/ny", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        var edit = await AppFixture.GetDocumentAsync(client, $"/organisasjoner/{id}/endre");
        form["Name"] = "Åsane vidaregåande skule";
        form["Version"] = edit.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var edited = await AppFixture.PostFormAsync(client, $"/organisasjoner/{id}/endre", $"/organisasjoner/{id}/endre", form);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var saved = await db.Organisations.SingleAsync(o => o.Id == id);
            Assert.Equal("Åsane vidaregåande skule", saved.Name);
            Assert.Equal(form["OrganisationNumber"], saved.OrganisationNumber);
            Assert.StartsWith("countycoordinator.46.", saved.CreatedBy, StringComparison.Ordinal);
        }

        var deleted = await AppFixture.PostFormAsync(client, $"/organisasjoner/{id}/slett", $"/organisasjoner/{id}/slett", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.False(await check.Organisations.AnyAsync(o => o.Id == id));
        Assert.Equal(3, await check.AuditEntries.CountAsync(e => e.RootType == "Organisation" && e.RootKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("OrganisationNumber", "974760674", "Organisasjonsnummeret har feil kontrollsiffer.")]
    [InlineData("OrganisationNumber", "12345", "9 sifre")]
    [InlineData("OrganisationNumber", "", "Organisasjonsnummeret må fylles ut.")]
    [InlineData("Oid", "X1234", "E fulgt av 8 sifre")]
    [InlineData("Name", "", "Navnet må fylles ut.")]
    [InlineData("CountyNumber", "", "Norske organisasjoner må ha et fylke.")]
    [InlineData("FirstParticipationYear", "1950", "mellom 1987 og 2027")]
    [InlineData("Type", "", "Velg en organisasjonstype.")]
    public async Task Each_rule_rejects_with_its_message_beside_the_field_and_writes_nothing(string field, string value, string message)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var form = ValidForm($"Ugyldig {Guid.NewGuid():N}");
        form[field] = value;

        var response = await AppFixture.PostFormAsync(client, "/organisasjoner/ny", "/organisasjoner/ny", form);
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")?.TextContent ?? "(no error beside the field)", StringComparison.Ordinal);
        Assert.Contains(message, page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Organisations.AnyAsync(o => o.Name == form["Name"]));
    }

    [Fact]
    public async Task A_foreign_organisation_has_no_organisation_number()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var form = ValidForm("Berufskolleg Köln");
        form["CountryCode"] = "DE";
        form["CountyNumber"] = "";

        var response = await AppFixture.PostFormAsync(client, "/organisasjoner/ny", "/organisasjoner/ny", form);
        var page = await AppFixture.ParseAsync(response);

        Assert.Contains("Bare norske organisasjoner har organisasjonsnummer.", page.QuerySelector("#OrganisationNumber-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_organisation_number_is_refused_with_a_link_to_the_existing_record()
    {
        Organisation existing;
        await using (var db = app.CreateDbContext())
        {
            existing = await new TestData(db).OrganisationAsync("46", name: "Eksisterende skole");
        }

        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var form = ValidForm("Ny skole med samme nummer");
        form["OrganisationNumber"] = existing.OrganisationNumber!;
        form["Oid"] = existing.Oid!;

        var page = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(client, "/organisasjoner/ny", "/organisasjoner/ny", form));

        Assert.Contains("er allerede registrert på Eksisterende skole", page.QuerySelector("#OrganisationNumber-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("er allerede registrert på Eksisterende skole", page.QuerySelector("#Oid-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($".error-summary a[href='/organisasjoner/{existing.Id}']"));
        await using var check = app.CreateDbContext();
        Assert.False(await check.Organisations.AnyAsync(o => o.Name == "Ny skole med samme nummer"));
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_shows_both_values_and_keeps_theirs_until_saved_again()
    {
        Organisation organisation;
        await using (var db = app.CreateDbContext())
        {
            organisation = await new TestData(db).OrganisationAsync("46", name: "Original");
        }

        var alice = await app.SignInAsAsync(TestRoles.Analyst);
        var bob = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var url = $"/organisasjoner/{organisation.Id}/endre";
        var version = (await AppFixture.GetDocumentAsync(alice, url)).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var form = ValidForm("Alices navn");
        (form["OrganisationNumber"], form["Oid"], form["Version"]) = (organisation.OrganisationNumber!, organisation.Oid!, version);
        var bobsForm = new Dictionary<string, string>(form) { ["Name"] = "Bobs navn" };

        var first = await AppFixture.PostFormAsync(bob, url, url, bobsForm);
        var second = await AppFixture.PostFormAsync(alice, url, url, form);
        var page = await AppFixture.ParseAsync(second);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var conflict = page.QuerySelector("table.conflict")!.TextContent;
        Assert.Contains("Bobs navn", conflict, StringComparison.Ordinal);
        Assert.Contains("Alices navn", conflict, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal("Bobs navn", (await db.Organisations.SingleAsync(o => o.Id == organisation.Id)).Name);
        }

        form["Version"] = page.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        var again = await AppFixture.PostFormAsync(alice, url, url, form);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.Equal("Alices navn", (await check.Organisations.SingleAsync(o => o.Id == organisation.Id)).Name);
    }

    [Fact]
    public async Task An_organisation_with_projects_is_not_deleted_and_the_page_says_why()
    {
        Organisation organisation;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            organisation = await data.OrganisationAsync("46");
            await data.ProjectAsync(organisation);
        }

        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var confirm = await AppFixture.GetDocumentAsync(client, $"/organisasjoner/{organisation.Id}/slett");
        var post = await AppFixture.PostFormAsync(client, $"/organisasjoner/{organisation.Id}/slett", $"/organisasjoner/{organisation.Id}/slett", []);

        Assert.Contains("1 prosjekt(er) som koordinator", confirm.QuerySelector(".dependents")!.TextContent, StringComparison.Ordinal);
        Assert.Null(confirm.QuerySelector("button.danger"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.True(await check.Organisations.AnyAsync(o => o.Id == organisation.Id));
    }

    [Fact]
    public async Task A_coordinator_cannot_register_an_organisation_in_another_county()
    {
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "11");
        var form = ValidForm("Skole i feil fylke");

        var page = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(client, "/organisasjoner/ny", "/organisasjoner/ny", form));

        Assert.Contains("ditt eget fylke", page.QuerySelector("#CountyNumber-error")!.TextContent, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Organisations.AnyAsync(o => o.Name == "Skole i feil fylke"));
    }

    [Fact]
    public async Task A_coordinator_of_a_successor_county_edits_an_organisation_of_the_dissolved_county()
    {
        Organisation viken;
        await using (var db = app.CreateDbContext())
        {
            viken = await new TestData(db).OrganisationAsync("30", OrganisationType.CountyAuthority, "Viken fylkeskommune");
        }

        var akershus = await app.SignInAsAsync(TestRoles.Coordinator, "32");
        var vestland = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        Assert.Equal(HttpStatusCode.OK, (await akershus.GetAsync(new Uri($"/organisasjoner/{viken.Id}/endre", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vestland.GetAsync(new Uri($"/organisasjoner/{viken.Id}/endre", UriKind.Relative))).StatusCode);
    }
}

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

        var deleted = await AppFixture.ConfirmDeleteAsync(client, $"/organisasjoner/{id}/slett");
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
    // Issue #15: an unknown country answered 500 (foreign key); names took control and bidi characters.
    [InlineData("CountryCode", "XX", "Ukjent land. Velg et land fra listen.")]
    [InlineData("CountyNumber", "99", "Ukjent fylke. Velg et fylke fra listen.")]
    [InlineData("CountyNumber", "123", "Velg et fylke fra listen.")]
    [InlineData("Name", "Skole{U+202E}fdp.exe", "kontrolltegn eller usynlige tegn")]
    [InlineData("Name", "Skole{U+0007}med bjelle", "kontrolltegn eller usynlige tegn")]
    [InlineData("Municipality", "Ber{U+2067}gen", "kontrolltegn eller usynlige tegn")]
    public async Task Each_rule_rejects_with_its_message_beside_the_field_and_writes_nothing(string field, string value, string message)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var form = ValidForm($"Ugyldig {Guid.NewGuid():N}");
        // {U+XXXX} stands for a character that would make the test's name unprintable.
        form[field] = System.Text.RegularExpressions.Regex.Replace(value, @"\{U\+([0-9A-F]{4})\}",
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

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

    /// <summary>Issue #15: coordinator 46 set their own organisation's country to SE and its projects moved to another county.</summary>
    [Fact]
    public async Task A_coordinator_cannot_make_an_organisation_foreign_when_its_projects_would_leave_the_county()
    {
        Organisation school;
        Project project;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            school = await data.OrganisationAsync("46", name: "Skolen som ville bli svensk");
            project = await data.ProjectAsync(school, partners: [await data.OrganisationAsync("11")]);
        }

        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var (response, page) = await EditAsync(client, school, f => (f["CountryCode"], f["OrganisationNumber"]) = ("SE", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Du kan ikke gjøre organisasjonen utenlandsk", page.QuerySelector("#CountryCode-error")!.TextContent, StringComparison.Ordinal);
        await using var check = app.CreateDbContext();
        var saved = await check.Organisations.AsNoTracking().SingleAsync(o => o.Id == school.Id);
        Assert.Equal(("NO", "46"), (saved.CountryCode, saved.CountyNumber));
        Assert.Equal(school.Id, (await check.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id)).CoordinatorId);
    }

    /// <summary>Issue #15: an accreditation ended up with a foreign holder that nobody could save again. Analysts are refused too.</summary>
    [Fact]
    public async Task The_holder_of_an_accreditation_stays_norwegian()
    {
        Organisation holder;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            holder = await data.OrganisationAsync("46", name: "Innehaveren");
            await data.AccreditationAsync(holder);
        }

        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var (response, page) = await EditAsync(analyst, holder, f => (f["CountryCode"], f["OrganisationNumber"]) = ("SE", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Innehaveren av en akkreditering kan ikke være utenlandsk.", page.QuerySelector("#CountryCode-error")!.TextContent, StringComparison.Ordinal);
        await using var check = app.CreateDbContext();
        Assert.Equal("NO", (await check.Organisations.AsNoTracking().SingleAsync(o => o.Id == holder.Id)).CountryCode);
    }

    /// <summary>Nothing depends on an unused organisation: correcting its country moves no other record (decision 8).</summary>
    [Fact]
    public async Task A_coordinator_may_correct_the_country_of_an_organisation_nothing_depends_on()
    {
        Organisation unused;
        await using (var db = app.CreateDbContext())
        {
            unused = await new TestData(db).OrganisationAsync("46", name: "Feilregistrert partner");
        }

        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var (response, _) = await EditAsync(client, unused, f => (f["CountryCode"], f["OrganisationNumber"]) = ("SE", ""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var check = app.CreateDbContext();
        var saved = await check.Organisations.AsNoTracking().SingleAsync(o => o.Id == unused.Id);
        Assert.Equal(("SE", null), (saved.CountryCode, saved.CountyNumber));
    }

    /// <summary>Issue #15 item 12 and decision 8: organisations of a dissolved county are registered by analysts, and the forms say so.</summary>
    [Fact]
    public async Task Only_analysts_register_organisations_in_a_dissolved_county_and_the_forms_offer_it_accordingly()
    {
        Organisation own;
        await using (var db = app.CreateDbContext())
        {
            own = await new TestData(db).OrganisationAsync("32", name: "Akershus-skolen");
        }

        var akershus = await app.SignInAsAsync(TestRoles.Coordinator, "32");
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var coordinatorForm = await AppFixture.GetDocumentAsync(akershus, "/organisasjoner/ny");
        var analystForm = await AppFixture.GetDocumentAsync(analyst, "/organisasjoner/ny");
        var form = ValidForm("Ny skole i Viken");
        form["CountyNumber"] = "30";

        var refused = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(akershus, "/organisasjoner/ny", "/organisasjoner/ny", form));
        var (moved, movedPage) = await EditAsync(akershus, own, f => f["CountyNumber"] = "30");
        var accepted = await AppFixture.PostFormAsync(analyst, "/organisasjoner/ny", "/organisasjoner/ny", form);

        Assert.Equal(["32"], CountyOptions(coordinatorForm));
        Assert.Contains("30", CountyOptions(analystForm));
        Assert.Contains("registreres av HK-dir", refused.QuerySelector("#CountyNumber-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("registreres av HK-dir", movedPage.QuerySelector("#CountyNumber-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.Equal("30", (await check.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Ny skole i Viken")).CountyNumber);
        Assert.Equal("32", (await check.Organisations.AsNoTracking().SingleAsync(o => o.Id == own.Id)).CountyNumber);
    }

    /// <summary>
    /// Issue #21 item 3: the edit page of an organisation in a dissolved county showed no county selected for a
    /// coordinator of a successor county, so saving the page as shown posted an empty county and was refused.
    /// </summary>
    [Theory]
    [InlineData("30", "32")]
    [InlineData("38", "40")]
    [InlineData("54", "55")]
    public async Task The_edit_page_of_an_organisation_in_a_dissolved_county_shows_and_keeps_its_county(string dissolved, string successor)
    {
        Organisation organisation;
        await using (var db = app.CreateDbContext())
        {
            organisation = await new TestData(db).OrganisationAsync(dissolved, OrganisationType.CountyAuthority, "Nedlagt fylkeskommune " + dissolved);
        }

        foreach (var client in new[] { await app.SignInAsAsync(TestRoles.Coordinator, successor), await app.SignInAsAsync(TestRoles.Analyst) })
        {
            var url = $"/organisasjoner/{organisation.Id}/endre";
            var page = await AppFixture.GetDocumentAsync(client, url);
            Assert.Equal(dissolved, page.QuerySelector("select[name=CountyNumber] option[selected]")?.GetAttribute("value"));

            // The form exactly as the page shows it, with a new municipality typed in.
            var form = FieldsOf(page);
            form["Municipality"] = "Endret " + client.GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = await AppFixture.PostFormAsync(client, url, url, form);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            await using var check = app.CreateDbContext();
            var saved = await check.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id);
            Assert.Equal((dissolved, form["Municipality"]), (saved.CountyNumber, saved.Municipality));
        }
    }

    /// <summary>What a browser would post for the page's form: every input's value and every select's selected option.</summary>
    private static Dictionary<string, string> FieldsOf(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var form = page.QuerySelector("form[method=post][action$='/endre']")!;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll("input[name]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken"))
        {
            fields[input.GetAttribute("name")!] = input.GetAttribute("value") ?? "";
        }

        foreach (var select in form.QuerySelectorAll("select[name]"))
        {
            fields[select.GetAttribute("name")!] = (select.QuerySelector("option[selected]") ?? select.QuerySelector("option"))?.GetAttribute("value") ?? "";
        }

        return fields;
    }

    private static List<string> CountyOptions(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("select[name=CountyNumber] option").Select(o => o.GetAttribute("value") ?? "").Where(v => v.Length > 0)];

    /// <summary>Opens the edit form of a saved organisation, changes it and posts it.</summary>
    private static async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> EditAsync(HttpClient client, Organisation organisation, Action<Dictionary<string, string>> change)
    {
        var url = $"/organisasjoner/{organisation.Id}/endre";
        var edit = await AppFixture.GetDocumentAsync(client, url);
        var form = ValidForm(organisation.Name);
        (form["OrganisationNumber"], form["Oid"], form["CountyNumber"], form["Municipality"]) =
            (organisation.OrganisationNumber!, organisation.Oid!, organisation.CountyNumber!, organisation.Municipality ?? "");
        form["FirstParticipationYear"] = organisation.FirstParticipationYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        form["Version"] = edit.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        change(form);
        var response = await AppFixture.PostFormAsync(client, url, url, form);
        return (response, await AppFixture.ParseAsync(response));
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Accreditations;

/// <summary>Registering and editing accreditations through the real forms: rules, scope, duplicates and concurrency.</summary>
public sealed class AccreditationFormTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Analyst_registers_a_consortium_with_members_in_any_county_and_sees_it_on_the_details_page()
    {
        var (holder, member, otherCounty) = (await OrganisationAsync("46", "Vestland fylkeskommune"), await OrganisationAsync("46", "Åsane vgs"), await OrganisationAsync("11", "Stavanger katedralskole"));
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var code = NewCode(Sector.SCH);

        var response = await PostCreateAsync(analyst, Fields(code.ToLowerInvariant(), holder, Sector.SCH, consortium: true, members: [member, otherCounty]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await LoadAsync(holder);
        Assert.Equal(code, saved.Code);
        Assert.True(saved.IsConsortium);
        Assert.Equal(new[] { member.Id, otherCounty.Id }.Order(), saved.Members.Select(m => m.OrganisationId).Order());
        var details = await AppFixture.GetDocumentAsync(analyst, response.Headers.Location!.OriginalString);
        Assert.Contains($"{code} er registrert", details.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Vestland fylkeskommune", details.QuerySelector($"dl.facts a[href='/organisasjoner/{holder.Id}']")!.TextContent);
        Assert.Equal(["Stavanger katedralskole", "Åsane vgs"], details.QuerySelectorAll("#members a").Select(a => a.TextContent).Order(StringComparer.Ordinal));
        Assert.NotNull(details.QuerySelector($"a[href='/historikk/Accreditation/{saved.Id}']"));
    }

    [Fact]
    public async Task Coordinator_registers_an_accreditation_for_an_organisation_in_their_county()
    {
        var (holder, member) = (await OrganisationAsync("46"), await OrganisationAsync("46"));
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var response = await PostCreateAsync(coordinator, Fields(NewCode(Sector.VET), holder, consortium: true, members: [member]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([member.Id], (await LoadAsync(holder)).Members.Select(m => m.OrganisationId));
    }

    [Fact]
    public async Task Coordinator_is_offered_only_their_own_countys_organisations()
    {
        var (own, other) = (await OrganisationAsync("46"), await OrganisationAsync("11"));
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(coordinator, "/akkrediteringer/ny");

        Assert.NotNull(page.QuerySelector($"#HolderId optgroup[label=Vestland] option[value='{own.Id}']"));
        Assert.Null(page.QuerySelector($"#HolderId option[value='{other.Id}']"));
        Assert.NotNull(page.QuerySelector($"input[name=MemberIds][value='{own.Id}']"));
        Assert.Null(page.QuerySelector($"input[name=MemberIds][value='{other.Id}']"));
    }

    [Fact]
    public async Task Coordinator_cannot_register_an_accreditation_for_another_countys_organisation()
    {
        var holder = await OrganisationAsync("11");
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.ParseAsync(await PostCreateAsync(coordinator, Fields(NewCode(Sector.VET), holder)));

        Assert.Contains("organisasjoner i ditt eget fylke", page.QuerySelector("#HolderId-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(holder));
    }

    [Fact]
    public async Task Coordinator_cannot_add_consortium_members_from_another_county()
    {
        var (holder, member) = (await OrganisationAsync("46"), await OrganisationAsync("11"));
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.ParseAsync(await PostCreateAsync(coordinator, Fields(NewCode(Sector.VET), holder, consortium: true, members: [member])));

        Assert.Contains("konsortiemedlemmer i ditt eget fylke", page.QuerySelector("#MemberIds-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(holder));
    }

    [Fact]
    public async Task Holder_must_be_a_Norwegian_organisation()
    {
        var foreign = await ForeignAsync();
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.ParseAsync(await PostCreateAsync(analyst, Fields(NewCode(Sector.VET), foreign)));

        Assert.Contains("Innehaveren må være en norsk organisasjon.", page.QuerySelector("#HolderId-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(foreign));
    }

    [Fact]
    public async Task Consortium_members_must_be_Norwegian_organisations()
    {
        var (holder, foreign) = (await OrganisationAsync("46"), await ForeignAsync());
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.ParseAsync(await PostCreateAsync(analyst, Fields(NewCode(Sector.VET), holder, consortium: true, members: [foreign])));

        Assert.Contains("Konsortiemedlemmer må være norske organisasjoner.", page.QuerySelector("#MemberIds-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(holder));
    }

    [Fact]
    public async Task Only_a_consortium_may_have_members()
    {
        var (holder, member) = (await OrganisationAsync("46"), await OrganisationAsync("46"));
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.ParseAsync(await PostCreateAsync(analyst, Fields(NewCode(Sector.VET), holder, consortium: false, members: [member])));

        Assert.Contains("Bare et konsortium kan ha medlemmer.", page.QuerySelector("#MemberIds-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(holder));
    }

    [Theory]
    [InlineData("Code", "", "Code", "Akkrediteringsnummeret må fylles ut.")]
    [InlineData("Code", "KA120-VET-1", "Code", "Akkrediteringsnummeret må ha formen")]
    [InlineData("Code", "2021-1-NO01-KA121-VET-000012345", "Code", "må ha tiltaket KA120, ikke KA121")]
    [InlineData("Code", "2019-1-NO01-KA120-VET-012345", "Code", "finnes fra 2020")]
    [InlineData("Code", "2021-1-SE01-KA120-VET-000012345", "Code", "det norske nasjonale kontoret NO01")]
    [InlineData("Code", "2021-1-NO01-KA120-VET-012345", "Code", "må ha 9 sifre")]
    [InlineData("Sector", "SCH", "Sector", "Sektoren må stemme med akkrediteringskoden (VET).")]
    [InlineData("Sector", "", "Sector", "Velg en sektor.")]
    [InlineData("HolderId", "", "HolderId", "Velg innehaveren av akkrediteringen.")]
    [InlineData("ValidFrom", "", "ValidFrom", "Gyldig fra må fylles ut.")]
    [InlineData("ValidTo", "2021-01-31", "ValidTo", "Gyldig til kan ikke være før gyldig fra.")]
    [InlineData("Status", "", "Status", "Velg en status.")]
    [InlineData("DecisionDate", "", "DecisionDate", "Vedtaksdatoen må fylles ut.")]
    // Issue #15: a decision date of 0001-01-01 was saved as -infinity and /akkrediteringer answered 500.
    [InlineData("DecisionDate", "0001-01-01", "DecisionDate", "Vedtaksdato må være mellom 01.01.2014 og 31.12.2035.")]
    [InlineData("ValidFrom", "2013-12-31", "ValidFrom", "Gyldig fra må være mellom 01.01.2014 og 31.12.2035.")]
    [InlineData("ValidTo", "9999-12-31", "ValidTo", "Gyldig til må være mellom 01.01.2014 og 31.12.2035.")]
    public async Task Each_rule_refuses_the_form_with_its_message_beside_the_field(string field, string value, string errorField, string message)
    {
        var holder = await OrganisationAsync("46");
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var fields = Fields(NewCode(Sector.VET), holder);
        fields[field] = value;

        var response = await PostCreateAsync(analyst, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppFixture.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"#{errorField}-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($".error-summary a[href='#{errorField}']"));
        Assert.Equal(0, await CountAsync(holder));
    }

    [Fact]
    public async Task Accreditation_is_granted_only_in_SCH_VET_and_ADU()
    {
        var holder = await OrganisationAsync("46");
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var fields = Fields(NewCode(Sector.VET), holder);
        fields["Sector"] = "HED";

        var page = await AppFixture.ParseAsync(await PostCreateAsync(analyst, fields));

        Assert.NotNull(page.QuerySelector("#Sector-error"));
        Assert.Contains("Akkreditering gis bare i sektorene SCH, VET og ADU.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#Sector option[value=HED]"));
        Assert.Equal(0, await CountAsync(holder));
    }

    [Fact]
    public async Task Duplicate_code_is_refused_with_a_link_to_the_existing_accreditation()
    {
        var (existingHolder, holder) = (await OrganisationAsync("46", "Eksisterende innehaver"), await OrganisationAsync("46"));
        var existing = await CreateAsync(existingHolder);
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.ParseAsync(await PostCreateAsync(analyst, Fields(existing.Code.ToLowerInvariant(), holder)));

        Assert.Contains("er allerede registrert på Eksisterende innehaver", page.QuerySelector("#Code-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($".error-summary a[href='/akkrediteringer/{existing.Id}']"));
        Assert.Equal(0, await CountAsync(holder));
    }

    [Fact]
    public async Task Analyst_lists_the_organisations_of_the_chosen_holder_or_county_as_members_without_saving()
    {
        var (holder, neighbour, elsewhere) = (await OrganisationAsync("46"), await OrganisationAsync("46"), await OrganisationAsync("15"));
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var fields = Fields(NewCode(Sector.VET), holder, consortium: true);
        fields["ShowMembers"] = "true";

        var holdersCounty = await AppFixture.ParseAsync(await PostCreateAsync(analyst, fields));
        fields["MemberCounty"] = "15";
        var chosenCounty = await AppFixture.ParseAsync(await PostCreateAsync(analyst, fields));

        Assert.NotNull(holdersCounty.QuerySelector($"input[name=MemberIds][value='{neighbour.Id}']"));
        Assert.Null(holdersCounty.QuerySelector($"input[name=MemberIds][value='{holder.Id}']"));
        Assert.Null(holdersCounty.QuerySelector($"input[name=MemberIds][value='{elsewhere.Id}']"));
        Assert.Null(holdersCounty.QuerySelector(".error-summary"));
        Assert.NotNull(chosenCounty.QuerySelector($"input[name=MemberIds][value='{elsewhere.Id}']"));
        Assert.Equal(0, await CountAsync(holder));
    }

    [Fact]
    public async Task Edit_changes_the_fields_and_replaces_the_members()
    {
        var (holder, leaving, joining) = (await OrganisationAsync("46"), await OrganisationAsync("46"), await OrganisationAsync("46"));
        var accreditation = await CreateAsync(holder, consortium: true, members: [leaving]);
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = await EditFieldsAsync(coordinator, accreditation.Id);
        fields["Status"] = "Suspended";
        fields["ValidTo"] = "2026-06-30";
        fields.Remove("MemberIds[0]");
        fields["MemberIds[0]"] = joining.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await PostEditAsync(coordinator, accreditation.Id, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await LoadAsync(holder);
        Assert.Equal(AccreditationStatus.Suspended, saved.Status);
        Assert.Equal(new DateOnly(2026, 6, 30), saved.ValidTo);
        Assert.Equal([joining.Id], saved.Members.Select(m => m.OrganisationId));
    }

    [Fact]
    public async Task Edit_turns_a_consortium_into_a_single_holder_by_clearing_its_members()
    {
        var (holder, member) = (await OrganisationAsync("46"), await OrganisationAsync("46"));
        var accreditation = await CreateAsync(holder, consortium: true, members: [member]);
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var fields = await EditFieldsAsync(analyst, accreditation.Id);
        fields.Remove("IsConsortium");
        fields.Remove("MemberIds[0]");

        var response = await PostEditAsync(analyst, accreditation.Id, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await LoadAsync(holder);
        Assert.False(saved.IsConsortium);
        Assert.Empty(saved.Members);
    }

    [Fact]
    public async Task Coordinator_keeps_members_from_another_county_that_an_analyst_added()
    {
        var (holder, elsewhere) = (await OrganisationAsync("46"), await OrganisationAsync("11"));
        var accreditation = await CreateAsync(holder, consortium: true, members: [elsewhere]);
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = await EditFieldsAsync(coordinator, accreditation.Id);
        fields["Status"] = "Expired";

        var response = await PostEditAsync(coordinator, accreditation.Id, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await LoadAsync(holder);
        Assert.Equal(AccreditationStatus.Expired, saved.Status);
        Assert.Equal([elsewhere.Id], saved.Members.Select(m => m.OrganisationId));
    }

    [Fact]
    public async Task Coordinator_cannot_move_an_accreditation_to_a_holder_in_another_county()
    {
        var (holder, other) = (await OrganisationAsync("46"), await OrganisationAsync("11"));
        var accreditation = await CreateAsync(holder);
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = await EditFieldsAsync(coordinator, accreditation.Id);
        fields["HolderId"] = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var page = await AppFixture.ParseAsync(await PostEditAsync(coordinator, accreditation.Id, fields));

        Assert.Contains("innehaver utenfor ditt eget fylke", page.QuerySelector("#HolderId-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(holder));
    }

    [Fact]
    public async Task Second_edit_from_the_same_version_shows_the_conflict_and_does_not_overwrite()
    {
        var holder = await OrganisationAsync("46");
        var accreditation = await CreateAsync(holder);
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var stale = await EditFieldsAsync(analyst, accreditation.Id);
        var first = new Dictionary<string, string>(stale) { ["Status"] = "Suspended" };
        var second = new Dictionary<string, string>(stale) { ["Status"] = "Withdrawn" };

        var firstResponse = await PostEditAsync(analyst, accreditation.Id, first);
        var secondResponse = await PostEditAsync(analyst, accreditation.Id, second);

        Assert.Equal(HttpStatusCode.Redirect, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        var page = await AppFixture.ParseAsync(secondResponse);
        var conflict = page.QuerySelector("table.conflict")!;
        Assert.Equal(["Status", "Suspendert", "Trukket tilbake"], conflict.QuerySelectorAll("tbody tr").Single().Children.Select(c => c.TextContent));
        Assert.Equal(AccreditationStatus.Suspended, (await LoadAsync(holder)).Status);

        // Saving again from the re-rendered form applies the user's values.
        var again = new Dictionary<string, string>(second) { ["Version"] = ((IHtmlInputElement)page.QuerySelector("input[name=Version]")!).Value };
        Assert.Equal(HttpStatusCode.Redirect, (await PostEditAsync(analyst, accreditation.Id, again)).StatusCode);
        Assert.Equal(AccreditationStatus.Withdrawn, (await LoadAsync(holder)).Status);
    }

    [Fact]
    public async Task A_concurrent_change_of_members_only_is_also_a_conflict()
    {
        var (holder, member) = (await OrganisationAsync("46", "Konsortiekoordinator"), await OrganisationAsync("46", "Nytt medlem"));
        var accreditation = await CreateAsync(holder, consortium: true);
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var stale = await EditFieldsAsync(analyst, accreditation.Id);
        var addsMember = new Dictionary<string, string>(stale) { ["MemberIds[0]"] = member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var changesStatus = new Dictionary<string, string>(stale) { ["Status"] = "Suspended" };

        Assert.Equal(HttpStatusCode.Redirect, (await PostEditAsync(analyst, accreditation.Id, addsMember)).StatusCode);
        var page = await AppFixture.ParseAsync(await PostEditAsync(analyst, accreditation.Id, changesStatus));

        Assert.Contains("Nytt medlem", page.QuerySelector("table.conflict")!.TextContent, StringComparison.Ordinal);
        var saved = await LoadAsync(holder);
        Assert.Equal(AccreditationStatus.Active, saved.Status);
        Assert.Equal([member.Id], saved.Members.Select(m => m.OrganisationId));
    }

    [Fact]
    public async Task Coordinator_of_another_county_gets_403_on_edit()
    {
        var accreditation = await CreateAsync(await OrganisationAsync("46"));
        var other = await app.SignInAsAsync(TestRoles.Coordinator, "11");

        var page = await other.GetAsync(new Uri($"/akkrediteringer/{accreditation.Id}/endre", UriKind.Relative));
        var post = await AppFixture.PostFormAsync(other, "/akkrediteringer", $"/akkrediteringer/{accreditation.Id}/endre", new() { ["Status"] = "Withdrawn" });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(AccreditationStatus.Active, (await db.Accreditations.SingleAsync(a => a.Id == accreditation.Id)).Status);
    }

    private static string NewCode(Sector sector) => $"2021-1-NO01-KA120-{sector}-{TestData.NextSerial():D9}";

    private static Dictionary<string, string> Fields(string code, Organisation holder, Sector sector = Sector.VET, bool consortium = false, IEnumerable<Organisation>? members = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Code"] = code,
            ["Sector"] = sector.ToString(),
            ["HolderId"] = holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ValidFrom"] = "2021-02-01",
            ["ValidTo"] = "2027-12-31",
            ["Status"] = "Active",
            ["DecisionDate"] = "2021-01-15",
        };
        if (consortium)
        {
            fields["IsConsortium"] = "true";
        }

        foreach (var (member, index) in (members ?? []).Select((m, i) => (m, i)))
        {
            fields[$"MemberIds[{index}]"] = member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return fields;
    }

    /// <summary>The edit form's current values as a browser would post them (members indexed, since form keys repeat).</summary>
    private static async Task<Dictionary<string, string>> EditFieldsAsync(HttpClient client, int id)
    {
        var page = await AppFixture.GetDocumentAsync(client, $"/akkrediteringer/{id}/endre");
        var fields = new Dictionary<string, string>();
        var memberIndex = 0;
        foreach (var element in page.QuerySelectorAll("form.form input, form.form select"))
        {
            var name = element.GetAttribute("name");
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" }:
                case not null when name is null or "__RequestVerificationToken":
                    break;
                case IHtmlInputElement input when name == "MemberIds":
                    fields[$"MemberIds[{memberIndex++}]"] = input.Value;
                    break;
                case IHtmlInputElement input:
                    fields[name!] = input.Value;
                    break;
                case IHtmlSelectElement select:
                    fields[name!] = select.Value ?? "";
                    break;
            }
        }

        return fields;
    }

    private static Task<HttpResponseMessage> PostCreateAsync(HttpClient client, Dictionary<string, string> fields) =>
        AppFixture.PostFormAsync(client, "/akkrediteringer/ny", "/akkrediteringer/ny", fields);

    private static Task<HttpResponseMessage> PostEditAsync(HttpClient client, int id, Dictionary<string, string> fields) =>
        AppFixture.PostFormAsync(client, $"/akkrediteringer/{id}/endre", $"/akkrediteringer/{id}/endre", fields);

    private async Task<Organisation> OrganisationAsync(string county, string? name = null)
    {
        await using var db = app.CreateDbContext();
        return await new TestData(db).OrganisationAsync(county, name: name);
    }

    private async Task<Organisation> ForeignAsync()
    {
        await using var db = app.CreateDbContext();
        return await new TestData(db).ForeignOrganisationAsync();
    }

    private async Task<Accreditation> CreateAsync(Organisation holder, bool consortium = false, IEnumerable<Organisation>? members = null)
    {
        await using var db = app.CreateDbContext();
        var accreditation = await new TestData(db).AccreditationAsync(holder, consortium: consortium);
        if (members is not null)
        {
            accreditation.SetMembers(members.Select(m => m.Id));
            await db.SaveChangesAsync();
        }

        return accreditation;
    }

    private async Task<Accreditation> LoadAsync(Organisation holder)
    {
        await using var db = app.CreateDbContext();
        return await db.Accreditations.AsNoTracking().Include(a => a.Members).SingleAsync(a => a.HolderId == holder.Id);
    }

    private async Task<int> CountAsync(Organisation holder)
    {
        await using var db = app.CreateDbContext();
        return await db.Accreditations.CountAsync(a => a.HolderId == holder.Id);
    }
}

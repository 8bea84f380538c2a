using System.Globalization;
using System.Net;
using System.Text.Json;
using Erasmus.Web.Data.Audit;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Targets;

/// <summary>
/// The target registry on the seeded strategy targets. Each test revises a target of its own, so the
/// tests of the class do not see each other's revisions.
/// </summary>
public sealed class TargetRegistryTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> ValidForm(string version, string value = "4000", string date = "2024-07-01", string note = "Midtveisrevisjon av strategien") => new()
    {
        ["Value"] = value,
        ["EffectiveFrom"] = date,
        ["Note"] = note,
        ["Version"] = version,
    };

    [Fact]
    public async Task The_registry_lists_every_target_by_area_with_its_rule_and_the_history_of_its_values()
    {
        var client = await app.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(client, "/admin/mal");

        Assert.Equal(19, page.QuerySelectorAll("tr[data-code]").Length);
        Assert.Equal(["Mobilitet", "Fylkeskommunene", "Partnerskap", "Samfunnsutfordringer"], page.QuerySelectorAll("main section h2").Select(h => h.TextContent.Trim()));
        // A target no other test of the class revises.
        var staff = page.QuerySelector("tr[data-code='MOB-HED-STAFF']")!;
        Assert.Contains("mobility-participants", staff.TextContent, StringComparison.Ordinal);
        Assert.Contains("HE-STA", staff.QuerySelector(".parameters")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("8 500", Normalise(staff.QuerySelector(".current-value")!.TextContent));
        var history = Normalise(staff.QuerySelector(".value-history")!.TextContent);
        Assert.Contains("8 500 fra 01.01.2021", history, StringComparison.Ordinal);
        Assert.Equal("15,0 %", Normalise(page.QuerySelector("tr[data-code='PART-WORKING-LIFE-SHARE'] .current-value")!.TextContent));
    }

    [Fact]
    public async Task Search_and_area_filter_narrow_the_registry()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);

        var partnerships = await CodesAsync(client, "/admin/mal?Search=part-");
        var societal = await CodesAsync(client, "/admin/mal?Area=Societal");
        var byTitle = await CodesAsync(client, "/admin/mal?Search=voksenopplæringen");
        var none = await CodesAsync(client, "/admin/mal?Search=SOC&Area=Mobility");

        Assert.Equal(["PART-TOTAL", "PART-NEWCOMER-COORDINATORS", "PART-SPORT-ORGS", "PART-WORKING-LIFE-SHARE", "PART-COVE", "PART-TEACHER-ACADEMIES"], partnerships);
        Assert.Equal(6, societal.Count);
        Assert.All(societal, code => Assert.StartsWith("SOC-", code, StringComparison.Ordinal));
        Assert.Equal(["MOB-ADU-ALL"], byTitle);
        Assert.Empty(none);
    }

    [Fact]
    public async Task An_administrator_adds_a_revision_that_is_stamped_audited_and_shown_in_the_history()
    {
        var client = await app.SignInAsAsync(TestRoles.Administrator);
        var url = "/admin/mal/MOB-SCH-STAFF";
        var version = await VersionAsync(client, url);

        var response = await AppFixture.PostFormAsync(client, url, $"{url}/verdi", ValidForm(version, "4000", "2024-07-01", "Midtveisrevisjon: høyere mål for ansatte"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location!.OriginalString);
        int targetId, addedId;
        await using (var db = app.CreateDbContext())
        {
            var target = await db.StrategyTargets.SingleAsync(t => t.Code == "MOB-SCH-STAFF");
            targetId = target.Id;
            var added = Assert.Single(target.Values, v => v.EffectiveFrom == new DateOnly(2024, 7, 1));
            addedId = added.Id;
            Assert.Equal(4000m, added.Value);
            Assert.Equal("Midtveisrevisjon: høyere mål for ansatte", added.Note);
            Assert.StartsWith("administrator.", added.CreatedBy, StringComparison.Ordinal);
            Assert.Equal(2, target.Values.Count);

            var audit = await db.AuditEntries.SingleAsync(e => e.EntityType == "TargetValue" && e.EntityKey == added.Id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(AuditAction.Created, audit.Action);
            Assert.Equal(("StrategyTarget", targetId.ToString(CultureInfo.InvariantCulture)), (audit.RootType, audit.RootKey));
            Assert.StartsWith("administrator.", audit.UserName, StringComparison.Ordinal);
            var changes = JsonDocument.Parse(audit.Changes).RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("new").GetString());
            Assert.Equal("4000", changes["Value"]);
            Assert.Equal("2024-07-01", changes["EffectiveFrom"]);
        }

        var details = await AppFixture.GetDocumentAsync(client, url);
        Assert.Contains("Ny målverdi 4 000 fra 01.07.2024 er lagt til.", Normalise(details.QuerySelector(".notice")!.TextContent), StringComparison.Ordinal);
        var rows = details.QuerySelectorAll("table.value-history tbody tr").Select(r => Normalise(r.TextContent)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("01.07.2024 4 000 Midtveisrevisjon: høyere mål for ansatte administrator.", rows[1], StringComparison.Ordinal);

        var historyPage = await AppFixture.GetDocumentAsync(client, $"/historikk/StrategyTarget/{targetId}");
        var entry = historyPage.QuerySelectorAll("table.audit tbody tr").Single(r => r.TextContent.Contains($"TargetValue {addedId}", StringComparison.Ordinal));
        Assert.Contains("Opprettet", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("4000", entry.QuerySelector("dl.changes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2024-07-01", entry.QuerySelector("dl.changes")!.TextContent, StringComparison.Ordinal);

        var list = await AppFixture.GetDocumentAsync(client, "/admin/mal?Search=MOB-SCH-STAFF");
        Assert.Contains("4 000 fra 01.07.2024 (lagt inn av administrator.", Normalise(list.QuerySelector("tr[data-code='MOB-SCH-STAFF'] .value-history")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("4 000", Normalise(list.QuerySelector("tr[data-code='MOB-SCH-STAFF'] .current-value")!.TextContent));

        var revised = await CodesAsync(client, "/admin/mal?Revised=true");
        Assert.Contains("MOB-SCH-STAFF", revised);
        Assert.DoesNotContain("MOB-HED-STAFF", revised);
    }

    [Fact]
    public async Task A_revision_effective_1_july_2024_is_the_target_from_that_date_and_not_the_day_before()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        var url = "/admin/mal/MOB-VET-LEARNERS";
        var response = await AppFixture.PostFormAsync(admin, url, $"{url}/verdi", ValidForm(await VersionAsync(admin, url), "12000", "2024-07-01"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var from = await TargetValueAsync(analyst, "/api/attainment?asOf=2024-07-01", "MOB-VET-LEARNERS");
        var before = await TargetValueAsync(analyst, "/api/attainment?asOf=2024-06-30", "MOB-VET-LEARNERS");

        Assert.Equal(12000m, from);
        Assert.Equal(10000m, before);
    }

    [Theory]
    [InlineData("PART-TOTAL", "Value", "0", "Målverdien må være større enn null.")]
    [InlineData("PART-TOTAL", "Value", "-5", "Målverdien må være større enn null.")]
    [InlineData("PART-TOTAL", "Value", "", "Målverdien må fylles ut.")]
    [InlineData("PART-TOTAL", "Value", "mye", "Verdien «mye» er ikke gyldig for målverdien.")]
    [InlineData("PART-TOTAL", "Value", "10,5", "Målet er et antall og må være et helt tall.")]
    [InlineData("SOC-BLENDED", "Value", "150", "En andel kan ikke være over 100 %.")]
    [InlineData("PART-TOTAL", "Value", "50000000", "Målverdien kan være høyst 10 000 000.")]
    [InlineData("SOC-BLENDED", "Value", "12,345", "Målverdien kan ha høyst to desimaler.")]
    [InlineData("PART-TOTAL", "EffectiveFrom", "2020-12-31", "Datoen må være mellom 01.01.2021 og 31.12.2027 (programperioden).")]
    [InlineData("PART-TOTAL", "EffectiveFrom", "2028-01-01", "Datoen må være mellom 01.01.2021 og 31.12.2027 (programperioden).")]
    [InlineData("PART-TOTAL", "EffectiveFrom", "", "Datoen målverdien gjelder fra må fylles ut.")]
    [InlineData("PART-TOTAL", "Note", "", "Merknaden må fylles ut.")]
    [InlineData("PART-TOTAL", "Note", "   ", "Merknaden må fylles ut.")]
    [InlineData("PART-TOTAL", "Note", "501", "Merknaden kan ha høyst 500 tegn.")]
    public async Task Each_rule_rejects_with_its_message_beside_the_field_and_writes_nothing(string code, string field, string value, string message)
    {
        var client = await app.SignInAsAsync(TestRoles.Administrator);
        var url = $"/admin/mal/{code}";
        var form = ValidForm(await VersionAsync(client, url), "50", "2024-07-01");
        form[field] = field == "Note" && value == "501" ? new string('x', 501) : value;

        var response = await AppFixture.PostFormAsync(client, url, $"{url}/verdi", form);
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, Normalise(page.QuerySelector($"#{field}-error")?.TextContent ?? "(no error beside the field)").Replace("Feil: ", "", StringComparison.Ordinal));
        Assert.Contains(message, Normalise(page.QuerySelector(".error-summary")!.TextContent), StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Single((await db.StrategyTargets.SingleAsync(t => t.Code == code)).Values);
    }

    [Fact]
    public async Task A_second_administrator_saving_from_the_same_version_sees_the_conflict_and_nothing_is_overwritten()
    {
        var alice = await app.SignInAsAsync(TestRoles.Administrator);
        var bob = await app.SignInAsAsync(TestRoles.Administrator);
        var url = "/admin/mal/MOB-ADU-ALL";
        var version = await VersionAsync(alice, url);

        var first = await AppFixture.PostFormAsync(bob, url, $"{url}/verdi", ValidForm(version, "1500", "2024-07-01", "Bobs revisjon"));
        var second = await AppFixture.PostFormAsync(alice, url, $"{url}/verdi", ValidForm(version, "1400", "2025-01-01", "Alices revisjon"));
        var page = await AppFixture.ParseAsync(second);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var conflict = Normalise(page.QuerySelector("table.conflict")!.TextContent);
        Assert.Contains("1 500", conflict, StringComparison.Ordinal);
        Assert.Contains("1 400", conflict, StringComparison.Ordinal);
        Assert.Contains("Bobs revisjon", conflict, StringComparison.Ordinal);
        Assert.Contains("Alices revisjon", conflict, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            var values = (await db.StrategyTargets.SingleAsync(t => t.Code == "MOB-ADU-ALL")).Values.Select(v => v.Value).Order().ToList();
            Assert.Equal([1250m, 1500m], values);
        }

        var again = await AppFixture.PostFormAsync(alice, url, $"{url}/verdi", ValidForm(page.QuerySelector("input[name=Version]")!.GetAttribute("value")!, "1400", "2025-01-01", "Alices revisjon"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.Equal(3, (await check.StrategyTargets.SingleAsync(t => t.Code == "MOB-ADU-ALL")).Values.Count);
    }

    [Fact]
    public async Task A_value_for_an_existing_date_replaces_it()
    {
        var client = await app.SignInAsAsync(TestRoles.Administrator);
        var url = "/admin/mal/PART-COVE";

        var response = await AppFixture.PostFormAsync(client, url, $"{url}/verdi", ValidForm(await VersionAsync(client, url), "12", "2021-01-01", "Rettet startverdi"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        var value = Assert.Single((await db.StrategyTargets.SingleAsync(t => t.Code == "PART-COVE")).Values);
        Assert.Equal((12m, "Rettet startverdi"), (value.Value, value.Note));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == "TargetValue" && e.EntityKey == value.Id.ToString(CultureInfo.InvariantCulture) && e.Action == AuditAction.Updated));
    }

    [Theory]
    [InlineData(TestRoles.Analyst, null)]
    [InlineData(TestRoles.Coordinator, "46")]
    public async Task Analysts_and_coordinators_read_a_target_but_get_no_form_and_cannot_add_values(string role, string? county)
    {
        var client = await app.SignInAsAsync(role, county);
        var url = "/admin/mal/PART-SPORT-ORGS";

        var page = await AppFixture.GetDocumentAsync(client, url);
        var post = await AppFixture.PostFormAsync(client, "/konto/passord", $"{url}/verdi", ValidForm("0", "100"));

        Assert.Null(page.QuerySelector("form[action$='/verdi']"));
        Assert.Single(page.QuerySelectorAll("table.value-history tbody tr"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Single((await db.StrategyTargets.SingleAsync(t => t.Code == "PART-SPORT-ORGS")).Values);
    }

    [Fact]
    public async Task An_unknown_target_is_not_found()
    {
        var client = await app.SignInAsAsync(TestRoles.Administrator);

        var response = await client.GetAsync(new Uri("/admin/mal/FINNES-IKKE", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> VersionAsync(HttpClient client, string url) =>
        (await AppFixture.GetDocumentAsync(client, url)).QuerySelector("form[action$='/verdi'] input[name=Version]")!.GetAttribute("value")!;

    private static async Task<List<string>> CodesAsync(HttpClient client, string url) =>
        [.. (await AppFixture.GetDocumentAsync(client, url)).QuerySelectorAll("tr[data-code]").Select(r => r.GetAttribute("data-code")!)];

    private static async Task<decimal> TargetValueAsync(HttpClient client, string url, string code)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return json.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == code).GetProperty("targetValue").GetDecimal();
    }

    /// <summary>Collapses whitespace, including the no-break spaces Norwegian number formatting uses.</summary>
    internal static string Normalise(string text) =>
        string.Join(' ', text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Mobilities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Mobilities;

/// <summary>
/// Entering many mobilities (#21 item 7): save and register next, copy, the next mobility ID, the receiving
/// country taken from the receiving organisation, and the grid checked by the import's rules and saved all or nothing.
/// </summary>
public sealed class MobilityEntryTests(MobilityEntryTests.Records records) : IClassFixture<MobilityEntryTests.Records>
{
    private static int _stem = 610000;

    [Fact]
    public void The_next_id_counts_on_past_the_highest_of_its_stem_at_the_same_width_and_never_repeats_one()
    {
        Assert.Equal("000123-MOB-00013", NextMobilityId.After("000123-MOB-00009", ["000123-MOB-00009", "000123-MOB-00010", "000123-MOB-00012"]));
        Assert.Equal("000999-MOB-00002", NextMobilityId.After(null, ["000123-MOB-00004", "000999-MOB-00001"]));
        Assert.Equal("000123-MOB-00001", NextMobilityId.After("000123-MOB-00000", []));
        Assert.Null(NextMobilityId.After("000123-MOB-99999", ["000123-MOB-99999"]));
        Assert.Null(NextMobilityId.After(null, []));
        Assert.Null(NextMobilityId.After("MOB", ["MOB"]));
    }

    [Fact]
    public async Task Save_and_register_next_saves_and_opens_the_form_again_with_the_common_fields_and_the_next_id()
    {
        var stem = NewStem();
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = ValidFields($"{stem}-MOB-00041");
        fields["ReceivingOrganisationId"] = Id(records.GermanPartner);
        fields["FewerOpportunities"] = "true";
        fields["GreenTravel"] = "true";
        fields["Blended"] = "true";
        fields["next"] = "true";

        var response = await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = records.CreateDbContext();
        var saved = await db.Mobilities.SingleAsync(m => m.MobilityId == $"{stem}-MOB-00041");
        Assert.Equal($"/mobiliteter/ny?project={records.VetProject.Id}&after={saved.Id}", response.Headers.Location!.OriginalString);
        var next = await AppFixture.GetDocumentAsync(client, response.Headers.Location.OriginalString);
        Assert.Contains($"Mobiliteten {stem}-MOB-00041 er registrert.", next.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{stem}-MOB-00042", Value(next, "MobilityId"));
        Assert.Equal(("LM-SHORT-VET", "Learner", "Outgoing"), (Selected(next, "ActivityTypeCode"), Selected(next, "ParticipantGroup"), Selected(next, "Direction")));
        Assert.Equal((Id(records.VestlandSchool), Id(records.GermanPartner), "NO", "DE"),
            (Selected(next, "SendingOrganisationId"), Selected(next, "ReceivingOrganisationId"), Selected(next, "SendingCountryCode"), Selected(next, "ReceivingCountryCode")));
        Assert.Equal(("2021-10-04", "2021-10-22", "Planned"), (Value(next, "StartDate"), Value(next, "EndDate"), Selected(next, "Status")));
        // Each participant's own flags start unticked; the activity's (blended) is kept.
        Assert.Equal((false, false, true), (Checked(next, "FewerOpportunities"), Checked(next, "GreenTravel"), Checked(next, "Blended")));
        Assert.Equal($"/mobiliteter/ny?project={records.VetProject.Id}", next.QuerySelector("main form[method=post]")!.GetAttribute("action"));
    }

    [Fact]
    public async Task A_refused_save_and_register_next_saves_nothing_and_shows_the_form_with_its_errors()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = ValidFields($"{NewStem()}-MOB-00001");
        fields["EndDate"] = "2021-10-01";
        fields["next"] = "true";

        var response = await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppFixture.ParseAsync(response);
        Assert.Contains("Sluttdato kan ikke være før startdato.", page.QuerySelector("#EndDate-error")!.TextContent, StringComparison.Ordinal);
        await using var db = records.CreateDbContext();
        Assert.False(await db.Mobilities.AnyAsync(m => m.MobilityId == fields["MobilityId"]));
    }

    [Fact]
    public async Task The_create_form_suggests_the_projects_next_id()
    {
        var stem = NewStem();
        var project = await records.NewProjectAsync();
        await records.MobilityAsync(project, $"{stem}-MOB-00007");
        await records.MobilityAsync(project, $"{stem}-MOB-00008");
        var client = await records.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.GetDocumentAsync(client, FormPage(project));

        Assert.Equal($"{stem}-MOB-00009", Value(page, "MobilityId"));
    }

    [Fact]
    public async Task Copy_opens_the_create_form_filled_from_the_mobility_with_a_new_id_and_saves_nothing()
    {
        var stem = NewStem();
        var project = await records.NewProjectAsync();
        var source = await records.MobilityAsync(project, $"{stem}-MOB-00003", fewerOpportunities: true);
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        var details = await AppFixture.GetDocumentAsync(client, $"/mobiliteter/{source.Id}");
        var copy = await AppFixture.GetDocumentAsync(client, $"/mobiliteter/{source.Id}/kopier");

        Assert.NotNull(details.QuerySelector($"main a[href='/mobiliteter/{source.Id}/kopier']"));
        Assert.Equal($"{stem}-MOB-00004", Value(copy, "MobilityId"));
        Assert.Equal(("LM-SHORT-VET", "FI", "2021-10-04", "2021-10-22"), (Selected(copy, "ActivityTypeCode"), Selected(copy, "ReceivingCountryCode"), Value(copy, "StartDate"), Value(copy, "EndDate")));
        Assert.True(Checked(copy, "FewerOpportunities"));
        Assert.Equal($"/mobiliteter/ny?project={project.Id}", copy.QuerySelector("main form[method=post]")!.GetAttribute("action"));
        Assert.Contains($"Kopier mobilitet {stem}-MOB-00003", copy.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        await using var db = records.CreateDbContext();
        Assert.Equal(1, await db.Mobilities.CountAsync(m => m.ProjectId == project.Id));
    }

    [Fact]
    public async Task Copy_is_refused_to_a_coordinator_of_another_county_and_to_an_administrator_and_is_404_for_a_missing_mobility()
    {
        var source = await records.MobilityAsync(await records.NewProjectAsync(), $"{NewStem()}-MOB-00001");
        var other = await records.SignInAsAsync(TestRoles.Coordinator, "11");
        var administrator = await records.SignInAsAsync(TestRoles.Administrator);
        var own = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri($"/mobiliteter/{source.Id}/kopier", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.GetAsync(new Uri($"/mobiliteter/{source.Id}/kopier", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync(new Uri("/mobiliteter/987654321/kopier", UriKind.Relative))).StatusCode);
        var details = await AppFixture.GetDocumentAsync(other, $"/mobiliteter/{source.Id}");
        Assert.Null(details.QuerySelector($"main a[href='/mobiliteter/{source.Id}/kopier']"));
    }

    [Fact]
    public async Task The_project_page_offers_registering_mobilities_to_those_who_may()
    {
        var own = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var other = await records.SignInAsAsync(TestRoles.Coordinator, "11");

        var ownPage = await AppFixture.GetDocumentAsync(own, $"/prosjekter/{records.VetProject.Id}");
        var otherPage = await AppFixture.GetDocumentAsync(other, $"/prosjekter/{records.VetProject.Id}");

        Assert.Equal(FormPage(records.VetProject), ownPage.QuerySelector("#register-mobility")!.GetAttribute("href"));
        Assert.NotNull(ownPage.QuerySelector($"main a[href='/mobiliteter/rutenett?project={records.VetProject.Id}']"));
        Assert.Null(otherPage.QuerySelector("#register-mobility"));
    }

    [Fact]
    public async Task An_empty_receiving_country_takes_the_receiving_organisations_and_the_options_carry_their_countries()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = ValidFields($"{NewStem()}-MOB-00001");
        fields["ReceivingOrganisationId"] = Id(records.FinnishPartner);
        fields["ReceivingCountryCode"] = "";

        var form = await AppFixture.GetDocumentAsync(client, FormPage(records.VetProject));
        var response = await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), fields);

        Assert.Equal("FI", form.QuerySelector($"select#ReceivingOrganisationId option[value='{Id(records.FinnishPartner)}']")!.GetAttribute("data-country"));
        Assert.Equal("NO", form.QuerySelector($"select#ReceivingOrganisationId option[value='{Id(records.VestlandSchool)}']")!.GetAttribute("data-country"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = records.CreateDbContext();
        Assert.Equal("FI", (await db.Mobilities.SingleAsync(m => m.MobilityId == fields["MobilityId"])).ReceivingCountryCode);

        // With neither, the country is still required.
        var neither = ValidFields($"{NewStem()}-MOB-00001");
        neither["ReceivingCountryCode"] = "";
        var refused = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), neither));
        Assert.Contains("Mottakerland må fylles ut.", refused.QuerySelector("#ReceivingCountryCode-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grid_saves_nothing_while_one_row_is_wrong_and_every_row_once_all_are_right()
    {
        var stem = NewStem();
        var project = await records.NewProjectAsync();
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var rows = new[]
        {
            GridRow($"{stem}-MOB-00001"),
            GridRow($"{stem}-MOB-00002", activity: "LM-NOPE"),
            GridRow($"{stem}-MOB-00003", receivingCountry: "", receivingOid: records.FinnishPartner.Oid),
        };

        var refused = await PostGridAsync(client, project, rows);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await AppFixture.ParseAsync(refused);
        var cell = page.QuerySelector("#Rows_1__ActivityType")!;
        Assert.Equal("true", cell.GetAttribute("aria-invalid"));
        Assert.Equal("LM-NOPE", cell.GetAttribute("value"));
        var message = page.GetElementById(cell.GetAttribute("aria-describedby")!.Split(' ')[0])!.TextContent;
        Assert.Contains("Rad 2, Aktivitetstype: Ukjent aktivitetstype «LM-NOPE». Gyldige verdier: ", message, StringComparison.Ordinal);
        Assert.Equal("#Rows_1__ActivityType", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal($"{stem}-MOB-00003", page.QuerySelector("#Rows_2__MobilityId")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Rows_0__MobilityId")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await CountAsync(project));

        rows[1] = GridRow($"{stem}-MOB-00002");
        var saved = await PostGridAsync(client, project, rows);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/mobiliteter?Project={project.Reference}", saved.Headers.Location!.OriginalString);
        await using var db = records.CreateDbContext();
        var mobilities = await db.Mobilities.Where(m => m.ProjectId == project.Id).OrderBy(m => m.MobilityId).ToListAsync();
        Assert.Equal([$"{stem}-MOB-00001", $"{stem}-MOB-00002", $"{stem}-MOB-00003"], mobilities.Select(m => m.MobilityId));
        Assert.Equal(["DE", "DE", "FI"], mobilities.Select(m => m.ReceivingCountryCode));
        Assert.All(mobilities, m => Assert.Equal((ParticipantGroup.Learner, MobilityDirection.Outgoing, 19), (m.ParticipantGroup, m.Direction, m.DurationDays)));
        var ids = mobilities.Select(m => m.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.EntityType == "Mobility" && ids.Contains(a.EntityKey)));
        var list = await AppFixture.GetDocumentAsync(client, saved.Headers.Location.OriginalString);
        Assert.Contains("3 mobiliteter er registrert.", list.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_grid_says_what_the_import_says_for_the_same_values_and_accepts_what_it_accepts()
    {
        var stem = NewStem();
        var project = await records.NewProjectAsync();
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var bad = GridRow($"{stem}-MOB-00001");
        bad["ParticipantGroup"] = "Romvesen";
        bad["StartDate"] = "31.02.2021";
        var synonyms = GridRow($"{stem}-MOB-00002", receivingCountry: "Tyskland");
        (synonyms["ParticipantGroup"], synonyms["Direction"], synonyms["Status"], synonyms["GreenTravel"]) = ("Elev", "Utgående", "Gjennomført", "Ja");

        var page = await AppFixture.ParseAsync(await PostGridAsync(client, project, [bad, synonyms]));

        Assert.Equal(
            "Ukjent deltakergruppe «Romvesen». Gyldige verdier: Learner (Elev/deltaker), Staff (Ansatt), Accompanying person (Ledsager), Other (Annen).",
            MessageOf(page, "Rows_0__ParticipantGroup", "Deltakergruppe", 1));
        Assert.Equal("true", page.QuerySelector("#Rows_0__StartDate")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#Rows_1__ParticipantGroup")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#Rows_1__ReceivingCountry")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await CountAsync(project));

        var saved = await PostGridAsync(client, project, [synonyms]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = records.CreateDbContext();
        var mobility = await db.Mobilities.SingleAsync(m => m.ProjectId == project.Id);
        Assert.Equal(("DE", MobilityStatus.Realised, true), (mobility.ReceivingCountryCode, mobility.Status, mobility.GreenTravel));
    }

    [Fact]
    public async Task The_grid_refuses_an_id_twice_in_the_grid_or_one_the_project_has()
    {
        var stem = NewStem();
        var project = await records.NewProjectAsync();
        await records.MobilityAsync(project, $"{stem}-MOB-00001");
        var client = await records.SignInAsAsync(TestRoles.Analyst);

        var page = await AppFixture.ParseAsync(await PostGridAsync(client, project,
            [GridRow($"{stem}-MOB-00001"), GridRow($"{stem}-MOB-00002"), GridRow($"{stem}-MOB-00002")]));

        Assert.Equal($"Mobilitets-ID-en {stem}-MOB-00001 er allerede registrert i prosjektet {project.Reference}.", MessageOf(page, "Rows_0__MobilityId", "Mobilitets-ID", 1));
        Assert.StartsWith($"Mobilitets-ID-en {stem}-MOB-00002 står også i rad 2 for prosjektet {project.Reference}.", MessageOf(page, "Rows_2__MobilityId", "Mobilitets-ID", 3), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(project));
    }

    [Fact]
    public async Task The_grid_ignores_blank_rows_and_refuses_more_rows_than_it_takes()
    {
        var stem = NewStem();
        var project = await records.NewProjectAsync();
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var many = Enumerable.Range(1, MobilityGrid.MaxRows + 1).Select(n => GridRow($"{stem}-MOB-{n:D5}")).ToArray();

        var tooMany = await AppFixture.ParseAsync(await PostGridAsync(client, project, many));
        var nothing = await AppFixture.ParseAsync(await PostGridAsync(client, project, [new(), new()]));
        var withBlanks = await PostGridAsync(client, project, [new(), GridRow($"{stem}-MOB-00001"), new()]);

        Assert.Contains($"Rutenettet tar høyst {MobilityGrid.MaxRows} rader om gangen, og dette har {MobilityGrid.MaxRows + 1}.", tooMany.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Fyll ut minst én rad.", nothing.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withBlanks.StatusCode);
        Assert.Equal(1, await CountAsync(project));
    }

    [Fact]
    public void A_full_grid_fits_the_form_value_limit()
    {
        Assert.True(MobilityGrid.MaxFormValues >= (MobilityGrid.MaxRows * MobilityGrid.Columns.Count) + 2,
            $"{MobilityGrid.MaxRows} rows of {MobilityGrid.Columns.Count} columns do not fit {MobilityGrid.MaxFormValues} form values.");
    }

    [Fact]
    public async Task The_grid_is_another_countys_403_and_add_rows_saves_nothing()
    {
        var project = await records.NewProjectAsync();
        var other = await records.SignInAsAsync(TestRoles.Coordinator, "11");
        var own = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri(GridPage(project), UriKind.Relative))).StatusCode);
        var fields = GridFields([GridRow($"{NewStem()}-MOB-00001")]);
        fields["addRows"] = "10";
        var more = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(own, GridPage(project), GridPage(project), fields));

        Assert.Equal(1 + MobilityGrid.EmptyRows, more.QuerySelectorAll("#mobility-grid tr.grid-row").Length);
        Assert.Equal(fields["Rows[0].MobilityId"], more.QuerySelector("#Rows_0__MobilityId")!.GetAttribute("value"));
        Assert.Equal(0, await CountAsync(project));
    }

    private static string MessageOf(IHtmlDocument page, string cellId, string column, int row)
    {
        var cell = page.GetElementById(cellId)!;
        Assert.Equal("true", cell.GetAttribute("aria-invalid"));
        var text = page.GetElementById(cell.GetAttribute("aria-describedby")!.Split(' ')[0])!.TextContent.Trim();
        var prefix = $"Feil: Rad {row}, {column}: ";
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        return text[prefix.Length..];
    }

    private async Task<int> CountAsync(Project project)
    {
        await using var db = records.CreateDbContext();
        return await db.Mobilities.CountAsync(m => m.ProjectId == project.Id);
    }

    private static Task<HttpResponseMessage> PostGridAsync(HttpClient client, Project project, Dictionary<string, string>[] rows) =>
        AppFixture.PostFormAsync(client, GridPage(project), GridPage(project), GridFields(rows));

    private static Dictionary<string, string> GridFields(Dictionary<string, string>[] rows)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Length; i++)
        {
            foreach (var column in MobilityGrid.Columns)
            {
                fields[$"Rows[{i}].{column.Key}"] = rows[i].GetValueOrDefault(column.Key, "");
            }
        }

        return fields;
    }

    /// <summary>A valid row of the 2021 VET project as a coordinator types it, in the import's own forms (dates as DD.MM.ÅÅÅÅ).</summary>
    private static Dictionary<string, string> GridRow(string mobilityId, string activity = "LM-SHORT-VET", string receivingCountry = "DE", string? receivingOid = null) => new()
    {
        ["MobilityId"] = mobilityId,
        ["ActivityType"] = activity,
        ["SendingCountry"] = "NO",
        ["ReceivingCountry"] = receivingCountry,
        ["ReceivingOrganisationOid"] = receivingOid ?? "",
        ["StartDate"] = "04.10.2021",
        ["EndDate"] = "2021-10-22",
        ["Participants"] = "1",
    };

    private static string NewStem() => Interlocked.Increment(ref _stem).ToString("D6", CultureInfo.InvariantCulture);

    private static string FormPage(Project project) => $"/mobiliteter/ny?project={project.Id}";

    private static string GridPage(Project project) => $"/mobiliteter/rutenett?project={project.Id}";

    private static string Id(Organisation organisation) => organisation.Id.ToString(CultureInfo.InvariantCulture);

    private static string? Value(IHtmlDocument page, string id) => page.GetElementById(id)?.GetAttribute("value");

    private static string? Selected(IHtmlDocument page, string id) =>
        page.QuerySelector($"select#{id} option[selected]")?.GetAttribute("value");

    private static bool Checked(IHtmlDocument page, string id) => page.GetElementById(id)!.HasAttribute("checked");

    private Dictionary<string, string> ValidFields(string mobilityId) => new()
    {
        ["MobilityId"] = mobilityId,
        ["ActivityTypeCode"] = "LM-SHORT-VET",
        ["ParticipantGroup"] = "Learner",
        ["Direction"] = "Outgoing",
        ["ParticipantCount"] = "1",
        ["SendingOrganisationId"] = Id(records.VestlandSchool),
        ["ReceivingOrganisationId"] = "",
        ["SendingCountryCode"] = "NO",
        ["ReceivingCountryCode"] = "DE",
        ["StartDate"] = "2021-10-04",
        ["EndDate"] = "2021-10-22",
        ["Status"] = "Planned",
    };

    public sealed class Records : AppFixture
    {
        public Organisation VestlandSchool { get; private set; } = null!;
        public Organisation GermanPartner { get; private set; } = null!;
        public Organisation FinnishPartner { get; private set; } = null!;
        public Project VetProject { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            VestlandSchool = await data.OrganisationAsync("46");
            GermanPartner = await data.ForeignOrganisationAsync("DE");
            FinnishPartner = await data.ForeignOrganisationAsync("FI");
            VetProject = await data.ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.VET, 2021);
        }

        /// <summary>A 2021 VET project of Vestland's school of its own, so a test counts only its mobilities.</summary>
        public async Task<Project> NewProjectAsync()
        {
            await using var db = CreateDbContext();
            return await new TestData(db).ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.VET, 2021);
        }

        public async Task<Mobility> MobilityAsync(Project project, string mobilityId, bool fewerOpportunities = false)
        {
            await using var db = CreateDbContext();
            var tracked = await db.Projects.SingleAsync(p => p.Id == project.Id);
            var activity = await db.ActivityTypes.SingleAsync(a => a.Code == "LM-SHORT-VET");
            var mobility = Mobility.Register(tracked, activity, new MobilityDetails(mobilityId, ParticipantGroup.Learner, MobilityDirection.Outgoing, 1,
                VestlandSchool.Id, null, "NO", "FI", new DateOnly(2021, 10, 4), new DateOnly(2021, 10, 22), fewerOpportunities, false, false, MobilityStatus.Planned),
                DateTimeOffset.UtcNow);
            db.Mobilities.Add(mobility);
            await db.SaveChangesAsync();
            return mobility;
        }
    }
}

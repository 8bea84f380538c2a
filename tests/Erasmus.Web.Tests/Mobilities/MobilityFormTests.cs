using System.Net;
using AngleSharp.Html.Dom;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Mobilities;

/// <summary>Registering, editing and deleting mobilities through the real forms, with every rule of DOMAIN.md.</summary>
public sealed class MobilityFormTests(MobilityFormTests.Records records) : IClassFixture<MobilityFormTests.Records>
{
    private static int _serial;

    [Fact]
    public async Task Coordinator_registers_a_mobility_from_the_project_and_is_taken_to_its_details()
    {
        var (project, school) = (records.VetProject, records.VestlandSchool);
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = ValidFields(NewMobilityId());
        fields["ParticipantCount"] = "3";
        fields["ReceivingOrganisationId"] = records.GermanPartner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["FewerOpportunities"] = "true";
        fields["GreenTravel"] = "true";

        var response = await AppFixture.PostFormAsync(client, FormPage(project), FormPage(project), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = records.CreateDbContext();
        var saved = await db.Mobilities.SingleAsync(m => m.MobilityId == fields["MobilityId"]);
        Assert.Equal($"/mobiliteter/{saved.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal((project.Id, "LM-SHORT-VET", 3, ParticipantGroup.Learner, MobilityDirection.Outgoing), (saved.ProjectId, saved.ActivityTypeCode, saved.ParticipantCount, saved.ParticipantGroup, saved.Direction));
        Assert.Equal((school.Id, records.GermanPartner.Id, "NO", "DE"), (saved.SendingOrganisationId!.Value, saved.ReceivingOrganisationId!.Value, saved.SendingCountryCode, saved.ReceivingCountryCode));
        Assert.Equal((new DateOnly(2021, 10, 4), new DateOnly(2021, 10, 22), 19), (saved.StartDate, saved.EndDate, saved.DurationDays));
        Assert.Equal((true, true, false, MobilityStatus.Planned), (saved.FewerOpportunities, saved.GreenTravel, saved.Blended, saved.Status));
        Assert.True(saved.RegisteredAt > DateTimeOffset.UtcNow.AddMinutes(-5));

        var details = await AppFixture.GetDocumentAsync(client, $"/mobiliteter/{saved.Id}");
        Assert.Contains($"Mobiliteten {saved.MobilityId} er registrert.", details.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_shows_the_project_and_offers_only_activity_types_of_its_sector_and_call_year()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);

        var vet2021 = await AppFixture.GetDocumentAsync(client, FormPage(records.VetProject));
        var vet2025 = await AppFixture.GetDocumentAsync(client, FormPage(records.VetProject2025));

        var summary = vet2021.QuerySelector(".project-summary")!.TextContent;
        Assert.Contains(records.VetProject.Reference, summary, StringComparison.Ordinal);
        Assert.Contains("Yrkesfag (VET)", summary, StringComparison.Ordinal);
        Assert.Contains("2021", summary, StringComparison.Ordinal);
        Assert.Contains("01.09.2021 – 31.08.2023", summary, StringComparison.Ordinal);
        Assert.Equal(
            ["LM-LONG-VET", "LM-SHORT-VET", "LM-SKILL-VET", "OA-HOS-TTT", "OA-INV-EXP", "PREP-VISIT", "SM-COUR-TRAIN", "SM-JOB-SHDW", "SM-TTA"],
            ActivityOptions(vet2021));
        Assert.Contains("LM-TEST-VET", ActivityOptions(vet2025));
        Assert.Contains("(LM-SHORT-VET, 10–89 dager)", OptionText(vet2021, "ActivityTypeCode", "LM-SHORT-VET"), StringComparison.Ordinal);
        Assert.Contains("(LM-SHORT-VET, 15–89 dager)", OptionText(vet2025, "ActivityTypeCode", "LM-SHORT-VET"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_is_offered_the_Norwegian_organisations_of_the_projects_county_and_foreign_ones()
    {
        var coordinator = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var analyst = await records.SignInAsAsync(TestRoles.Analyst);
        var id = records.RogalandSchool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var coordinatorForm = await AppFixture.GetDocumentAsync(coordinator, FormPage(records.VetProject));
        var analystForm = await AppFixture.GetDocumentAsync(analyst, FormPage(records.VetProject));
        var fields = ValidFields(NewMobilityId());
        fields["ReceivingOrganisationId"] = id;
        var refused = await AppFixture.PostFormAsync(coordinator, FormPage(records.VetProject), FormPage(records.VetProject), fields);

        var offered = Options(coordinatorForm, "SendingOrganisationId");
        Assert.Contains(records.VestlandSchool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), offered);
        Assert.Contains(records.GermanPartner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), offered);
        Assert.DoesNotContain(id, offered);
        Assert.Contains(id, Options(analystForm, "SendingOrganisationId"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Velg en mottakerorganisasjon fra listen.", (await AppFixture.ParseAsync(refused)).QuerySelector("#ReceivingOrganisationId-error")!.TextContent, StringComparison.Ordinal);
        await AssertNotSavedAsync(fields["MobilityId"]);
    }

    [Theory]
    [InlineData("MobilityId=", "MobilityId", "Mobilitets-ID-en må fylles ut.")]
    [InlineData("MobilityId=123-MOB-1", "MobilityId", "Mobilitets-ID-en må ha formen NNNNNN-MOB-NNNNN")]
    [InlineData("EndDate=2021-10-01", "EndDate", "Sluttdato kan ikke være før startdato.")]
    [InlineData("StartDate=2021-08-20|EndDate=2021-09-10", "StartDate", "Startdato (20.08.2021) er før prosjektets startdato (01.09.2021).")]
    [InlineData("StartDate=2023-08-20|EndDate=2023-09-05", "EndDate", "Sluttdato (05.09.2023) er etter prosjektets sluttdato (31.08.2023).")]
    [InlineData("EndDate=2021-10-08", "EndDate", "Varigheten (5 dager) er utenfor det aktiviteten «Kortvarig mobilitet for elever og lærlinger» tillater (10–89 dager).")]
    [InlineData("ActivityTypeCode=LM-GRP-PUPIL|ParticipantCount=4", "ActivityTypeCode", "Aktiviteten LM-GRP-PUPIL hører ikke til sektoren VET.")]
    [InlineData("ActivityTypeCode=LM-TEST-VET", "ActivityTypeCode", "Aktiviteten LM-TEST-VET gjelder ikke for utlysningsåret 2021.")]
    [InlineData("ActivityTypeCode=FINNES-IKKE", "ActivityTypeCode", "Velg en aktivitetstype fra listen.")]
    [InlineData("ParticipantCount=0", "ParticipantCount", "Antall deltakere må være minst 1.")]
    [InlineData("ParticipantCount=mange", "ParticipantCount", "Antall deltakere må være et helt tall.")]
    [InlineData("ReceivingCountryCode=", "ReceivingCountryCode", "Mottakerland må fylles ut.")]
    [InlineData("SendingCountryCode=XX", "SendingCountryCode", "Velg et avsenderland fra listen.")]
    [InlineData("StartDate=", "StartDate", "Startdato må fylles ut.")]
    [InlineData("EndDate=31.12.2021x", "EndDate", "Sluttdato må være en gyldig dato.")]
    [InlineData("ParticipantGroup=", "ParticipantGroup", "Velg en deltakergruppe.")]
    [InlineData("Status=Kanskje", "Status", "Velg en status fra listen.")]
    public async Task Each_rule_is_refused_with_its_message_beside_the_field_and_nothing_is_saved(string changes, string field, string message)
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = ValidFields(NewMobilityId());
        foreach (var change in changes.Split('|'))
        {
            var (key, value) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            fields[key] = value;
        }

        var response = await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppFixture.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")?.TextContent ?? "(no message beside the field)", StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector(".error-summary"));
        await using var db = records.CreateDbContext();
        Assert.False(await db.Mobilities.AnyAsync(m => m.ProjectId == records.VetProject.Id && m.StartDate == new DateOnly(2021, 10, 4) && m.MobilityId == fields["MobilityId"]));
    }

    [Fact]
    public async Task Rules_that_need_no_project_are_shown_even_while_a_required_field_is_missing()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = ValidFields("123-MOB-1");
        (fields["ActivityTypeCode"], fields["EndDate"]) = ("", "2021-10-01");

        var page = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), fields));

        Assert.Contains("Velg en aktivitetstype.", page.QuerySelector("#ActivityTypeCode-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mobilitets-ID-en må ha formen NNNNNN-MOB-NNNNN", page.QuerySelector("#MobilityId-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sluttdato kan ikke være før startdato.", page.QuerySelector("#EndDate-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_activity_needs_at_least_two_participants_and_a_group_record_counts_each()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var single = SchoolGroupFields(NewMobilityId(), participants: 1);
        var group = SchoolGroupFields(NewMobilityId(), participants: 12);

        var refused = await AppFixture.PostFormAsync(client, FormPage(records.SchoolProject), FormPage(records.SchoolProject), single);
        var accepted = await AppFixture.PostFormAsync(client, FormPage(records.SchoolProject), FormPage(records.SchoolProject), group);

        Assert.Contains("En gruppemobilitet må ha minst to deltakere.", (await AppFixture.ParseAsync(refused)).QuerySelector("#ParticipantCount-error")!.TextContent, StringComparison.Ordinal);
        await AssertNotSavedAsync(single["MobilityId"]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using var db = records.CreateDbContext();
        var saved = await db.Mobilities.SingleAsync(m => m.MobilityId == group["MobilityId"]);
        Assert.Equal(12, saved.CountedParticipants);
    }

    [Fact]
    public async Task The_duration_rule_is_the_one_in_force_for_the_projects_call_year()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var in2021 = ValidFields(NewMobilityId());
        in2021["EndDate"] = "2021-10-15";
        var in2025 = ValidFields(NewMobilityId());
        (in2025["StartDate"], in2025["EndDate"]) = ("2025-10-06", "2025-10-17");

        var accepted = await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), in2021);
        var refused = await AppFixture.PostFormAsync(client, FormPage(records.VetProject2025), FormPage(records.VetProject2025), in2025);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("Varigheten (12 dager) er utenfor det aktiviteten «Kortvarig mobilitet for elever og lærlinger» tillater (15–89 dager).",
            (await AppFixture.ParseAsync(refused)).QuerySelector("#EndDate-error")!.TextContent, StringComparison.Ordinal);
        await AssertNotSavedAsync(in2025["MobilityId"]);
    }

    [Fact]
    public async Task A_mobility_ID_already_in_the_project_is_refused_with_a_link_to_the_existing_mobility()
    {
        var mobilityId = NewMobilityId();
        Mobility existing;
        await using (var db = records.CreateDbContext())
        {
            existing = await new TestData(db).MobilityAsync(await db.Projects.SingleAsync(p => p.Id == records.VetProject.Id), mobilityId: mobilityId);
        }

        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var again = ValidFields(mobilityId.ToLowerInvariant());
        var otherProject = ValidFields(mobilityId);
        (otherProject["StartDate"], otherProject["EndDate"]) = ("2025-10-06", "2025-10-24");

        var refused = await AppFixture.PostFormAsync(client, FormPage(records.VetProject), FormPage(records.VetProject), again);
        var accepted = await AppFixture.PostFormAsync(client, FormPage(records.VetProject2025), FormPage(records.VetProject2025), otherProject);

        var page = await AppFixture.ParseAsync(refused);
        Assert.Contains($"Mobilitets-ID-en {mobilityId} er allerede registrert i prosjektet {records.VetProject.Reference}.", page.QuerySelector("#MobilityId-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($".error-summary a[href='/mobiliteter/{existing.Id}']"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await using var check = records.CreateDbContext();
        Assert.Equal(1, await check.Mobilities.CountAsync(m => m.ProjectId == records.VetProject.Id && m.MobilityId == mobilityId));
        Assert.Equal(1, await check.Mobilities.CountAsync(m => m.ProjectId == records.VetProject2025.Id && m.MobilityId == mobilityId));
    }

    [Fact]
    public async Task Editing_saves_the_changes_and_clears_unticked_flags()
    {
        var mobility = await NewMobilityAsync();
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var form = await AppFixture.GetDocumentAsync(client, $"/mobiliteter/{mobility.Id}/endre");
        var fields = FieldsOf(form);
        Assert.Equal(mobility.MobilityId, fields["MobilityId"]);
        Assert.Equal("true", fields["FewerOpportunities"]);
        fields.Remove("FewerOpportunities");
        (fields["Status"], fields["ParticipantCount"], fields["Blended"]) = ("Realised", "2", "true");

        var response = await AppFixture.PostFormAsync(client, $"/mobiliteter/{mobility.Id}/endre", $"/mobiliteter/{mobility.Id}/endre", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = records.CreateDbContext();
        var saved = await db.Mobilities.SingleAsync(m => m.Id == mobility.Id);
        Assert.Equal((MobilityStatus.Realised, 2, false, true), (saved.Status, saved.ParticipantCount, saved.FewerOpportunities, saved.Blended));
    }

    [Fact]
    public async Task Editing_refuses_a_rule_violation_beside_the_field_and_keeps_the_saved_values()
    {
        var mobility = await NewMobilityAsync();
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var fields = FieldsOf(await AppFixture.GetDocumentAsync(client, $"/mobiliteter/{mobility.Id}/endre"));
        fields["EndDate"] = "2021-09-30";

        var response = await AppFixture.PostFormAsync(client, $"/mobiliteter/{mobility.Id}/endre", $"/mobiliteter/{mobility.Id}/endre", fields);

        Assert.Contains("Sluttdato kan ikke være før startdato.", (await AppFixture.ParseAsync(response)).QuerySelector("#EndDate-error")!.TextContent, StringComparison.Ordinal);
        await using var db = records.CreateDbContext();
        Assert.Equal(mobility.EndDate, (await db.Mobilities.SingleAsync(m => m.Id == mobility.Id)).EndDate);
    }

    [Fact]
    public async Task A_second_edit_from_the_same_stale_version_shows_the_conflict_and_does_not_overwrite()
    {
        var mobility = await NewMobilityAsync();
        var first = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var second = await records.SignInAsAsync(TestRoles.Analyst);
        var url = $"/mobiliteter/{mobility.Id}/endre";
        var firstFields = FieldsOf(await AppFixture.GetDocumentAsync(first, url));
        var secondFields = FieldsOf(await AppFixture.GetDocumentAsync(second, url));
        firstFields["ParticipantCount"] = "4";
        secondFields["ParticipantCount"] = "7";

        var saved = await AppFixture.PostFormAsync(first, url, url, firstFields);
        var conflict = await AppFixture.PostFormAsync(second, url, url, secondFields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await AppFixture.ParseAsync(conflict);
        var row = page.QuerySelectorAll("table.conflict tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Antall deltakere");
        Assert.Equal(["4", "7"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        await using (var db = records.CreateDbContext())
        {
            Assert.Equal(4, (await db.Mobilities.SingleAsync(m => m.Id == mobility.Id)).ParticipantCount);
        }

        // The re-rendered form carries the saved version: saving again applies the second user's values.
        var again = await AppFixture.PostFormAsync(second, url, url, FieldsOf(page));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using var check = records.CreateDbContext();
        Assert.Equal(7, (await check.Mobilities.SingleAsync(m => m.Id == mobility.Id)).ParticipantCount);
    }

    [Fact]
    public async Task Deleting_asks_for_confirmation_then_removes_the_mobility()
    {
        var mobility = await NewMobilityAsync();
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var url = $"/mobiliteter/{mobility.Id}/slett";
        var confirmation = await AppFixture.GetDocumentAsync(client, url);
        var version = confirmation.QuerySelector("input[name=version]")!.GetAttribute("value")!;

        var response = await AppFixture.PostFormAsync(client, url, url, new() { ["version"] = version });

        Assert.Contains(mobility.MobilityId, confirmation.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/mobiliteter?Project={Uri.EscapeDataString(records.VetProject.Reference)}", response.Headers.Location!.OriginalString);
        await using var db = records.CreateDbContext();
        Assert.False(await db.Mobilities.AnyAsync(m => m.Id == mobility.Id));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.RootType == "Mobility" && e.RootKey == mobility.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && e.Action == Erasmus.Web.Data.Audit.AuditAction.Deleted));
    }

    [Fact]
    public async Task A_delete_confirmed_from_a_stale_page_shows_the_confirmation_again_and_keeps_the_mobility()
    {
        var mobility = await NewMobilityAsync();
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var url = $"/mobiliteter/{mobility.Id}/slett";
        var staleVersion = (await AppFixture.GetDocumentAsync(client, url)).QuerySelector("input[name=version]")!.GetAttribute("value")!;
        var edit = FieldsOf(await AppFixture.GetDocumentAsync(client, $"/mobiliteter/{mobility.Id}/endre"));
        edit["Status"] = "Cancelled";
        Assert.Equal(HttpStatusCode.Redirect, (await AppFixture.PostFormAsync(client, $"/mobiliteter/{mobility.Id}/endre", $"/mobiliteter/{mobility.Id}/endre", edit)).StatusCode);

        var response = await AppFixture.PostFormAsync(client, url, url, new() { ["version"] = staleVersion });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Erasmus.Web.Features.Shared.DeleteConfirmation.ChangedMessage, (await AppFixture.ParseAsync(response)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = records.CreateDbContext();
        Assert.True(await db.Mobilities.AnyAsync(m => m.Id == mobility.Id));
    }

    [Fact]
    public async Task A_coordinator_of_another_county_gets_403_on_every_edit_page_and_changes_nothing()
    {
        var mobility = await NewMobilityAsync();
        var rogaland = await records.SignInAsAsync(TestRoles.Coordinator, "11");
        var vestland = await records.SignInAsAsync(TestRoles.Coordinator, "46");
        var fields = FieldsOf(await AppFixture.GetDocumentAsync(vestland, $"/mobiliteter/{mobility.Id}/endre"));
        fields["ParticipantCount"] = "9";
        var token = await AppFixture.AntiforgeryTokenAsync(rogaland, "/konto/passord");
        fields["__RequestVerificationToken"] = token;

        var statuses = new[]
        {
            (await rogaland.GetAsync(new Uri($"/mobiliteter/{mobility.Id}/endre", UriKind.Relative))).StatusCode,
            (await rogaland.GetAsync(new Uri($"/mobiliteter/{mobility.Id}/slett", UriKind.Relative))).StatusCode,
            (await rogaland.GetAsync(new Uri(FormPage(records.VetProject), UriKind.Relative))).StatusCode,
            (await rogaland.PostAsync(new Uri($"/mobiliteter/{mobility.Id}/endre", UriKind.Relative), new FormUrlEncodedContent(fields))).StatusCode,
            (await rogaland.PostAsync(new Uri($"/mobiliteter/{mobility.Id}/slett", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = fields["Version"], ["__RequestVerificationToken"] = token }))).StatusCode,
        };
        var details = await AppFixture.GetDocumentAsync(rogaland, $"/mobiliteter/{mobility.Id}");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Null(details.QuerySelector($"a[href='/mobiliteter/{mobility.Id}/endre']"));
        await using var db = records.CreateDbContext();
        var saved = await db.Mobilities.SingleAsync(m => m.Id == mobility.Id);
        Assert.Equal(mobility.ParticipantCount, saved.ParticipantCount);
    }

    [Fact]
    public async Task Without_a_project_the_register_page_finds_the_project_first()
    {
        var client = await records.SignInAsAsync(TestRoles.Coordinator, "46");

        var page = await AppFixture.GetDocumentAsync(client, $"/mobiliteter/ny?search={Uri.EscapeDataString(records.VetProject.Reference[^9..])}");

        Assert.NotNull(page.QuerySelector($"a[href='/mobiliteter/ny?project={records.VetProject.Id}']"));
        Assert.Equal(1, page.QuerySelectorAll("table.list tbody tr").Length);
    }

    private static string FormPage(Project project) => $"/mobiliteter/ny?project={project.Id}";

    private static string NewMobilityId() =>
        $"{Interlocked.Increment(ref _serial) + 500000:D6}-MOB-{TestData.NextSerial() % 100000:D5}";

    private Dictionary<string, string> ValidFields(string mobilityId) => new()
    {
        ["MobilityId"] = mobilityId,
        ["ActivityTypeCode"] = "LM-SHORT-VET",
        ["ParticipantGroup"] = "Learner",
        ["Direction"] = "Outgoing",
        ["ParticipantCount"] = "1",
        ["SendingOrganisationId"] = records.VestlandSchool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ReceivingOrganisationId"] = "",
        ["SendingCountryCode"] = "NO",
        ["ReceivingCountryCode"] = "DE",
        ["StartDate"] = "2021-10-04",
        ["EndDate"] = "2021-10-22",
        ["Status"] = "Planned",
    };

    private Dictionary<string, string> SchoolGroupFields(string mobilityId, int participants)
    {
        var fields = ValidFields(mobilityId);
        fields["ActivityTypeCode"] = "LM-GRP-PUPIL";
        fields["ParticipantCount"] = participants.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (fields["StartDate"], fields["EndDate"]) = ("2022-10-03", "2022-10-09");
        return fields;
    }

    private async Task<Mobility> NewMobilityAsync()
    {
        await using var db = records.CreateDbContext();
        var project = await db.Projects.SingleAsync(p => p.Id == records.VetProject.Id);
        var activity = await db.ActivityTypes.SingleAsync(a => a.Code == "LM-SHORT-VET");
        var mobility = Mobility.Register(project, activity, new MobilityDetails(NewMobilityId(), ParticipantGroup.Learner, MobilityDirection.Outgoing, 1,
            records.VestlandSchool.Id, null, "NO", "FI", new DateOnly(2021, 10, 4), new DateOnly(2021, 10, 22), true, false, false, MobilityStatus.Planned),
            DateTimeOffset.UtcNow);
        db.Mobilities.Add(mobility);
        await db.SaveChangesAsync();
        return mobility;
    }

    private async Task AssertNotSavedAsync(string mobilityId)
    {
        var normalised = mobilityId.ToUpperInvariant();
        await using var db = records.CreateDbContext();
        Assert.False(await db.Mobilities.AnyAsync(m => m.MobilityId == normalised));
    }

    private static List<string> Options(IHtmlDocument page, string select) =>
        [.. page.QuerySelectorAll($"select#{select} option").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0)];

    private static List<string> ActivityOptions(IHtmlDocument page) => Options(page, "ActivityTypeCode");

    private static string OptionText(IHtmlDocument page, string select, string value) =>
        page.QuerySelector($"select#{select} option[value='{value}']")!.TextContent;

    /// <summary>The form's current values as a browser would post them (unticked boxes are left out).</summary>
    private static Dictionary<string, string> FieldsOf(IHtmlDocument page)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in page.QuerySelectorAll("form.form input, form.form select").Cast<AngleSharp.Dom.IElement>())
        {
            var name = input.GetAttribute("name");
            if (name is null or "__RequestVerificationToken")
            {
                continue;
            }

            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" } box:
                    if (box.IsChecked)
                    {
                        fields[name] = box.Value;
                    }

                    break;
                case IHtmlInputElement text:
                    fields[name] = text.Value;
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.Value ?? "";
                    break;
            }
        }

        return fields;
    }

    /// <summary>Projects in Vestland (VET 2021, SCH 2022, VET 2025 with a stricter rule), and organisations to choose from.</summary>
    public sealed class Records : AppFixture
    {
        public Organisation VestlandSchool { get; private set; } = null!;
        public Organisation RogalandSchool { get; private set; } = null!;
        public Organisation GermanPartner { get; private set; } = null!;
        public Project VetProject { get; private set; } = null!;
        public Project SchoolProject { get; private set; } = null!;
        public Project VetProject2025 { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            VestlandSchool = await data.OrganisationAsync("46");
            RogalandSchool = await data.OrganisationAsync("11");
            GermanPartner = await data.ForeignOrganisationAsync("DE");
            VetProject = await data.ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.VET, 2021);
            SchoolProject = await data.ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.SCH, 2022);
            VetProject2025 = await data.ProjectAsync(VestlandSchool, ProjectAction.KA122, Sector.VET, 2025);

            // Rules change with the calls: a stricter short-term VET rule and a new activity, both from 2025.
            var shortVet = await db.ActivityTypes.SingleAsync(a => a.Code == "LM-SHORT-VET");
            shortVet.SetRule(2025, 15, 89);
            var newActivity = new ActivityType("LM-TEST-VET", "Ny aktivitet for yrkesfag", "New VET activity", "learner", ["VET"]);
            newActivity.SetRule(2025, 2, 30);
            db.ActivityTypes.Add(newActivity);
            await db.SaveChangesAsync();
        }
    }
}

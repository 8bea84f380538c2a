using System.Globalization;
using Erasmus.Domain.Rules;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CoordinatorJourneyTests(AppServer server)
{
    [Fact]
    public async Task A_coordinator_registers_an_organisation_an_accreditation_a_project_and_a_mobility_and_finds_them_on_the_county_page()
    {
        var page = await server.SignInAsync("koordinator.46@demo.no");
        var serial = Random.Shared.Next(10_000_000, 99_999_999);
        var name = $"Journey vidaregåande skule {serial}";
        await page.AssertNoViolationsAsync("coordinator start page");
        await page.ScreenshotAsync(server, "coordinator-start");

        // The organisation, with a wrong check digit first: the message appears beside the field.
        await page.GotoAsync("/organisasjoner/ny");
        await page.AssertNoViolationsAsync("new organisation form");
        await page.FillAsync("#Name", name);
        await page.SelectOptionAsync("#Type", "UpperSecondarySchool");
        await page.SelectOptionAsync("#CountryCode", "NO");
        await page.FillAsync("#OrganisationNumber", "974760674");
        await page.FillAsync("#Oid", "E" + serial.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#CountyNumber", "46");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer" }).ClickAsync();
        Assert.Contains("kontrollsiffer", await page.Locator("#OrganisationNumber-error").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync("organisation form with a validation error");
        await page.ScreenshotAsync(server, "validation-error");
        // About one eight-digit start in eleven has no valid check digit (mod 11 gives 10): take the next that has.
        var number = Enumerable.Range(0, 11)
            .Select(n => OrganisationNumber.TryWithCheckDigit(((serial + n) % 10_000_000 + 80_000_000).ToString(CultureInfo.InvariantCulture), out var candidate) ? candidate : null)
            .First(candidate => candidate is not null)!;
        await page.FillAsync("#OrganisationNumber", number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/organisasjoner/\d+$"));
        var organisationId = page.Url.Split('/').Last();
        await page.AssertNoViolationsAsync("organisation details");

        // An accreditation held by it.
        await page.GotoAsync("/akkrediteringer/ny");
        await page.FillAsync("#Code", $"2024-1-NO01-KA120-VET-{serial:D9}");
        await page.SelectOptionAsync("#Sector", "VET");
        await page.SelectOptionAsync("#HolderId", organisationId);
        await page.FillAsync("#ValidFrom", "2024-02-01");
        await page.FillAsync("#ValidTo", "2027-12-31");
        await page.SelectOptionAsync("#Status", "Active");
        await page.FillAsync("#DecisionDate", "2024-01-15");
        await page.AssertNoViolationsAsync("new accreditation form");
        await page.Locator("form.form button.button:not(.secondary)").Last.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/akkrediteringer/\d+$"));
        await page.AssertNoViolationsAsync("accreditation details");

        // A project it coordinates, with awarded mobilities for the sector and call year.
        var reference = $"2024-1-NO01-KA122-VET-{serial:D9}";
        await page.GotoAsync("/prosjekter/ny");
        // The number fills action, sector, call year and round as it is typed, and the rows for them appear without a reload.
        await page.EvaluateAsync("() => window.notReloaded = true");
        await page.Locator("#Reference").PressSequentiallyAsync(reference);
        Assert.Equal(["KA122", "VET", "2024", "1"], [await page.Locator("#Action").InputValueAsync(), await page.Locator("#Sector").InputValueAsync(), await page.Locator("#CallYear").InputValueAsync(), await page.Locator("#Round").InputValueAsync()]);
        Assert.StartsWith("Fylt ut fra prosjektnummeret: ", await page.Locator("#reference-derived").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[id='Awarded_LM-SHORT-VET_']").WaitForAsync();
        Assert.Contains("Aktivitetstypene er oppdatert", await page.Locator("#awarded-status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await page.SelectOptionAsync("#CoordinatorId", organisationId);
        await page.FillAsync("#StartDate", "2024-09-01");
        await page.FillAsync("#EndDate", "2025-12-31");
        await page.FillAsync("#DecisionDate", "2024-07-01");
        await page.SelectOptionAsync("#Status", "Granted");
        await page.FillAsync("#GrantEur", "30000");
        await page.FillAsync("[id='Awarded_LM-SHORT-VET_']", "5");
        await page.AssertNoViolationsAsync("new project form with activity inputs");
        await page.ScreenshotAsync(server, "project-form-nb-1280");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(server, "project-form-nb-390");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/prosjekter/\d+$"));
        var projectId = page.Url.Split('/').Last();
        await page.AssertNoViolationsAsync("project details");

        // A mobility in the project.
        await page.GotoAsync($"/mobiliteter/ny?project={projectId}");
        await page.FillAsync("#MobilityId", $"{serial % 1_000_000:D6}-MOB-00001");
        await page.SelectOptionAsync("#ActivityTypeCode", "LM-SHORT-VET");
        await page.SelectOptionAsync("#ParticipantGroup", "Learner");
        await page.SelectOptionAsync("#Direction", "Outgoing");
        await page.FillAsync("#ParticipantCount", "1");
        await page.SelectOptionAsync("#SendingCountryCode", "NO");
        await page.SelectOptionAsync("#ReceivingCountryCode", "DE");
        await page.FillAsync("#StartDate", "2025-03-01");
        await page.FillAsync("#EndDate", "2025-03-21");
        await page.SelectOptionAsync("#Status", "Planned");
        await page.AssertNoViolationsAsync("new mobility form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/mobiliteter/\d+$"));
        await page.AssertNoViolationsAsync("mobility details");

        // All of it is found from the county's start page.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "2024", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/prosjekter?County=46&CallYear=2024*");
        await page.FillAsync("#Search", reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();
        Assert.Equal(1, await page.Locator("table.list tbody tr").CountAsync());
        await page.AssertNoViolationsAsync("the county's projects");
        await page.GotoAsync($"/organisasjoner?County=46&Search={Uri.EscapeDataString(name)}");
        Assert.Equal(name, (await page.Locator("table.list tbody tr td a").First.InnerTextAsync()).Trim());
        await page.GotoAsync($"/mobiliteter?Project={reference}");
        Assert.Equal(1, await page.Locator("table.list tbody tr").CountAsync());
        await page.AssertNoViolationsAsync("the project's mobilities");
        await page.GotoAsync("/import");
        await page.AssertNoViolationsAsync("the import page");
    }
}

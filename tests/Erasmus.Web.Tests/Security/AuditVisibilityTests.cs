using System.Net;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// User accounts' audit entries (e-mail addresses, roles, locks) are the administrators' alone, in the
/// audit list as in the user's history (#15 item 7); analysts still read every other entry.
/// </summary>
public sealed class AuditVisibilityTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Analysts_see_no_user_account_in_the_audit_list_and_administrators_do()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var email = $"synlig.{Guid.NewGuid():N}@test.no";
        var created = await AppFixture.PostFormAsync(admin, "/admin/brukere/ny", "/admin/brukere/ny", new()
        {
            ["Email"] = email, ["DisplayName"] = "Hemmelig Konto", ["Role"] = TestRoles.Coordinator, ["CountyNumber"] = "46",
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var id = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            await AppFixture.PostFormAsync(admin, "/admin/brukere", $"/admin/brukere/{id}/las", []);
        }

        foreach (var url in new[] { "/revisjonslogg?EntityType=ApplicationUser", "/revisjonslogg", $"/revisjonslogg?User={Uri.EscapeDataString(email)}" })
        {
            var page = await AppFixture.GetDocumentAsync(analyst, url);
            Assert.DoesNotContain(email, page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ApplicationUser", page.Body.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("LockoutEnd", page.Body.TextContent, StringComparison.Ordinal);
        }

        var asAdministrator = await AppFixture.GetDocumentAsync(admin, "/revisjonslogg?EntityType=ApplicationUser");
        Assert.Contains(email, asAdministrator.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("LockoutEnd", asAdministrator.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysts_still_see_the_entries_of_the_records()
    {
        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        await using (var db = app.CreateDbContext())
        {
            await new TestData(db).OrganisationAsync("46", name: "Revidert skole");
        }

        var page = await AppFixture.GetDocumentAsync(analyst, "/revisjonslogg?EntityType=Organisation");

        Assert.Contains("Revidert skole", page.QuerySelector("table.audit")!.TextContent, StringComparison.Ordinal);
    }
}

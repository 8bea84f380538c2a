using System.Net;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// Issue #15 item 16 ("names accept right-to-left overrides and control characters"), found again by the
/// hostile-input property for what is saved outside the domain's entities: a user's name and e-mail
/// address, shown to every administrator and in the audit trail, and an import's file name, shown in the
/// audit trail. They follow the domain's <see cref="PlainText"/> rule, with its message, and nothing is saved.
/// </summary>
public sealed class HiddenCharactersTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Hidden => ["\u202Eloohcs", "\u202ASkole\u202C", "Skole\u000B\u000CSkole", "Navn\u001B[31m", "Kari\u200FNordmann", "Ola\u2066Nordmann\u2069"];

    [Theory]
    [MemberData(nameof(Hidden))]
    public async Task A_user_name_with_hidden_characters_is_refused_on_create_and_edit_with_the_domain_message(string name)
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        var email = $"skjult.{Guid.NewGuid():N}@test.no";
        var existing = await app.CreateUserAsync(TestRoles.Coordinator, "46");
        string id;
        await using (var db = app.CreateDbContext())
        {
            id = (await db.Users.SingleAsync(u => u.Email == existing)).Id;
        }

        var created = await AppFixture.PostFormAsync(admin, "/admin/brukere/ny", "/admin/brukere/ny", new()
        {
            ["Email"] = email, ["DisplayName"] = name, ["Role"] = TestRoles.Coordinator, ["CountyNumber"] = "46",
        });
        var edit = await AppFixture.GetDocumentAsync(admin, $"/admin/brukere/{id}");
        var edited = await AppFixture.PostFormAsync(admin, $"/admin/brukere/{id}", $"/admin/brukere/{id}", new()
        {
            ["Email"] = existing, ["DisplayName"] = name, ["Role"] = TestRoles.Coordinator, ["CountyNumber"] = "46",
            ["ConcurrencyStamp"] = edit.QuerySelector("input[name=ConcurrencyStamp]")!.GetAttribute("value")!,
        });
        var otherEmail = await AppFixture.PostFormAsync(admin, "/admin/brukere/ny", "/admin/brukere/ny", new()
        {
            ["Email"] = $"{name}.{Guid.NewGuid():N}@test.no", ["DisplayName"] = "Kari Nordmann", ["Role"] = TestRoles.Coordinator, ["CountyNumber"] = "46",
        });

        foreach (var (response, field) in new[] { (created, "DisplayName"), (edited, "DisplayName"), (otherEmail, "Email") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(PlainText.Message, (await AppFixture.ParseAsync(response)).QuerySelector($"#{field}-error")?.TextContent, StringComparison.Ordinal);
        }

        await using var check = app.CreateDbContext();
        Assert.False(await check.Users.AnyAsync(u => u.Email == email || u.Email!.StartsWith(name)));
        Assert.NotEqual(name, (await check.Users.SingleAsync(u => u.Id == id)).DisplayName);
    }

    [Fact]
    public async Task The_message_is_in_english_for_an_english_page()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        await AppFixture.PostFormAsync(admin, "/konto/passord", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });

        var created = await AppFixture.PostFormAsync(admin, "/admin/brukere/ny", "/admin/brukere/ny", new()
        {
            ["Email"] = $"skjult.{Guid.NewGuid():N}@test.no", ["DisplayName"] = "\u202Eloohcs", ["Role"] = TestRoles.Analyst,
        });

        Assert.Contains("The text cannot contain control characters", (await AppFixture.ParseAsync(created)).QuerySelector("#DisplayName-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_file_whose_name_has_hidden_characters_is_refused_with_a_message_and_nothing_queued()
    {
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        var csv = ImportTestKit.Csv(ImportTestKit.MobilityHeader, []);

        // U+202E shows "rapport\u202Exslx.csv" as "rapportvsc.xlsx".
        var response = await ImportTestKit.UploadAsync(coordinator, "rapport\u202Exslx.csv", csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Filnavnet inneholder kontrolltegn", (await AppFixture.ParseAsync(response)).QuerySelector(".error-summary, #File-error")?.TextContent, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<ImportBatch>().AnyAsync(b => b.FileName.Contains("rapport")));
    }
}

using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.ReferenceData;

public sealed class DurationRuleTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_rule_from_a_later_call_applies_to_that_call_and_later_and_is_audited()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);

        var response = await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/aktiviteter/regel", new()
        {
            ["ActivityTypeCode"] = "LM-SHORT-VET", ["ValidFromCallYear"] = "2026", ["MinDays"] = "14", ["MaxDays"] = "89",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        var activity = await db.ActivityTypes.SingleAsync(a => a.Code == "LM-SHORT-VET");
        Assert.Equal(10, activity.RuleFor(2025)!.MinDays);
        Assert.Equal(14, activity.RuleFor(2026)!.MinDays);
        Assert.Equal(14, activity.RuleFor(2027)!.MinDays);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(ActivityTypeRule) && e.RootKey == "LM-SHORT-VET"));
        var data = new TestData(db);
        var project = await data.ProjectAsync(await data.OrganisationAsync("46"), callYear: 2026);
        var error = await Assert.ThrowsAsync<DomainException>(() => data.MobilityAsync(project, days: 12));
        Assert.Contains("(14–89 dager)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LM-SHORT-VET", "2026", "30", "20", "MaxDays", "lavere enn laveste")]
    [InlineData("LM-SHORT-VET", "2030", "10", "20", "ValidFromCallYear", "mellom 2014 og 2027")]
    [InlineData("", "2026", "10", "20", "ActivityTypeCode", "Velg en aktivitetstype")]
    [InlineData("LM-SHORT-VET", "2026", "0", "20", "MinDays", "mellom 1 og 730")]
    public async Task Bad_rules_are_refused_with_a_message_and_nothing_is_written(string code, string year, string min, string max, string field, string message)
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        await using var before = app.CreateDbContext();
        var count = await before.Set<ActivityTypeRule>().CountAsync();

        var response = await AppFixture.PostFormAsync(admin, "/admin/referansedata", "/admin/referansedata/aktiviteter/regel", new()
        {
            ["ActivityTypeCode"] = code, ["ValidFromCallYear"] = year, ["MinDays"] = min, ["MaxDays"] = max,
        });
        var page = await AppFixture.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        await using var after = app.CreateDbContext();
        Assert.Equal(count, await after.Set<ActivityTypeRule>().CountAsync());
    }
}

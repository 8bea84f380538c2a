using System.Globalization;
using System.Net;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;
using Npgsql;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Issue #15, found by the hostile-input property: a mobility's delete confirmation posted with a
/// missing, odd or stale version showed the confirmation again without saying why, and the other
/// delete confirmations did not check the version at all. Every delete confirmation now works the same
/// way (<see cref="DeleteConfirmation"/>): the reason is shown, nothing is deleted, and the page's own
/// form then deletes.
/// </summary>
public sealed class DeleteConfirmationTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Kinds => ["organisasjoner", "akkrediteringer", "prosjekter", "mobiliteter", "oyeblikksbilder"];

    private static readonly Dictionary<string, string> Tables = new(StringComparer.Ordinal)
    {
        ["organisasjoner"] = "organisations", ["akkrediteringer"] = "accreditations", ["prosjekter"] = "projects",
        ["mobiliteter"] = "mobilities", ["oyeblikksbilder"] = "snapshots",
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_missing_odd_or_stale_version_is_refused_with_the_reason_and_the_pages_own_form_deletes(string kind)
    {
        var id = await FreshAsync(kind);
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var url = $"/{kind}/{id}/slett";
        var version = (await AppFixture.GetDocumentAsync(client, url)).QuerySelector("form[action$='/slett'] input[name=version]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(version), $"{url} has no version in its form.");
        var stale = (uint.Parse(version, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);

        foreach (var (posted, reason) in new (string?, string)[]
        {
            (null, DeleteConfirmation.IncompleteMessage), ("", DeleteConfirmation.IncompleteMessage), ("abc", DeleteConfirmation.IncompleteMessage),
            ("-1", DeleteConfirmation.IncompleteMessage), ("4294967296", DeleteConfirmation.IncompleteMessage), ("false", DeleteConfirmation.IncompleteMessage),
            (stale, DeleteConfirmation.ChangedMessage), ("0", DeleteConfirmation.ChangedMessage),
        })
        {
            var fields = posted is null ? new Dictionary<string, string>() : new() { ["version"] = posted };
            var response = await AppFixture.PostFormAsync(client, url, url, fields);
            var page = await AppFixture.ParseAsync(response);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(reason, page.QuerySelector("main .error-summary .error-message")?.TextContent.Trim());
            Assert.NotNull(page.QuerySelector($"form[action='{url}'] input[name=version][value='{version}']"));
            Assert.Equal(1L, await CountAsync(kind, id));
        }

        var deleted = await AppFixture.PostFormAsync(client, url, url, new() { ["version"] = version });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0L, await CountAsync(kind, id));
    }

    [Fact]
    public async Task The_reason_is_shown_in_english_too()
    {
        var id = await FreshAsync("mobiliteter");
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        await AppFixture.PostFormAsync(client, "/konto/passord", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
        var url = $"/mobiliteter/{id}/slett";

        var page = await AppFixture.ParseAsync(await AppFixture.PostFormAsync(client, url, url, new() { ["version"] = "abc" }));

        Assert.StartsWith("Not deleted", page.QuerySelector("main .error-summary h2")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("The deletion was not carried out because the form was incomplete", page.QuerySelector("main .error-summary .error-message")?.TextContent.Trim(), StringComparison.Ordinal);
    }

    private async Task<int> FreshAsync(string kind)
    {
        await using var db = app.CreateDbContext();
        var data = new TestData(db);
        switch (kind)
        {
            case "organisasjoner":
                return (await data.OrganisationAsync("46")).Id;
            case "akkrediteringer":
                return (await data.AccreditationAsync(await data.OrganisationAsync("46"))).Id;
            case "prosjekter":
                return (await data.ProjectAsync(await data.OrganisationAsync("46"))).Id;
            case "mobiliteter":
                return (await data.MobilityAsync(await data.ProjectAsync(await data.OrganisationAsync("46")))).Id;
            default:
                var snapshot = new Snapshot($"Øyeblikksbilde {TestData.NextSerial()}",
                    new SnapshotParameters(new DateOnly(2021, 9, 30), CountingBasis.Awarded, CountyStructureChoice.AsOfDate, null, null), []);
                db.Add(snapshot);
                await db.SaveChangesAsync();
                return snapshot.Id;
        }
    }

    private async Task<long> CountAsync(string kind, int id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Tables[kind]} WHERE id = {id.ToString(CultureInfo.InvariantCulture)}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

using System.Globalization;
using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Projects;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Issue #15 item 10: six identical posts at once. Every post passes the duplicate check before any of
/// them saves, so the database's unique index decides; before the fix five of them answered 500. The
/// test holds a SHARE lock on the table while the posts come in, so that all six are certain to be past
/// the check and waiting to insert when it is released: the race happens every run, not by chance.
/// </summary>
public sealed class ParallelDuplicatesTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const int Posts = 6;

    public static TheoryData<string> Forms => ["projects", "accreditations", "organisations", "mobilities"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Six_parallel_identical_posts_save_one_record_and_give_the_others_the_duplicate_message(string table)
    {
        var (formPage, action, fields, linkPrefix, countSql) = await FormAsync(table);
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var token = await AppFixture.AntiforgeryTokenAsync(client, formPage);

        var responses = await PostAtOnceAsync(client, action, fields, token, table, Posts);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        output.WriteLine($"{table}: {string.Join(", ", statuses)}");
        Assert.Equal(1, statuses.Count(s => s == (int)HttpStatusCode.Redirect));
        Assert.Equal(Posts - 1, statuses.Count(s => s == (int)HttpStatusCode.OK));
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            var page = await AppFixture.ParseAsync(response);
            var summary = page.QuerySelector(".error-summary")?.TextContent ?? "(no error summary)";
            Assert.Contains("er allerede registrert", summary, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector($".error-summary a[href^='{linkPrefix}']"));
        }

        await using var check = new NpgsqlConnection(app.ConnectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand(countSql, check);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    /// <summary>
    /// The same net under every save no controller handles itself (here: a duration rule added twice at once,
    /// which the activity's loaded rules cannot see): the reason on a friendly page, not a 500.
    /// </summary>
    [Fact]
    public async Task A_refused_save_that_no_form_handles_is_answered_with_its_reason_and_not_500()
    {
        var admin = await app.SignInAsAsync(TestRoles.Administrator);
        var token = await AppFixture.AntiforgeryTokenAsync(admin, "/admin/referansedata");
        List<KeyValuePair<string, string>> fields =
            [new("ActivityTypeCode", "LM-SHORT-VET"), new("ValidFromCallYear", "2026"), new("MinDays", "10"), new("MaxDays", "60")];

        var responses = await PostAtOnceAsync(admin, "/admin/referansedata/aktiviteter/regel", fields, token, "activity_type_rules", 2);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var page = await AppFixture.ParseAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Contains("Noen andre har nettopp lagret den samme verdien.", page.QuerySelector("main")?.TextContent ?? page.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// Posts the same form <paramref name="count"/> times at once while a SHARE lock holds back every insert into
    /// <paramref name="table"/>, releases the lock once all of them wait for it, and returns the answers.
    /// </summary>
    private async Task<HttpResponseMessage[]> PostAtOnceAsync(HttpClient client, string action, List<KeyValuePair<string, string>> fields, string token,
        string table, int count)
    {
        await using var locker = new NpgsqlConnection(app.ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await ExecuteAsync(locker, $"LOCK TABLE {table} IN SHARE MODE");
        var posts = Enumerable.Range(0, count).Select(_ => client.PostAsync(new Uri(action, UriKind.Relative),
            new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("__RequestVerificationToken", token))))).ToList();
        await WaitForWaitingInsertsAsync(table, posts, count);
        await transaction.CommitAsync();
        return await Task.WhenAll(posts);
    }

    /// <summary>Waits until every post is past its checks and waiting for the lock to insert (or has answered, which fails the test).</summary>
    private async Task WaitForWaitingInsertsAsync(string table, List<Task<HttpResponseMessage>> posts, int count)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        const string sql = "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE NOT l.granted AND c.relname = @table";
        var waiting = 0L;
        for (var attempt = 0; attempt < 1200 && waiting < count && !posts.Any(p => p.IsCompleted); attempt++)
        {
            await Task.Delay(50);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("table", table);
            waiting = (long)(await command.ExecuteScalarAsync())!;
        }

        Assert.True(waiting == count, $"{waiting} of {count} posts reached the insert into {table}; answered early: {posts.Count(p => p.IsCompleted)}.");
    }

    private async Task<(string FormPage, string Action, List<KeyValuePair<string, string>> Fields, string LinkPrefix, string CountSql)> FormAsync(string table)
    {
        await using var db = app.CreateDbContext();
        var data = new TestData(db);
        var school = await data.OrganisationAsync("46");
        switch (table)
        {
            case "projects":
            {
                var post = ProjectPost.Valid(school);
                return ("/prosjekter/ny", "/prosjekter/ny", [.. post.Pairs()], "/prosjekter/", $"SELECT count(*) FROM projects WHERE reference = '{post["Reference"]}'");
            }

            case "accreditations":
            {
                var code = $"2021-1-NO01-KA120-VET-{TestData.NextSerial():D9}";
                return ("/akkrediteringer/ny", "/akkrediteringer/ny",
                [
                    new("Code", code), new("Sector", "VET"), new("HolderId", Id(school.Id)), new("ValidFrom", "2021-02-01"),
                    new("ValidTo", "2027-12-31"), new("Status", "Active"), new("DecisionDate", "2021-01-15"), new("Version", "0"),
                ], "/akkrediteringer/", $"SELECT count(*) FROM accreditations WHERE code = '{code}'");
            }

            case "organisations":
            {
                var number = TestData.NewOrganisationNumber();
                return ("/organisasjoner/ny", "/organisasjoner/ny",
                [
                    new("Name", "Samtidig skole"), new("Type", nameof(OrganisationType.UpperSecondarySchool)), new("CountryCode", "NO"),
                    new("OrganisationNumber", number), new("Oid", TestData.NewOid()), new("CountyNumber", "46"), new("Municipality", "Bergen"),
                    new("FirstParticipationYear", ""), new("Version", "0"),
                ], "/organisasjoner/", $"SELECT count(*) FROM organisations WHERE organisation_number = '{number}'");
            }

            default:
            {
                var project = await data.ProjectAsync(school);
                var mobilityId = $"{TestData.NextSerial() % 1000000:D6}-MOB-00001";
                var page = $"/mobiliteter/ny?project={Id(project.Id)}";
                return (page, page,
                [
                    new("MobilityId", mobilityId), new("ActivityTypeCode", "LM-SHORT-VET"), new("ParticipantGroup", "Learner"), new("Direction", "Outgoing"),
                    new("ParticipantCount", "1"), new("SendingOrganisationId", Id(school.Id)), new("ReceivingOrganisationId", ""),
                    new("SendingCountryCode", "NO"), new("ReceivingCountryCode", "DE"), new("StartDate", "2021-10-04"), new("EndDate", "2021-10-22"),
                    new("Status", "Planned"), new("Version", "0"),
                ], "/mobiliteter/", $"SELECT count(*) FROM mobilities WHERE mobility_id = '{mobilityId}'");
            }
        }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

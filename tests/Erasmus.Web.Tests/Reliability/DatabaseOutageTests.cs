using System.Diagnostics;
using System.Globalization;
using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// The database goes away while the app runs: on a PostgreSQL server of the test's own, stopped
/// with pg_ctl -m immediate (no shutdown, connections cut) and started again. Pages must answer
/// with the friendly 503 page within a bound, readiness must say unhealthy, and once the server
/// is back the same signed-in client must be served again by the same app instance.
/// </summary>
public sealed class DatabaseOutageTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const string UnavailableTitle = "Tjenesten er midlertidig utilgjengelig";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly string[] Pages = ["/", "/organisasjoner", "/prosjekter", "/mobiliteter", "/mal", "/fylker", "/api/attainment?asOf=2024-01-01"];

    [Fact]
    public async Task While_the_database_is_down_pages_answer_a_friendly_503_in_bounded_time_and_the_app_recovers_without_a_restart()
    {
        var clock = Stopwatch.StartNew();
        await using var server = await PrivatePostgres.InitialiseAsync();
        await PostgresTools.ExecuteAsync(server.ConnectionString("postgres"), "CREATE DATABASE erasmus");
        var connectionString = server.ConnectionString("erasmus");
        await PostgresTools.MigrateAndSeedAsync(connectionString);
        output.WriteLine($"Own PostgreSQL on port {server.Port}: initialised, started, migrated and seeded in {clock.ElapsedMilliseconds} ms");

        await using var app = new ErasmusAppFactory(connectionString);
        // A coordinator: their start page reads the database (the analyst's does not).
        var client = await Sessions.SignInAsync(app, await Sessions.CreateUserAsync(app, TestRoles.Coordinator, "46"));
        int organisationId;
        await using (var db = new ErasmusDbContext(TestDatabases.OptionsFor(connectionString)))
        {
            var organisation = await new TestData(db).OrganisationAsync();
            await new TestData(db).ProjectAsync(organisation);
            organisationId = organisation.Id;
        }

        var pages = Pages.Append($"/organisasjoner/{organisationId}").ToArray();
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(page, UriKind.Relative))).StatusCode);
        }

        var token = await AppFixture.AntiforgeryTokenAsync(client, "/organisasjoner/ny");

        await server.StopImmediatelyAsync();
        output.WriteLine("PostgreSQL stopped (pg_ctl stop -m immediate). While it is down, all at once:");
        var down = await Task.WhenAll(pages.Select(page => TimedAsync(() => client.GetAsync(new Uri(page, UriKind.Relative))))
            .Append(TimedAsync(() => Sessions.PostAsync(client, "/organisasjoner/ny", token, OrganisationForm("Skrevet under driftsstans")))));
        foreach (var (page, (response, elapsed)) in pages.Select(p => $"GET {p}").Append("POST /organisasjoner/ny").Zip(down))
        {
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"  {page,-40} {(int)response.StatusCode} in {elapsed.TotalMilliseconds,6:0} ms, Retry-After {response.Headers.RetryAfter}");
            AssertFriendlyUnavailable(response, body, elapsed, page);
        }

        var (ready, readyElapsed) = await TimedAsync(() => client.GetAsync(new Uri("/health/ready", UriKind.Relative)));
        var readyBody = await ready.Content.ReadAsStringAsync();
        output.WriteLine($"  {"GET /health/ready",-40} {(int)ready.StatusCode} in {readyElapsed.TotalMilliseconds,6:0} ms: {readyBody}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Unhealthy", readyBody, StringComparison.Ordinal);
        Assert.True(readyElapsed < Bound, $"/health/ready took {readyElapsed}");

        var (live, _) = await TimedAsync(() => client.GetAsync(new Uri("/health/live", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var restart = Stopwatch.StartNew();
        await server.StartAsync();
        output.WriteLine($"PostgreSQL started again in {restart.ElapsedMilliseconds} ms (crash recovery). Same app, same client:");
        foreach (var page in pages.Append("/health/ready"))
        {
            var (response, elapsed) = await TimedAsync(() => client.GetAsync(new Uri(page, UriKind.Relative)));
            output.WriteLine($"  {"GET " + page,-40} {(int)response.StatusCode} in {elapsed.TotalMilliseconds,6:0} ms");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode} after the database came back");
            Assert.True(elapsed < Bound, $"{page} took {elapsed} after the database came back");
        }

        var saved = await Sessions.PostAsync(client, "/organisasjoner/ny", token, OrganisationForm("Skrevet etter driftsstans"));
        output.WriteLine($"  {"POST /organisasjoner/ny",-40} {(int)saved.StatusCode}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var check = new ErasmusDbContext(TestDatabases.OptionsFor(connectionString));
        Assert.Equal(["Skrevet etter driftsstans"], await check.Organisations.Where(o => o.Name.StartsWith("Skrevet")).Select(o => o.Name).ToListAsync());
        output.WriteLine($"Rows lost: 0 (the organisation and project from before are there: {await check.Projects.CountAsync()} project(s)); the post made during the outage wrote nothing.");
        Assert.True(await check.Organisations.AnyAsync(o => o.Id == organisationId));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Signing_in_while_the_database_is_unreachable_shows_the_friendly_503_page_in_every_environment(string environment)
    {
        // The instance reached its database before the outage, as every running instance has: the
        // data-protection keys are in the database, and without them no sign-in form can be issued.
        await using var server = await PrivatePostgres.InitialiseAsync();
        await PostgresTools.ExecuteAsync(server.ConnectionString("postgres"), "CREATE DATABASE erasmus");
        await PostgresTools.MigrateAndSeedAsync(server.ConnectionString("erasmus"));
        await using var app = new ErasmusAppFactory(server.ConnectionString("erasmus"), environment);
        // Production redirects to HTTPS.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/logg-inn");
        await server.StopImmediatelyAsync();

        var (response, elapsed) = await TimedAsync(() => Sessions.PostAsync(client, "/logg-inn", token,
            [KeyValuePair.Create("Email", "noen@test.no"), KeyValuePair.Create("Password", "et-passord-som-er-langt")]));
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{environment}: POST /logg-inn with the database unreachable: {(int)response.StatusCode} in {elapsed.TotalMilliseconds:0} ms");

        AssertFriendlyUnavailable(response, body, elapsed, "POST /logg-inn");
        Assert.Contains("<main", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_blocked_by_a_lock_gives_up_at_the_command_timeout_with_the_friendly_503_and_is_not_retried()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString)
            .WithWebHostBuilder(b => b.UseSetting("Database:CommandTimeoutSeconds", "2"));
        var client = await Sessions.SignInAsync(app, await Sessions.CreateUserAsync(app, TestRoles.Analyst));

        // A long migration or a stuck transaction elsewhere holds the table.
        await using (var locker = new NpgsqlConnection(database.ConnectionString))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand("LOCK TABLE organisations IN ACCESS EXCLUSIVE MODE", locker, transaction))
            {
                await command.ExecuteNonQueryAsync();
            }

            var (blocked, elapsed) = await TimedAsync(() => client.GetAsync(new Uri("/organisasjoner", UriKind.Relative)));
            output.WriteLine($"GET /organisasjoner while another transaction locks the table, command timeout 2 s: {(int)blocked.StatusCode} in {elapsed.TotalMilliseconds:0} ms");
            AssertFriendlyUnavailable(blocked, await blocked.Content.ReadAsStringAsync(), elapsed, "GET /organisasjoner");
            Assert.True(elapsed < TimeSpan.FromSeconds(4), $"A timed-out command was retried: {elapsed}");
            await transaction.RollbackAsync();
        }

        var (released, releasedElapsed) = await TimedAsync(() => client.GetAsync(new Uri("/organisasjoner", UriKind.Relative)));
        output.WriteLine($"GET /organisasjoner once the lock is released: {(int)released.StatusCode} in {releasedElapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
    }

    private static void AssertFriendlyUnavailable(HttpResponseMessage response, string body, TimeSpan elapsed, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        Assert.True(elapsed < Bound, $"{what} took {elapsed}");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains(UnavailableTitle, body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        await response.Content.LoadIntoBufferAsync();
        return (response, watch.Elapsed);
    }

    private static Dictionary<string, string> OrganisationForm(string name) => new()
    {
        ["Name"] = name,
        ["Type"] = nameof(OrganisationType.UpperSecondarySchool),
        ["CountryCode"] = "NO",
        ["OrganisationNumber"] = TestData.NewOrganisationNumber(),
        ["Oid"] = TestData.NewOid(),
        ["CountyNumber"] = "46",
        ["Municipality"] = "Bergen",
        ["FirstParticipationYear"] = "2016",
        ["Version"] = "0",
    };
}

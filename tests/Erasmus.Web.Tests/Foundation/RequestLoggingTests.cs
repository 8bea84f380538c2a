using System.Text.RegularExpressions;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Foundation;

public sealed partial class RequestLoggingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    /// <summary>Serilog.AspNetCore's request-completion logger.</summary>
    private const string RequestLog = "Serilog.AspNetCore.RequestLoggingMiddleware";

    [Fact]
    public async Task A_request_writes_one_log_line_with_method_path_status_elapsed_user_and_trace_id_and_no_query_string()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);
        var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/logg-inn?token=s3cret-token&password=hunter2", UriKind.Relative));
        response.EnsureSuccessStatusCode();

        var line = Assert.Single(app.Logs.Entries, e => e.Category == RequestLog);
        Assert.Equal("GET", line.Properties["RequestMethod"]);
        Assert.Equal("/logg-inn", line.Properties["RequestPath"]);
        Assert.Equal(200, line.Properties["StatusCode"]);
        Assert.IsType<double>(line.Properties["Elapsed"]);
        Assert.Equal("anonymous", line.Properties["UserName"]);
        var traceId = Assert.IsType<string>(line.Properties["TraceId"]);
        Assert.Matches(TraceIdPattern(), traceId);
        Assert.Matches(@"^HTTP GET /logg-inn responded 200 in \d+\.\d ms for anonymous trace [0-9a-f]{32}$", line.Message);
        // The JSON line carries the same trace id as the event's own, which log stores correlate on.
        Assert.Contains($"\"@tr\":\"{traceId}\"", line.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", line.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_requests_log_the_user_and_no_log_line_holds_a_password_cookie_form_value_or_query_string()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);
        var email = $"logget.{Guid.NewGuid():N}@test.no";
        const string password = "Passord-som-aldri-logges-77";
        const string wrongPassword = "Feil-passord-som-aldri-logges-88";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Logget bruker" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, TestRoles.Analyst)).Succeeded);
        }

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/logg-inn");
        var failed = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = wrongPassword });
        Assert.Equal(System.Net.HttpStatusCode.OK, failed.StatusCode);
        var signedIn = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)[1]).OrderByDescending(v => v.Length).First();
        var page = await client.GetAsync(new Uri("/organisasjoner?sok=hemmelig-sokeord-99", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);

        var requests = app.Logs.Entries.Where(e => e.Category == RequestLog).ToList();
        // GET, GET, POST (wrong password), GET, POST (signed in), GET: one line each.
        Assert.Equal(6, requests.Count);
        var last = requests[^1];
        Assert.Equal("/organisasjoner", last.Properties["RequestPath"]);
        Assert.Equal(email, last.Properties["UserName"]);
        Assert.Contains($"for {email} trace ", last.Message, StringComparison.Ordinal);
        Assert.Equal("anonymous", requests[2].Properties["UserName"]);
        Assert.Equal("POST", requests[2].Properties["RequestMethod"]);

        Assert.True(cookie.Length > 20, "the sign-in cookie was not found");
        foreach (var entry in app.Logs.Entries)
        {
            foreach (var secret in new[] { password, wrongPassword, cookie, token, "hemmelig-sokeord-99", "sok=" })
            {
                Assert.DoesNotContain(secret, entry.Json, StringComparison.Ordinal);
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceIdPattern();
}

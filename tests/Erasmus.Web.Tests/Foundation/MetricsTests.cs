using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Foundation;

/// <summary>
/// /metrics from the app as its own process: Npgsql's meter is process-wide, so in the test process it
/// would also show the tests' own connection pools.
/// </summary>
public sealed class MetricsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Metrics_show_http_runtime_npgsql_and_the_apps_own_figures_and_never_a_connection_string()
    {
        var admin = await CreateUserAsync(TestRoles.Administrator);
        var analyst = await CreateUserAsync(TestRoles.Analyst);
        Project project;
        Organisation school;
        await using (var db = database.CreateDbContext())
        {
            var data = new TestData(db);
            school = await data.OrganisationAsync("46");
            project = await data.ProjectAsync(school, ProjectAction.KA122, Sector.VET);
        }

        await using var app = await AppProcess.StartAsync(database.ConnectionString, DataFolder());
        using (var importer = Client(app.BaseUrl))
        {
            await SignInAsync(importer, analyst);
            var file = ImportTestKit.Csv(ImportTestKit.MobilityHeader, [ImportTestKit.Row(project.Reference, ImportTestKit.NewMobilityId(), school.Oid)]);
            await ImportTestKit.ConfirmAsync(importer, await ImportTestKit.UploadAndReadAsync(importer, "mobiliteter.csv", file));
        }

        using var client = Client(app.BaseUrl);

        var failed = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = admin, ["Password"] = "Ikke-passordet-123" });
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        await SignInAsync(client, admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/mal", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/mal", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/reports/status.xlsx?asOf=2021-09-30", UriKind.Relative))).StatusCode);

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await response.Content.ReadAsStringAsync();

        // ASP.NET Core's HTTP server metrics, by route template.
        Assert.Contains("http_server_request_duration_seconds_count{", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"mal\"", metrics, StringComparison.Ordinal);
        // The runtime's.
        Assert.Contains("dotnet_process_memory_working_set_bytes", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", metrics, StringComparison.Ordinal);
        // Npgsql's, labelled with the data source's name.
        Assert.Contains("db_client_operation_duration_seconds_count{", metrics, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_pool_name=\"erasmus\"", metrics, StringComparison.Ordinal);
        // The app's own.
        Assert.Contains("erasmus_sign_in_failures_total{otel_scope_name=\"Erasmus.Web\",reason=\"invalid_credentials\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("erasmus_cache_computations_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("erasmus_cache_hits_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("erasmus_report_duration_seconds_count{otel_scope_name=\"Erasmus.Web\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("erasmus_imports_total{otel_scope_name=\"Erasmus.Web\",outcome=\"read\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("erasmus_imports_total{otel_scope_name=\"Erasmus.Web\",outcome=\"confirmed\"} 1", metrics, StringComparison.Ordinal);
        var inserted = Assert.Single(Lines(metrics, "erasmus_import_rows_total{"), l => l.Contains("change=\"inserted\"", StringComparison.Ordinal));
        Assert.Contains("kind=\"mobilities\"", inserted, StringComparison.Ordinal);
        Assert.EndsWith(" 1", inserted, StringComparison.Ordinal);
        // No connection string, nor any part of it, in a label.
        Assert.DoesNotContain("Password=", metrics, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", metrics, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Username=", metrics, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Metrics_are_for_administrators_only()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };

        var anonymous = await app.CreateClient(options).GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/logg-inn?returnUrl=%2Fmetrics", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);

        foreach (var (role, expected) in new[] { (TestRoles.Analyst, HttpStatusCode.Forbidden), (TestRoles.Coordinator, HttpStatusCode.Forbidden), (TestRoles.Administrator, HttpStatusCode.OK) })
        {
            var client = app.CreateClient(options);
            await SignInAsync(client, await CreateUserAsync(role, role == TestRoles.Coordinator ? "46" : null));
            var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.True(expected == response.StatusCode, $"{role}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_internal_metrics_port_serves_metrics_without_sign_in_and_nothing_else()
    {
        var admin = await CreateUserAsync(TestRoles.Administrator);
        var port = AppProcess.FreePort();
        await using var app = await AppProcess.StartAsync(database.ConnectionString, DataFolder(),
            settings: new Dictionary<string, string> { ["Metrics__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var response = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The app's port answered the start-up's /health/ready, so both ports listen.
        Assert.Contains("http_route=\"/health/ready\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync(new Uri("/logg-inn", UriKind.Relative))).StatusCode);

        // ... and the app's own port no longer serves it, not even to an administrator.
        using var client = Client(app.BaseUrl);
        await SignInAsync(client, admin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
    }

    private static IEnumerable<string> Lines(string metrics, string prefix) => metrics.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static string DataFolder() => Path.Combine(Path.GetTempPath(), "erasmus-tests", "metrics-" + Guid.NewGuid().ToString("N"));

    private static HttpClient Client(string baseUrl) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri(baseUrl) };

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var response = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = AppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<string> CreateUserAsync(string role, string? county = null)
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"metrics.{role.ToLowerInvariant()}.{Guid.NewGuid():N}@test.no";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Metrics " + role, CountyNumber = county };
        Assert.True((await users.CreateAsync(user, AppFixture.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }
}

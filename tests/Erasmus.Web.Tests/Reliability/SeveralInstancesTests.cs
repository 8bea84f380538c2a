using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Several app instances behind a load balancer, on one database and one shared data folder (the
/// data-protection keys): a browser's requests may land on any of them, so each must accept the
/// sign-in cookie, the antiforgery token and the TempData cookie the others issued, and a restarted
/// instance must too. No sticky sessions.
/// </summary>
public sealed class SeveralInstancesTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>, IDisposable
{
    private readonly string _sharedFolder = Path.Combine(Path.GetTempPath(), $"erasmus-shared-{Guid.NewGuid():N}");
    private readonly string _otherFolder = Path.Combine(Path.GetTempPath(), $"erasmus-other-{Guid.NewGuid():N}");

    [Fact]
    public async Task Instances_sharing_the_data_folder_accept_each_others_cookies_and_tokens_and_a_restart_keeps_users_signed_in()
    {
        // One browser: one cookie jar, whichever instance answers.
        var browser = new CookieContainer();
        HttpClient Via(WebApplicationFactory<Program> instance) => instance.CreateDefaultClient(new CookieContainerHandler(browser));

        await using var first = Instance(_sharedFolder);
        await using var second = Instance(_sharedFolder);
        var email = await Sessions.CreateUserAsync(first, TestRoles.Analyst);

        // The sign-in form comes from the first instance and is posted to the second.
        var signInToken = await AppFixture.AntiforgeryTokenAsync(Via(first), "/logg-inn");
        var signIn = await Sessions.PostAsync(Via(second), "/logg-inn", signInToken,
            [KeyValuePair.Create("Email", email), KeyValuePair.Create("Password", AppFixture.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_sharedFolder, "keys"), "key-*.xml"));
        output.WriteLine($"Sign-in form from instance 1, posted to instance 2: {(int)signIn.StatusCode} → {signIn.Headers.Location}");

        foreach (var (name, instance) in new[] { ("instance 1", first), ("instance 2", second) })
        {
            var home = await Via(instance).GetAsync(new Uri("/", UriKind.Relative));
            output.WriteLine($"GET / on {name} with that cookie: {(int)home.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        // A form from instance 2, saved on instance 1; the notice (TempData cookie) read on instance 2.
        var formToken = await AppFixture.AntiforgeryTokenAsync(Via(second), "/organisasjoner/ny");
        var created = await Sessions.PostAsync(Via(first), "/organisasjoner/ny", formToken, OrganisationForm());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = await (await Via(second).GetAsync(created.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("er registrert", details, StringComparison.Ordinal);
        output.WriteLine($"Form from instance 2 posted to instance 1: {(int)created.StatusCode}; its notice shown by instance 2");

        // A restart: instance 1 goes away, a new process on the same folder still knows the browser.
        await first.DisposeAsync();
        await using var restarted = Instance(_sharedFolder);
        var afterRestart = await Via(restarted).GetAsync(new Uri("/organisasjoner", UriKind.Relative));
        output.WriteLine($"GET /organisasjoner on a restarted instance: {(int)afterRestart.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);

        // The control: an instance with keys of its own does not know the cookie, so sharing is what works.
        await using var stranger = Instance(_otherFolder);
        var refused = await Via(stranger).GetAsync(new Uri("/organisasjoner", UriKind.Relative));
        output.WriteLine($"GET /organisasjoner on an instance with other keys: {(int)refused.StatusCode} → {refused.Headers.Location}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/logg-inn", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { _sharedFolder, _otherFolder }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private WebApplicationFactory<Program> Instance(string dataFolder) =>
        new ErasmusAppFactory(database.ConnectionString).WithWebHostBuilder(b => b.UseSetting("DataFolder", dataFolder));

    private static Dictionary<string, string> OrganisationForm() => new()
    {
        ["Name"] = $"Lastbalansert skole {TestData.NextSerial()}",
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

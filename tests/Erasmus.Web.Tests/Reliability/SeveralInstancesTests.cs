using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Erasmus.Domain.Entities;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Several app instances behind a load balancer on one database, each with a data folder of its own
/// (nothing shared on disk): a browser's requests may land on any of them, so each must accept the
/// sign-in cookie, the antiforgery token and the TempData cookie the others issued, and a restarted
/// instance must too. The data-protection keys that make this work live in the database, encrypted
/// by a certificate when one is configured. No sticky sessions.
/// </summary>
public sealed class SeveralInstancesTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>, IDisposable
{
    private const string CertificatePassword = "test-certificate";
    private readonly List<string> _folders = [];

    [Fact]
    public async Task Instances_without_a_shared_folder_accept_each_others_cookies_and_tokens_and_a_restart_keeps_users_signed_in()
    {
        // One browser: one cookie jar, whichever instance answers.
        var browser = new CookieContainer();
        HttpClient Via(WebApplicationFactory<Program> instance) => instance.CreateDefaultClient(new CookieContainerHandler(browser));

        await using var first = Instance(database.ConnectionString);
        await using var second = Instance(database.ConnectionString);
        var email = await Sessions.CreateUserAsync(first, TestRoles.Analyst);

        // The sign-in form comes from the first instance and is posted to the second.
        var signInToken = await AppFixture.AntiforgeryTokenAsync(Via(first), "/logg-inn");
        var signIn = await Sessions.PostAsync(Via(second), "/logg-inn", signInToken,
            [KeyValuePair.Create("Email", email), KeyValuePair.Create("Password", AppFixture.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
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

        // A restart: instance 1 goes away, a new process with yet another folder still knows the browser.
        await first.DisposeAsync();
        await using var restarted = Instance(database.ConnectionString);
        var afterRestart = await Via(restarted).GetAsync(new Uri("/organisasjoner", UriKind.Relative));
        output.WriteLine($"GET /organisasjoner on a restarted instance: {(int)afterRestart.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);

        // The keys are in the database, unencrypted without a certificate, and none on disk.
        var keys = await KeyXmlAsync(database.ConnectionString);
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<masterKey", k, StringComparison.Ordinal));
        Assert.Empty(_folders.Where(Directory.Exists).SelectMany(f => Directory.GetFiles(f, "*.xml", SearchOption.AllDirectories)));

        // The control: an instance on another database has other keys and does not know the cookie,
        // so the shared keys are what works.
        var otherDatabase = await TestDatabases.CreateFromTemplateAsync();
        try
        {
            await using var stranger = Instance(TestDatabases.ConnectionStringFor(otherDatabase));
            var refused = await Via(stranger).GetAsync(new Uri("/organisasjoner", UriKind.Relative));
            output.WriteLine($"GET /organisasjoner on an instance of another database: {(int)refused.StatusCode} → {refused.Headers.Location}");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/logg-inn", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabases.DropAsync(otherDatabase);
        }
    }

    [Fact]
    public async Task With_a_certificate_configured_the_keys_are_encrypted_at_rest_and_still_shared()
    {
        var certificate = CertificateFile();
        var settings = new Dictionary<string, string>
        {
            ["DataProtection:Certificate:Path"] = certificate,
            ["DataProtection:Certificate:Password"] = CertificatePassword,
        };
        var name = await TestDatabases.CreateFromTemplateAsync();
        var connectionString = TestDatabases.ConnectionStringFor(name);
        try
        {
            var browser = new CookieContainer();
            HttpClient Via(WebApplicationFactory<Program> instance) => instance.CreateDefaultClient(new CookieContainerHandler(browser));
            await using var first = Instance(connectionString, settings);
            await using var second = Instance(connectionString, settings);
            var email = await Sessions.CreateUserAsync(first, TestRoles.Analyst);

            var signInToken = await AppFixture.AntiforgeryTokenAsync(Via(first), "/logg-inn");
            var signIn = await Sessions.PostAsync(Via(second), "/logg-inn", signInToken,
                [KeyValuePair.Create("Email", email), KeyValuePair.Create("Password", AppFixture.Password)]);
            var home = await Via(first).GetAsync(new Uri("/organisasjoner", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            var keys = await KeyXmlAsync(connectionString);
            Assert.NotEmpty(keys);
            Assert.All(keys, k =>
            {
                Assert.Contains("<encryptedSecret", k, StringComparison.Ordinal);
                Assert.Contains("<EncryptedData", k, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", k, StringComparison.Ordinal);
            });
            output.WriteLine($"{keys.Count} key(s) in data_protection_keys, encrypted with the certificate");
        }
        finally
        {
            await TestDatabases.DropAsync(name);
        }
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private WebApplicationFactory<Program> Instance(string connectionString, Dictionary<string, string>? settings = null)
    {
        var folder = NewFolder();
        return new ErasmusAppFactory(connectionString).WithWebHostBuilder(b =>
        {
            b.UseSetting("DataFolder", folder);
            foreach (var (key, value) in settings ?? [])
            {
                b.UseSetting(key, value);
            }
        });
    }

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"erasmus-instance-{Guid.NewGuid():N}");
        _folders.Add(folder);
        return folder;
    }

    /// <summary>A self-signed certificate with its private key, as an operator would provide a .pfx file.</summary>
    private string CertificateFile()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Erasmus data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var folder = NewFolder();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "data-protection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    private static async Task<List<string>> KeyXmlAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY id", connection);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

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

using System.Net;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Foundation;

public sealed class HealthTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Ready_is_healthy_when_the_database_is_migrated()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);
        var response = await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_is_503_when_the_database_is_unreachable()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await using var app = new ErasmusAppFactory("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=3");
        var client = app.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Unhealthy", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Ready_is_503_when_a_migration_is_pending()
    {
        var empty = await TestDatabases.CreateEmptyAsync();
        try
        {
            await using var app = new ErasmusAppFactory(TestDatabases.ConnectionStringFor(empty));
            var ready = await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("Pending migrations", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabases.DropAsync(empty);
        }
    }
}

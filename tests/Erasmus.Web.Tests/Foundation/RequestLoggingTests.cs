using Erasmus.Web.Infrastructure.Logging;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Foundation;

public sealed class RequestLoggingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_request_writes_one_log_line_with_status_and_elapsed_time_and_no_query_string()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);
        var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/logg-inn?token=s3cret-token&password=hunter2", UriKind.Relative));
        response.EnsureSuccessStatusCode();

        var lines = app.Logs.Entries.Where(e => e.Category == typeof(RequestLoggingMiddleware).FullName).ToList();
        var line = Assert.Single(lines);
        Assert.Equal("GET", line.Properties["RequestMethod"]);
        Assert.Equal("/logg-inn", line.Properties["RequestPath"]);
        Assert.Equal(200, line.Properties["StatusCode"]);
        Assert.IsType<double>(line.Properties["ElapsedMs"]);
        Assert.False(string.IsNullOrEmpty(line.Properties["TraceId"] as string));
        Assert.DoesNotContain("s3cret-token", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line.Message, StringComparison.Ordinal);
        Assert.Contains(" 200 ", line.Message, StringComparison.Ordinal);
    }
}

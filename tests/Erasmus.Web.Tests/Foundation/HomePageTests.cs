using AngleSharp.Html.Parser;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Foundation;

public sealed class HomePageTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Home_page_renders_in_bokmal_with_landmarks_and_security_headers()
    {
        await using var app = new ErasmusAppFactory(database.ConnectionString);
        var response = await app.CreateClient().GetAsync(new Uri("/", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal("nb", document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(document.QuerySelector("header"));
        Assert.NotNull(document.QuerySelector("nav[aria-label]"));
        Assert.NotNull(document.QuerySelector("main#main"));
        Assert.Equal("Erasmus+ deltakelse", document.QuerySelector("h1")?.TextContent);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Foundation;

public sealed class HomePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Home_page_renders_in_bokmal_with_landmarks_for_a_signed_in_user()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var document = await AppFixture.GetDocumentAsync(client, "/");

        Assert.Equal("nb", document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(document.QuerySelector("header"));
        Assert.NotNull(document.QuerySelector("nav[aria-label]"));
        Assert.NotNull(document.QuerySelector("main#main"));
        Assert.NotNull(document.QuerySelector("a.skip-link[href='#main']"));
        Assert.Equal("Erasmus+ deltakelse", document.QuerySelector("h1")?.TextContent);
    }
}

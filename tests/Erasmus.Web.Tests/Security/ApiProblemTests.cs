using System.Net;
using System.Text.Json;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// /api/... is for programs: a request that is not signed in gets 401 and one that is not allowed gets
/// 403, both as problem JSON, never a redirect to the HTML sign-in page (#15 item 16); pages still redirect.
/// </summary>
public sealed class ApiProblemTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/api/attainment?asOf=2021-09-30")]
    [InlineData("/api/attainment.csv?asOf=2021-09-30")]
    [InlineData("/api/ukjent")]
    public async Task An_anonymous_api_request_gets_401_with_problem_json(string url)
    {
        var response = await app.CreateClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        using var problem = await ProblemAsync(response);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Du er ikke logget inn", problem.RootElement.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task The_problem_is_in_english_for_an_english_request()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/api/attainment?asOf=2021-09-30&culture=en-GB", UriKind.Relative));

        using var problem = await ProblemAsync(response);
        Assert.Equal("You are not signed in", problem.RootElement.GetProperty("title").GetString());
    }

    /// <summary>No API action refuses a signed-in user today, so a stand-in /api endpoint asks the real sign-in scheme to refuse.</summary>
    [Fact]
    public async Task A_request_that_is_not_allowed_gets_403_with_problem_json()
    {
        await using var withRefusingEndpoint = new ErasmusAppFactory(app.ConnectionString)
        {
            ConfigureExtraServices = services => services.AddTransient<IStartupFilter, RefusingApiEndpoint>(),
        };
        var client = withRefusingEndpoint.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/api/nekt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var problem = await ProblemAsync(response);
        Assert.Equal(403, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Ingen tilgang", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Pages_still_send_an_anonymous_browser_to_the_sign_in_page()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/mal", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/logg-inn?returnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private sealed class RefusingApiEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/api/nekt", branch => branch.Run(context => context.ForbidAsync()));
            next(app);
        };
    }
}

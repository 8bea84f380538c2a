using System.Net;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Foundation;

public sealed class ErrorPageTests(AppFixture database) : IClassFixture<AppFixture>
{
    private ErasmusAppFactory CreateApp(string environment) => new(database.ConnectionString, environment)
    {
        ConfigureExtraServices = services => services.AddControllers().AddApplicationPart(typeof(ThrowingController).Assembly),
    };

    [Fact]
    public async Task Production_error_page_shows_a_trace_id_and_no_stack_trace()
    {
        await using var app = CreateApp("Production");
        var response = await app.CreateClient().GetAsync(new Uri("/test-only/throw", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Noe gikk galt", html, StringComparison.Ordinal);
        Assert.Contains("class=\"trace-id\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingController.SecretMessage, html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowingController), html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_page_gets_a_404_page_in_the_site_layout()
    {
        var client = await database.SignInAsAsync(TestRoles.Analyst);
        var response = await client.GetAsync(new Uri("/finnes-ikke", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Fant ikke siden", html, StringComparison.Ordinal);
        Assert.Contains("<main", html, StringComparison.Ordinal);
        Assert.Contains("Hopp til hovedinnholdet", html, StringComparison.Ordinal);
    }
}

/// <summary>Added to the app only by these tests: an action that fails.</summary>
[AllowAnonymous]
[Route("test-only")]
public sealed class ThrowingController : Controller
{
    public const string SecretMessage = "connection password is hunter2";

    [HttpGet("throw")]
#pragma warning disable CA1822 // MVC actions are instance methods

    public IActionResult Throw() => throw new InvalidOperationException(SecretMessage);
#pragma warning restore CA1822
}

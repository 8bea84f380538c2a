using System.Net;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>Users and signed-in clients for an app factory of the test's own (not an <see cref="AppFixture"/>'s).</summary>
internal static class Sessions
{
    public static async Task<string> CreateUserAsync(WebApplicationFactory<Program> app, string role, string? county = null)
    {
        var email = $"{role.ToLowerInvariant()}.{county ?? "x"}.{Guid.NewGuid():N}@test.no";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role} {county}", CountyNumber = county };
        Assert.True((await users.CreateAsync(user, AppFixture.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    public static HttpClient NewClient(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> app, string email)
    {
        var client = NewClient(app);
        var response = await AppFixture.PostFormAsync(client, "/logg-inn", "/logg-inn", new() { ["Email"] = email, ["Password"] = AppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        await client.PostAsync(new Uri(url, UriKind.Relative),
            new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("__RequestVerificationToken", token))));
}

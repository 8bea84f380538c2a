using System.Net;
using Erasmus.Web.Infrastructure.Security;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Erasmus.Web.Tests.Security;

/// <summary>Without configured providers (the default) nothing of the external sign-in is reachable.</summary>
public sealed class ExternalSignInOffTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task By_default_the_sign_in_page_has_no_provider_and_the_provider_paths_sign_no_one_in()
    {
        var client = app.CreateClient();

        var page = await AppFixture.GetDocumentAsync(client, "/logg-inn");
        var start = await client.GetAsync(new Uri("/logg-inn/ekstern/test", UriKind.Relative));
        var handlerCallback = await client.GetAsync(new Uri("/signin-oidc-test?code=abc&state=def", UriKind.Relative));
        var appCallback = await client.GetAsync(new Uri("/logg-inn/ekstern/tilbake", UriKind.Relative));

        Assert.Null(page.QuerySelector(".external-sign-in"));
        Assert.Empty(page.QuerySelectorAll("a[href^='/logg-inn/ekstern']"));
        Assert.NotNull(page.QuerySelector("input[name=Password]"));
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        // No handler answers the callback path: the request is an anonymous one for a page that needs sign-in.
        Assert.Equal(HttpStatusCode.Redirect, handlerCallback.StatusCode);
        Assert.Contains("/logg-inn?returnUrl=%2Fsignin-oidc-test", handlerCallback.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, appCallback.StatusCode);
        Assert.Equal("/logg-inn", appCallback.Headers.Location!.OriginalString);
        Assert.DoesNotContain(new[] { handlerCallback, appCallback }.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var c) ? c : []),
            c => c.StartsWith("erasmus.auth=", StringComparison.Ordinal) && !c.StartsWith("erasmus.auth=;", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provider_with_a_setting_missing_stops_the_start_with_a_message_that_names_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExternalLogin:Providers:hkdir:DisplayName"] = "HK-dir",
            ["ExternalLogin:Providers:hkdir:Authority"] = "https://login.microsoftonline.com/tenant/v2.0",
            ["ExternalLogin:Providers:hkdir:ClientId"] = "client",
            ["ExternalLogin:Providers:Feide_X:DisplayName"] = "Feide",
            ["ExternalLogin:Providers:Feide_X:Authority"] = "http://auth.dataporten.no",
            ["ExternalLogin:Providers:Feide_X:ClientId"] = "client",
            ["ExternalLogin:Providers:Feide_X:ClientSecret"] = "secret",
            ["ExternalLogin:Providers:off:Enabled"] = "false",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ExternalLoginOptions.From(configuration));

        Assert.Contains("ExternalLogin:Providers:hkdir:ClientSecret is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExternalLogin:Providers:Feide_X: the name must be", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExternalLogin:Providers:Feide_X:Authority must use https", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Providers:off", error.Message, StringComparison.Ordinal);
    }
}

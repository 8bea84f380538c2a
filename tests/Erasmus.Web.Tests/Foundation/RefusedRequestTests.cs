using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Erasmus.Web.Infrastructure.Web;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Reliability;

namespace Erasmus.Web.Tests.Foundation;

/// <summary>
/// Issue #15, found by the hostile-input property: a form the form reader refuses (a field name of
/// 300 000 characters, a NUL) or a post without a valid antiforgery token answered 400 with an empty
/// page on every form, because the re-executed status page was itself refused. Every refusal must get
/// the 400 page in the site's layout with its reason, in the user's language, and write nothing.
/// </summary>
public sealed class RefusedRequestTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Forms of different areas, one of them anonymous: the answer comes from one place, not from each action.</summary>
    public static TheoryData<string, string> Forms => new()
    {
        { "/oyeblikksbilder/ny", "/oyeblikksbilder/ny" },
        { "/konto/passord", "/konto/passord" },
        { "/konto/passord", "/sprak" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_the_reader_refuses_gets_the_400_page_with_its_reason_in_bokmal_and_english(string page, string action)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var token = await AppFixture.AntiforgeryTokenAsync(client, page);
        string[] hostile =
        [
            $"{new string('k', 300_000)}=x",
            "Awarded%5BSkole%00Skole%5D=Navn%1B%5B31m",
            "Name=Sk%00ole",
            string.Concat(Enumerable.Range(0, 1100).Select(i => $"f{i}=1&")) + "g=1",
        ];

        foreach (var english in new[] { false, true })
        {
            if (english)
            {
                await AppFixture.PostFormAsync(client, page, "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });
                token = await AppFixture.AntiforgeryTokenAsync(client, page);
            }

            foreach (var fields in hostile)
            {
                var (status, title, message) = await PostAsync(client, action, $"__RequestVerificationToken={Uri.EscapeDataString(token)}&{fields}");
                Assert.Equal(HttpStatusCode.BadRequest, status);
                Assert.Equal(english ? "The request could not be processed" : "Forespørselen kunne ikke behandles", title);
                Assert.StartsWith(english ? "The form could not be read" : "Skjemaet kunne ikke leses", message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_post_without_a_valid_token_gets_the_400_page_saying_the_form_expired(string page, string action)
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        await AppFixture.GetDocumentAsync(client, page);
        foreach (var token in new[] { "", "__RequestVerificationToken=CfDJ8-not-a-token&", })
        {
            var (status, title, message) = await PostAsync(client, action, token + "Name=Ny&AsOf=2021-09-30");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("Forespørselen kunne ikke behandles", title);
            Assert.Equal(RefusedRequest.ExpiredFormMessage, message);
        }
    }

    [Fact]
    public async Task A_nul_in_the_address_gets_the_400_page_with_its_reason()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        var response = await client.GetAsync(new Uri("/organisasjoner?Search=a%00b", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RefusedRequest.UnusableAddressMessage, document.QuerySelector("main .error-message")?.TextContent.Trim());
    }

    /// <summary>Posts the raw body and returns the status, the page's heading and its message; the page must be in the layout and nothing written.</summary>
    private async Task<(HttpStatusCode Status, string? Title, string? Message)> PostAsync(HttpClient client, string action, string body)
    {
        var before = await TableChecksums.ReadAsync(app.ConnectionString, HostileFormRun.Recorded);
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var response = await client.PostAsync(new Uri(action, UriKind.Relative), content);
        var html = await response.Content.ReadAsStringAsync();
        var after = await TableChecksums.ReadAsync(app.ConnectionString, HostileFormRun.Recorded);
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(TableChecksums.Changed(before, after));
        Assert.NotNull(document.QuerySelector("header nav, header a[href='/']"));
        Assert.NotNull(document.QuerySelector("form[action='/sprak']"));
        return (response.StatusCode, document.QuerySelector("main h1")?.TextContent.Trim(), document.QuerySelector("main .error-message")?.TextContent.Trim());
    }
}

using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Access decisions for sign-in through an identity provider: open to anyone, like the sign-in page. The
/// matrix's app has no provider configured (the default), so starting one answers 404 and the callback
/// sends the browser back to the sign-in page; ExternalSignInTests cover them with providers.
/// </summary>
public sealed class ExternalLoginDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["ExternalLogin.Start GET"] = _ => [new("GET", "/logg-inn/ekstern/test", NotFound, NotFound, NotFound, NotFound, NotFound)],
        ["ExternalLogin.Callback GET"] = _ => [new("GET", "/logg-inn/ekstern/tilbake", Allowed, Allowed, Allowed, Allowed, Allowed)],
        ["ExternalLogin.Failed GET"] = _ => [new("GET", "/logg-inn/ekstern/feil?provider=test", Allowed, Allowed, Allowed, Allowed, Allowed)],
    };
}

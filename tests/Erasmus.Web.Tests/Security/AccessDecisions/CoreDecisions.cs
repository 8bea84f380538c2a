using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>Access decisions for sign-in, errors, home, audit and user administration.</summary>
public sealed class CoreDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Account.Login GET"] = _ => [new("GET", "/logg-inn", Allowed, Allowed, Allowed, Allowed, Allowed)],
        ["Account.Login POST"] = _ => [new("POST", "/logg-inn", Allowed, Allowed, Allowed, Allowed, Allowed) { Form = { ["Email"] = "x@test.no", ["Password"] = "feil" } }],
        ["Account.Logout POST"] = _ => [new("POST", "/logg-ut", SignIn, Allowed, Allowed, Allowed, Allowed) { FreshClient = true }],
        ["Account.ChangePassword GET"] = _ => [new("GET", "/konto/passord", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Account.ChangePassword POST"] = _ => [new("POST", "/konto/passord", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Account.SetPassword GET"] = _ => [new("GET", "/konto/nytt-passord?userId=x&token=y", Allowed, Allowed, Allowed, Allowed, Allowed)],
        ["Account.SetPassword POST"] = _ => [new("POST", "/konto/nytt-passord", Allowed, Allowed, Allowed, Allowed, Allowed) { Form = { ["UserId"] = "x", ["Token"] = "y" } }],
        ["Errors.ServerError ANY"] = _ => [new("GET", "/feil", Allowed, Allowed, Allowed, Allowed, Allowed) { IsErrorPage = true }],
        ["Errors.Status ANY"] = _ => [new("GET", "/feil/404", NotFound, NotFound, NotFound, NotFound, NotFound)],
        ["Home.Index GET"] = _ => [new("GET", "/", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Audit.Index GET"] = _ => [new("GET", "/revisjonslogg", SignIn, Allowed, Allowed, Forbidden, Forbidden)],
        ["Audit.History GET"] = r =>
        [
            new("GET", $"/historikk/Project/1", SignIn, Allowed, Allowed, Allowed, Allowed),
            new("GET", $"/historikk/ApplicationUser/{r.VictimUserId}", SignIn, Allowed, Forbidden, Forbidden, Forbidden),
        ],
        ["Users.Index GET"] = _ => [AdminOnly("GET", "/admin/brukere")],
        ["Users.Create GET"] = _ => [AdminOnly("GET", "/admin/brukere/ny")],
        ["Users.Create POST"] = _ => [AdminOnly("POST", "/admin/brukere/ny")],
        ["Users.Edit GET"] = r => [AdminOnly("GET", $"/admin/brukere/{r.VictimUserId}")],
        ["Users.Edit POST"] = r => [AdminOnly("POST", $"/admin/brukere/{r.VictimUserId}")],
        ["Users.Lock POST"] = r => [AdminOnly("POST", $"/admin/brukere/{r.VictimUserId}/las")],
        ["Users.Unlock POST"] = r => [AdminOnly("POST", $"/admin/brukere/{r.VictimUserId}/las-opp")],
        ["Users.Deactivate POST"] = r => [AdminOnly("POST", $"/admin/brukere/{r.VictimUserId}/deaktiver")],
        ["Users.Reactivate POST"] = r => [AdminOnly("POST", $"/admin/brukere/{r.VictimUserId}/aktiver")],
        ["Users.ResetPassword POST"] = r => [AdminOnly("POST", $"/admin/brukere/{r.VictimUserId}/passordlenke")],
    };

    private static Case AdminOnly(string method, string url) => new(method, url, SignIn, Allowed, Forbidden, Forbidden, Forbidden);
}

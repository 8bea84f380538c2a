using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Organisations: everyone signed in reads; analysts edit all; a coordinator edits only their own
/// county's organisations (another county's edit page is 403); administrators do not edit records.
/// Foreign organisations belong to no county: only analysts edit them.
/// </summary>
public sealed class OrganisationDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Organisations.Index GET"] = _ => [new("GET", "/organisasjoner?Search=skole&Sort=type&Dir=desc", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Organisations.Details GET"] = r => [new("GET", $"/organisasjoner/{r.OrganisationId}", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Organisations.Create GET"] = _ => [new("GET", "/organisasjoner/ny", SignIn, Forbidden, Allowed, Allowed, Allowed)],
        ["Organisations.Create POST"] = _ => [new("POST", "/organisasjoner/ny", SignIn, Forbidden, Allowed, Allowed, Allowed)],
        ["Organisations.Edit GET"] = r =>
        [
            new("GET", $"/organisasjoner/{r.OrganisationId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden),
            new("GET", $"/organisasjoner/{r.ForeignOrganisationId}/endre", SignIn, Forbidden, Allowed, Forbidden, Forbidden),
        ],
        ["Organisations.Edit POST"] = r => [new("POST", $"/organisasjoner/{r.OrganisationId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Organisations.Delete GET"] = r => [new("GET", $"/organisasjoner/{r.OrganisationId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Organisations.DeleteConfirmed POST"] = r => [new("POST", $"/organisasjoner/{r.OrganisationId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
    };
}

using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Accreditations: everyone signed in reads; analysts edit all; a coordinator edits only
/// accreditations whose holder is in their county (another county's edit and delete pages are 403);
/// administrators do not edit records. The delete post carries no version here, so it is refused as
/// a stale confirmation and the matrix record survives for the other cases.
/// </summary>
public sealed class AccreditationDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Accreditations.Index GET"] = _ => [new("GET", "/akkrediteringer?Search=NO01&Sector=VET&Status=Active&DecisionYear=2021&County=46&Sort=holder&Dir=desc", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Accreditations.Details GET"] = r => [new("GET", $"/akkrediteringer/{r.AccreditationId}", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Accreditations.Create GET"] = _ => [new("GET", "/akkrediteringer/ny", SignIn, Forbidden, Allowed, Allowed, Allowed)],
        ["Accreditations.Create POST"] = _ => [new("POST", "/akkrediteringer/ny", SignIn, Forbidden, Allowed, Allowed, Allowed)],
        ["Accreditations.Edit GET"] = r => [new("GET", $"/akkrediteringer/{r.AccreditationId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Accreditations.Edit POST"] = r => [new("POST", $"/akkrediteringer/{r.AccreditationId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Accreditations.Delete GET"] = r => [new("GET", $"/akkrediteringer/{r.AccreditationId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Accreditations.DeleteConfirmed POST"] = r => [new("POST", $"/akkrediteringer/{r.AccreditationId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
    };
}

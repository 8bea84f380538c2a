using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Mobilities: everyone signed in reads; a mobility belongs where its project belongs, so analysts edit
/// all and a coordinator only those of their county's projects (another county's pages are 403);
/// administrators do not edit records. Copy and the grid are registrations in the project, decided as the create form.
/// The grid's post carries no rows here, so it only shows the grid again with its message. The delete post carries no version here, so it only shows the
/// confirmation again and the shared mobility survives for the other cases.
/// </summary>
public sealed class MobilityDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Mobilities.Index GET"] = _ =>
        [
            new("GET", "/mobiliteter?Search=MOB&Sector=VET&Status=Realised&Sort=start&Dir=desc", SignIn, Allowed, Allowed, Allowed, Allowed),
            new("GET", "/mobiliteter?Project=2021-1-NO01-KA122-VET-000000001&County=46&CallYear=2021&ActivityType=LM-SHORT-VET", SignIn, Allowed, Allowed, Allowed, Allowed),
        ],
        ["Mobilities.Details GET"] = r => [new("GET", $"/mobiliteter/{r.MobilityId}", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Mobilities.Create GET"] = r =>
        [
            new("GET", "/mobiliteter/ny?search=NO01", SignIn, Forbidden, Allowed, Allowed, Allowed),
            new("GET", $"/mobiliteter/ny?project={r.ProjectId}", SignIn, Forbidden, Allowed, Allowed, Forbidden),
            new("GET", $"/mobiliteter/ny?project={r.ProjectId}&after={r.MobilityId}", SignIn, Forbidden, Allowed, Allowed, Forbidden),
        ],
        ["Mobilities.Copy GET"] = r => [new("GET", $"/mobiliteter/{r.MobilityId}/kopier", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Mobilities.Grid GET"] = r => [new("GET", $"/mobiliteter/rutenett?project={r.ProjectId}", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Mobilities.Grid POST"] = r => [new("POST", $"/mobiliteter/rutenett?project={r.ProjectId}", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Mobilities.Create POST"] = r => [new("POST", $"/mobiliteter/ny?project={r.ProjectId}", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Mobilities.Edit GET"] = r => [new("GET", $"/mobiliteter/{r.MobilityId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Mobilities.Edit POST"] = r => [new("POST", $"/mobiliteter/{r.MobilityId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Mobilities.Delete GET"] = r => [new("GET", $"/mobiliteter/{r.MobilityId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Mobilities.DeleteConfirmed POST"] = r => [new("POST", $"/mobiliteter/{r.MobilityId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
    };
}

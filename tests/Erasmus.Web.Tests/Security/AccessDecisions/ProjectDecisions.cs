using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Projects: everyone signed in reads; analysts edit all; a coordinator edits only projects of their
/// own county (the Norwegian coordinator's county, or when coordinated abroad, the Norwegian
/// partners'); another county's edit and delete pages are 403; administrators do not edit records.
/// The matrix project has a mobility, so the delete post is refused (200) and the project survives.
/// </summary>
public sealed class ProjectDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Projects.Index GET"] = _ => [new("GET", "/prosjekter?Search=NO01&Sector=VET&Sort=status&Dir=desc", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Projects.Details GET"] = r => [new("GET", $"/prosjekter/{r.ProjectId}", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Projects.Create GET"] = _ => [new("GET", "/prosjekter/ny", SignIn, Forbidden, Allowed, Allowed, Allowed)],
        ["Projects.Create POST"] = _ => [new("POST", "/prosjekter/ny", SignIn, Forbidden, Allowed, Allowed, Allowed)],
        // The form's awarded-mobility rows, for those who may register projects (#21 item 6).
        ["Projects.AwardedRows GET"] = _ => [new("GET", "/prosjekter/aktivitetstyper?Sector=VET&CallYear=2022", SignIn, Forbidden, Allowed, Allowed, Allowed)],
        ["Projects.Edit GET"] = r => [new("GET", $"/prosjekter/{r.ProjectId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Projects.Edit POST"] = r => [new("POST", $"/prosjekter/{r.ProjectId}/endre", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Projects.Delete GET"] = r => [new("GET", $"/prosjekter/{r.ProjectId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
        ["Projects.DeleteConfirmed POST"] = r => [new("POST", $"/prosjekter/{r.ProjectId}/slett", SignIn, Forbidden, Allowed, Allowed, Forbidden)],
    };
}

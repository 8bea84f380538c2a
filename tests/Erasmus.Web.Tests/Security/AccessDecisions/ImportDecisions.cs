using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Import: analysts import nationally and coordinators their county's rows, so both get the pages;
/// administrators do not edit domain records (403). A batch is its uploader's alone: the matrix asks
/// for a batch that does not exist, the import tests prove another
/// user's batch is 403. Editors get that batch's 404 (past the role check), administrators the role's 403. Templates and exports are reading, open to everyone signed in; the progress
/// script is a static file served by the controller.
/// </summary>
public sealed class ImportDecisions : IAccessDecisions
{
    private const string NoBatch = "/import/00000000-0000-0000-0000-000000000001";

    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Import.Index GET"] = _ => [Editors("GET", "/import?type=prosjekter")],
        ["Import.Upload POST"] = _ => [Editors("POST", "/import")],
        ["Import.Details GET"] = _ => [NoBatchOfEditors("GET", NoBatch + "?vis=avviste")],
        ["Import.Status GET"] = _ => [NoBatchOfEditors("GET", NoBatch + "/status")],
        ["Import.Confirm POST"] = _ => [NoBatchOfEditors("POST", NoBatch + "/bekreft")],
        ["Import.Cancel POST"] = _ => [NoBatchOfEditors("POST", NoBatch + "/avbryt")],
        ["Import.Rejections GET"] = _ => [NoBatchOfEditors("GET", NoBatch + "/avviste"), NoBatchOfEditors("GET", NoBatch + "/avviste?format=csv")],
        ["Import.Template GET"] = _ =>
        [
            Everyone("/import/mal?type=mobiliteter"),
            Everyone("/import/mal?type=prosjekter&format=csv"),
            Everyone("/import/mal?type=organisasjoner"),
            Everyone("/import/mal?type=akkrediteringer&format=csv"),
        ],
        ["Import.Export GET"] = r =>
        [
            Everyone($"/import/eksport?project={r.ProjectId}"),
            Everyone("/import/eksport?county=46&format=csv"),
            Everyone("/import/eksport?county=46&type=prosjekter"),
        ],
        ["Import.Script GET"] = _ => [new("GET", "/import/fremdrift.js", Allowed, Allowed, Allowed, Allowed, Allowed)],
    };

    private static Case Editors(string method, string url) => new(method, url, SignIn, Forbidden, Allowed, Allowed, Allowed);

    private static Case NoBatchOfEditors(string method, string url) => new(method, url, SignIn, Forbidden, NotFound, NotFound, NotFound);

    private static Case Everyone(string url) => new("GET", url, SignIn, Allowed, Allowed, Allowed, Allowed);
}

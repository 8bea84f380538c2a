using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Snapshots: everyone signed in reads them; analysts and administrators freeze and delete them.
/// The matrix has no snapshot of its own, so record pages use an id that does not exist: readers get
/// its 404, while the role check answers 403 before any lookup.
/// </summary>
public sealed class SnapshotDecisions : IAccessDecisions
{
    private const int Missing = 999_999;

    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Snapshots.Index GET"] = _ => [new("GET", "/oyeblikksbilder?Basis=awarded&Sort=asof&Dir=desc", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Snapshots.Details GET"] = _ => [new("GET", $"/oyeblikksbilder/{Missing}", SignIn, NotFound, NotFound, NotFound, NotFound)],
        ["Snapshots.Create GET"] = _ => [Keepers("GET", "/oyeblikksbilder/ny")],
        // An empty form: keepers get the form back with its messages, and nothing is saved.
        ["Snapshots.Create POST"] = _ => [Keepers("POST", "/oyeblikksbilder/ny")],
        ["Snapshots.Delete GET"] = _ => [KeepersOfNone("GET", $"/oyeblikksbilder/{Missing}/slett")],
        ["Snapshots.DeleteConfirmed POST"] = _ => [KeepersOfNone("POST", $"/oyeblikksbilder/{Missing}/slett")],
    };

    private static Case KeepersOfNone(string method, string url) => new(method, url, SignIn, NotFound, NotFound, Forbidden, Forbidden);

    private static Case Keepers(string method, string url) => new(method, url, SignIn, Allowed, Allowed, Forbidden, Forbidden);
}

using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>The target registry: everyone signed in reads it; only administrators add target values.</summary>
public sealed class TargetDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Targets.Index GET"] = _ => [Everyone("/admin/mal?Search=VET&Area=Mobility")],
        ["Targets.Details GET"] = _ => [Everyone("/admin/mal/MOB-VET-LEARNERS")],
        // An empty form: the administrator gets the form back with its messages, and nothing is saved.
        ["Targets.AddValue POST"] = _ => [new("POST", "/admin/mal/MOB-VET-LEARNERS/verdi", SignIn, Allowed, Forbidden, Forbidden, Forbidden)],
    };

    private static Case Everyone(string url) => new("GET", url, SignIn, Allowed, Allowed, Allowed, Allowed);
}

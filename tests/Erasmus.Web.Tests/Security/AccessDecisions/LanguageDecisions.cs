using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>Choosing the language works for everyone, signed in or not (the sign-in page has the switch too).</summary>
public sealed class LanguageDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Language.Set POST"] = _ => [new("POST", "/sprak", Allowed, Allowed, Allowed, Allowed, Allowed) { Form = { ["culture"] = "nb-NO", ["returnUrl"] = "/" } }],
    };
}

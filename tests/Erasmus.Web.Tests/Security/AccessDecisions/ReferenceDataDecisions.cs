using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>Everyone reads the reference data; only administrators change it.</summary>
public sealed class ReferenceDataDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["ReferenceData.Index GET"] = _ => [new("GET", "/admin/referansedata", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["ReferenceData.AddRule POST"] = _ => [new("POST", "/admin/referansedata/aktiviteter/regel", SignIn, Allowed, Forbidden, Forbidden, Forbidden)],
        ["ReferenceData.SetPopulation POST"] = _ => [new("POST", "/admin/referansedata/befolkning", SignIn, Allowed, Forbidden, Forbidden, Forbidden)],
        ["ReferenceData.PreviewPopulation POST"] = _ => [new("POST", "/admin/referansedata/befolkning/import", SignIn, Allowed, Forbidden, Forbidden, Forbidden)],
        ["ReferenceData.ConfirmPopulation POST"] = _ => [new("POST", "/admin/referansedata/befolkning/import/lagre", SignIn, Allowed, Forbidden, Forbidden, Forbidden)],
    };
}

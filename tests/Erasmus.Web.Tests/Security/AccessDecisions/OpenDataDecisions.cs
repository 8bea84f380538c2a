using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>
/// Open data is public: small numbers are hidden before anything leaves the app, so anyone may read
/// it, signed in or not (decision 0015).
/// </summary>
public sealed class OpenDataDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["OpenData.Csv GET"] = _ => [Anyone("/api/open-data.csv?asOf=2021-09-30&basis=awarded")],
        ["OpenData.Workbook GET"] = _ => [Anyone("/api/open-data.xlsx?asOf=2021-09-30&basis=realised")],
        ["OpenData.Method GET"] = _ => [Anyone("/api/open-data/metode")],
    };

    private static Case Anyone(string url) => new("GET", url, Allowed, Allowed, Allowed, Allowed, Allowed);
}

using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>The national dashboards and the API: every signed-in user reads them, coordinators included.</summary>
public sealed class AttainmentDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Attainment.Index GET"] = _ => [Everyone("/mal?AsOf=2021-09-30&Basis=realised")],
        ["Attainment.Details GET"] = _ => [Everyone("/mal/MOB-VET-LEARNERS?AsOf=2022-01-01")],
        ["Attainment.Counties GET"] = _ => [Everyone("/fylker?AsOf=2024-02-01")],
        ["Attainment.Api GET"] = _ => [Everyone("/api/attainment?asOf=2021-09-30&basis=awarded")],
        ["Attainment.Csv GET"] = _ => [Everyone("/api/attainment.csv?asOf=2021-09-30")],
        ["Attainment.ExcelCsv GET"] = _ => [Everyone("/mal/tall.csv?AsOf=2021-09-30&Basis=awarded&Sector=VET")],
        ["Attainment.RecordsCsv GET"] = _ => [Everyone("/mal/MOB-VET-LEARNERS/poster.csv?AsOf=2022-01-01")],
        ["CountyMap.Svg GET"] = _ => [Everyone("/mal/MOB-VET-LEARNERS/kart.svg?AsOf=2022-01-01")],
        ["CountyMap.Png GET"] = _ => [Everyone("/mal/MOB-VET-LEARNERS/kart.png?AsOf=2022-01-01&MapColour=figures")],
    };

    private static Case Everyone(string url) => new("GET", url, SignIn, Allowed, Allowed, Allowed, Allowed);
}

using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security.AccessDecisions;

/// <summary>The status workbook and the printable report: every signed-in user downloads it, coordinators included; anonymous users sign in first.</summary>
public sealed class ReportDecisions : IAccessDecisions
{
    public IEnumerable<KeyValuePair<string, Func<MatrixRecords, Case[]>>> Decisions => new Dictionary<string, Func<MatrixRecords, Case[]>>
    {
        ["Reports.Status GET"] = _ =>
        [
            new("GET", "/reports/status.xlsx?asOf=2021-09-30&basis=awarded", SignIn, Allowed, Allowed, Allowed, Allowed),
            new("GET", "/reports/status.xlsx?asOf=2022-06-30&basis=realised&county=46", SignIn, Allowed, Allowed, Allowed, Allowed),
        ],
        ["Reports.Snapshot GET"] = _ => [new("GET", "/oyeblikksbilder/999999/status.xlsx", SignIn, NotFound, NotFound, NotFound, NotFound)],
        ["Reports.Report GET"] = _ => [new("GET", "/rapport?asOf=2021-09-30&basis=awarded", SignIn, Allowed, Allowed, Allowed, Allowed)],
        ["Reports.SnapshotReport GET"] = _ => [new("GET", "/oyeblikksbilder/999999/rapport", SignIn, NotFound, NotFound, NotFound, NotFound)],
    };
}

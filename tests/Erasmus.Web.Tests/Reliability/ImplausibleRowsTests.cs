using System.Net;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Snapshots;
using Erasmus.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Issue #15 item 1: one project starting on 0001-01-01 (stored as -infinity) made the dashboards, the
/// API, the workbook and the snapshot pages answer 500 for everyone ("cannot convert infinity to
/// integer"), an accreditation decided on that date made /akkrediteringer answer 500 ("integer out of
/// range"). The forms and the database refuse such values now, but a constraint added NOT VALID leaves
/// older rows as they were: this test drops the CHECK constraints in its own database and writes the
/// worst rows PostgreSQL holds (infinite and year-0001 dates, counts whose sums overflow an integer);
/// every page must still answer 200.
/// </summary>
public sealed class ImplausibleRowsTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Pages_answer_200_whatever_dates_and_numbers_the_database_holds()
    {
        Organisation school;
        Project first, second;
        Accreditation accreditation;
        int snapshotId;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            school = await data.OrganisationAsync("46");
            var awarded = new Dictionary<string, int> { ["LM-SHORT-VET"] = 5 };
            first = await data.ProjectAsync(school, callYear: 2021, awarded: awarded);
            second = await data.ProjectAsync(school, callYear: 2021, awarded: awarded);
            await data.MobilityAsync(first);
            await data.MobilityAsync(first);
            accreditation = await data.AccreditationAsync(school);
            var snapshot = new Snapshot("Før de umulige radene",
                new SnapshotParameters(new DateOnly(2021, 9, 30), CountingBasis.Awarded, CountyStructureChoice.AsOfDate, null, null), []);
            db.Add(snapshot);
            await db.SaveChangesAsync();
            snapshotId = snapshot.Id;
        }

        await ExecuteAsync($"""
            DO $$
            DECLARE r record;
            BEGIN
                FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint WHERE contype = 'c' AND conname LIKE 'ck\_%' LOOP
                    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
                END LOOP;
            END
            $$;
            -- Both projects in one group of the aggregate (same county, call year, start year, status), so their sums add up.
            UPDATE projects SET start_date = '-infinity' WHERE id IN ({first.Id}, {second.Id});
            UPDATE projects SET decision_date = '0001-01-01' WHERE id = {second.Id};
            UPDATE awarded_mobilities SET participants = 2147483647 WHERE project_id IN ({first.Id}, {second.Id});
            UPDATE mobilities SET participant_count = 2147483647, start_date = '-infinity', end_date = '2021-08-31' WHERE project_id = {first.Id};
            UPDATE accreditations SET decision_date = '-infinity', valid_from = '0001-01-01', valid_to = 'infinity' WHERE id = {accreditation.Id};
            UPDATE organisations SET first_participation_year = -2147483648 WHERE id = {school.Id};
            INSERT INTO snapshots (name, as_of, parameters, results, created_at, created_by, updated_at, updated_by)
            SELECT 'Umulig dato', '-infinity', parameters, results, created_at, created_by, updated_at, updated_by FROM snapshots WHERE id = {snapshotId};
            """);

        int impossibleSnapshotId;
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id FROM snapshots WHERE name = 'Umulig dato'", connection);
            impossibleSnapshotId = (int)(await command.ExecuteScalarAsync())!;
        }

        var analyst = await app.SignInAsAsync(TestRoles.Analyst);
        var coordinator = await app.SignInAsAsync(TestRoles.Coordinator, "46");
        string[] pages =
        [
            "/mal", "/mal?AsOf=2021-09-30", "/mal?AsOf=2021-09-30&Basis=realised", "/mal?AsOf=2023-12-31&Structure=today&County=46&Sector=VET",
            "/mal/MOB-VET-LEARNERS?AsOf=2021-09-30", "/mal/MOB-VET-LEARNERS?AsOf=2022-12-31&Basis=realised", "/mal/PART-NEWCOMER-COORDINATORS?AsOf=2022-12-31",
            "/fylker?AsOf=2022-12-31",
            "/api/attainment?asOf=2021-09-30", "/api/attainment?asOf=2022-12-31&basis=realised", "/api/attainment.csv?asOf=2022-12-31",
            "/reports/status.xlsx?asOf=2021-09-30&basis=awarded", "/reports/status.xlsx?asOf=2022-12-31&basis=realised",
            "/oyeblikksbilder", $"/oyeblikksbilder/{snapshotId}", $"/oyeblikksbilder/{snapshotId}/status.xlsx", $"/oyeblikksbilder/{impossibleSnapshotId}",
            "/akkrediteringer", "/akkrediteringer?Sort=decided", $"/akkrediteringer/{accreditation.Id}",
            "/prosjekter", "/prosjekter?Sort=decision", $"/prosjekter/{first.Id}", $"/prosjekter/{second.Id}",
            "/mobiliteter", $"/mobiliteter?Project={first.Reference}", "/organisasjoner", $"/organisasjoner/{school.Id}",
        ];

        var failures = new List<string>();
        foreach (var (client, who) in new[] { (analyst, "analyst"), (coordinator, "coordinator 46") })
        {
            foreach (var page in pages.Append("/"))
            {
                var response = await client.GetAsync(new Uri(page, UriKind.Relative));
                output.WriteLine($"{who} {page}: {(int)response.StatusCode}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{who} {page}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, "Pages that failed on implausible rows:\n" + string.Join("\n", failures));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using System.Text.Json;
using Erasmus.Domain.Attainment;
using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Erasmus.Web.Tests.Performance;

/// <summary>
/// The dashboard keeps the engine's inputs in memory between requests; any change to the data, made
/// through the app, through EF elsewhere, by raw SQL or by COPY (as an import writes), shows on the
/// very next request. The figures are read from the API, which computes exactly what the dashboard shows.
/// </summary>
public sealed class AttainmentCacheTests(AttainmentCacheTests.Records records) : IClassFixture<AttainmentCacheTests.Records>
{
    private const string Realised = "/api/attainment?asOf=2023-06-30&basis=realised";
    private const string Awarded = "/api/attainment?asOf=2023-06-30&basis=awarded";

    [Fact]
    public async Task A_mobility_registered_through_the_form_counts_on_the_next_request()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var before = await VetLearnersAsync(client, Realised);

        var form = $"/mobiliteter/ny?project={records.Project.Id}";
        var response = await AppFixture.PostFormAsync(client, form, form, new()
        {
            ["MobilityId"] = $"{TestData.NextSerial() % 1000000:D6}-MOB-{TestData.NextSerial() % 100000:D5}",
            ["ActivityTypeCode"] = "LM-SHORT-VET",
            ["ParticipantGroup"] = "Learner",
            ["Direction"] = "Outgoing",
            ["ParticipantCount"] = "1",
            ["SendingOrganisationId"] = records.School.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReceivingOrganisationId"] = "",
            ["SendingCountryCode"] = "NO",
            ["ReceivingCountryCode"] = "DE",
            ["StartDate"] = "2022-03-01",
            ["EndDate"] = "2022-03-18",
            ["Status"] = "Realised",
        });

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 1, await VetLearnersAsync(client, Realised));
    }

    /// <summary>A page asks several services for the versions; one request reads them once, and again after it saves a change itself.</summary>
    [Fact]
    public async Task A_request_reads_the_versions_once_and_again_after_its_own_save()
    {
        var cache = records.App.Services.GetRequiredService<DataCache>();
        await using var scope = records.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();

        var first = cache.VersionsAsync(db, CancellationToken.None);
        var again = cache.VersionsAsync(db, CancellationToken.None);
        var before = await first;
        await using (var other = records.CreateDbContext())
        {
            await new TestData(other).MobilityAsync(await other.Projects.SingleAsync(p => p.Id == records.Project.Id), participants: 1, start: new DateOnly(2022, 5, 2));
        }

        Assert.Same(first, again);
        // Another context's write does not change what this request has seen...
        Assert.Equal(before.Of(["mobilities"]), (await cache.VersionsAsync(db, CancellationToken.None)).Of(["mobilities"]));
        // ...but its own save does: it reads the versions again, which now count both writes.
        var project = await db.Projects.SingleAsync(p => p.Id == records.Project.Id);
        await new TestData(db).MobilityAsync(project, participants: 1, start: new DateOnly(2022, 5, 9));
        var after = await cache.VersionsAsync(db, CancellationToken.None);
        Assert.True(after.Of(["mobilities"]) >= before.Of(["mobilities"]) + 2, $"{before.Of(["mobilities"])} then {after.Of(["mobilities"])}");
        Assert.NotSame(first, cache.VersionsAsync(db, CancellationToken.None));
    }

    /// <summary>
    /// Contexts are pooled (issue 19): the next request gets the same context object back, and must read the
    /// versions again, or it would be served figures older than a write committed before it began.
    /// </summary>
    [Fact]
    public async Task A_pooled_context_leased_by_the_next_request_reads_the_versions_anew()
    {
        var cache = records.App.Services.GetRequiredService<DataCache>();
        ErasmusDbContext first;
        DataVersions before;
        await using (var scope = records.App.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
            before = await cache.VersionsAsync(first, CancellationToken.None);
        }

        await ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count WHERE id = {records.MobilityId}");

        // The pool hands out its idle contexts in turn: lease until the first one comes back.
        var leasedAgain = false;
        for (var lease = 0; lease < 2 * DatabaseSetup.ContextPoolSize && !leasedAgain; lease++)
        {
            await using var scope = records.App.Services.CreateAsyncScope();
            var next = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
            if (ReferenceEquals(next, first))
            {
                leasedAgain = true;
                var after = await cache.VersionsAsync(next, CancellationToken.None);
                Assert.True(after.Of(["mobilities"]) > before.Of(["mobilities"]), $"{before.Of(["mobilities"])} then {after.Of(["mobilities"])}");
            }
        }

        Assert.True(leasedAgain, "The context was not pooled.");
    }

    /// <summary>
    /// The session check of a signed-in request reads the data versions in its own round trip (issue 19): the request
    /// then has them without another query, and they are the database's at that moment. The check itself still
    /// refuses a session whose user's stamp has changed.
    /// </summary>
    [Fact]
    public async Task The_session_check_brings_the_requests_data_versions_in_its_round_trip()
    {
        await records.SignInAsAsync(TestRoles.Analyst);
        var cache = records.App.Services.GetRequiredService<DataCache>();
        await using var scope = records.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
        var session = await db.Set<Erasmus.Web.Infrastructure.Security.UserSession>().AsNoTracking().OrderByDescending(s => s.CreatedAt).FirstAsync();
        var stamp = await db.Users.Where(u => u.Id == session.UserId).Select(u => u.SecurityStamp).SingleAsync();
        var sessions = scope.ServiceProvider.GetRequiredService<Erasmus.Web.Infrastructure.Security.UserSessions>();

        Assert.True(await sessions.IsActiveAsync(session.Id, session.UserId, stamp!));
        var versions = cache.VersionsAsync(db, CancellationToken.None);

        Assert.True(versions.IsCompletedSuccessfully, "The versions were read again after the session check.");
        await using var connection = new NpgsqlConnection(records.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal((await DataVersion.ReadAsync(connection)).Tables.OrderBy(t => t.Key), (await versions).Tables.OrderBy(t => t.Key));
        await using var other = records.App.Services.CreateAsyncScope();
        Assert.False(await other.ServiceProvider.GetRequiredService<Erasmus.Web.Infrastructure.Security.UserSessions>()
            .IsActiveAsync(session.Id, session.UserId, stamp + "-changed"));
    }

    [Fact]
    public async Task A_change_saved_by_another_DbContext_counts_on_the_next_request()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var before = await VetLearnersAsync(client, Realised);

        await using (var db = records.CreateDbContext())
        {
            await new TestData(db).MobilityAsync(await db.Projects.SingleAsync(p => p.Id == records.Project.Id), participants: 4, start: new DateOnly(2022, 4, 4));
        }

        Assert.Equal(before + 4, await VetLearnersAsync(client, Realised));
    }

    [Fact]
    public async Task A_row_changed_by_raw_sql_counts_on_the_next_request()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var before = await VetLearnersAsync(client, Realised);

        await ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count + 5 WHERE id = {records.MobilityId}");

        Assert.Equal(before + 5, await VetLearnersAsync(client, Realised));
    }

    [Fact]
    public async Task Rows_copied_in_as_an_import_does_count_on_the_next_request()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var before = await VetLearnersAsync(client, Realised);

        await using (var connection = new NpgsqlConnection(records.ConnectionString))
        {
            await connection.OpenAsync();
            await using var copy = await connection.BeginBinaryImportAsync("""
                COPY mobilities (project_id, mobility_id, activity_type_code, participant_group, direction, participant_count, sending_country_code,
                    receiving_country_code, start_date, end_date, duration_days, fewer_opportunities, green_travel, blended, status, registered_at,
                    created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)
                """);
            for (var i = 0; i < 3; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(records.Project.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync($"{TestData.NextSerial() % 1000000:D6}-MOB-{i + 1:D5}", NpgsqlDbType.Varchar);
                foreach (var text in new[] { "LM-SHORT-VET", "Learner", "Outgoing" })
                {
                    await copy.WriteAsync(text, NpgsqlDbType.Varchar);
                }

                await copy.WriteAsync(2, NpgsqlDbType.Integer);
                await copy.WriteAsync("NO", NpgsqlDbType.Varchar);
                await copy.WriteAsync("ES", NpgsqlDbType.Varchar);
                await copy.WriteAsync(new DateOnly(2022, 5, 2), NpgsqlDbType.Date);
                await copy.WriteAsync(new DateOnly(2022, 5, 20), NpgsqlDbType.Date);
                await copy.WriteAsync(19, NpgsqlDbType.Integer);
                foreach (var flag in new[] { false, false, false })
                {
                    await copy.WriteAsync(flag, NpgsqlDbType.Boolean);
                }

                await copy.WriteAsync("Realised", NpgsqlDbType.Varchar);
                var now = DateTimeOffset.UtcNow;
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("import", NpgsqlDbType.Varchar);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("import", NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        Assert.Equal(before + 6, await VetLearnersAsync(client, Realised));
    }

    [Fact]
    public async Task A_changed_award_shows_on_the_dashboard_and_the_detail_page_at_once()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var before = await VetLearnersAsync(client, Awarded);
        var detailBefore = await CountedForProjectAsync(client);

        await ExecuteAsync($"UPDATE awarded_mobilities SET participants = participants + 7 WHERE project_id = {records.Project.Id} AND activity_type_code = 'LM-SHORT-VET'");

        Assert.Equal(before + 7, await VetLearnersAsync(client, Awarded));
        Assert.Equal(detailBefore + 7, await CountedForProjectAsync(client));
    }

    [Fact]
    public async Task Unchanged_data_is_computed_once_and_a_change_computes_again_only_what_it_changed_once_for_all_requests()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        const string url = "/api/attainment?asOf=2024-02-29&basis=realised";
        var before = await VetLearnersAsync(client, url);
        var computed = Computations();

        await VetLearnersAsync(client, url);
        Assert.Equal(computed, Computations());

        await ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count WHERE id = {records.MobilityId}");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => VetLearnersAsync(client, url)));

        Assert.Equal([before], answers.Distinct());
        // The realised mobility facts and the realisation lag brought up to date, once for all eight; a write that
        // changed no fact computes no figure again. The two higher-education targets' institution tables are kept
        // under their tables' versions, so they are read again (once for all eight).
        Assert.Equal(computed + 2 + 2, Computations());

        computed = Computations();
        await ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count + 1 WHERE id = {records.MobilityId}");
        answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => VetLearnersAsync(client, url)));

        Assert.Equal([before + 1], answers.Distinct());
        // The facts and the lag again, and the six mobility targets (and the two institution tables); the thirteen other targets kept.
        Assert.Equal(computed + 2 + 6 + 2, Computations());
    }

    [Fact]
    public async Task A_new_mobility_record_leaves_the_awarded_figures_cached_and_shows_in_the_realised_ones()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        const string awarded = "/api/attainment?asOf=2024-03-31&basis=awarded";
        const string realised = "/api/attainment?asOf=2024-03-31&basis=realised";
        var awardedBefore = await VetLearnersAsync(client, awarded);
        var realisedBefore = await VetLearnersAsync(client, realised);
        var computed = Computations();

        await ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count + 1 WHERE id = {records.MobilityId}");

        Assert.Equal(awardedBefore, await VetLearnersAsync(client, awarded));
        Assert.Equal(computed, Computations());
        Assert.Equal(realisedBefore + 1, await VetLearnersAsync(client, realised));
    }

    /// <summary>
    /// The dashboard's figures part is kept rendered under a data stamp (decision 0021): a reader sees a write on the
    /// very next page, the realised stamp moves with a mobility record and the awarded one does not.
    /// </summary>
    [Fact]
    public async Task The_dashboard_shows_a_write_at_once_though_its_figures_are_kept_rendered()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        const string page = "/mal?asOf=2024-03-31&basis=realised";
        var before = await DashboardVetLearnersAsync(client, page);
        Assert.Equal(before, await DashboardVetLearnersAsync(client, page));
        Assert.True(records.App.Services.GetRequiredService<Erasmus.Web.Features.Shared.RenderedFragments>().Count > 0);
        var (realisedStamp, awardedStamp) = await StampsAsync();

        await ExecuteAsync($"UPDATE mobilities SET participant_count = participant_count + 1 WHERE id = {records.MobilityId}");

        Assert.Equal(before + 1, await DashboardVetLearnersAsync(client, page));
        var (realisedAfter, awardedAfter) = await StampsAsync();
        Assert.True(realisedAfter > realisedStamp);
        Assert.Equal(awardedStamp, awardedAfter);

        await ExecuteAsync($"UPDATE awarded_mobilities SET participants = participants WHERE project_id = {records.Project.Id}");
        var (_, awardedLater) = await StampsAsync();
        Assert.True(awardedLater > awardedAfter);
    }

    private async Task<(long Realised, long Awarded)> StampsAsync()
    {
        await using var scope = records.App.Services.CreateAsyncScope();
        var attainment = scope.ServiceProvider.GetRequiredService<AttainmentService>();
        return ((await attainment.DataStampAsync(CountingBasis.Realised))!.Value, (await attainment.DataStampAsync(CountingBasis.Awarded))!.Value);
    }

    /// <summary>The VET learners' figure in the dashboard's overview table (the value column).</summary>
    private static async Task<int> DashboardVetLearnersAsync(HttpClient client, string url)
    {
        var page = await AppFixture.GetDocumentAsync(client, url);
        var row = page.QuerySelector("table.overview-table tr[data-code=MOB-VET-LEARNERS]")!;
        return int.Parse(row.QuerySelectorAll("td")[1].TextContent.Trim().Replace("\u00a0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Every_domain_table_has_the_trigger_that_bumps_the_data_version()
    {
        // Identity, audit, snapshots and settings are not what figures are computed from; every other table must be watched.
        string[] unwatched = ["users", "roles", "user_roles", "user_claims", "user_logins", "user_tokens", "role_claims", "audit_entries", "snapshots",
            "app_settings", "data_changes", "data_protection_keys", "__EFMigrationsHistory", "user_sessions",
            // Derived from the tables above in the same transaction (decision 0011): their writers are watched.
            "mobility_facts", "fact_changes",
            // The import's own batches and staging rows: a confirmed import writes mobilities and projects, which are watched.
            "import_batches", "import_mobility_rows", "import_project_rows", "import_record_rows", "import_row_errors"];
        await using var connection = new NpgsqlConnection(records.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_data_change')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            """, connection);
        var tables = new Dictionary<string, bool>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables[reader.GetString(0)] = reader.GetBoolean(1);
            }
        }

        Assert.Contains("mobilities", tables.Keys);
        Assert.All(tables.Keys.Except(unwatched), t => Assert.True(tables[t], $"{t} has no data-change trigger"));
    }

    [Fact]
    public async Task The_data_versions_count_committed_writes_per_table_and_survive_compaction()
    {
        await using var connection = new NpgsqlConnection(records.ConnectionString);
        await connection.OpenAsync();
        var start = await DataVersion.ReadAsync(connection);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var write = new NpgsqlCommand("UPDATE counties SET name = name WHERE number = '46'", connection, transaction);
            await write.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(start.Of(["counties"]), (await DataVersion.ReadAsync(connection)).Of(["counties"]));

        await ExecuteAsync("UPDATE counties SET name = name WHERE number = '46'");
        await ExecuteAsync("UPDATE topics SET name_nb = name_nb WHERE false");
        var after = await DataVersion.ReadAsync(connection);
        Assert.Equal(start.Of(["counties"]) + 1, after.Of(["counties"]));
        Assert.Equal(start.Of(["topics"]) + 1, after.Of(["topics"]));
        Assert.Equal(start.Of(["mobilities", "projects"]), after.Of(["mobilities", "projects"]));

        await DataVersion.CompactAsync(connection);

        var compacted = await DataVersion.ReadAsync(connection);
        Assert.Equal(after.Tables.OrderBy(t => t.Key, StringComparer.Ordinal), compacted.Tables.OrderBy(t => t.Key, StringComparer.Ordinal));
        Assert.Equal(after.Tables.Count, compacted.Rows);
    }

    private int Computations() => records.App.Logs.Entries.Count(e => e.Category == typeof(DataCache).FullName);

    private static async Task<decimal> VetLearnersAsync(HttpClient client, string url)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return json.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "MOB-VET-LEARNERS").GetProperty("value").GetDecimal();
    }

    /// <summary>The project's row among the counted projects on the VET learners' detail page.</summary>
    private async Task<int> CountedForProjectAsync(HttpClient client)
    {
        var page = await AppFixture.GetDocumentAsync(client, "/mal/MOB-VET-LEARNERS?AsOf=2023-06-30&Basis=awarded");
        var row = page.QuerySelectorAll("table.counted tbody tr").Single(r => r.QuerySelector("a")!.GetAttribute("href") == $"/prosjekter/{records.Project.Id}");
        return int.Parse(row.QuerySelectorAll("td")[1].TextContent.Trim().Replace("\u00a0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task ExecuteAsync(string sql) => ExecuteAsync(records.ConnectionString, sql);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public sealed class Records : AppFixture
    {
        public Organisation School { get; private set; } = null!;
        public Project Project { get; private set; } = null!;
        public int MobilityId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            School = await data.OrganisationAsync("46");
            Project = await data.ProjectAsync(School, ProjectAction.KA122, Sector.VET, 2021, decided: new DateOnly(2021, 7, 15),
                start: new DateOnly(2021, 9, 1), end: new DateOnly(2023, 8, 31), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 60 });
            MobilityId = (await data.MobilityAsync(Project, participants: 2, start: new DateOnly(2022, 2, 1))).Id;
        }
    }
}

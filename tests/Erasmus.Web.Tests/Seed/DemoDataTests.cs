using Erasmus.DemoData;
using Erasmus.Domain.Rules;
using Erasmus.Web.Data;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erasmus.Web.Tests.Seed;

/// <summary>A clock stopped at one moment, so "today" (realised or planned, ongoing or completed) is the same on every run.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>One database seeded with the demo data at scale 1, the default seed and a fixed "today".</summary>
public sealed class DemoDataFixture : DatabaseFixture
{
    public static readonly DateTimeOffset Today = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public DemoDataSummary Summary { get; private set; } = DemoDataSummary.None(TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        Summary = await new DemoDataGenerator(new FixedTimeProvider(Today)).SeedAsync(db);
    }

    public async Task<long> ScalarAsync(string sql) => await ScalarAsync(ConnectionString, sql);

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }

        return values;
    }
}

/// <summary>
/// The demo data set, counted straight from the database with hand-written SQL by the rules of
/// DOMAIN.md, as of 30 September 2021 on the awarded basis: it must give what HK-dir published.
/// </summary>
public sealed class DemoDataTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    private const string AsOf = "DATE '2021-09-30'";
    private const string Granted = "('Granted','Ongoing','Completed','Terminated')";

    /// <summary>Awarded participants of the programme period's projects decided by the date and coordinated from Norway.</summary>
    private static string AwardedSql(string asOf, string activityTypes, string? sector) => $"""
        SELECT COALESCE(SUM(a.participants), 0)
        FROM awarded_mobilities a
        JOIN projects p ON p.id = a.project_id
        JOIN organisations c ON c.id = p.coordinator_id
        WHERE p.call_year BETWEEN 2021 AND 2027
          AND p.status IN {Granted}
          AND p.decision_date <= {asOf}
          AND c.country_code = 'NO'
          AND a.activity_type_code IN ({activityTypes})
          {(sector is null ? "" : $"AND p.sector = '{sector}'")}
        """;

    private const string NorwegianPartnerships = $"""
        SELECT p.* FROM projects p JOIN organisations c ON c.id = p.coordinator_id
        WHERE p.action IN ('KA210', 'KA220', 'SportPartnership') AND p.call_year = 2021 AND p.status IN {Granted}
          AND p.decision_date <= {AsOf} AND c.country_code = 'NO'
        """;

    [Theory]
    [InlineData("'LM-SKILL-VET','LM-SHORT-VET','LM-LONG-VET'", null, 573)]
    [InlineData("'LM-GRP-PUPIL','LM-SHORT-PUPIL','LM-LONG-PUPIL'", null, 1346)]
    [InlineData("'SM-JOB-SHDW','SM-TTA','SM-COUR-TRAIN'", "SCH", 329)]
    public async Task Awarded_mobilities_of_the_first_call_match_what_HK_dir_published_for_September_2021(
        string activityTypes, string? sector, int published)
    {
        Assert.Equal(published, await fixture.ScalarAsync(AwardedSql(AsOf, activityTypes, sector)));
    }

    [Fact]
    public async Task Adult_education_learners_and_staff_awarded_by_September_2021_are_149()
    {
        var learners = await fixture.ScalarAsync(AwardedSql(AsOf, "'LM-GRP-ADU','LM-SHORT-ADU'", null));
        var staff = await fixture.ScalarAsync(AwardedSql(AsOf, "'SM-JOB-SHDW','SM-TTA','SM-COUR-TRAIN'", "ADU"));

        Assert.Equal(149, learners + staff);
        Assert.True(learners > 0 && staff > 0, "both adult learners and staff take part");
    }

    [Fact]
    public async Task Four_of_ten_county_authorities_are_accredited_in_two_or_more_sectors_and_four_in_exactly_one_on_30_September_2021()
    {
        const string perAuthority = $"""
            WITH authorities AS (
                SELECT o.id FROM organisations o JOIN counties k ON k.number = o.county_number
                WHERE o.type = 'CountyAuthority' AND k.is_county_authority
                  AND k.valid_from <= {AsOf} AND (k.valid_to IS NULL OR k.valid_to >= {AsOf})),
            sectors AS (
                SELECT ca.id, count(DISTINCT a.sector) AS n FROM authorities ca
                LEFT JOIN accreditations a ON a.holder_id = ca.id AND a.sector IN ('SCH', 'VET', 'ADU') AND a.status = 'Active'
                  AND a.decision_date <= {AsOf} AND a.valid_from <= {AsOf} AND (a.valid_to IS NULL OR a.valid_to >= {AsOf})
                GROUP BY ca.id)
            """;

        Assert.Equal(10, await fixture.ScalarAsync(perAuthority + "SELECT count(*) FROM sectors"));
        Assert.Equal(4, await fixture.ScalarAsync(perAuthority + "SELECT count(*) FROM sectors WHERE n >= 2"));
        Assert.Equal(4, await fixture.ScalarAsync(perAuthority + "SELECT count(*) FROM sectors WHERE n = 1"));
    }

    [Fact]
    public async Task Twenty_eight_Norwegian_coordinated_partnerships_were_decided_by_September_2021_seventeen_with_working_life()
    {
        var withWorkingLife = $"""
            WITH pp AS ({NorwegianPartnerships}),
            members AS (SELECT id AS project_id, coordinator_id AS organisation_id FROM pp
                        UNION SELECT pt.project_id, pt.organisation_id FROM project_partners pt JOIN pp ON pp.id = pt.project_id)
            SELECT count(DISTINCT m.project_id) FROM members m JOIN organisations o ON o.id = m.organisation_id
            WHERE o.type IN ('Company', 'TrainingCompany', 'SocialPartner', 'Chamber')
            """;

        Assert.Equal(28, await fixture.ScalarAsync($"SELECT count(*) FROM ({NorwegianPartnerships}) pp"));
        Assert.Equal(17, await fixture.ScalarAsync(withWorkingLife));
    }

    [Fact]
    public async Task Ten_of_the_September_2021_partnerships_are_coordinated_by_distinct_newcomers_and_the_other_eighteen_by_experienced_organisations()
    {
        var newcomer = """
            (o.first_participation_year IS NULL OR o.first_participation_year >= 2021)
            AND NOT EXISTS (SELECT 1 FROM projects q WHERE q.call_year < 2021
                AND (q.coordinator_id = o.id OR EXISTS (SELECT 1 FROM project_partners x WHERE x.project_id = q.id AND x.organisation_id = o.id)))
            """;

        Assert.Equal(10, await fixture.ScalarAsync(
            $"SELECT count(DISTINCT pp.coordinator_id) FROM ({NorwegianPartnerships}) pp JOIN organisations o ON o.id = pp.coordinator_id WHERE {newcomer}"));
        Assert.Equal(10, await fixture.ScalarAsync(
            $"SELECT count(*) FROM ({NorwegianPartnerships}) pp JOIN organisations o ON o.id = pp.coordinator_id WHERE {newcomer}"));
        Assert.Equal(18, await fixture.ScalarAsync(
            $"SELECT count(*) FROM ({NorwegianPartnerships}) pp JOIN organisations o ON o.id = pp.coordinator_id WHERE NOT ({newcomer})"));
    }

    [Fact]
    public async Task Sixteen_distinct_Norwegian_organisations_take_part_in_the_sport_partnerships_decided_by_September_2021()
    {
        const string sql = $"""
            WITH sport AS (
                SELECT p.id, p.coordinator_id FROM projects p
                WHERE ((p.action IN ('KA210', 'KA220') AND p.sector = 'SPORT') OR p.action = 'SportPartnership')
                  AND p.call_year = 2021 AND p.status IN {Granted} AND p.decision_date <= {AsOf}),
            members AS (SELECT coordinator_id AS organisation_id FROM sport
                        UNION ALL SELECT pt.organisation_id FROM project_partners pt JOIN sport ON sport.id = pt.project_id)
            SELECT count(DISTINCT o.id) FROM members m JOIN organisations o ON o.id = m.organisation_id WHERE o.country_code = 'NO'
            """;

        Assert.Equal(16, await fixture.ScalarAsync(sql));
    }

    [Fact]
    public async Task One_CoVE_is_coordinated_from_Norway_and_three_have_a_Norwegian_partner_by_September_2021()
    {
        const string cove = $"""
            FROM projects p JOIN organisations c ON c.id = p.coordinator_id
            WHERE p.action = 'CoVE' AND p.call_year BETWEEN 2021 AND 2027 AND p.status IN {Granted} AND p.decision_date <= {AsOf}
            """;

        Assert.Equal(1, await fixture.ScalarAsync($"SELECT count(*) {cove} AND c.country_code = 'NO'"));
        Assert.Equal(3, await fixture.ScalarAsync($"""
            SELECT count(*) {cove} AND c.country_code <> 'NO'
              AND EXISTS (SELECT 1 FROM project_partners pt JOIN organisations o ON o.id = pt.organisation_id
                          WHERE pt.project_id = p.id AND o.country_code = 'NO')
            """));
    }

    [Fact]
    public async Task Projects_of_the_2020_call_run_into_2021_but_do_not_count_in_the_figures()
    {
        var previousPeriod = await fixture.ScalarAsync($"""
            SELECT COALESCE(SUM(a.participants), 0) FROM awarded_mobilities a JOIN projects p ON p.id = a.project_id
            WHERE p.call_year = 2020 AND p.end_date >= DATE '2021-01-01' AND p.status IN {Granted} AND p.decision_date <= {AsOf}
              AND a.activity_type_code IN ('LM-SKILL-VET', 'LM-SHORT-VET', 'LM-LONG-VET')
            """);
        var realisedIn2021 = await fixture.ScalarAsync("""
            SELECT count(*) FROM mobilities m JOIN projects p ON p.id = m.project_id
            WHERE p.call_year = 2020 AND m.status = 'Realised' AND m.end_date BETWEEN DATE '2021-01-01' AND DATE '2021-12-31'
            """);

        Assert.True(previousPeriod > 0, "2020-call VET projects with awarded learners exist");
        Assert.True(realisedIn2021 > 0, "2020-call mobilities were realised in 2021");
        Assert.Equal(573, await fixture.ScalarAsync(AwardedSql(AsOf, "'LM-SKILL-VET','LM-SHORT-VET','LM-LONG-VET'", null)));
    }

    [Fact]
    public async Task Decisions_after_30_September_2021_raise_the_first_call_figures_so_the_as_of_date_matters()
    {
        var vetLater = await fixture.ScalarAsync(AwardedSql("DATE '2022-03-31'", "'LM-SKILL-VET','LM-SHORT-VET','LM-LONG-VET'", null));
        var partnershipsLater = await fixture.ScalarAsync(
            $"SELECT count(*) FROM ({NorwegianPartnerships.Replace(AsOf, "DATE '2022-03-31'", StringComparison.Ordinal)}) pp");
        var roundTwoAccreditations = await fixture.ScalarAsync("""
            SELECT count(*) FROM accreditations a JOIN organisations o ON o.id = a.holder_id
            WHERE o.type = 'CountyAuthority' AND a.decision_date BETWEEN DATE '2021-10-01' AND DATE '2022-03-31'
            """);

        Assert.True(vetLater > 573, $"VET learners as of 2022-03-31: {vetLater}");
        Assert.True(partnershipsLater > 28, $"partnerships as of 2022-03-31: {partnershipsLater}");
        Assert.True(roundTwoAccreditations > 0, "county authorities were accredited in round 2");
    }

    [Fact]
    public async Task The_national_picture_has_about_400_Norwegian_organisations_in_every_county_and_foreign_partners()
    {
        var summary = fixture.Summary;

        Assert.False(summary.Skipped);
        Assert.InRange(summary.NorwegianOrganisations, 380, 440);
        Assert.InRange(summary.ForeignOrganisations, 250, 350);
        Assert.InRange(summary.Projects, 2000, 3000);
        Assert.InRange(summary.Mobilities, 20000, 40000);
        var emptyCounties = await fixture.ColumnAsync("""
            SELECT k.name FROM counties k WHERE k.valid_to IS NULL
              AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.county_number = k.number)
            """);
        Assert.Empty(emptyCounties);
        Assert.Equal(10, await fixture.ScalarAsync("SELECT count(*) FROM organisations WHERE type = 'CountyAuthority' AND county_number IN ('11','15','18','30','34','38','42','46','50','54')"));
        Assert.Equal(7, await fixture.ScalarAsync("SELECT count(*) FROM organisations WHERE type = 'CountyAuthority' AND county_number IN ('31','32','33','39','40','55','56')"));
        Assert.Equal(3, await fixture.ScalarAsync("SELECT count(*) FROM organisations WHERE county_number IN ('30','38','54')"));
    }

    [Fact]
    public async Task Every_Norwegian_organisation_has_a_unique_organisation_number_that_passes_the_modulus_11_check()
    {
        var numbers = await fixture.ColumnAsync("SELECT organisation_number FROM organisations WHERE country_code = 'NO'");

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.True(OrganisationNumber.IsValid(n), $"{n} fails the modulus-11 check"));
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM organisations WHERE country_code <> 'NO' AND (organisation_number IS NOT NULL OR county_number IS NOT NULL)"));
    }

    [Fact]
    public async Task Every_OID_is_E_followed_by_eight_digits_and_unique()
    {
        var oids = await fixture.ColumnAsync("SELECT oid FROM organisations WHERE oid IS NOT NULL");

        Assert.NotEmpty(oids);
        Assert.All(oids, oid => Assert.True(OrganisationId.IsValid(oid), oid));
        Assert.Equal(oids.Count, oids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_project_reference_is_a_valid_project_number_or_for_centralised_actions_an_EU_grant_number()
    {
        var national = await fixture.ColumnAsync("SELECT reference FROM projects WHERE action NOT IN ('CoVE', 'TeacherAcademy', 'SportPartnership')");
        var centralised = await fixture.ColumnAsync("SELECT reference FROM projects WHERE action IN ('CoVE', 'TeacherAcademy', 'SportPartnership')");
        var accreditations = await fixture.ColumnAsync("SELECT code FROM accreditations");

        Assert.All(national, r => Assert.Null(ProjectReference.Validate(r)));
        Assert.All(centralised, r => Assert.True(CentralisedGrantNumber.IsValid(r), r));
        Assert.All(accreditations, c => Assert.Null(AccreditationCode.Validate(c)));
        Assert.Contains(national, r => r.Contains("-SPO-", StringComparison.Ordinal));
        Assert.Equal(0, await fixture.ScalarAsync("""
            SELECT count(*) FROM projects WHERE action NOT IN ('CoVE', 'TeacherAcademy', 'SportPartnership')
              AND (split_part(reference, '-', 1)::int <> call_year OR split_part(reference, '-', 2)::int <> round OR split_part(reference, '-', 4) <> action
                   OR split_part(reference, '-', 5) <> CASE sector WHEN 'SPORT' THEN 'SPO' ELSE sector END)
            """));
    }

    [Fact]
    public async Task Every_mobility_lasts_within_its_activity_rule_for_the_call_year_and_inside_the_project_period()
    {
        const string sql = """
            SELECT count(*) FROM mobilities m
            JOIN projects p ON p.id = m.project_id
            LEFT JOIN LATERAL (
                SELECT r.min_days, r.max_days FROM activity_type_rules r
                WHERE r.activity_type_code = m.activity_type_code AND r.valid_from_call_year <= p.call_year
                ORDER BY r.valid_from_call_year DESC LIMIT 1) rule ON true
            WHERE rule.min_days IS NULL
               OR m.duration_days NOT BETWEEN rule.min_days AND rule.max_days
               OR m.duration_days <> m.end_date - m.start_date + 1
               OR m.start_date < p.start_date OR m.end_date > p.end_date
            """;

        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM mobilities") > 0);
        Assert.Equal(0, await fixture.ScalarAsync(sql));
    }

    [Fact]
    public async Task Mobilities_use_only_activity_types_of_their_projects_sector()
    {
        Assert.Equal(0, await fixture.ScalarAsync("""
            SELECT count(*) FROM mobilities m JOIN projects p ON p.id = m.project_id JOIN activity_types t ON t.code = m.activity_type_code
            WHERE NOT (p.sector = ANY (t.sectors))
            """));
        Assert.Equal(0, await fixture.ScalarAsync("""
            SELECT count(*) FROM awarded_mobilities a JOIN projects p ON p.id = a.project_id JOIN activity_types t ON t.code = a.activity_type_code
            WHERE NOT (p.sector = ANY (t.sectors))
            """));
    }

    [Fact]
    public async Task Group_mobilities_have_at_least_two_participants_and_mobility_ids_are_unique_within_their_project()
    {
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM mobilities WHERE activity_type_code LIKE '%-GRP-%' AND participant_count < 2"));
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM mobilities WHERE activity_type_code LIKE '%-GRP-%'") > 0);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM (SELECT project_id, mobility_id FROM mobilities GROUP BY 1, 2 HAVING count(*) > 1) d"));
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM mobilities WHERE mobility_id !~ '^[0-9]{6}-MOB-[0-9]{5}$'"));
    }

    [Fact]
    public async Task Accompanying_persons_and_incoming_mobilities_are_recorded_apart_from_counted_participants()
    {
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM mobilities WHERE participant_group = 'AccompanyingPerson'") > 0);
        Assert.True(await fixture.ScalarAsync("""
            SELECT count(*) FROM mobilities WHERE direction = 'Incoming' AND activity_type_code IN ('OA-INV-EXP', 'OA-HOS-TTT')
              AND receiving_country_code = 'NO' AND sending_country_code <> 'NO'
            """) > 0);
        Assert.Equal(0, await fixture.ScalarAsync("""
            SELECT count(*) FROM mobilities WHERE (direction = 'Incoming') <> (activity_type_code IN ('OA-INV-EXP', 'OA-HOS-TTT'))
            """));
    }

    [Fact]
    public async Task Mobilities_are_realised_in_the_past_planned_in_the_future_and_some_cancelled()
    {
        var today = $"DATE '{DemoDataFixture.Today:yyyy-MM-dd}'";

        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM mobilities WHERE status = 'Realised' AND end_date >= {today}"));
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM mobilities WHERE status = 'Planned' AND end_date < {today}"));
        Assert.True(await fixture.ScalarAsync("SELECT count(*) FROM mobilities WHERE status = 'Cancelled'") > 0);
        Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM mobilities WHERE registered_at > TIMESTAMPTZ '{DemoDataFixture.Today:O}'"));
    }

    [Fact]
    public async Task Generated_rows_carry_the_demo_audit_stamp()
    {
        foreach (var table in new[] { "organisations", "accreditations", "projects", "mobilities" })
        {
            Assert.Equal(0, await fixture.ScalarAsync($"SELECT count(*) FROM {table} WHERE created_by <> 'demo' OR updated_by <> 'demo'"));
        }
    }

    [Fact]
    public async Task Seeding_a_second_time_is_skipped_and_changes_no_row_counts()
    {
        var before = await RowCountsAsync(fixture.ConnectionString);

        await using var db = fixture.CreateDbContext();
        var again = await new DemoDataGenerator(new FixedTimeProvider(DemoDataFixture.Today)).SeedAsync(db);

        Assert.True(again.Skipped);
        Assert.Equal(before, await RowCountsAsync(fixture.ConnectionString));
        Assert.Equal(1, await db.AppSettings.CountAsync(s => s.Key == AppSetting.DemoDataSeededAt));
    }

    [Fact]
    public async Task The_same_seed_gives_identical_data_in_another_database()
    {
        var other = await TestDatabases.CreateFromTemplateAsync();
        try
        {
            var connectionString = TestDatabases.ConnectionStringFor(other);
            await using (var db = new ErasmusDbContext(TestDatabases.OptionsFor(connectionString)))
            {
                await new DemoDataGenerator(new FixedTimeProvider(DemoDataFixture.Today)).SeedAsync(db);
            }

            Assert.Equal(await ChecksumsAsync(fixture.ConnectionString), await ChecksumsAsync(connectionString));
        }
        finally
        {
            await TestDatabases.DropAsync(other);
        }
    }

    [Fact]
    public async Task Scale_multiplies_organisations_projects_and_mobilities()
    {
        var other = await TestDatabases.CreateFromTemplateAsync();
        try
        {
            await using var db = new ErasmusDbContext(TestDatabases.OptionsFor(TestDatabases.ConnectionStringFor(other)));
            var doubled = await new DemoDataGenerator(new FixedTimeProvider(DemoDataFixture.Today)).SeedAsync(db, scale: 2);
            var single = fixture.Summary;

            Assert.InRange((double)doubled.Organisations, single.Organisations * 1.7, single.Organisations * 2.3);
            Assert.InRange((double)doubled.Projects, single.Projects * 1.7, single.Projects * 2.3);
            Assert.InRange((double)doubled.Mobilities, single.Mobilities * 1.7, single.Mobilities * 2.3);
        }
        finally
        {
            await TestDatabases.DropAsync(other);
        }
    }

    [Fact]
    public async Task An_earlier_today_keeps_the_September_2021_figures_and_leaves_later_decisions_pending()
    {
        var today = new DateTimeOffset(2022, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var other = await TestDatabases.CreateFromTemplateAsync();
        try
        {
            var connectionString = TestDatabases.ConnectionStringFor(other);
            await using (var db = new ErasmusDbContext(TestDatabases.OptionsFor(connectionString)))
            {
                await new DemoDataGenerator(new FixedTimeProvider(today)).SeedAsync(db);
            }

            Assert.Equal(573, await DemoDataFixture.ScalarAsync(connectionString, AwardedSql(AsOf, "'LM-SKILL-VET','LM-SHORT-VET','LM-LONG-VET'", null)));
            Assert.Equal(0, await DemoDataFixture.ScalarAsync(connectionString, "SELECT count(*) FROM projects WHERE call_year > 2022 OR decision_date > DATE '2022-06-15'"));
            Assert.Equal(0, await DemoDataFixture.ScalarAsync(connectionString, "SELECT count(*) FROM accreditations WHERE decision_date > DATE '2022-06-15'"));
            Assert.True(await DemoDataFixture.ScalarAsync(connectionString, "SELECT count(*) FROM projects WHERE call_year = 2022 AND status = 'Applied'") > 0);
            Assert.Equal(0, await DemoDataFixture.ScalarAsync(connectionString, "SELECT count(*) FROM mobilities WHERE status = 'Realised' AND end_date >= DATE '2022-06-15'"));
            Assert.True(await DemoDataFixture.ScalarAsync(connectionString, "SELECT count(*) FROM mobilities WHERE status = 'Planned'") > 0);
        }
        finally
        {
            await TestDatabases.DropAsync(other);
        }
    }

    private static async Task<string> RowCountsAsync(string connectionString)
    {
        var counts = new List<string>();
        foreach (var table in new[]
                 {
                     "organisations", "accreditations", "accreditation_members", "projects", "project_partners", "project_topics",
                     "awarded_mobilities", "mobilities", "activity_type_rules", "app_settings",
                 })
        {
            counts.Add($"{table}={await DemoDataFixture.ScalarAsync(connectionString, $"SELECT count(*) FROM {table}")}");
        }

        return string.Join(", ", counts);
    }

    private static async Task<string> ChecksumsAsync(string connectionString)
    {
        string[] queries =
        [
            """
            SELECT md5(string_agg(concat_ws('|', id, name, type, country_code, organisation_number, oid, county_number, municipality,
                first_participation_year), ',' ORDER BY id)) FROM organisations
            """,
            """
            SELECT md5(string_agg(concat_ws('|', id, code, sector, holder_id, is_consortium, valid_from, valid_to, status, decision_date), ',' ORDER BY id))
            FROM accreditations
            """,
            """
            SELECT md5(string_agg(concat_ws('|', id, reference, action, sector, call_year, round, coordinator_id, start_date, end_date, decision_date,
                status, grant_eur, green_travel_top_up, inclusion_support, blended_mobility, accreditation_id), ',' ORDER BY id)) FROM projects
            """,
            "SELECT md5(string_agg(concat_ws('|', project_id, organisation_id), ',' ORDER BY project_id, organisation_id)) FROM project_partners",
            "SELECT md5(string_agg(concat_ws('|', project_id, activity_type_code, participants), ',' ORDER BY project_id, activity_type_code)) FROM awarded_mobilities",
            """
            SELECT md5(string_agg(concat_ws('|', id, project_id, mobility_id, activity_type_code, participant_group, direction, participant_count,
                sending_organisation_id, receiving_organisation_id, sending_country_code, receiving_country_code, start_date, end_date, duration_days,
                fewer_opportunities, green_travel, blended, status, registered_at), ',' ORDER BY id)) FROM mobilities
            """,
        ];
        var sums = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in queries)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            sums.Add((string)(await command.ExecuteScalarAsync())!);
        }

        return string.Join(" ", sums);
    }
}

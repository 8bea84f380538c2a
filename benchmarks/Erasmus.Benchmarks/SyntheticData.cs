using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Erasmus.Benchmarks;

/// <summary>
/// A large, plausible dataset written straight into the tables with binary COPY: Norwegian and foreign
/// organisations, county authorities with accreditations, mobility projects with awarded lines,
/// partnerships with partners and topics, and the mobility records spread over the mobility projects.
/// Seeded, so every run builds the same data. Not the demo generator: only volume and shape matter here.
/// </summary>
public sealed class SyntheticData(int mobilities, int seed = 2021)
{
    private const int NorwegianOrganisations = 3000;
    private const int ForeignOrganisations = 500;
    private const int MobilitiesPerProject = 50;
    private const int Partnerships = 1500;

    private static readonly string[] Counties = ["03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"];
    private static readonly string[] Foreign = ["DE", "ES", "FR", "IT", "SE", "DK", "FI", "NL", "PL", "PT", "AT", "BE", "IE"];
    private static readonly string[] Topics = ["sustainability", "inclusion", "digital-transformation", "civic-participation", "key-competences", "teacher-development"];

    private static readonly (string Code, string Group, int MinDays, int MaxDays, bool IsGroup)[] Vet =
    [
        ("LM-SHORT-VET", "Learner", 10, 40, false), ("LM-SHORT-VET", "Learner", 10, 40, false), ("LM-SHORT-VET", "Learner", 10, 40, false),
        ("LM-LONG-VET", "Learner", 90, 150, false), ("LM-SKILL-VET", "Learner", 1, 10, false), ("SM-JOB-SHDW", "Staff", 2, 10, false),
        ("SM-COUR-TRAIN", "Staff", 2, 10, false),
    ];

    private static readonly (string Code, string Group, int MinDays, int MaxDays, bool IsGroup)[] School =
    [
        ("LM-GRP-PUPIL", "Learner", 3, 10, true), ("LM-GRP-PUPIL", "Learner", 3, 10, true), ("LM-SHORT-PUPIL", "Learner", 10, 29, false),
        ("LM-LONG-PUPIL", "Learner", 30, 120, false), ("SM-JOB-SHDW", "Staff", 2, 10, false), ("SM-COUR-TRAIN", "Staff", 2, 10, false), ("SM-TTA", "Staff", 2, 30, false),
    ];

    private static readonly (string Code, string Group, int MinDays, int MaxDays, bool IsGroup)[] Adult =
    [
        ("LM-GRP-ADU", "Learner", 3, 10, true), ("LM-SHORT-ADU", "Learner", 2, 29, false), ("SM-JOB-SHDW", "Staff", 2, 10, false), ("SM-COUR-TRAIN", "Staff", 2, 10, false),
    ];

    private readonly Random _random = new(seed);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly List<Project> _projects = [];

    public int ProjectCount => _projects.Count;

    public async Task WriteAsync(NpgsqlConnection connection, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        await OrganisationsAsync(connection);
        await AccreditationsAsync(connection);
        await ProjectsAsync(connection);
        await log.WriteLineAsync($"  organisations, accreditations, {_projects.Count} projects: {clock.Elapsed.TotalSeconds:F1} s");
        await MobilitiesAsync(connection);
        await log.WriteLineAsync($"  {mobilities} mobilities: {clock.Elapsed.TotalSeconds:F1} s");
        await using (var analyse = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 })
        {
            await analyse.ExecuteNonQueryAsync();
        }

        foreach (var table in new[] { "organisations", "accreditations", "projects", "mobilities" })
        {
            await using var sequence = new NpgsqlCommand($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))", connection);
            await sequence.ExecuteScalarAsync();
        }
    }

    private async Task OrganisationsAsync(NpgsqlConnection connection)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY organisations (id, name, type, country_code, county_number, municipality, first_participation_year, created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)");
        string[] types = ["UpperSecondarySchool", "UpperSecondarySchool", "PrimaryOrLowerSecondarySchool", "TrainingOffice", "AdultEducationProvider", "Kindergarten",
            "Company", "AssociationOrNgo", "SportOrganisation", "Municipality"];
        for (var id = 1; id <= NorwegianOrganisations; id++)
        {
            int? first = _random.NextDouble() < 0.6 ? _random.Next(2008, 2021) : null;
            await RowAsync(copy, id, $"Organisasjon {id}", types[id % types.Length], "NO", Counties[_random.Next(Counties.Length)], "Kommune", first);
        }

        var authorities = Counties.Where(c => c != "03").ToList();
        for (var i = 0; i < authorities.Count; i++)
        {
            await RowAsync(copy, NorwegianOrganisations + 1 + i, $"Fylkeskommune {authorities[i]}", "CountyAuthority", "NO", authorities[i], null, 2014);
        }

        for (var i = 0; i < ForeignOrganisations; i++)
        {
            await RowAsync(copy, ForeignId(i), $"Partner {i}", i % 3 == 0 ? "Company" : "UpperSecondarySchool", Foreign[i % Foreign.Length], null, null, null);
        }

        await copy.CompleteAsync();

        async Task RowAsync(NpgsqlBinaryImporter c, int id, string name, string type, string country, string? county, string? municipality, int? first)
        {
            await c.StartRowAsync();
            await c.WriteAsync(id, NpgsqlDbType.Integer);
            await c.WriteAsync(name, NpgsqlDbType.Varchar);
            await c.WriteAsync(type, NpgsqlDbType.Varchar);
            await c.WriteAsync(country, NpgsqlDbType.Varchar);
            await WriteNullableAsync(c, county, NpgsqlDbType.Varchar);
            await WriteNullableAsync(c, municipality, NpgsqlDbType.Varchar);
            await WriteNullableAsync(c, first, NpgsqlDbType.Integer);
            await AuditAsync(c);
        }
    }

    private async Task AccreditationsAsync(NpgsqlConnection connection)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY accreditations (id, code, sector, holder_id, is_consortium, valid_from, valid_to, status, decision_date, created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)");
        var id = 0;
        for (var i = 0; i < Counties.Length - 1; i++)
        {
            foreach (var (sector, share) in new[] { ("VET", 1.0), ("SCH", 0.6), ("ADU", 0.3) })
            {
                if (_random.NextDouble() >= share)
                {
                    continue;
                }

                id++;
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Integer);
                await copy.WriteAsync($"2021-1-NO01-KA120-{sector}-{id:D6}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(sector, NpgsqlDbType.Varchar);
                await copy.WriteAsync(NorwegianOrganisations + 1 + i, NpgsqlDbType.Integer);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(new DateOnly(2021, 2, 1), NpgsqlDbType.Date);
                await copy.WriteAsync(new DateOnly(2027, 12, 31), NpgsqlDbType.Date);
                await copy.WriteAsync("Active", NpgsqlDbType.Varchar);
                await copy.WriteAsync(new DateOnly(2021, 2, 1), NpgsqlDbType.Date);
                await AuditAsync(copy);
            }
        }

        await copy.CompleteAsync();
    }

    private async Task ProjectsAsync(NpgsqlConnection connection)
    {
        var mobilityProjects = Math.Max(1, mobilities / MobilitiesPerProject);
        for (var id = 1; id <= mobilityProjects; id++)
        {
            var sector = _random.NextDouble() switch { < 0.45 => "VET", < 0.85 => "SCH", _ => "ADU" };
            var action = _random.NextDouble() < 0.6 ? "KA122" : "KA121";
            _projects.Add(new Project(id, action, sector, 2021 + _random.Next(5), 1 + _random.Next(NorwegianOrganisations), []));
        }

        for (var i = 0; i < Partnerships; i++)
        {
            var sector = new[] { "SCH", "VET", "ADU", "YOU", "SPORT" }[_random.Next(5)];
            var coordinator = _random.NextDouble() < 0.7 ? 1 + _random.Next(NorwegianOrganisations) : ForeignId(_random.Next(ForeignOrganisations));
            var partners = Enumerable.Range(0, 2 + _random.Next(3))
                .Select(_ => _random.NextDouble() < 0.5 ? 1 + _random.Next(NorwegianOrganisations) : ForeignId(_random.Next(ForeignOrganisations)))
                .Where(p => p != coordinator).Distinct().ToArray();
            _projects.Add(new Project(mobilityProjects + 1 + i, _random.NextDouble() < 0.4 ? "KA220" : "KA210", sector, 2021 + _random.Next(5), coordinator, partners));
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY projects (id, reference, action, sector, call_year, round, coordinator_id, start_date, end_date, decision_date, status, grant_eur, green_travel_top_up, inclusion_support, blended_mobility, created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in _projects)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync($"{p.CallYear}-1-NO01-{p.Action}-{(p.Sector == "SPORT" ? "SPO" : p.Sector)}-{p.Id:D9}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.Action, NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.Sector, NpgsqlDbType.Varchar);
                await copy.WriteAsync(p.CallYear, NpgsqlDbType.Integer);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.CoordinatorId, NpgsqlDbType.Integer);
                await copy.WriteAsync(p.Start, NpgsqlDbType.Date);
                await copy.WriteAsync(p.End, NpgsqlDbType.Date);
                await copy.WriteAsync(new DateOnly(p.CallYear, 7, 1).AddDays(_random.Next(60)), NpgsqlDbType.Date);
                await copy.WriteAsync(p.CallYear <= 2023 ? "Completed" : "Ongoing", NpgsqlDbType.Varchar);
                await copy.WriteAsync(60000m + _random.Next(200) * 1000m, NpgsqlDbType.Numeric);
                await copy.WriteAsync(_random.NextDouble() < 0.2, NpgsqlDbType.Boolean);
                await copy.WriteAsync(_random.NextDouble() < 0.35, NpgsqlDbType.Boolean);
                await copy.WriteAsync(_random.NextDouble() < 0.2, NpgsqlDbType.Boolean);
                await AuditAsync(copy);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY awarded_mobilities (project_id, activity_type_code, participants) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in _projects.Where(p => p.Partners.Length == 0))
            {
                foreach (var code in Activities(p.Sector).Select(a => a.Code).Distinct().OrderBy(_ => _random.Next()).Take(2 + _random.Next(2)))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(code, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(5 + _random.Next(56), NpgsqlDbType.Integer);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY project_partners (project_id, organisation_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in _projects)
            {
                foreach (var partner in p.Partners)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(partner, NpgsqlDbType.Integer);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY project_topics (project_id, topic_code) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in _projects.Where(p => p.Partners.Length > 0))
            {
                foreach (var topic in Topics.OrderBy(_ => _random.Next()).Take(1 + _random.Next(3)))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Integer);
                    await copy.WriteAsync(topic, NpgsqlDbType.Varchar);
                }
            }

            await copy.CompleteAsync();
        }
    }

    private async Task MobilitiesAsync(NpgsqlConnection connection)
    {
        var mobilityProjects = _projects.Where(p => p.Partners.Length == 0).ToList();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY mobilities (id, project_id, mobility_id, activity_type_code, participant_group, direction, participant_count, sending_organisation_id, " +
            "sending_country_code, receiving_country_code, start_date, end_date, duration_days, fewer_opportunities, green_travel, blended, status, registered_at, " +
            "created_at, created_by, updated_at, updated_by) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < mobilities; i++)
        {
            var project = mobilityProjects[i % mobilityProjects.Count];
            var sequence = (i / mobilityProjects.Count) + 1;
            var roll = _random.NextDouble();
            var (code, group, minDays, maxDays, isGroup) = Activities(project.Sector)[_random.Next(Activities(project.Sector).Length)];
            var direction = "Outgoing";
            if (roll < 0.02)
            {
                (code, group, minDays, maxDays, isGroup, direction) = ("OA-INV-EXP", "Other", 2, 10, false, "Incoming");
            }
            else if (roll < 0.04 && group == "Learner")
            {
                group = "AccompanyingPerson";
                isGroup = false;
            }

            var days = minDays + _random.Next(maxDays - minDays + 1);
            var start = project.Start.AddDays(_random.Next(700 - days));
            var status = _random.NextDouble() switch { < 0.94 => "Realised", < 0.98 => "Planned", _ => "Cancelled" };

            await copy.StartRowAsync();
            await copy.WriteAsync(i + 1, NpgsqlDbType.Integer);
            await copy.WriteAsync(project.Id, NpgsqlDbType.Integer);
            await copy.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{project.Id % 1000000:D6}-MOB-{sequence:D5}"), NpgsqlDbType.Varchar);
            await copy.WriteAsync(code, NpgsqlDbType.Varchar);
            await copy.WriteAsync(group, NpgsqlDbType.Varchar);
            await copy.WriteAsync(direction, NpgsqlDbType.Varchar);
            await copy.WriteAsync(isGroup ? 2 + _random.Next(24) : 1, NpgsqlDbType.Integer);
            await copy.WriteAsync(project.CoordinatorId, NpgsqlDbType.Integer);
            await copy.WriteAsync(direction == "Incoming" ? Foreign[_random.Next(Foreign.Length)] : "NO", NpgsqlDbType.Varchar);
            await copy.WriteAsync(direction == "Incoming" ? "NO" : Foreign[_random.Next(Foreign.Length)], NpgsqlDbType.Varchar);
            await copy.WriteAsync(start, NpgsqlDbType.Date);
            await copy.WriteAsync(start.AddDays(days - 1), NpgsqlDbType.Date);
            await copy.WriteAsync(days, NpgsqlDbType.Integer);
            await copy.WriteAsync(_random.NextDouble() < 0.15, NpgsqlDbType.Boolean);
            await copy.WriteAsync(_random.NextDouble() < 0.2, NpgsqlDbType.Boolean);
            await copy.WriteAsync(_random.NextDouble() < 0.1, NpgsqlDbType.Boolean);
            await copy.WriteAsync(status, NpgsqlDbType.Varchar);
            await copy.WriteAsync(_now, NpgsqlDbType.TimestampTz);
            await AuditAsync(copy);
        }

        await copy.CompleteAsync();
    }

    private static (string Code, string Group, int MinDays, int MaxDays, bool IsGroup)[] Activities(string sector) => sector switch
    {
        "VET" => Vet,
        "SCH" => School,
        _ => Adult,
    };

    private static int ForeignId(int index) => NorwegianOrganisations + Counties.Length + index;

    private async Task AuditAsync(NpgsqlBinaryImporter copy)
    {
        await copy.WriteAsync(_now, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync("benchmark", NpgsqlDbType.Varchar);
        await copy.WriteAsync(_now, NpgsqlDbType.TimestampTz);
        await copy.WriteAsync("benchmark", NpgsqlDbType.Varchar);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }

    private sealed record Project(int Id, string Action, string Sector, int CallYear, int CoordinatorId, int[] Partners)
    {
        public DateOnly Start => new(CallYear, 9, 1);

        public DateOnly End => new(CallYear + 2, 8, 31);
    }
}

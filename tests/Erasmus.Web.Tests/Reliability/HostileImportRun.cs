using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CsCheck;
using Erasmus.Domain.Entities;
using Erasmus.Domain.Rules;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Reliability.HostileInputPropertyTests;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// The import property: rows that are valid but for one to three generated hostile cells, in every
/// column of the mobility and the project import, as .csv and as .xlsx (where a cell may also be a
/// real date, a serial number, a number, a boolean, an error or a formula), uploaded as the
/// coordinator of Vestland or as an analyst. Many rows share a file; when a file fails as a whole or
/// its confirmation fails, it is split in halves until the row responsible is found. For every row:
/// rejected in the preview with a message on the page and never written, or written when confirmed,
/// stored plausibly, in the coordinator's county, with its pages and the dashboards answering 200.
/// </summary>
public sealed class HostileImportRun(Site site)
{
    private static readonly string[] Dashboards = ["/mal", "/api/attainment", "/reports/status.xlsx"];

    private static readonly Variant[] Variants =
    [
        new(2, ImportKind.Mobilities, "csv", 400, 40),
        new(3, ImportKind.Mobilities, "xlsx", 400, 40),
        new(4, ImportKind.Projects, "csv", 250, 25),
        new(5, ImportKind.Projects, "xlsx", 250, 25),
    ];

    private static int _serial = 400_000;

    private readonly RunCounter _counter = new();
    private Dictionary<string, string[]> _options = [];

    public Findings Findings { get; } = new();

    public string Summary() => _counter.Summary("import rows");

    public async Task RunAsync()
    {
        _options = await OptionsAsync();
        foreach (var variant in Variants)
        {
            var rows = HostileValues.CaseSeeds(variant.Stream, HostileValues.Scaled(variant.Rows)).Select(seed => NewRow(variant, seed)).ToList();
            foreach (var group in rows.GroupBy(r => r.Persona))
            {
                foreach (var batch in group.Chunk(variant.BatchSize))
                {
                    await RunRowsAsync(variant, group.Key, [.. batch]);
                }
            }
        }
    }

    /// <summary>How a column's values are generated: its kind, and for codes the values the import knows.</summary>
    private static FieldKind KindOf(ImportColumn column) => column.Key switch
    {
        "StartDate" or "EndDate" or "DecisionDate" => FieldKind.Date,
        "Participants" or "CallYear" or "Round" or "Grant" => FieldKind.Number,
        "AccompanyingPerson" or "FewerOpportunities" or "GreenTravel" or "Blended" or "GreenTravelTopUp" or "InclusionSupport" or "BlendedMobility" => FieldKind.Flag,
        "ProjectReference" or "Reference" or "SendingOrganisationOid" or "ReceivingOrganisationOid" or "CoordinatorOid" or "Partners" => FieldKind.Id,
        "ActivityType" or "ParticipantGroup" or "SendingCountry" or "ReceivingCountry" or "CoordinatorCountry" or "Direction" or "Status" or "Action" or "Sector"
            or "Topics" or "Awarded" => FieldKind.Code,
        _ => FieldKind.Text,
    };

    private async Task<Dictionary<string, string[]>> OptionsAsync()
    {
        var activities = (await site.RowsAsync("SELECT code FROM activity_types ORDER BY code")).Select(r => (string)r[0]!).ToArray();
        var topics = (await site.RowsAsync("SELECT code FROM topics ORDER BY code")).Select(r => (string)r[0]!).ToArray();
        var countries = (await site.RowsAsync("SELECT code FROM countries ORDER BY code LIMIT 12")).Select(r => (string)r[0]!)
            .Concat(["Norge", "Tyskland", "Germany", "Sverige"]).ToArray();
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["ActivityType"] = activities,
            ["ParticipantGroup"] = [.. Enum.GetNames<ParticipantGroup>(), "Elev", "Ansatt", "Ledsager", "Accompanying person"],
            ["SendingCountry"] = countries,
            ["ReceivingCountry"] = countries,
            ["CoordinatorCountry"] = countries,
            ["Direction"] = [.. Enum.GetNames<MobilityDirection>(), "Utgående", "Innkommende"],
            ["Status"] = [.. Enum.GetNames<MobilityStatus>(), .. Enum.GetNames<ProjectStatus>(), "Innvilget", "Avlyst"],
            ["Action"] = Enum.GetNames<ProjectAction>(),
            ["Sector"] = [.. Enum.GetNames<Sector>(), "SPO"],
            ["Topics"] = topics,
            ["Awarded"] = [.. activities.Select(a => a + "=4")],
        };
    }

    /// <summary>One row from its seed: the persona, a valid row, and one to three columns given hostile values.</summary>
    private Row NewRow(Variant variant, string seed)
    {
        var pcg = PCG.Parse(seed);
        var persona = Gen.Int[0, 99].One(pcg) < 70 ? site.Coordinator : site.Analyst;
        var columns = variant.Columns;
        var cells = Baseline(variant.Kind, variant.Format);
        var missing = columns.Where(c => c.Required && !cells.ContainsKey(c.Key)).Select(c => c.English).ToList();
        Assert.True(missing.Count == 0, $"No valid value for the new import column(s) {string.Join(", ", missing)}: add one to HostileImportRun.Baseline.");
        var mutations = new List<(ImportColumn Column, Hostile Value)>();
        var count = Gen.Int[0, 99].One(pcg) < 85 ? 1 : Gen.Int[2, 3].One(pcg);
        for (var i = 0; i < count; i++)
        {
            var column = columns[Gen.Int[0, columns.Count - 1].One(pcg)];
            if (mutations.Any(m => m.Column == column))
            {
                continue;
            }

            var kind = KindOf(column);
            var value = variant.Format == "xlsx" && Gen.Int[0, 99].One(pcg) < 30
                ? HostileValues.Cells(kind).One(pcg)
                : column.Key switch
                {
                    "Awarded" => HostileValues.Mix(
                        (3, HostileValues.Numbers.Select(n => new Hostile("LM-SHORT-VET=" + n.Text, "awarded:" + n.Class))),
                        (2, HostileValues.Either(
                            Gen.OneOf("UNKNOWN=4", "LM-SHORT-VET=4;LM-SHORT-VET=5", "=", "LM-SHORT-VET", "LM-SHORT-SCH=4", ";;;", "LM-SHORT-VET==4", "LM-SHORT-VET=4;{{org:foreign}}=2")
                                .Select(v => new Hostile(v, "awarded:malformed")),
                            HostileValues.Codes(_options["Awarded"]))),
                        (1, HostileValues.Any)).One(pcg),
                    "Partners" => HostileValues.Mix(
                        (3, HostileValues.For(kind, [])),
                        (1, Gen.OneOf(";;;", "E00000000", "E1234", "{{org:own}}", "{{org:foreign}}; {{org:other-county}}", "{{org:foreign}};{{org:foreign}}")
                            .Select(v => new Hostile(v, "list:malformed")))).One(pcg),
                    _ => HostileValues.For(kind, _options.GetValueOrDefault(column.Key) ?? []).One(pcg),
                };
            mutations.Add((column, value));
            cells[column.Key] = value;
        }

        return new Row(seed, persona, cells, mutations);
    }

    /// <summary>A valid row of the kind: a mobility in the coordinator's project, or a new project of the coordinator's organisation with a foreign partner.</summary>
    private static Dictionary<string, Hostile> Baseline(ImportKind kind, string format)
    {
        var n = Interlocked.Increment(ref _serial);
        Hostile Text(string text) => new(text, "valid");
        Hostile Date(int y, int m, int d) => format == "xlsx"
            ? new Hostile(string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}-{d:D2}"), "valid") { Cell = new DateOnly(y, m, d) }
            : Text(string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}-{d:D2}"));
        var cells = kind == ImportKind.Mobilities
            ? new Dictionary<string, Hostile>(StringComparer.Ordinal)
            {
                ["ProjectReference"] = Text("{{project:own}}"),
                ["MobilityId"] = Text(string.Create(CultureInfo.InvariantCulture, $"{n % 1000000:D6}-MOB-{n % 100000:D5}")),
                ["ActivityType"] = Text("LM-SHORT-VET"),
                ["ParticipantGroup"] = Text("Learner"),
                ["AccompanyingPerson"] = Text("No"),
                ["FewerOpportunities"] = Text("No"),
                ["GreenTravel"] = Text("Yes"),
                ["Blended"] = Text("No"),
                ["SendingOrganisationOid"] = Text("{{org:own}}"),
                ["SendingOrganisationName"] = Text(""),
                ["ReceivingOrganisationOid"] = Text("{{org:foreign}}"),
                ["ReceivingOrganisationName"] = Text(""),
                ["SendingCountry"] = Text("NO"),
                ["ReceivingCountry"] = Text("DE"),
                ["StartDate"] = Date(2021, 10, 4),
                ["EndDate"] = Date(2021, 10, 22),
                ["Participants"] = Text("1"),
                ["Direction"] = Text("Outgoing"),
                ["Status"] = Text("Realised"),
            }
            : new Dictionary<string, Hostile>(StringComparer.Ordinal)
            {
                ["Reference"] = Text(string.Create(CultureInfo.InvariantCulture, $"2022-1-NO01-KA122-VET-{500_000_000 + n:D9}")),
                ["Action"] = Text("KA122"),
                ["Sector"] = Text("VET"),
                ["CallYear"] = Text("2022"),
                ["Round"] = Text("1"),
                ["CoordinatorOid"] = Text("{{org:own}}"),
                ["CoordinatorName"] = Text(""),
                ["CoordinatorCountry"] = Text(""),
                ["Partners"] = Text("{{org:foreign}}"),
                ["StartDate"] = Date(2022, 9, 1),
                ["EndDate"] = Date(2024, 8, 31),
                ["DecisionDate"] = Date(2022, 7, 1),
                ["Status"] = Text("Granted"),
                ["Grant"] = Text("60000"),
                ["GreenTravelTopUp"] = Text("No"),
                ["InclusionSupport"] = Text("No"),
                ["BlendedMobility"] = Text("No"),
                ["Topics"] = Text("inclusion"),
                ["Awarded"] = Text("LM-SHORT-VET=4"),
            };
        return cells;
    }

    /// <summary>Uploads the rows as one file and judges them; a file that fails whole, or whose confirmation fails, is split in halves.</summary>
    private async Task RunRowsAsync(Variant variant, Persona persona, List<Row> rows)
    {
        var area = $"import {variant.Kind.ToString().ToLowerInvariant()} .{variant.Format}";
        var resolver = await ResolverAsync(variant, persona);
        foreach (var row in rows)
        {
            row.Resolve(resolver, variant);
        }

        // The staging tables are the import's own; every other table must stay as it was until the confirmation.
        var domain = (string t) => !t.StartsWith("import_", StringComparison.Ordinal) && HostileFormRun.Recorded(t);
        var before = await TableChecksums.ReadAsync(site.ConnectionString, domain);
        var existing = await IdentitiesAsync(variant.Kind);
        var maxId = await site.ScalarAsync<int>($"SELECT coalesce(max(id), 0) FROM {Table(variant.Kind)}");
        var logMark = site.App.Logs.Count;
        var upload = await UploadAsync(persona, variant, rows);
        if ((int)upload.StatusCode >= 500 || upload.StatusCode != HttpStatusCode.Redirect)
        {
            if (rows.Count > 1 && (int)upload.StatusCode >= 500)
            {
                await SplitAsync(variant, persona, rows);
                return;
            }

            var page = new HtmlParser().ParseDocument(await upload.Content.ReadAsStringAsync());
            foreach (var row in rows)
            {
                Judge(area, persona, row, (int)upload.StatusCode >= 500 ? $"upload answered {(int)upload.StatusCode}" : null,
                    Cause(logMark) ?? "", (int)upload.StatusCode >= 500 ? "5xx" : "file refused");
                if ((int)upload.StatusCode < 500 && page.QuerySelector("main .error-summary li, main .error-message") is null)
                {
                    Finding(area, persona, row, "the upload was refused without a message", $"{(int)upload.StatusCode}");
                }
            }

            return;
        }

        var id = Guid.Parse(upload.Headers.Location!.OriginalString.Split('/').Last());
        await WaitAsync(persona, id);
        var preview = await AppFixture.GetDocumentAsync(persona.Client, $"/import/{id}");
        if (TableChecksums.Changed(before, await TableChecksums.ReadAsync(site.ConnectionString, domain)) is { Count: > 0 } readWrote)
        {
            foreach (var row in rows)
            {
                Finding(area, persona, row, "reading the file wrote domain rows", string.Join(", ", readWrote));
            }
        }

        if (preview.QuerySelector("#import-failure") is { } failure)
        {
            if (rows.Count > 1)
            {
                await SplitAsync(variant, persona, rows);
                return;
            }

            // The whole file refused, with its message: the row wrote nothing.
            Judge(area, persona, rows[0], failure.TextContent.Trim().Length == 0 ? "the file was refused without a message" : null, "", "file refused");
            return;
        }

        var rejected = await RejectedAsync(persona, id);
        var staged = new List<Row>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (rejected.TryGetValue(i + 2, out var messages))
            {
                row.Rejected = true;
                Judge(area, persona, row, messages.All(m => m.Length == 0) ? "rejected without a message" : null, "", "rejected");
            }
            else
            {
                staged.Add(row);
            }
        }

        if (staged.Count == 0)
        {
            await CancelAsync(persona, id);
            return;
        }

        var confirmMark = site.App.Logs.Count;
        var confirm = await AppFixture.PostFormAsync(persona.Client, $"/import/{id}", $"/import/{id}/bekreft", []);
        if (confirm.StatusCode != HttpStatusCode.Redirect)
        {
            foreach (var row in staged)
            {
                Judge(area, persona, row, $"confirming answered {(int)confirm.StatusCode}", Cause(confirmMark) ?? "", "5xx");
            }

            return;
        }

        await WaitAsync(persona, id);
        var result = await AppFixture.GetDocumentAsync(persona.Client, $"/import/{id}");
        if (result.QuerySelector("#import-result") is null)
        {
            var problem = result.QuerySelector("#import-problem")?.TextContent.Trim() ?? "(no message)";
            var wrote = TableChecksums.Changed(before, await TableChecksums.ReadAsync(site.ConnectionString, domain));
            await CancelAsync(persona, id);
            if (staged.Count > 1 && wrote.Count == 0)
            {
                await SplitAsync(variant, persona, staged);
                return;
            }

            foreach (var row in staged)
            {
                Judge(area, persona, row, wrote.Count > 0 ? "the failed confirmation wrote rows" : "passed the preview, but confirming failed",
                    $"{Flat(problem)} {Cause(confirmMark)}".Trim(), "confirm failed");
            }

            return;
        }

        await JudgeConfirmedAsync(variant, area, persona, rows, staged, existing, maxId);
    }

    private async Task JudgeConfirmedAsync(Variant variant, string area, Persona persona, List<Row> rows, List<Row> staged, HashSet<string> existing, int maxId)
    {
        var table = Table(variant.Kind);
        var written = (await site.RowsAsync(variant.Kind == ImportKind.Mobilities
                ? "SELECT m.id, p.reference || '/' || m.mobility_id FROM mobilities m JOIN projects p ON p.id = m.project_id WHERE m.id > @max"
                : "SELECT id, reference FROM projects WHERE id > @max", ("max", maxId)))
            .ToDictionary(r => (string)r[1]!, r => ((int)r[0]!).ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var problems = new Dictionary<Row, List<(string Problem, string Detail)>>();
        void Problem(Row row, string problem, string detail) =>
            (problems.TryGetValue(row, out var list) ? list : problems[row] = []).Add((problem, detail));

        foreach (var row in rows.Where(r => r.Rejected && written.ContainsKey(r.Identity) && !existing.Contains(r.Identity)))
        {
            Problem(row, "a rejected row was written", row.Identity);
        }

        foreach (var row in staged.Where(r => !existing.Contains(r.Identity) && !written.ContainsKey(r.Identity)))
        {
            Problem(row, "a row the preview accepted was not written", row.Identity);
        }

        var rowOf = staged.Where(r => written.ContainsKey(r.Identity)).GroupBy(r => written[r.Identity]).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var unexplained = written.Where(w => rows.All(r => r.Identity != w.Key)).Select(w => w.Key).ToList();
        if (unexplained.Count > 0)
        {
            foreach (var row in staged)
            {
                Problem(row, "the import wrote rows no file row names", string.Join(", ", unexplained.Take(3)));
            }
        }

        // Plausible values, on every row the database holds; a violation belongs to the row that wrote the record (or, for a project changed by a row, to that row).
        var violations = await PlausibleValues.FindAsync(site.ConnectionString);
        var byReference = variant.Kind == ImportKind.Projects
            ? (await site.RowsAsync("SELECT id::text, reference FROM projects")).ToDictionary(r => (string)r[0]!, r => (string)r[1]!, StringComparer.Ordinal)
            : [];
        foreach (var violation in violations)
        {
            var owner = violation.Table == table && rowOf.TryGetValue(violation.Key, out var r) ? r
                : variant.Kind == ImportKind.Projects && violation.Table == "projects" && byReference.TryGetValue(violation.Key, out var reference)
                    ? staged.FirstOrDefault(s => s.Identity == reference) : null;
            foreach (var row in owner is null ? staged : [owner])
            {
                Problem(row, $"stored an implausible {violation.Table}.{violation.Column}", violation.ToString());
            }
        }

        // The pages of a sample of rows (every row with a violation among them), as the uploader, and the coordinator's edit page.
        var sample = staged.Where(r => written.ContainsKey(r.Identity))
            .OrderBy(r => problems.ContainsKey(r) ? 0 : 1).ThenBy(r => r.Seed, StringComparer.Ordinal).Take(Math.Max(4, problems.Count)).ToList();
        foreach (var row in sample)
        {
            var recordId = written[row.Identity];
            var path = variant.Kind == ImportKind.Mobilities ? "/mobiliteter" : "/prosjekter";
            var list = variant.Kind == ImportKind.Mobilities
                ? $"/mobiliteter?Project={Uri.EscapeDataString(row.Identity.Split('/')[0])}"
                : $"/prosjekter?Search={Uri.EscapeDataString(row.Identity)}";
            foreach (var page in new[] { $"{path}/{recordId}", list })
            {
                var mark = site.App.Logs.Count;
                if (await StatusOfAsync(persona, page) is var status and not 200)
                {
                    Problem(row, $"{SiteCrawler.Shape(page)} answered {status} after confirming", $"{page}: {Cause(mark) ?? "no exception logged"}");
                }
            }

            if (persona.IsCoordinator && await StatusOfAsync(persona, $"{path}/{recordId}/endre") is var edit and not 200)
            {
                Problem(row, "the imported record is not in the coordinator's county", $"{path}/{recordId}/endre answers {edit}");
            }
        }

        // The dashboards once per file; when one fails, the rows' records are taken out one at a time until it answers again.
        foreach (var dashboard in Dashboards)
        {
            var mark = site.App.Logs.Count;
            if (await StatusOfAsync(persona, dashboard) is var status and not 200)
            {
                var cause = Cause(mark) ?? "no exception logged";
                var suspects = staged.Where(r => written.ContainsKey(r.Identity)).OrderBy(r => problems.ContainsKey(r) ? 0 : 1).ToList();
                Row? culprit = null;
                foreach (var suspect in suspects)
                {
                    await PlausibleValues.QuarantineAsync(site.ConnectionString, table, written[suspect.Identity]);
                    if (await StatusOfAsync(persona, dashboard) == 200)
                    {
                        culprit = suspect;
                        break;
                    }
                }

                if (culprit is null)
                {
                    // Taking out every row of this file did not help: something stored earlier breaks the page.
                    Problem(staged[0], $"{dashboard} answered {status}, and not because of this file's rows", cause);
                }
                else
                {
                    Problem(culprit, $"{dashboard} answered {status} after confirming", cause);
                }
            }
        }

        foreach (var row in rows.Where(r => !r.Rejected))
        {
            var found = problems.GetValueOrDefault(row) ?? [];
            Judge(area, persona, row, null, "", found.Count == 0 ? "saved" : "saved with problems");
            foreach (var (problem, detail) in found)
            {
                Finding(area, persona, row, problem, detail);
            }
        }

        foreach (var violation in violations)
        {
            await PlausibleValues.QuarantineAsync(site.ConnectionString, violation.Table, violation.Key);
        }
    }

    private async Task SplitAsync(Variant variant, Persona persona, List<Row> rows)
    {
        var half = rows.Count / 2;
        foreach (var part in new[] { rows.GetRange(0, half), rows.GetRange(half, rows.Count - half) })
        {
            foreach (var row in part)
            {
                row.Rejected = false;
            }

            await RunRowsAsync(variant, persona, part);
        }
    }

    private void Judge(string area, Persona persona, Row row, string? problem, string detail, string outcome)
    {
        _counter.Count($"{area} as {persona.Name}", outcome);
        if (problem is not null)
        {
            Finding(area, persona, row, problem, detail);
        }
    }

    private void Finding(string area, Persona persona, Row row, string problem, string detail) =>
        Findings.Add(new Finding(area, persona.Name, string.Join(" + ", row.Mutations.Select(m => m.Column.English)),
            string.Join(" + ", row.Mutations.Select(m => m.Value.Class)), string.Join(" | ", row.Mutations.Select(m => m.Value.ToString())),
            problem, detail, row.Seed));

    /// <summary>Placeholders as the import names records: OIDs, project numbers, accreditation codes, mobility ids. An analyst's project rows change a project of their own.</summary>
    private async Task<Func<string, string>> ResolverAsync(Variant variant, Persona persona)
    {
        var otherProject = site.OtherCountyProject.Reference;
        if (variant.Kind == ImportKind.Projects && !persona.IsCoordinator)
        {
            // An analyst may change another county's project: each file gets one of its own, so no file changes what the next relies on.
            await using var db = site.CreateDbContext();
            var coordinator = await db.Organisations.SingleAsync(o => o.Id == site.OtherCountyOrganisation.Id);
            var partner = await db.Organisations.SingleAsync(o => o.Id == site.ForeignOrganisation.Id);
            otherProject = (await new TestData(db).ProjectAsync(coordinator, callYear: 2022, partners: [partner])).Reference;
        }

        return token => token switch
        {
            "org:other-county" => site.OtherCountyOrganisation.Oid!,
            "org:foreign" => site.ForeignOrganisation.Oid!,
            "org:dissolved-county" => site.DissolvedCountyOrganisation.Oid!,
            "org:own" => site.OwnOrganisation.Oid!,
            "project:other-county" => otherProject,
            "project:own" => site.OwnProject.Reference,
            "accreditation:other-county" => site.OtherCountyAccreditation.Code,
            "mobility:other-county" => site.OtherCountyMobility.MobilityId,
            _ => throw new ArgumentException($"Unknown placeholder {token}", nameof(token)),
        };
    }

    private async Task<HashSet<string>> IdentitiesAsync(ImportKind kind) =>
        [.. (await site.RowsAsync(kind == ImportKind.Mobilities
            ? "SELECT p.reference || '/' || m.mobility_id FROM mobilities m JOIN projects p ON p.id = m.project_id"
            : "SELECT reference FROM projects")).Select(r => (string)r[0]!)];

    private static async Task<HttpResponseMessage> UploadAsync(Persona persona, Variant variant, List<Row> rows)
    {
        var columns = variant.Columns;
        var header = columns.Select(c => c.English).ToList();
        byte[] file;
        if (variant.Format == "csv")
        {
            file = ImportTestKit.Csv(header, rows.Select(r => columns.Select(c => r.Text(c.Key)).ToArray()));
        }
        else
        {
            file = TestWorkbook.From(header, rows.Select(r => columns.Select(c => r.CellOf(c.Key)).ToArray())).Build();
        }

        var token = await AppFixture.AntiforgeryTokenAsync(persona.Client, "/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent(variant.Kind.ToString()), "Kind");
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "File", $"hostile.{variant.Format}");
        return await persona.Client.PostAsync(new Uri("/import", UriKind.Relative), form);
    }

    private static async Task WaitAsync(Persona persona, Guid id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var response = await persona.Client.GetAsync(new Uri($"/import/{id}/status", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("done").GetBoolean())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {id} did not finish within 2 minutes.");
            await Task.Delay(20);
        }
    }

    /// <summary>The rejected rows as the preview lists them, page by page: row number → messages.</summary>
    private static async Task<Dictionary<int, List<string>>> RejectedAsync(Persona persona, Guid id)
    {
        var rejected = new Dictionary<int, List<string>>();
        for (var page = 1; ; page++)
        {
            var document = await AppFixture.GetDocumentAsync(persona.Client, $"/import/{id}?vis=avviste&pageSize=100&page={page}");
            var rows = document.QuerySelectorAll("#rejected tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
            foreach (var cells in rows.Where(c => c.Length >= 3))
            {
                var number = int.Parse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
                (rejected.TryGetValue(number, out var list) ? list : rejected[number] = []).Add(cells[2]);
            }

            if (rows.Count < 100)
            {
                return rejected;
            }
        }
    }

    private static async Task CancelAsync(Persona persona, Guid id) =>
        await AppFixture.PostFormAsync(persona.Client, $"/import/{id}", $"/import/{id}/avbryt", []);

    private static async Task<int> StatusOfAsync(Persona persona, string page) =>
        (int)(await persona.Client.GetAsync(new Uri(page, UriKind.Relative))).StatusCode;

    private string? Cause(int logMark) => site.App.Logs.Since(logMark).LastOrDefault(l => l.Exception is not null) is { } log
        ? $"{log.Message} ({log.Exception})"
        : null;

    private static string Table(ImportKind kind) => kind == ImportKind.Mobilities ? "mobilities" : "projects";

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed record Variant(uint Stream, ImportKind Kind, string Format, int Rows, int BatchSize)
    {
        public IReadOnlyList<ImportColumn> Columns => Kind == ImportKind.Mobilities ? MobilityColumns.All : ProjectColumns.All;
    }

    /// <summary>A file row: its seed, who uploads it, its cells by column key, and which of them are hostile.</summary>
    private sealed class Row(string seed, Persona persona, Dictionary<string, Hostile> cells, List<(ImportColumn Column, Hostile Value)> mutations)
    {
        private readonly Dictionary<string, string> _resolved = new(StringComparer.Ordinal);

        public string Seed { get; } = seed;
        public Persona Persona { get; } = persona;
        public List<(ImportColumn Column, Hostile Value)> Mutations { get; } = mutations;
        public bool Rejected { get; set; }

        /// <summary>What names the record the row writes: project number and mobility id, or the project number.</summary>
        public string Identity { get; private set; } = "";

        public void Resolve(Func<string, string> resolver, Variant variant)
        {
            foreach (var (key, cell) in cells)
            {
                _resolved[key] = HostileValues.Resolve(cell.Text, resolver);
            }

            string Normal(string key) => _resolved.GetValueOrDefault(key, "").Trim().ToUpperInvariant();
            Identity = variant.Kind == ImportKind.Mobilities ? $"{Normal("ProjectReference")}/{Normal("MobilityId")}" : Normal("Reference");
        }

        public string Text(string key) => _resolved.GetValueOrDefault(key, "");

        /// <summary>The .xlsx cell: typed when generated so, otherwise text with what XML cannot hold escaped as Excel does.</summary>
        public object? CellOf(string key) =>
            cells.TryGetValue(key, out var cell) && cell.Cell is { } typed ? typed : HostileValues.ForXml(Text(key));
    }
}

using System.Net;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Projects;
using Erasmus.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using static Erasmus.Web.Tests.Import.ImportTestKit;

namespace Erasmus.Web.Tests.Import;

/// <summary>
/// Issue #21 item 4: coded values as people write them (DOMAIN.md's words, short forms, both languages), every
/// "unknown value" message listing the valid values, a coordinator listed again among the partners dropped with
/// a warning in the import and the form alike, and every rejection of a batch downloadable as a spreadsheet.
/// </summary>
public sealed class ImportMessagesTests(ImportMessagesTests.Records records) : IClassFixture<ImportMessagesTests.Records>
{
    private static readonly string[] Header =
        ["Project Reference", "Action", "Sector", "Call Year", "Round", "Coordinator OID", "Partner OIDs", "Start Date", "End Date", "Decision Date", "Status",
         "Grant (EUR)", "Topics", "Awarded Mobilities"];

    private string[] Row(string reference, params (string Column, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Project Reference"] = reference, ["Action"] = "KA122", ["Sector"] = "VET", ["Call Year"] = "2021", ["Round"] = "1",
            ["Coordinator OID"] = records.School.Oid!, ["Partner OIDs"] = "", ["Start Date"] = "2021-09-01", ["End Date"] = "2023-08-31",
            ["Decision Date"] = "2021-07-01", ["Status"] = "Innvilget", ["Grant (EUR)"] = "60000", ["Topics"] = "", ["Awarded Mobilities"] = "",
        };
        foreach (var (column, value) in overrides)
        {
            values[column] = value;
        }

        return [.. Header.Select(h => values[h])];
    }

    private static string NewReference() => $"2021-1-NO01-KA220-VET-{TestData.NextSerial():D9}";

    [Fact]
    public async Task Coded_values_are_read_as_domain_md_writes_them_in_short_forms_and_in_both_languages()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var (words, english) = (NewReference(), NewReference());
        var file = Csv(Header,
        [
            Row(words, ("Action", "ka220"), ("Sector", "Yrkesfag"), ("Status", "Awarded"), ("Partner OIDs", records.German.Oid!),
                ("Topics", "digital transformation; klima; Inkludering og mangfold")),
            Row(english, ("Action", "KA220"), ("Sector", "Vocational education and training"), ("Status", "granted"), ("Partner OIDs", records.German.Oid!),
                ("Topics", "Digital; Environment and fight against climate change")),
            Row(NewReference(), ("Action", "KA999"), ("Sector", "Romfart"), ("Status", "Kanskje"), ("Topics", "romfart"), ("Partner OIDs", records.German.Oid!)),
            Row($"2021-1-NO01-KA122-VET-{TestData.NextSerial():D9}", ("Awarded Mobilities", "Tidsreiser=3")),
        ]);

        var id = await UploadAndReadAsync(client, "koder.csv", file, "Projects");

        var preview = await PreviewAsync(client, id);
        Assert.Equal("2 nye, 0 endret, 0 uendret, 2 avvist", Summary(preview));
        var rejected = Rejected(preview);
        Assert.Contains(rejected, r => r.Row == 4 && r.Column == "Action" && r.Message.StartsWith("Ukjent tiltak «KA999». Gyldige verdier: KA121, KA122, ", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Row == 4 && r.Column == "Sector" && r.Message == "Ukjent sektor «Romfart». Gyldige verdier: SCH (Skole), VET (Yrkesfag), ADU (Voksenopplæring), HED (Høyere utdanning), YOU (Ungdom), SPORT (Idrett).");
        Assert.Contains(rejected, r => r.Row == 4 && r.Column == "Status" && r.Message.StartsWith("Ukjent status «Kanskje». Gyldige verdier: Applied (Søkt), Granted (Innvilget)", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Row == 4 && r.Column == "Topics" && r.Message.StartsWith("Ukjent tema «romfart». Gyldige verdier: ", StringComparison.Ordinal)
            && r.Message.Contains("digital-transformation (Digital omstilling)", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Row == 5 && r.Column == "Awarded Mobilities" && r.Message.StartsWith("Ukjent aktivitetstype «Tidsreiser». Gyldige verdier: ", StringComparison.Ordinal)
            && r.Message.Contains("LM-SHORT-VET", StringComparison.Ordinal));

        await ConfirmAsync(client, id);
        await using var db = records.CreateDbContext();
        foreach (var reference in new[] { words, english })
        {
            var project = await db.Projects.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Reference == reference);
            Assert.Equal((ProjectAction.KA220, Sector.VET, ProjectStatus.Granted), (project.Action, project.Sector, project.Status));
            Assert.Contains("digital-transformation", project.Topics.Select(t => t.TopicCode));
            Assert.Contains("sustainability", project.Topics.Select(t => t.TopicCode));
        }
    }

    /// <summary>The import and the form treat a coordinator listed again among the partners alike: dropped, with a warning.</summary>
    [Fact]
    public async Task A_coordinator_listed_among_the_partners_is_dropped_with_a_warning_in_the_import_and_the_form()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        var reference = NewReference();
        var id = await UploadAndReadAsync(client, "partnere.csv",
            Csv(Header, [Row(reference, ("Action", "KA220"), ("Partner OIDs", $"{records.School.Oid}; {records.German.Oid}"))]), "Projects");

        var preview = await PreviewAsync(client, id, PreviewList.New);
        Assert.Equal("1 nye, 0 endret, 0 uendret, 0 avvist", Summary(preview));
        Assert.Contains("Koordinatoren stod også blant partnerne og er fjernet fra dem.", preview.QuerySelector("#rows tbody tr")!.TextContent, StringComparison.Ordinal);
        await ConfirmAsync(client, id);

        var post = ProjectPost.Valid(records.School);
        post.Partners.AddRange([records.School.Id, records.German.Id]);
        var response = await post.CreateAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await AppFixture.GetDocumentAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("Koordinatoren stod også blant partnerne og er fjernet fra dem.", page.QuerySelector("p.notice")!.TextContent, StringComparison.Ordinal);

        await using var db = records.CreateDbContext();
        foreach (var saved in new[] { reference, post["Reference"] })
        {
            var project = await db.Projects.AsNoTracking().Include(p => p.Partners).SingleAsync(p => p.Reference == saved);
            Assert.Equal([records.German.Id], project.Partners.Select(p => p.OrganisationId));
        }
    }

    [Fact]
    public async Task Every_rejection_of_a_batch_downloads_as_a_spreadsheet_with_row_column_value_and_message()
    {
        var client = await records.SignInAsAsync(TestRoles.Analyst);
        // More rejections than a page of the list shows.
        var rows = Enumerable.Range(0, 60).Select(i => Row(NewReference(), ("Action", "KA220"), ("Sector", "Romfart " + i), ("Partner OIDs", records.German.Oid!))).ToList();
        var id = await UploadAndReadAsync(client, "mange feil.csv", Csv(Header, rows), "Projects");
        var preview = await PreviewAsync(client, id);
        Assert.NotNull(preview.QuerySelector("#rejections-download a[href$='/avviste']"));

        var xlsx = await client.GetAsync(new Uri($"/import/{id}/avviste", UriKind.Relative));
        var csv = await client.GetStringAsync(new Uri($"/import/{id}/avviste?format=csv", UriKind.Relative));
        var stranger = await records.SignInAsAsync(TestRoles.Analyst);
        var forbidden = await stranger.GetAsync(new Uri($"/import/{id}/avviste", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var workbook = new WorkbookReader(await xlsx.Content.ReadAsByteArrayAsync());
        var table = workbook.Table("Avviste rader", "Rad");
        Assert.Equal(60, table.Count);
        Assert.Equal(("2", "Sector", "Romfart 0"), (table[0]["Rad"].Text, table[0]["Kolonne"].Text, table[0]["Verdi"].Text));
        Assert.StartsWith("Ukjent sektor «Romfart 0». Gyldige verdier: ", table[0]["Feil"].Text, StringComparison.Ordinal);
        Assert.Equal("61", table[^1]["Rad"].Text);
        Assert.StartsWith("Rad,Kolonne,Verdi,Feil", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Romfart 59", csv, StringComparison.Ordinal);
    }

    public sealed class Records : AppFixture
    {
        public Organisation School { get; private set; } = null!;
        public Organisation German { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDbContext();
            var data = new TestData(db);
            School = await data.OrganisationAsync("46");
            German = await data.ForeignOrganisationAsync();
        }
    }
}

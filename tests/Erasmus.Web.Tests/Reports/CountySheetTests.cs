using Erasmus.Domain.Population;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Tests.Reports;

/// <summary>
/// The workbook's county sheet against hand counts on <see cref="StatusReportData"/> (as of 2021-09-30,
/// awarded: VET learners Vestland 10 + 2 = 12, Rogaland 8, the nation 20) with population figures added
/// here, read from the file and opened in LibreOffice.
/// </summary>
public sealed class CountySheetTests(StatusReportData data) : IClassFixture<StatusReportData>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await using var db = data.CreateDbContext();
        if (!await db.PopulationFigures.AnyAsync())
        {
            db.PopulationFigures.AddRange(
                new PopulationFigure("46", 2021, "VET-LEARNERS", 6_000, isDemo: false),
                new PopulationFigure("11", 2021, "VET-LEARNERS", 16_000, isDemo: false));
            await db.SaveChangesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_county_sheet_gives_each_countys_figure_share_rate_and_rank_and_opens_in_LibreOffice()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        var bytes = await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded");

        using (var workbook = new WorkbookReader(bytes))
        {
            var rows = workbook.Table("Fylke × mål", "Mål").Where(r => r["Kode"].Text == "MOB-VET-LEARNERS").ToDictionary(r => r["Fylkesnummer"].Text!);
            // Vestland 12 of 20 = 60.0 %, 12 / 6 000 = 2.00 per 1 000, first; Rogaland 8 = 40.0 %, 8 / 16 000 = 0.50, second.
            Assert.Equal((12m, 60.0m, 2.00m, 1m), (rows["46"]["Tall"].Number, rows["46"]["Andel av landets tall (%)"].Number, rows["46"]["Per 1 000 i gruppen"].Number,
                rows["46"]["Rangering"].Number));
            Assert.Equal((8m, 40.0m, 0.50m, 2m), (rows["11"]["Tall"].Number, rows["11"]["Andel av landets tall (%)"].Number, rows["11"]["Per 1 000 i gruppen"].Number,
                rows["11"]["Rangering"].Number));
            // The nation: 20 of 22 000 = 0.91 per 1 000.
            Assert.All(rows.Values, r => Assert.Equal((20m, 0.91m), (r["Landets tall"].Number, r["Landet per 1 000"].Number)));
            Assert.Equal(["11", "46"], rows.Keys.Order(StringComparer.Ordinal));
            // School pupils have no population figures: figures and shares, no rate.
            var pupils = workbook.Table("Fylke × mål", "Mål").Where(r => r["Kode"].Text == "MOB-SCH-PUPILS").ToList();
            Assert.NotEmpty(pupils);
            Assert.All(pupils, r => Assert.False(r.ContainsKey("Per 1 000 i gruppen")));
        }

        var soffice = LibreOfficeTests.FindSoffice();
        Assert.True(soffice is not null, "LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui");
        var folder = Directory.CreateTempSubdirectory("erasmus-county-");
        try
        {
            var file = Path.Combine(folder.FullName, "statusrapport.xlsx");
            await File.WriteAllBytesAsync(file, bytes);
            await LibreOfficeTests.ConvertToCsvAsync(soffice!, file, folder.FullName);

            var sheet = LibreOfficeTests.ReadCsv(folder.FullName, "statusrapport-Fylke × mål.csv");
            var vestland = sheet.Single(r => r.Length >= 10 && r[8] == "MOB-VET-LEARNERS" && r[9] == "46");
            Assert.Equal(["Elever og lærlinger i fag- og yrkesopplæring på utveksling", "Vestland", "12"], vestland.Take(3));
            Assert.Equal("2", vestland[4]);
            Assert.Equal("1", vestland[5]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_english_workbook_names_the_county_sheet_and_its_columns_from_the_resources()
    {
        var client = await data.SignInAsAsync(TestRoles.Analyst);
        await AppFixture.PostFormAsync(client, "/mal", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });

        using var workbook = new WorkbookReader(await StatusReportData.DownloadAsync(client, "asOf=2021-09-30&basis=awarded"));

        var rows = workbook.Table("County × target", "Target");
        var vestland = rows.Single(r => r["Code"].Text == "MOB-VET-LEARNERS" && r["County number"].Text == "46");
        Assert.Equal((2.00m, 1m), (vestland["Per 1 000 of the group"].Number, vestland["Rank"].Number));
        Assert.Equal("VET learners and apprentices on exchange", vestland["Target"].Text);
    }
}

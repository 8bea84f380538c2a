using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Erasmus.DemoData;
using Erasmus.Domain.Entities;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// The application process is killed while an import commits; after a restart the whole import is
/// there or none of it. Each attempt kills at a different moment after confirming; a last attempt that is
/// not killed proves that confirming commits at all, so "none of it" every time cannot pass by itself.
/// </summary>
public sealed class ImportCrashTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const int Rows = 20_000;

    [Fact]
    public async Task Killing_the_app_while_an_import_commits_leaves_all_of_it_or_none()
    {
        Project project;
        await using (var db = database.CreateDbContext())
        {
            await DemoUsers.SeedAsync(db);
            var data = new TestData(db);
            project = await data.ProjectAsync(await data.OrganisationAsync("46"), ProjectAction.KA122, Sector.VET, 2022,
                start: new DateOnly(2022, 9, 1), end: new DateOnly(2024, 8, 31));
        }

        var keys = Path.Combine(Path.GetTempPath(), "erasmus-crash-tests", Guid.NewGuid().ToString("N"));
        var outcomes = new List<string>();
        var serial = 0;
        foreach (var killAfterMs in new[] { 0, 40, 150, 400, 1500 })
        {
            var csv = MobilityCsv(project.Reference, serial);
            serial += Rows;
            var before = await CountAsync(project.Id);
            Guid batch;
            await using (var app = await AppProcess.StartAsync(database.ConnectionString, keys))
            {
                using var client = await SignInAsync(app.BaseUrl);
                batch = await UploadAndWaitForPreviewAsync(client, csv);
                var token = await TokenAsync(client, $"/import/{batch}");
                var stopwatch = Stopwatch.StartNew();
                var confirm = client.PostAsync(new Uri($"/import/{batch}/bekreft", UriKind.Relative),
                    new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                await Task.Delay(killAfterMs);
                await app.KillAsync();
                outcomes.Add($"killed {stopwatch.ElapsedMilliseconds} ms after confirming");
                try
                {
                    await confirm;
                }
                catch (HttpRequestException)
                {
                }
            }

            // A restarted application sees the same database: the import is whole or absent.
            await using (await AppProcess.StartAsync(database.ConnectionString, keys))
            {
                var after = await CountAsync(project.Id);
                var added = after - before;
                outcomes[^1] += $": {added} of {Rows} rows present after restart";
                output.WriteLine(outcomes[^1]);
                Assert.True(added is 0 or Rows, $"A partial import survived the crash: {added} of {Rows} rows.");
                // The rows and the batch's "confirmed" are one transaction: all rows with it, none without.
                Assert.Equal(added == Rows, await StatusAsync(batch) == ImportStatus.Confirmed);
            }
        }

        // Not killed: the same confirmation commits every row and marks the batch confirmed.
        await using (var app = await AppProcess.StartAsync(database.ConnectionString, keys))
        {
            var before = await CountAsync(project.Id);
            using var client = await SignInAsync(app.BaseUrl);
            var batch = await UploadAndWaitForPreviewAsync(client, MobilityCsv(project.Reference, serial));
            var token = await TokenAsync(client, $"/import/{batch}");
            var confirm = await client.PostAsync(new Uri($"/import/{batch}/bekreft", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
            Assert.Equal("Confirmed", await WaitUntilDoneAsync(client, batch));
            Assert.Equal(Rows, await CountAsync(project.Id) - before);
        }

        output.WriteLine($"Tried {outcomes.Count} crashes; rows lost or half-written: 0.");
    }

    private async Task<int> CountAsync(int projectId)
    {
        await using var db = database.CreateDbContext();
        return await db.Mobilities.CountAsync(m => m.ProjectId == projectId);
    }

    private async Task<ImportStatus> StatusAsync(Guid batch)
    {
        await using var db = database.CreateDbContext();
        return await db.Set<ImportBatch>().Where(b => b.Id == batch).Select(b => b.Status).SingleAsync();
    }

    private static string MobilityCsv(string reference, int firstSerial)
    {
        var csv = new StringBuilder("Project Reference,Mobility ID,Activity Type,Participant Group,Sending Country,Receiving Country,Start Date,End Date,Number of Participants,Status\n");
        for (var i = 0; i < Rows; i++)
        {
            var start = new DateOnly(2023, 1, 2).AddDays(i % 300);
            csv.Append(CultureInfo.InvariantCulture, $"{reference},{(firstSerial + i) / 100000:D6}-MOB-{(firstSerial + i) % 100000:D5},LM-SHORT-VET,Learner,NO,DE,")
               .Append(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd},{start.AddDays(13):yyyy-MM-dd},1,Realised\n");
        }

        return csv.ToString();
    }

    private static async Task<HttpClient> SignInAsync(string baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl) };
        var token = await TokenAsync(client, "/logg-inn");
        var response = await client.PostAsync(new Uri("/logg-inn", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DemoUsers.AnalystEmail, ["Password"] = DemoUsers.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<Guid> UploadAndWaitForPreviewAsync(HttpClient client, string csv)
    {
        var token = await TokenAsync(client, "/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Mobilities"), "Kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "File", "mobiliteter.csv" },
        };
        var upload = await client.PostAsync(new Uri("/import", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var batch = Guid.Parse(upload.Headers.Location!.OriginalString.Split('/', '?')[2], CultureInfo.InvariantCulture);
        Assert.Equal("Ready", await WaitUntilDoneAsync(client, batch));
        return batch;
    }

    /// <summary>Polls the batch until its work is done; returns its status.</summary>
    private static async Task<string> WaitUntilDoneAsync(HttpClient client, Guid batch)
    {
        for (var i = 0; i < 1200; i++)
        {
            using var status = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/import/{batch}/status", UriKind.Relative)));
            if (status.RootElement.GetProperty("done").GetBoolean())
            {
                return status.RootElement.GetProperty("status").GetString()!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {batch} was not done in 120 seconds.");
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }
}

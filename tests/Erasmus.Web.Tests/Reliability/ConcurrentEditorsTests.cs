using System.Globalization;
using System.Net;
using System.Text.Json;
using Erasmus.Web.Data.Audit;
using Erasmus.Web.Tests.Infrastructure;
using Erasmus.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// Twenty people edit the same project at the same moment through the real edit form, each posting
/// the Version they read. Every save either succeeds or shows the conflict page; whoever got the
/// conflict saves again from it. No update may be lost: the audit trail must hold exactly one
/// update per success, each starting from the value the previous one left.
/// </summary>
public sealed class ConcurrentEditorsTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const int Editors = 20;
    private const int MaxRounds = 40;

    [Fact]
    public async Task Twenty_parallel_editors_of_one_project_each_succeed_or_get_the_conflict_page_and_no_update_is_lost()
    {
        int projectId;
        await using (var db = app.CreateDbContext())
        {
            var data = new TestData(db);
            var project = await data.ProjectAsync(await data.OrganisationAsync("46"), awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 });
            projectId = project.Id;
        }

        var emails = new string[Editors];
        for (var i = 0; i < Editors; i++)
        {
            emails[i] = await app.CreateUserAsync(TestRoles.Analyst);
        }

        var clients = await Task.WhenAll(emails.Select(e => app.SignInAsync(e)));
        var editPage = $"/prosjekter/{projectId}/endre";
        // Every editor's own grant, so each save can be recognised in the audit trail.
        static string Grant(int editor) => (100000 + editor).ToString(CultureInfo.InvariantCulture);

        // Round 1: everyone reads the form and saves at once. Later rounds: whoever got the conflict
        // page saves again from it (it carries the stored Version, so saving again applies theirs).
        var pending = Enumerable.Range(0, Editors).ToDictionary(i => i, _ => (ProjectPost?)null);
        int successes = 0, conflicts = 0, rounds = 0;
        var successOrder = new List<int>();
        var tokens = new string[Editors];
        while (pending.Count > 0 && rounds < MaxRounds)
        {
            rounds++;
            var results = await Task.WhenAll(pending.Select(async p =>
            {
                var post = p.Value;
                if (post is null)
                {
                    var form = await AppFixture.GetDocumentAsync(clients[p.Key], editPage);
                    tokens[p.Key] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
                    post = ProjectPost.FromPage(form);
                }

                post["GrantEur"] = Grant(p.Key);
                var response = await Sessions.PostAsync(clients[p.Key], editPage, tokens[p.Key], post.Pairs());
                var page = response.StatusCode == HttpStatusCode.OK ? await AppFixture.ParseAsync(response) : null;
                return (Editor: p.Key, response.StatusCode, Page: page);
            }));

            var roundSuccesses = 0;
            foreach (var (editor, status, page) in results)
            {
                if (status == HttpStatusCode.Redirect)
                {
                    roundSuccesses++;
                    pending.Remove(editor);
                    successOrder.Add(editor);
                    continue;
                }

                Assert.True(status == HttpStatusCode.OK, $"Editor {editor} got {(int)status}");
                Assert.True(page!.QuerySelector("table.conflict") is not null, $"Editor {editor} got a page without the conflict table: {page.QuerySelector(".validation-summary, .error-summary")?.TextContent}");
                pending[editor] = ProjectPost.FromPage(page);
            }

            successes += roundSuccesses;
            conflicts += results.Length - roundSuccesses;
            output.WriteLine($"Round {rounds}: {results.Length} posts, {roundSuccesses} saved, {results.Length - roundSuccesses} conflict pages");
        }

        Assert.Empty(pending);

        await using var check = app.CreateDbContext();
        var key = projectId.ToString(CultureInfo.InvariantCulture);
        var updates = await check.AuditEntries.Where(e => e.EntityType == "Project" && e.EntityKey == key && e.Action == AuditAction.Updated)
            .OrderBy(e => e.Id).ToListAsync();
        var grantChanges = updates.Select(u => JsonSerializer.Deserialize<List<Change>>(u.Changes)!.Single(c => c.field == "GrantEur")).ToList();
        var final = (await check.Projects.SingleAsync(p => p.Id == projectId)).GrantEur;

        output.WriteLine($"{Editors} editors, {rounds} rounds: {successes + conflicts} posts, {successes} saved, {conflicts} conflict pages, 0 errors");
        output.WriteLine($"Audit trail: {updates.Count} updates of the project; final grant {final.ToString(CultureInfo.InvariantCulture)} (editor {successOrder[^1]}, the last to save)");

        Assert.Equal(Editors, successes);
        Assert.Equal(successes, updates.Count);
        // Each editor's value went in exactly once, in the order the saves succeeded ...
        Assert.Equal(successOrder.Select(Grant), grantChanges.Select(c => Normalise(c.@new)));
        // ... and each save started from the value the previous one left: nobody overwrote a save unseen.
        for (var i = 1; i < grantChanges.Count; i++)
        {
            Assert.Equal(Normalise(grantChanges[i - 1].@new), Normalise(grantChanges[i].old));
        }

        Assert.Equal(Grant(successOrder[^1]), Normalise(final.ToString(CultureInfo.InvariantCulture)));
        output.WriteLine("Lost updates: 0 (each update's old value is the previous update's new value)");
    }

    private static string? Normalise(string? value) =>
        value is null ? null : decimal.Parse(value, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture);

#pragma warning disable IDE1006, CA1812 // The audit trail's JSON names.
    private sealed record Change(string field, string? old, string? @new);
#pragma warning restore IDE1006, CA1812
}

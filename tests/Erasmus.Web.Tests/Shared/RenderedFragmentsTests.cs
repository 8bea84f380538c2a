using System.Text.Encodings.Web;
using Erasmus.Web.Features.Shared;
using Microsoft.AspNetCore.Html;

namespace Erasmus.Web.Tests.Shared;

/// <summary>The kept rendered fragments (decision 0021): served only at the stamp they were rendered at, never replaced by an older one, bounded.</summary>
public sealed class RenderedFragmentsTests
{
    [Fact]
    public void A_fragment_is_served_at_its_own_stamp_only()
    {
        var fragments = new RenderedFragments();
        fragments.Put("dashboard|?basis=realised|nb-NO|nb-NO", 41, Html("<p>41</p>"));

        Assert.Equal("<p>41</p>", fragments.Get("dashboard|?basis=realised|nb-NO|nb-NO", 41)?.ToString());
        Assert.Null(fragments.Get("dashboard|?basis=realised|nb-NO|nb-NO", 42));
        Assert.Null(fragments.Get("dashboard|?basis=awarded|nb-NO|nb-NO", 41));
    }

    [Fact]
    public void A_fragment_rendered_at_an_older_stamp_does_not_replace_a_newer_one()
    {
        var fragments = new RenderedFragments();
        fragments.Put("key", 42, Html("new"));
        fragments.Put("key", 41, Html("old"));

        Assert.Equal("new", fragments.Get("key", 42)?.ToString());
        Assert.Null(fragments.Get("key", 41));

        fragments.Put("key", 43, Html("newer"));
        Assert.Equal("newer", fragments.Get("key", 43)?.ToString());
    }

    [Fact]
    public void The_least_recently_used_fragments_go_first_when_there_are_too_many()
    {
        var fragments = new RenderedFragments();
        for (var i = 0; i < RenderedFragments.MostEntries; i++)
        {
            fragments.Put($"page {i}", 1, Html($"{i}"));
        }

        Assert.NotNull(fragments.Get("page 0", 1));
        fragments.Put("one more", 1, Html("more"));

        Assert.Equal(RenderedFragments.MostEntries, fragments.Count);
        Assert.NotNull(fragments.Get("page 0", 1));
        Assert.Null(fragments.Get("page 1", 1));
        Assert.NotNull(fragments.Get("one more", 1));
    }

    [Fact]
    public void The_characters_kept_stay_within_their_bound()
    {
        var fragments = new RenderedFragments();
        var large = Html(new string('x', (int)(RenderedFragments.MostCharacters / 5)));
        for (var i = 0; i < 10; i++)
        {
            fragments.Put($"page {i}", 1, large);
        }

        Assert.Equal(5, fragments.Count);
        Assert.Null(fragments.Get("page 4", 1));
        Assert.NotNull(fragments.Get("page 9", 1));
    }

    [Fact]
    public void A_rendered_page_is_kept_in_pieces_that_write_out_exactly_as_rendered()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<li>æøå {i}</li>"));
        var kept = ChunkedHtml.Of(new HtmlString(text), HtmlEncoder.Default);
        using var writer = new StringWriter();

        kept.WriteTo(writer, HtmlEncoder.Default);

        Assert.Equal(text, writer.ToString());
        Assert.Equal(text.Length, kept.Length);
    }

    [Fact]
    public async Task Readers_asking_while_a_stamp_is_rendered_wait_for_that_rendering()
    {
        var fragments = new RenderedFragments();
        var renders = 0;
        var release = new TaskCompletionSource();
        async Task<ChunkedHtml> Render()
        {
            Interlocked.Increment(ref renders);
            await release.Task;
            return Html("rendered once");
        }

        var first = fragments.GetOrRenderAsync("page", 7, Render);
        var others = Enumerable.Range(0, 5).Select(_ => fragments.GetOrRenderAsync("page", 7, Render)).ToList();
        release.SetResult();

        Assert.Equal("rendered once", (await first).ToString());
        Assert.All(await Task.WhenAll(others), html => Assert.Equal("rendered once", html.ToString()));
        Assert.Equal(1, renders);
        Assert.Equal("rendered once", fragments.Get("page", 7)?.ToString());
    }

    [Fact]
    public async Task A_reader_whose_wait_fails_renders_itself_and_nothing_failed_is_kept()
    {
        var fragments = new RenderedFragments();
        var release = new TaskCompletionSource();
        var failing = fragments.GetOrRenderAsync("page", 7, async () =>
        {
            await release.Task;
            throw new OperationCanceledException("the first reader went away");
        });
        var waiting = fragments.GetOrRenderAsync("page", 7, () => Task.FromResult(Html("rendered by the second")));
        release.SetResult();

        await Assert.ThrowsAsync<OperationCanceledException>(() => failing);
        Assert.Equal("rendered by the second", (await waiting).ToString());
        Assert.Null(fragments.Get("page", 7));
    }

    private static ChunkedHtml Html(string text) => ChunkedHtml.Of(new HtmlString(text), HtmlEncoder.Default);
}

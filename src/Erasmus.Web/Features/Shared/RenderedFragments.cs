using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Erasmus.Web.Features.Shared;

/// <summary>
/// Rendered parts of pages, kept while the data they show is unchanged (decision 0021): the figures part of the
/// dashboard is the same HTML for every reader until the next write, and rendering it was most of what a reader
/// cost. An entry is kept under a data stamp (<see cref="Features.Attainment.AttainmentService.DataStampAsync"/>)
/// that grows with every write, so a write makes the next request render again. Bounded in entries and characters;
/// the least recently used go first.
/// </summary>
public sealed class RenderedFragments
{
    /// <summary>At most this many fragments (page, parameters and language each make one).</summary>
    public const int MostEntries = 64;

    /// <summary>At most this many characters in all (UTF-16: twice as many bytes): 16 MB.</summary>
    public const long MostCharacters = 8L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, long Stamp), Task<ChunkedHtml>> _rendering = [];
    private long _characters;
    private long _uses;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The fragment kept under <paramref name="key"/> for exactly this stamp, or null.</summary>
    public ChunkedHtml? Get(string key, long stamp)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Stamp == stamp)
            {
                entry.LastUse = ++_uses;
                return entry.Html;
            }

            return null;
        }
    }

    /// <summary>
    /// The fragment kept under <paramref name="key"/> for this stamp, else rendered by <paramref name="render"/> and kept.
    /// Requests that ask while it is being rendered wait for that rendering rather than render the same stamp again
    /// (after a write, several readers of a page arrive within the few milliseconds it takes); one whose wait fails
    /// (the rendering request was cancelled) renders itself.
    /// </summary>
    public async Task<ChunkedHtml> GetOrRenderAsync(string key, long stamp, Func<Task<ChunkedHtml>> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (Get(key, stamp) is { } kept)
        {
            return kept;
        }

        Task<ChunkedHtml>? running;
        TaskCompletionSource<ChunkedHtml>? mine = null;
        lock (_gate)
        {
            if (!_rendering.TryGetValue((key, stamp), out running))
            {
                mine = new TaskCompletionSource<ChunkedHtml>(TaskCreationOptions.RunContinuationsAsynchronously);
                _rendering[(key, stamp)] = mine.Task;
            }
        }

        if (mine is null)
        {
            try
            {
                return await running!;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return await render();
            }
        }

        try
        {
            var rendered = await render();
            Put(key, stamp, rendered);
            mine.SetResult(rendered);
            return rendered;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _ = mine.Task.Exception; // observed here: the waiters render themselves
            throw;
        }
        finally
        {
            lock (_gate)
            {
                _rendering.Remove((key, stamp));
            }
        }
    }

    /// <summary>Keeps a fragment rendered at <paramref name="stamp"/>, unless one of a later stamp is kept already or it is too large.</summary>
    public void Put(string key, long stamp, ChunkedHtml html)
    {
        if (html.Length > MostCharacters / 4)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var kept))
            {
                if (kept.Stamp > stamp)
                {
                    return;
                }

                _characters -= kept.Html.Length;
            }

            _entries[key] = new Entry(stamp, html) { LastUse = ++_uses };
            _characters += html.Length;
            while (_entries.Count > MostEntries || _characters > MostCharacters)
            {
                var oldest = _entries.MinBy(e => e.Value.LastUse);
                _entries.Remove(oldest.Key);
                _characters -= oldest.Value.Html.Length;
            }
        }
    }

    private sealed class Entry(long stamp, ChunkedHtml html)
    {
        public long Stamp { get; } = stamp;
        public ChunkedHtml Html { get; } = html;
        public long LastUse { get; set; }
    }
}

/// <summary>
/// Rendered HTML kept as strings of at most 16 384 characters: one string of a whole dashboard (150 000 characters)
/// would go to the large object heap on every render, and those allocations bring full garbage collections.
/// </summary>
public sealed class ChunkedHtml : IHtmlContent
{
    private const int ChunkCharacters = 16_384;

    private readonly string[] _chunks;

    private ChunkedHtml(string[] chunks)
    {
        _chunks = chunks;
        Length = chunks.Sum(c => (long)c.Length);
    }

    public long Length { get; }

    public static ChunkedHtml Of(IHtmlContent content, HtmlEncoder encoder)
    {
        using var writer = new ChunkWriter();
        content.WriteTo(writer, encoder);
        return new ChunkedHtml(writer.Chunks());
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var chunk in _chunks)
        {
            writer.Write(chunk);
        }
    }

    public override string ToString() => string.Concat(_chunks);

    private sealed class ChunkWriter : TextWriter
    {
        private readonly List<string> _chunks = [];
        private readonly StringBuilder _current = new(ChunkCharacters);

        public override Encoding Encoding => Encoding.Unicode;

        public override void Write(char value)
        {
            _current.Append(value);
            Flush(false);
        }

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer)
        {
            while (buffer.Length > 0)
            {
                var room = ChunkCharacters - _current.Length;
                var part = buffer[..Math.Min(room, buffer.Length)];
                _current.Append(part);
                buffer = buffer[part.Length..];
                Flush(false);
            }
        }

        public string[] Chunks()
        {
            Flush(true);
            return [.. _chunks];
        }

        private void Flush(bool all)
        {
            if (_current.Length >= ChunkCharacters || (all && _current.Length > 0))
            {
                _chunks.Add(_current.ToString());
                _current.Clear();
            }
        }
    }
}

/// <summary>
/// <c>&lt;kept-fragment key="…" stamp="…"&gt;…&lt;/kept-fragment&gt;</c>: renders its content once per key, language and
/// stamp and serves the kept HTML after (<see cref="RenderedFragments"/>). The key names everything the content
/// depends on besides the data and the language (the page and its query); the content must not depend on the user.
/// A null stamp (the data cache is off) renders every time.
/// </summary>
[HtmlTargetElement("kept-fragment", Attributes = "key")]
public sealed class KeptFragmentTagHelper(RenderedFragments fragments) : TagHelper
{
    [HtmlAttributeName("key")]
    public string Key { get; set; } = "";

    [HtmlAttributeName("stamp")]
    public long? Stamp { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        if (Stamp is not { } stamp)
        {
            return;
        }

        var key = string.Join('|', Key, CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name);
        output.Content.SetHtmlContent(await fragments.GetOrRenderAsync(key, stamp,
            async () => ChunkedHtml.Of(await output.GetChildContentAsync(), HtmlEncoder.Default)));
    }
}

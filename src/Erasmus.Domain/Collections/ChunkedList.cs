using System.Collections;
using System.Runtime.CompilerServices;

namespace Erasmus.Domain.Collections;

/// <summary>
/// A read-only list kept in arrays of at most 64 KB each, below the runtime's 85 000-byte threshold for the large
/// object heap. A target's counted items and a target page's rows (20 000 and more at ten times national scale) are
/// made again after writes; as single arrays they went to the large object heap each time, and that heap is
/// collected only with the whole heap. <see cref="With"/> makes a copy with some items replaced that shares every
/// array it does not change.
/// </summary>
public sealed class ChunkedList<T> : IReadOnlyList<T>
{
    /// <summary>Items per array: 64 KB of them (8 192 references).</summary>
    public static readonly int ChunkLength = Math.Max(1, 64 * 1024 / Unsafe.SizeOf<T>());

    private readonly T[][] _chunks;

    internal ChunkedList(T[][] chunks, int count)
    {
        (_chunks, Count) = (chunks, count);
    }

    public int Count { get; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _chunks[index / ChunkLength][index % ChunkLength];
        }
    }

    /// <summary>A copy with the items at these places replaced; the arrays holding none of them are shared, not copied.</summary>
    public ChunkedList<T> With(IEnumerable<(int Index, T Item)> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var chunks = (T[][])_chunks.Clone();
        var copied = new HashSet<int>();
        foreach (var (index, item) in replacements)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var chunk = index / ChunkLength;
            if (copied.Add(chunk))
            {
                chunks[chunk] = (T[])chunks[chunk].Clone();
            }

            chunks[chunk][index % ChunkLength] = item;
        }

        return new ChunkedList<T>(chunks, Count);
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            foreach (var item in chunk)
            {
                yield return item;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Makes <see cref="ChunkedList{T}"/>s.</summary>
public static class ChunkedList
{
    public static ChunkedList<T> Of<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var chunks = new List<T[]>();
        var current = new List<T>(Math.Min(ChunkedList<T>.ChunkLength, items.TryGetNonEnumeratedCount(out var known) ? known : 256));
        var count = 0;
        foreach (var item in items)
        {
            current.Add(item);
            count++;
            if (current.Count == ChunkedList<T>.ChunkLength)
            {
                chunks.Add([.. current]);
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            chunks.Add([.. current]);
        }

        return new ChunkedList<T>([.. chunks], count);
    }
}

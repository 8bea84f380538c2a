using Erasmus.Domain.Collections;

namespace Erasmus.Domain.Tests.Collections;

public sealed class ChunkedListTests
{
    private static readonly int Chunk = ChunkedList<string>.ChunkLength;

    public static TheoryData<int> Counts => [0, 1, Chunk - 1, Chunk, Chunk + 1, (2 * Chunk) + 3];

    [Fact]
    public void Each_array_stays_below_the_large_object_heap()
    {
        Assert.Equal(8192, ChunkedList<string>.ChunkLength);
        Assert.True(ChunkedList<decimal>.ChunkLength * sizeof(decimal) <= 64 * 1024);
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Holds_the_items_in_their_order_across_arrays(int count)
    {
        var items = Enumerable.Range(0, count).Select(i => $"item {i}").ToList();

        var list = ChunkedList.Of(items);

        Assert.Equal(count, list.Count);
        Assert.Equal(items, list);
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal(items[i], list[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void A_copy_with_items_replaced_leaves_the_original_as_it_was()
    {
        var items = Enumerable.Range(0, (2 * Chunk) + 3).Select(i => $"item {i}").ToList();
        var list = ChunkedList.Of(items);
        (int, string)[] replacements = [(0, "first"), (Chunk, "second array"), ((2 * Chunk) + 2, "last")];

        var copy = list.With(replacements);

        Assert.Equal(items, list);
        var expected = items.ToList();
        foreach (var (index, item) in replacements)
        {
            expected[index] = item;
        }

        Assert.Equal(expected, copy);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.With([(items.Count, "past the end")]));
    }
}

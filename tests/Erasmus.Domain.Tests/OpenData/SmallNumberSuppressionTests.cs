using System.Numerics;
using Erasmus.Domain.OpenData;

namespace Erasmus.Domain.Tests.OpenData;

public class SmallNumberSuppressionTests
{
    [Fact]
    public void A_table_without_counts_from_1_to_4_is_published_as_it_is()
    {
        var table = SmallNumberSuppression.Suppress(new CountTable(new[,] { { 0, 12, 5 }, { 7, 0, 30 } }));

        Assert.All(table.Marks, m => Assert.Equal(CellMark.Shown, m));
        Assert.Equal(["0", "12", "5", "7", "0", "30", "17", "37", "7", "12", "35", "54"], Enumerable.Range(0, table.Table.Count).Select(table.Text));
    }

    [Fact]
    public void One_small_cell_is_hidden_with_the_smallest_cells_of_its_row_and_column_as_a_rectangle()
    {
        // Hand count: 3 is "<5". Its row alone would give it (33 − 10 − 20), so the row's smallest other
        // cell, 10, is hidden; its column gives 3 away too (20 − 8 − 9), so that column's smallest other cell,
        // 8, is hidden; now 10's column and 8's row show one hidden cell each, and their smallest, 12, closes
        // the rectangle 3, 10 / 8, 12: every row and column of it has two hidden cells, no total is hidden.
        var table = SmallNumberSuppression.Suppress(new CountTable(new[,] { { 3, 10, 20 }, { 8, 12, 30 }, { 9, 15, 40 } }));
        var t = table.Table;

        Assert.Equal(CellMark.Small, table.Marks[t.Cell(0, 0)]);
        Assert.Equal(
            [t.Cell(0, 1), t.Cell(1, 0), t.Cell(1, 1)],
            Enumerable.Range(0, t.Count).Where(i => table.Marks[i] == CellMark.Complementary));
        Assert.Equal(["<5", ":", "20", ":", ":", "30", "9", "15", "40", "33", "50", "64", "20", "37", "90", "147"],
            Enumerable.Range(0, t.Count).Select(table.Text));
        Assert.Empty(Attacker.Recover(table));
    }

    [Fact]
    public void A_county_whose_total_is_from_1_to_4_has_its_total_shown_as_under_5_and_protected()
    {
        // Row 0 adds up to 3: the total is a count for a county and is hidden as well. The totals' own
        // equation (33 + 3 + ... = grand total) would give it, so another total is hidden with it.
        var table = SmallNumberSuppression.Suppress(new CountTable(new[,] { { 3, 0, 0 }, { 8, 12, 30 }, { 9, 15, 40 } }));
        var t = table.Table;

        Assert.Equal("<5", table.Text(t.Cell(0, 0)));
        Assert.Equal("<5", table.Text(t.RowTotal(0)));
        Assert.Equal("0", table.Text(t.Cell(0, 1)));
        Assert.Equal("117", table.Text(t.GrandTotal));
        Assert.Empty(Attacker.Recover(table));
        Assert.Empty(table.Unprotected);
    }

    [Fact]
    public void Two_small_cells_that_add_up_to_a_known_2_are_not_left_alone()
    {
        // 1 and 1 in one row with a visible total of 2 + 40: both are "<5", and two cells of at least 1
        // adding up to 2 are both 1. Bounds reasoning sees that; another cell must be hidden.
        var table = SmallNumberSuppression.Suppress(new CountTable(new[,] { { 1, 1, 40 }, { 20, 30, 50 } }));

        Assert.Empty(Attacker.Recover(table));
        Assert.Contains(CellMark.Complementary, table.Marks);
    }

    [Fact]
    public void The_attacker_recovers_a_small_cell_that_only_primary_suppression_hides()
    {
        // Without secondary suppression the row gives 3 away (33 − 10 − 20): the reader of the tests can fail.
        var t = new CountTable(new[,] { { 3, 10, 20 }, { 8, 12, 30 } });
        var primaryOnly = new SuppressedTable(t, [.. t.Values.Select(v => SmallNumberSuppression.IsSmall(v) ? CellMark.Small : CellMark.Shown)], []);

        Assert.Equal([t.Cell(0, 0)], Attacker.Recover(primaryOnly));
    }

    [Fact]
    public void The_attacker_recovers_a_cell_hidden_with_another_of_its_row_when_the_column_gives_it_away()
    {
        // 3 and 10 hidden in row 0; column 0 (3 + 8 = 11) still gives 3, and then row 0 gives 10.
        var t = new CountTable(new[,] { { 3, 10, 20 }, { 8, 12, 30 } });
        var marks = t.Values.Select(v => SmallNumberSuppression.IsSmall(v) ? CellMark.Small : CellMark.Shown).ToArray();
        marks[t.Cell(0, 1)] = CellMark.Complementary;

        Assert.Equal([t.Cell(0, 0), t.Cell(0, 1)], Attacker.Recover(new SuppressedTable(t, marks, [])));
    }

    [Fact]
    public void Zeros_are_shown_and_never_make_a_cell_small()
    {
        var table = SmallNumberSuppression.Suppress(new CountTable(new[,] { { 0, 0 }, { 0, 50 } }));

        Assert.Equal(["0", "0", "0", "50", "0", "50", "0", "50", "50"], Enumerable.Range(0, table.Table.Count).Select(table.Text));
    }

    [Fact]
    public void The_same_table_is_always_suppressed_the_same_way()
    {
        var cells = RandomTable(new Random(7), 8, 12);

        Assert.Equal(SmallNumberSuppression.Suppress(new CountTable(cells)).Marks, SmallNumberSuppression.Suppress(new CountTable(cells)).Marks);
    }

    [Theory]
    [InlineData(1, 3, 3)]
    [InlineData(2, 5, 4)]
    [InlineData(3, 15, 14)]
    [InlineData(4, 11, 21)]
    [InlineData(5, 15, 42)]
    [InlineData(6, 1, 6)]
    [InlineData(7, 6, 1)]
    [InlineData(8, 15, 42)]
    public void No_hidden_figure_of_a_random_table_can_be_worked_out_from_what_is_published(int seed, int rows, int columns)
    {
        var cells = RandomTable(new Random(seed), rows, columns);
        var table = SmallNumberSuppression.Suppress(new CountTable(cells));
        var t = table.Table;

        Assert.Empty(Attacker.Recover(table));
        Assert.Empty(table.Unprotected);
        for (var i = 0; i < t.Count; i++)
        {
            // Every figure from 1 to 4 is hidden, every figure shown is the exact one.
            if (SmallNumberSuppression.IsSmall(t.Values[i]))
            {
                Assert.NotEqual(CellMark.Shown, table.Marks[i]);
            }
        }
    }

    /// <summary>Counts as open data has them: many zeros, many small ones, some large.</summary>
    private static int[,] RandomTable(Random random, int rows, int columns)
    {
        var cells = new int[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells[r, c] = random.Next(10) switch
                {
                    < 4 => 0,
                    < 7 => random.Next(1, 5),
                    _ => random.Next(5, 120),
                };
            }
        }

        return cells;
    }

    /// <summary>
    /// A reader who knows the table's shape, its figures shown and what "&lt;5" and ":" mean, written apart
    /// from the code under test: bounds from each row and column (and the totals' own rows), repeated until
    /// nothing changes; and linear algebra: a hidden figure is given by the equations alone when removing its
    /// column from their matrix lowers the rank (exact integer elimination).
    /// </summary>
    private static class Attacker
    {
        public static List<int> Recover(SuppressedTable table)
        {
            var t = table.Table;
            var lines = Lines(t);
            var hidden = Enumerable.Range(0, t.Count).Where(i => table.Marks[i] != CellMark.Shown).ToList();
            var low = new long[t.Count];
            var high = new long[t.Count];
            const long unbounded = long.MaxValue / 4;
            for (var i = 0; i < t.Count; i++)
            {
                (low[i], high[i]) = table.Text(i) switch
                {
                    "<5" => (1L, 4L),
                    ":" => (0L, unbounded),
                    var shown => (long.Parse(shown, System.Globalization.CultureInfo.InvariantCulture), long.Parse(shown, System.Globalization.CultureInfo.InvariantCulture)),
                };
            }

            for (var pass = 0; pass < 10_000; pass++)
            {
                var changed = false;
                foreach (var (parts, total) in lines)
                {
                    // total − Σ parts = 0: bound the total by the parts, and each part by the total and the other parts.
                    var partsLow = parts.Sum(p => low[p]);
                    var partsHigh = parts.Aggregate(0L, (s, p) => Math.Min(unbounded, s + high[p]));
                    changed |= Narrow(low, high, total, partsLow, partsHigh);
                    foreach (var p in parts)
                    {
                        var othersLow = partsLow - low[p];
                        var othersHigh = high[p] >= unbounded || partsHigh >= unbounded ? unbounded : partsHigh - high[p];
                        changed |= Narrow(low, high, p, low[total] - (othersHigh >= unbounded ? unbounded : othersHigh), high[total] >= unbounded ? unbounded : high[total] - othersLow);
                    }
                }

                if (!changed)
                {
                    break;
                }
            }

            var recovered = hidden.Where(i => low[i] == high[i]).ToHashSet();
            var matrix = lines.Select(l => hidden.Select(h => l.Parts.Contains(h) ? BigInteger.One : l.Total == h ? BigInteger.MinusOne : BigInteger.Zero).ToArray()).ToList();
            var rank = Rank(matrix);
            for (var k = 0; k < hidden.Count; k++)
            {
                if (Rank([.. matrix.Select(row => row.Where((_, c) => c != k).ToArray())]) < rank)
                {
                    recovered.Add(hidden[k]);
                }
            }

            return [.. recovered.Order()];
        }

        private static bool Narrow(long[] low, long[] high, int i, long newLow, long newHigh)
        {
            var changed = false;
            if (newLow > low[i])
            {
                low[i] = newLow;
                changed = true;
            }

            if (newHigh < high[i])
            {
                high[i] = newHigh;
                changed = true;
            }

            return changed;
        }

        private static List<(int[] Parts, int Total)> Lines(CountTable t)
        {
            var lines = new List<(int[] Parts, int Total)>();
            for (var r = 0; r < t.Rows; r++)
            {
                lines.Add(([.. Enumerable.Range(0, t.Columns).Select(c => t.Cell(r, c))], t.RowTotal(r)));
            }

            for (var c = 0; c < t.Columns; c++)
            {
                lines.Add(([.. Enumerable.Range(0, t.Rows).Select(r => t.Cell(r, c))], t.ColumnTotal(c)));
            }

            lines.Add(([.. Enumerable.Range(0, t.Rows).Select(t.RowTotal)], t.GrandTotal));
            lines.Add(([.. Enumerable.Range(0, t.Columns).Select(t.ColumnTotal)], t.GrandTotal));
            return lines;
        }

        /// <summary>Rank by fraction-free (Bareiss) elimination over the integers.</summary>
        private static int Rank(List<BigInteger[]> rows)
        {
            var m = rows.Select(r => (BigInteger[])r.Clone()).ToList();
            var columns = m.Count == 0 ? 0 : m[0].Length;
            var rank = 0;
            var previous = BigInteger.One;
            for (var c = 0; c < columns && rank < m.Count; c++)
            {
                var pivot = Enumerable.Range(rank, m.Count - rank).FirstOrDefault(r => !m[r][c].IsZero, -1);
                if (pivot < 0)
                {
                    continue;
                }

                (m[rank], m[pivot]) = (m[pivot], m[rank]);
                for (var r = rank + 1; r < m.Count; r++)
                {
                    for (var k = c + 1; k < columns; k++)
                    {
                        m[r][k] = ((m[rank][c] * m[r][k]) - (m[r][c] * m[rank][k])) / previous;
                    }

                    m[r][c] = BigInteger.Zero;
                }

                previous = m[rank][c];
                rank++;
            }

            return rank;
        }
    }
}

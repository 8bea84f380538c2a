namespace Erasmus.Domain.OpenData;

/// <summary>How a published cell is shown: its figure, "&lt;5" (a count from 1 to 4), or ":" (hidden to protect another cell).</summary>
public enum CellMark
{
    Shown,
    Small,
    Complementary,
}

/// <summary>
/// A table of counts with its row totals, column totals and grand total, all of which are published:
/// rows are counties, columns any second dimension (sector × call year in the open data). The totals
/// are exact sums of the cells, never adjusted for what is hidden.
/// </summary>
public sealed class CountTable
{
    public CountTable(int[,] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Rows = cells.GetLength(0);
        Columns = cells.GetLength(1);
        var values = new int[(Rows * Columns) + Rows + Columns + 1];
        Values = values;
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                if (cells[r, c] < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(cells), "Counts are never negative.");
                }

                values[Cell(r, c)] = cells[r, c];
                values[RowTotal(r)] += cells[r, c];
                values[ColumnTotal(c)] += cells[r, c];
                values[GrandTotal] += cells[r, c];
            }
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Every published figure by its index: the cells row by row, then the row totals, the column totals and the grand total.</summary>
    public IReadOnlyList<int> Values { get; }

    public int Count => Values.Count;

    public int Cell(int row, int column) => (row * Columns) + column;

    public int RowTotal(int row) => (Rows * Columns) + row;

    public int ColumnTotal(int column) => (Rows * Columns) + Rows + column;

    public int GrandTotal => (Rows * Columns) + Rows + Columns;

    public bool IsTotal(int index) => index >= Rows * Columns;

    /// <summary>
    /// What a reader knows besides the figures: each row adds up to its total, each column to its total,
    /// and the row totals and the column totals each add up to the grand total. Each equation lists the
    /// figures that add up and, last, the total they add up to.
    /// </summary>
    public IReadOnlyList<int[]> Equations()
    {
        var equations = new List<int[]>();
        for (var r = 0; r < Rows; r++)
        {
            equations.Add([.. Enumerable.Range(0, Columns).Select(c => Cell(r, c)), RowTotal(r)]);
        }

        for (var c = 0; c < Columns; c++)
        {
            equations.Add([.. Enumerable.Range(0, Rows).Select(r => Cell(r, c)), ColumnTotal(c)]);
        }

        equations.Add([.. Enumerable.Range(0, Rows).Select(RowTotal), GrandTotal]);
        equations.Add([.. Enumerable.Range(0, Columns).Select(ColumnTotal), GrandTotal]);
        return equations;
    }
}

/// <summary>
/// Small-number suppression for published tables (DOMAIN.md, "Open data and small numbers"). Pure and
/// deterministic: the same table always gives the same marks.
/// <list type="number">
/// <item>Primary: every figure from 1 to 4, cell or total, is shown as "&lt;5" (a total is a count for a
/// county or a group too). Zeros are shown: there is no one to protect.</item>
/// <item>Secondary: while <see cref="Disclosure.Find"/> can work out a hidden figure from what is published,
/// one more figure is hidden as ":" in the equation (row, column or totals) with the fewest hidden figures
/// that still shows one: its smallest figure above 0 (cells before totals, then by position), else a zero; where every figure of its equations is hidden
/// already, a "&lt;5" beside it becomes ":" so that its bounds no longer pin it.</item>
/// </list>
/// </summary>
public static class SmallNumberSuppression
{
    public const int SmallestShown = 5;

    public static bool IsSmall(int value) => value is > 0 and < SmallestShown;

    public static SuppressedTable Suppress(CountTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var marks = table.Values.Select(v => IsSmall(v) ? CellMark.Small : CellMark.Shown).ToArray();
        var equations = table.Equations();
        var byCell = Enumerable.Range(0, table.Count).Select(_ => new List<int>()).ToArray();
        for (var e = 0; e < equations.Count; e++)
        {
            foreach (var i in equations[e])
            {
                byCell[i].Add(e);
            }
        }

        // Each round hides at least one more figure or widens one "<5", so it ends within twice the figures.
        for (var round = 0; round <= 2 * table.Count; round++)
        {
            var disclosed = Disclosure.Find(table.Values, marks, equations);
            if (disclosed.Count == 0)
            {
                return new SuppressedTable(table, marks, []);
            }

            var touched = new HashSet<int>();
            var changed = false;
            foreach (var cell in disclosed)
            {
                // One new hidden figure per equation and round: the next audit shows whether it was enough.
                if (byCell[cell].Any(touched.Contains))
                {
                    continue;
                }

                // The equation that gives it away has the fewest hidden figures: protect it there first.
                var candidate = byCell[cell]
                    .OrderBy(e => equations[e].Count(i => marks[i] != CellMark.Shown))
                    .ThenBy(e => e)
                    .Select(e => equations[e].Where(i => marks[i] == CellMark.Shown)
                        .OrderBy(i => table.Values[i] == 0 ? 1 : 0)
                        .ThenBy(i => table.IsTotal(i) ? 1 : 0)
                        .ThenBy(i => table.Values[i])
                        .ThenBy(i => i)
                        .Select(i => (int?)i)
                        .FirstOrDefault())
                    .FirstOrDefault(i => i is not null);
                candidate ??= byCell[cell]
                    .SelectMany(e => equations[e].Where(i => marks[i] == CellMark.Small))
                    .OrderBy(i => table.IsTotal(i) ? 0 : 1)
                    .ThenBy(i => i == cell ? 1 : 0)
                    .ThenBy(i => i)
                    .Select(i => (int?)i)
                    .FirstOrDefault();
                if (candidate is not { } chosen)
                {
                    continue;
                }

                marks[chosen] = CellMark.Complementary;
                touched.UnionWith(byCell[chosen]);
                changed = true;
            }

            if (!changed)
            {
                return new SuppressedTable(table, marks, disclosed);
            }
        }

        return new SuppressedTable(table, marks, Disclosure.Find(table.Values, marks, equations));
    }
}

/// <summary>A table's figures with their marks; <see cref="Unprotected"/> lists figures no suppression could protect (none in practice; tests check).</summary>
public sealed record SuppressedTable(CountTable Table, IReadOnlyList<CellMark> Marks, IReadOnlyList<int> Unprotected)
{
    /// <summary>The figure as published: the number, "&lt;5" or ":".</summary>
    public string Text(int index) => Marks[index] switch
    {
        CellMark.Small => "<5",
        CellMark.Complementary => ":",
        _ => Table.Values[index].ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// What a reader can work out from a published table: the figures shown, the bounds of the hidden ones
/// ("&lt;5" is 1 to 4, ":" any number from 0) and the table's equations. A hidden figure is disclosed when
/// its bounds narrow to one value by reasoning row by row and column by column (repeated until nothing
/// changes), or when a combination of the equations gives it alone (linear algebra).
/// </summary>
public static class Disclosure
{
    public static IReadOnlyList<int> Find(IReadOnlyList<int> values, IReadOnlyList<CellMark> marks, IReadOnlyList<int[]> equations)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(equations);
        var byBounds = ByBounds(values, marks, equations);
        var byAlgebra = ByAlgebra(marks, equations);
        return [.. Enumerable.Range(0, values.Count).Where(i => marks[i] != CellMark.Shown && (byBounds.Contains(i) || byAlgebra.Contains(i)))];
    }

    /// <summary>The bounds a reader can give each figure (the value itself for a figure shown).</summary>
    public static (double[] Low, double[] High) Bounds(IReadOnlyList<int> values, IReadOnlyList<CellMark> marks, IReadOnlyList<int[]> equations)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(equations);
        var low = new double[values.Count];
        var high = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            (low[i], high[i]) = marks[i] switch
            {
                CellMark.Small => (1d, SmallNumberSuppression.SmallestShown - 1d),
                CellMark.Complementary => (0d, double.PositiveInfinity),
                _ => (values[i], values[i]),
            };
        }

        // Each equation says: the parts add up to the last figure (the total). Written as a sum with
        // signs (+1 for a part, -1 for the total) equal to 0, each figure is bounded by the others'.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var equation in equations)
            {
                for (var k = 0; k < equation.Length; k++)
                {
                    var i = equation[k];
                    if (marks[i] == CellMark.Shown)
                    {
                        continue;
                    }

                    // sign_i · x_i = −Σ sign_j · x_j over the others.
                    double min = 0, max = 0;
                    for (var m = 0; m < equation.Length; m++)
                    {
                        if (m == k)
                        {
                            continue;
                        }

                        var j = equation[m];
                        var sign = m == equation.Length - 1 ? -1 : 1;
                        min += sign > 0 ? -high[j] : low[j];
                        max += sign > 0 ? -low[j] : high[j];
                    }

                    var own = k == equation.Length - 1 ? -1 : 1;
                    var (newLow, newHigh) = own > 0 ? (min, max) : (-max, -min);
                    newLow = Math.Ceiling(newLow);
                    newHigh = Math.Floor(newHigh);
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
                }
            }
        }

        return (low, high);
    }

    private static HashSet<int> ByBounds(IReadOnlyList<int> values, IReadOnlyList<CellMark> marks, IReadOnlyList<int[]> equations)
    {
        var (low, high) = Bounds(values, marks, equations);
        return [.. Enumerable.Range(0, values.Count).Where(i => marks[i] != CellMark.Shown && low[i] >= high[i])];
    }

    /// <summary>
    /// The hidden figures some combination of the equations gives on its own: in the reduced row echelon
    /// form of the equations over the hidden figures, a pivot row with no other entry.
    /// </summary>
    private static HashSet<int> ByAlgebra(IReadOnlyList<CellMark> marks, IReadOnlyList<int[]> equations)
    {
        var hidden = Enumerable.Range(0, marks.Count).Where(i => marks[i] != CellMark.Shown).ToList();
        var column = hidden.Select((cell, k) => (cell, k)).ToDictionary(x => x.cell, x => x.k);
        var matrix = new List<double[]>();
        foreach (var equation in equations)
        {
            var row = new double[hidden.Count];
            var any = false;
            for (var m = 0; m < equation.Length; m++)
            {
                if (column.TryGetValue(equation[m], out var k))
                {
                    row[k] += m == equation.Length - 1 ? -1 : 1;
                    any = true;
                }
            }

            if (any)
            {
                matrix.Add(row);
            }
        }

        const double epsilon = 1e-9;
        var pivots = new List<(int Row, int Column)>();
        var next = 0;
        for (var k = 0; k < hidden.Count && next < matrix.Count; k++)
        {
            var best = Enumerable.Range(next, matrix.Count - next).MaxBy(r => Math.Abs(matrix[r][k]));
            if (Math.Abs(matrix[best][k]) < epsilon)
            {
                continue;
            }

            (matrix[next], matrix[best]) = (matrix[best], matrix[next]);
            var pivot = matrix[next][k];
            for (var c = 0; c < hidden.Count; c++)
            {
                matrix[next][c] /= pivot;
            }

            for (var r = 0; r < matrix.Count; r++)
            {
                if (r != next && Math.Abs(matrix[r][k]) > epsilon)
                {
                    var factor = matrix[r][k];
                    for (var c = 0; c < hidden.Count; c++)
                    {
                        matrix[r][c] -= factor * matrix[next][c];
                    }
                }
            }

            pivots.Add((next, k));
            next++;
        }

        return [.. pivots
            .Where(p => Enumerable.Range(0, hidden.Count).All(c => c == p.Column || Math.Abs(matrix[p.Row][c]) < epsilon))
            .Select(p => hidden[p.Column])];
    }
}

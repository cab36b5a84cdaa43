using System.Numerics;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// Finds a set of fewer than k people that a signed combination of published sums gives away, for
/// <see cref="Anonymity.HideAcrossBreakdowns"/>. Columns are cells (sizes in people); each published set is a 0/1 row
/// over the cells. A set S of cells is given away exactly when its 0/1 row lies in the row space of the published rows.
/// </summary>
/// <remarks>
/// The rows are brought to reduced row echelon form in exact rational arithmetic, with the largest cells first so
/// that they become pivots. A vector of the row space is fixed by its values at the pivot columns (it is the sum of
/// the pivot rows weighted by them); for the indicator of a set of fewer than k people those values are 0 or 1, and 1
/// only at a pivot cell smaller than k, so it is enough to try the subsets of the small pivot cells that hold fewer
/// than k people together and check the rebuilt vector.
/// </remarks>
internal static class Differencing
{
    /// <summary>Subsets tried per search before giving up (and hiding rather than showing).</summary>
    public const int SearchBudget = 200_000;

    public abstract record Finding;

    /// <summary>A set of fewer than k people is given away: its cells, and the published rows the combination uses (0 = the total).</summary>
    public sealed record Exposed(IReadOnlyList<int> Cells, IReadOnlyList<int> Rows) : Finding;

    /// <summary>The search did not finish within its budget, or its numbers grew too large to add up exactly.</summary>
    public sealed record TooHard : Finding;

    /// <summary>
    /// The first set of 1 to k − 1 people (not all the cells) whose sum the published sets give away, or null when none.
    /// </summary>
    /// <param name="sizes">People per cell, each at least 1.</param>
    /// <param name="published">Each published set as the indexes of its cells.</param>
    /// <param name="k">The minimum group size.</param>
    /// <param name="searchBudget">Subsets to try at most before answering <see cref="TooHard"/>.</param>
    /// <param name="hideable">Rows 1 to hideable − 1 can be hidden; a set given away by the other rows alone is not reported (hiding cannot help).</param>
    public static Finding? Find(IReadOnlyList<int> sizes, IReadOnlyList<int[]> published, int k, int searchBudget = SearchBudget, int? hideable = null)
    {
        var canHide = hideable ?? published.Count;
        var n = sizes.Count;
        var m = published.Count;
        if (n == 0 || m == 0)
        {
            return null;
        }

        // Column j of the matrix is cell order[j]: the largest cells first, so they are taken as pivots first.
        var order = Enumerable.Range(0, n).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();
        var position = new int[n];
        for (var j = 0; j < n; j++)
        {
            position[order[j]] = j;
        }

        // Each row carries, after the cells, which combination of the published rows it now is.
        var width = n + m;
        var matrix = new Rational[m][];
        for (var r = 0; r < m; r++)
        {
            matrix[r] = new Rational[width];
            Array.Fill(matrix[r], Rational.Zero);
            foreach (var cell in published[r])
            {
                matrix[r][position[cell]] = Rational.One;
            }

            matrix[r][n + r] = Rational.One;
        }

        var pivotColumn = new List<int>();
        for (var column = 0; column < n && pivotColumn.Count < m; column++)
        {
            var lead = pivotColumn.Count;
            var row = lead;
            while (row < m && matrix[row][column].IsZero)
            {
                row++;
            }

            if (row == m)
            {
                continue;
            }

            (matrix[lead], matrix[row]) = (matrix[row], matrix[lead]);
            var pivot = matrix[lead][column];
            for (var j = column; j < width; j++)
            {
                matrix[lead][j] = matrix[lead][j] / pivot;
            }

            for (var r = 0; r < m; r++)
            {
                var factor = matrix[r][column];
                if (r == lead || factor.IsZero)
                {
                    continue;
                }

                for (var j = column; j < width; j++)
                {
                    if (!matrix[lead][j].IsZero)
                    {
                        matrix[r][j] = matrix[r][j] - (factor * matrix[lead][j]);
                    }
                }
            }

            pivotColumn.Add(column);
        }

        // The pivot rows whose pivot cell holds fewer than k people, smallest first (so the search can stop early).
        var small = Enumerable.Range(0, pivotColumn.Count)
            .Where(i => sizes[order[pivotColumn[i]]] < k)
            .OrderBy(i => sizes[order[pivotColumn[i]]]).ThenBy(i => i)
            .ToArray();
        if (small.Length == 0)
        {
            return null;
        }

        // Whole numbers over one common denominator, so that sums of rows are exact and cheap.
        var denominator = BigInteger.One;
        foreach (var i in small)
        {
            for (var j = 0; j < n; j++)
            {
                denominator = Lcm(denominator, matrix[i][j].Denominator);
            }
        }

        const long Limit = 1L << 56;
        if (denominator >= Limit)
        {
            return new TooHard();
        }

        var whole = new long[small.Length][];
        for (var s = 0; s < small.Length; s++)
        {
            whole[s] = new long[n];
            for (var j = 0; j < n; j++)
            {
                var value = matrix[small[s]][j].Numerator * (denominator / matrix[small[s]][j].Denominator);
                if (BigInteger.Abs(value) >= Limit)
                {
                    return new TooHard();
                }

                whole[s][j] = (long)value;
            }
        }

        var d = (long)denominator;
        var sum = new long[n];
        var chosen = new List<int>();
        var budget = searchBudget;
        return Search(0, 0);

        Finding? Search(int start, int people)
        {
            for (var s = start; s < small.Length; s++)
            {
                var size = sizes[order[pivotColumn[small[s]]]];
                if (people + size >= k)
                {
                    break; // sorted by size: every later one is at least as large
                }

                if (--budget < 0)
                {
                    return new TooHard();
                }

                chosen.Add(s);
                Add(whole[s], 1);
                if ((Exposure() ?? Search(s + 1, people + size)) is { } found)
                {
                    return found;
                }

                Add(whole[s], -1);
                chosen.RemoveAt(chosen.Count - 1);
            }

            return null;
        }

        void Add(long[] row, int sign)
        {
            for (var j = 0; j < n; j++)
            {
                sum[j] += sign * row[j];
            }
        }

        // The rebuilt vector, when it is the 0/1 row of 1 to k − 1 people other than everyone.
        Finding? Exposure()
        {
            var people = 0L;
            var members = 0;
            for (var j = 0; j < n; j++)
            {
                if (sum[j] == d)
                {
                    people += sizes[order[j]];
                    members++;
                }
                else if (sum[j] != 0)
                {
                    return null;
                }
            }

            if (people < 1 || people >= k || members == n)
            {
                return null;
            }

            var cells = Enumerable.Range(0, n).Where(j => sum[j] == d).Select(j => order[j]).Order().ToList();
            var rows = Enumerable.Range(0, m)
                .Where(r => !chosen.Aggregate(Rational.Zero, (total, s) => total + matrix[small[s]][n + r]).IsZero)
                .ToList();
            return rows.Any(r => r > 0 && r < canHide) ? new Exposed(cells, rows) : null;
        }
    }

    private static BigInteger Lcm(BigInteger a, BigInteger b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;

    /// <summary>An exact fraction, always in lowest terms with a positive denominator.</summary>
    internal readonly record struct Rational
    {
        private Rational(BigInteger numerator, BigInteger denominator)
        {
            Numerator = numerator;
            Denominator = denominator;
        }

        public static Rational Zero { get; } = new(BigInteger.Zero, BigInteger.One);

        public static Rational One { get; } = new(BigInteger.One, BigInteger.One);

        public BigInteger Numerator { get; }

        public BigInteger Denominator { get; }

        public bool IsZero => Numerator.IsZero;

        public static Rational Of(BigInteger numerator, BigInteger denominator)
        {
            if (denominator.IsZero)
            {
                throw new DivideByZeroException();
            }

            if (denominator.Sign < 0)
            {
                (numerator, denominator) = (-numerator, -denominator);
            }

            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            return gcd.IsOne || gcd.IsZero ? new Rational(numerator, denominator) : new Rational(numerator / gcd, denominator / gcd);
        }

        public static Rational operator +(Rational a, Rational b) =>
            a.Denominator == b.Denominator ? Of(a.Numerator + b.Numerator, a.Denominator) : Of((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

        public static Rational operator -(Rational a, Rational b) =>
            a.Denominator == b.Denominator ? Of(a.Numerator - b.Numerator, a.Denominator) : Of((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

        public static Rational operator *(Rational a, Rational b) => Of(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

        public static Rational operator /(Rational a, Rational b) => Of(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }
}

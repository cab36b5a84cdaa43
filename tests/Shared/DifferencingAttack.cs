using System.Numerics;

namespace SalesWheel.Tests.Shared;

/// <summary>A published sum: which cells it covers and its value (say a group's n × score, or its submitted count).</summary>
public sealed record PublishedSum(string Label, IReadOnlyCollection<int> Cells, double Value);

/// <summary>A set of cells the attacker worked out: its people, the value it computed from the published numbers, and how.</summary>
public sealed record Recovery(int[] Cells, int People, double Value, string How);

/// <summary>
/// An insider with a calculator, written apart from the product's own check so that it can catch it out. The insider
/// knows how many people share each combination of attribute values (the cells) and reads only what is published: sums
/// over known sets of cells. Any signed combination of published sums is known too; this lists every set of 1 to k − 1
/// people (a cell or a union of cells, not all of them) whose sum is such a combination, and computes that sum from the
/// published numbers.
/// </summary>
/// <remarks>
/// Method: a 0/1 vector v over the cells is a combination of the published rows exactly when v is orthogonal to every
/// x with P x = 0 (the null space of P). The null space is found once; then every small union of cells is tried by
/// brute force. The combination itself, for the value, comes from solving Pᵀ c = v.
/// </remarks>
public static class DifferencingAttack
{
    /// <summary>Every recoverable set of 1 to k − 1 people. <paramref name="people"/>: people per cell (cells with none left out by the caller).</summary>
    public static List<Recovery> Attack(IReadOnlyList<int> people, IReadOnlyList<PublishedSum> published, int k)
    {
        var n = people.Count;
        var kernel = NullSpace(published.Select(p => Enumerable.Range(0, n).Select(c => p.Cells.Contains(c) ? 1 : 0).ToArray()).ToList(), n);
        var found = new List<Recovery>();
        var sums = new long[kernel.Count];
        var chosen = new List<int>();
        Try(0, 0);
        return found;

        void Try(int start, int size)
        {
            for (var c = start; c < n; c++)
            {
                if (size + people[c] >= k)
                {
                    continue;
                }

                chosen.Add(c);
                for (var x = 0; x < kernel.Count; x++)
                {
                    sums[x] = checked(sums[x] + kernel[x][c]);
                }

                if (chosen.Count < n && sums.All(s => s == 0))
                {
                    var (value, how) = Solve(published, n, chosen);
                    found.Add(new Recovery([.. chosen], size + people[c], value, how));
                }

                Try(c + 1, size + people[c]);
                for (var x = 0; x < kernel.Count; x++)
                {
                    sums[x] -= kernel[x][c];
                }

                chosen.RemoveAt(chosen.Count - 1);
            }
        }
    }

    /// <summary>A basis of { x : P x = 0 } with whole-number entries.</summary>
    private static List<long[]> NullSpace(List<int[]> rows, int n)
    {
        var m = rows.Select(r => r.Select(v => new Fraction(v)).ToArray()).ToList();
        var pivots = new List<(int Row, int Column)>();
        var row = 0;
        for (var column = 0; column < n && row < m.Count; column++)
        {
            var p = Enumerable.Range(row, m.Count - row).FirstOrDefault(r => !m[r][column].IsZero, -1);
            if (p < 0)
            {
                continue;
            }

            (m[row], m[p]) = (m[p], m[row]);
            var lead = m[row][column];
            m[row] = m[row].Select(v => v / lead).ToArray();
            for (var r = 0; r < m.Count; r++)
            {
                if (r != row && !m[r][column].IsZero)
                {
                    var f = m[r][column];
                    m[r] = m[r].Select((v, j) => v - (f * m[row][j])).ToArray();
                }
            }

            pivots.Add((row, column));
            row++;
        }

        var basis = new List<long[]>();
        foreach (var free in Enumerable.Range(0, n).Where(c => pivots.All(p => p.Column != c)))
        {
            var x = new Fraction[n];
            Array.Fill(x, new Fraction(0));
            x[free] = new Fraction(1);
            foreach (var (r, c) in pivots)
            {
                x[c] = -m[r][free];
            }

            var scale = x.Aggregate(BigInteger.One, (l, v) => l / BigInteger.GreatestCommonDivisor(l, v.Denominator) * v.Denominator);
            basis.Add(x.Select(v => (long)(v.Numerator * (scale / v.Denominator))).ToArray());
        }

        return basis;
    }

    /// <summary>Solves Pᵀ c = 1_S by elimination and returns Σ cᵢ × published valueᵢ, with the combination in words.</summary>
    private static (double Value, string How) Solve(IReadOnlyList<PublishedSum> published, int n, List<int> set)
    {
        var m = published.Count;
        var a = Enumerable.Range(0, n).Select(c => published.Select(p => new Fraction(p.Cells.Contains(c) ? 1 : 0)).Append(new Fraction(set.Contains(c) ? 1 : 0)).ToArray()).ToList();
        var pivots = new List<(int Row, int Column)>();
        var row = 0;
        for (var column = 0; column < m && row < n; column++)
        {
            var p = Enumerable.Range(row, n - row).FirstOrDefault(r => !a[r][column].IsZero, -1);
            if (p < 0)
            {
                continue;
            }

            (a[row], a[p]) = (a[p], a[row]);
            var lead = a[row][column];
            a[row] = a[row].Select(v => v / lead).ToArray();
            for (var r = 0; r < n; r++)
            {
                if (r != row && !a[r][column].IsZero)
                {
                    var f = a[r][column];
                    a[r] = a[r].Select((v, j) => v - (f * a[row][j])).ToArray();
                }
            }

            pivots.Add((row, column));
            row++;
        }

        var value = 0.0;
        var how = new List<string>();
        foreach (var (r, c) in pivots)
        {
            var coefficient = a[r][m];
            if (!coefficient.IsZero)
            {
                value += coefficient.ToDouble() * published[c].Value;
                how.Add($"{coefficient} × {published[c].Label}");
            }
        }

        return (value, string.Join(" + ", how));
    }

    /// <summary>An exact fraction in lowest terms.</summary>
    private readonly struct Fraction
    {
        public Fraction(BigInteger numerator, BigInteger? denominator = null)
        {
            var d = denominator ?? BigInteger.One;
            if (d.Sign < 0)
            {
                numerator = -numerator;
                d = -d;
            }

            var g = BigInteger.GreatestCommonDivisor(numerator, d);
            Numerator = g.IsZero ? numerator : numerator / g;
            Denominator = g.IsZero ? BigInteger.One : d / g;
        }

        public BigInteger Numerator { get; }

        public BigInteger Denominator { get; }

        public bool IsZero => Numerator.IsZero;

        public double ToDouble() => (double)Numerator / (double)Denominator;

        public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);

        public static Fraction operator -(Fraction a, Fraction b) => new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

        public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

        public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

        public override string ToString() => Denominator.IsOne ? Numerator.ToString() : $"{Numerator}/{Denominator}";
    }
}

namespace SalesWheel.Core.Scoring;

/// <summary>
/// A Pearson correlation with its 95% interval and p, as SCORING.md "Outcomes and key drivers" defines them: the interval
/// by Fisher's z (<c>tanh(atanh(r) ± 1.959963984540054 / √(n − 3))</c>), p the two-sided p of
/// <c>t = r √((n − 2) / (1 − r²))</c> with n − 2 degrees of freedom (0 when |r| = 1). <see cref="R"/>,
/// <see cref="Ci95"/> and <see cref="P"/> are null when n is below 4 or either variable does not vary.
/// </summary>
/// <param name="N">Pairs the correlation is computed over.</param>
/// <param name="R">Pearson's r, in [−1, 1]; null as above.</param>
/// <param name="Ci95">The 95% interval of r (within [−1, 1]); null as above.</param>
/// <param name="P">Two-sided p of r = 0; null as above.</param>
public sealed record Correlation(int N, double? R, Interval? Ci95, double? P)
{
    /// <summary>Fewer pairs than this give no correlation (Fisher's interval needs n − 3 &gt; 0).</summary>
    public const int MinimumPairs = 4;

    /// <summary>The 97.5% quantile of the standard normal distribution, as SCORING.md writes it.</summary>
    private const double Z975 = 1.959963984540054;

    /// <summary>
    /// The correlation of paired values <paramref name="x"/>[i], <paramref name="y"/>[i], computed in two passes (means,
    /// then centred sums). A variable whose values are all equal has variance 0, so r is null.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a value is not a finite number.</exception>
    public static Correlation Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} values were paired with {y.Count}.", nameof(y));
        }

        var n = x.Count;
        if (x.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Every value must be a finite number.", nameof(x));
        }

        // Equal values are tested as such: a mean of equal values need not round back to the value, which would leave a
        // variance of a few ulps instead of exactly 0.
        if (n < MinimumPairs || x.All(v => v == x[0]) || y.All(v => v == y[0]))
        {
            return new Correlation(n, null, null, null);
        }

        double meanX = 0, meanY = 0;
        for (var i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }

        meanX /= n;
        meanY /= n;
        double sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }

        return FromR(n, sxy / Math.Sqrt(sxx * syy));
    }

    /// <summary>
    /// The interval and p of a correlation <paramref name="r"/> over <paramref name="n"/> pairs (r is clamped to
    /// [−1, 1] against rounding); null r gives nulls, as does n below 4.
    /// </summary>
    public static Correlation FromR(int n, double? r)
    {
        if (r is not { } value || n < MinimumPairs || double.IsNaN(value))
        {
            return new Correlation(n, null, null, null);
        }

        value = Math.Clamp(value, -1.0, 1.0);
        if (Math.Abs(value) == 1.0)
        {
            return new Correlation(n, value, new Interval(value, value), 0.0);
        }

        var z = Math.Atanh(value);
        var half = Z975 / Math.Sqrt(n - 3);
        var t = value * Math.Sqrt((n - 2) / (1 - (value * value)));
        return new Correlation(n, value, new Interval(Math.Tanh(z - half), Math.Tanh(z + half)), StudentT.TwoSidedP(t, n - 2));
    }
}

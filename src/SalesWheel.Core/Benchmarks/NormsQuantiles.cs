using MathNet.Numerics;

namespace SalesWheel.Core.Benchmarks;

/// <summary>
/// The quantiles a norms file publishes (p10, p25, p50, p75, p90), by the Harrell–Davis estimator (Harrell and Davis,
/// Biometrika 1982): <c>Q(p) = Σᵢ wᵢ x₍ᵢ₎</c> with <c>wᵢ = I(i/n; a, b) − I((i−1)/n; a, b)</c>, <c>a = p(n+1)</c>,
/// <c>b = (1−p)(n+1)</c>, I the regularized incomplete beta function and x₍ᵢ₎ the sorted scores.
/// </summary>
/// <remarks>
/// Why not the usual linear interpolation between order statistics (Hyndman and Fan type 7): with 5 organizations its
/// p25, p50 and p75 are exactly the 2nd, 3rd and 4th organization's scores, so a published cell would hand out three
/// organizations' exact scores. Every Harrell–Davis weight is positive for 0 &lt; p &lt; 1, so each quantile is a blend
/// of every organization's score, lies strictly between the lowest and highest (neither is ever published), and
/// moves when any one score moves; it equals one organization's score only by coincidence (ties, symmetric scores),
/// which <see cref="NormsCell.From"/> refuses to publish.
/// </remarks>
public static class NormsQuantiles
{
    /// <summary>The name of the method, as the norms file states it.</summary>
    public const string Method = "harrell-davis";

    /// <summary>The published probabilities, in order: 0.10, 0.25, 0.50, 0.75, 0.90.</summary>
    public static IReadOnlyList<double> Levels { get; } = [0.10, 0.25, 0.50, 0.75, 0.90];

    /// <summary>The Harrell–Davis quantile at probability <paramref name="p"/> of <paramref name="scores"/>.</summary>
    /// <param name="scores">At least one finite score, in any order.</param>
    /// <param name="p">A probability strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">No scores, or p outside (0, 1).</exception>
    public static double HarrellDavis(IReadOnlyCollection<double> scores, double p)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("A quantile needs at least one score.", nameof(scores));
        }

        if (!(p is > 0 and < 1))
        {
            throw new ArgumentException($"The probability must be strictly between 0 and 1; it is {p}.", nameof(p));
        }

        var sorted = scores.Order().ToArray();
        var n = sorted.Length;
        var a = p * (n + 1);
        var b = (1 - p) * (n + 1);
        var sum = 0.0;
        var previous = 0.0;
        for (var i = 1; i <= n; i++)
        {
            var upTo = i == n ? 1.0 : SpecialFunctions.BetaRegularized(a, b, (double)i / n);
            sum += (upTo - previous) * sorted[i - 1];
            previous = upTo;
        }

        return sum;
    }
}

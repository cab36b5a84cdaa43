namespace SalesWheel.Core.Benchmarks;

/// <summary>
/// A driver's percentile among comparable organizations (SCORING.md "Benchmarks"):
/// <c>percentile = 100 × (below + ½ × equal) / count</c>, over the other organizations' scores only, shown only when
/// <c>count ≥ 5</c>.
/// </summary>
public static class PeerPercentile
{
    /// <summary>The fewest comparable organizations a percentile (or a norms cell) may rest on.</summary>
    public const int MinimumOrganizations = 5;

    /// <summary>
    /// The percentile of <paramref name="score"/> among <paramref name="peers"/> (0–100 scores, one per other
    /// organization: the organization itself must not be among them); null when there are fewer than
    /// <see cref="MinimumOrganizations"/> peers. Scores are compared exactly.
    /// </summary>
    /// <param name="score">The organization's driver score, 0–100.</param>
    /// <param name="peers">Each other comparable organization's score for the same driver, 0–100.</param>
    /// <returns>A percentile in [0, 100], or null below five peers.</returns>
    /// <exception cref="ArgumentException">A score is not a finite number.</exception>
    public static double? Of(double score, IReadOnlyCollection<double> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (!double.IsFinite(score) || peers.Any(p => !double.IsFinite(p)))
        {
            throw new ArgumentException("Scores must be finite numbers.", nameof(peers));
        }

        if (peers.Count < MinimumOrganizations)
        {
            return null;
        }

        var below = peers.Count(p => p < score);
        var equal = peers.Count(p => p == score);
        return 100.0 * (below + (0.5 * equal)) / peers.Count;
    }
}

using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Benchmarks;

/// <summary>
/// One cell of a norms file: a driver's scores among organizations of one phase and ACV band, as a count and five
/// quantiles (<see cref="NormsQuantiles"/>), never the scores themselves, the lowest or the highest.
/// </summary>
/// <param name="Phase">The organizations' company phase.</param>
/// <param name="Acv">Their ACV band.</param>
/// <param name="Driver">A driver id (<see cref="Instruments.Drivers.Ids"/>).</param>
/// <param name="Count">How many organizations (each counted once), at least <see cref="MinimumOrganizations"/>.</param>
/// <param name="P10">10th percentile, 0–100, a whole number.</param>
/// <param name="P25">25th percentile, 0–100, a whole number.</param>
/// <param name="P50">Median, 0–100, a whole number.</param>
/// <param name="P75">75th percentile, 0–100, a whole number.</param>
/// <param name="P90">90th percentile, 0–100, a whole number.</param>
public sealed record NormsCell(CompanyPhase Phase, AcvBand Acv, string Driver, int Count, double P10, double P25, double P50, double P75, double P90)
{
    /// <summary>
    /// The fewest organizations a published cell may rest on: twice the number of quantiles. Harrell–Davis quantiles are
    /// fixed weighted sums of the sorted scores, so with as many organizations as published quantiles the quantiles are as
    /// many equations as unknown scores and could be solved for every score; with twice as many (and quantiles rounded to
    /// whole points) they cannot. Stricter than the on-page <see cref="PeerPercentile.MinimumOrganizations"/>, which shows
    /// one percentile, not the pool's quantiles.
    /// </summary>
    public const int MinimumOrganizations = 10;

    /// <summary>
    /// How close (in points) a quantile may come to an organization's score before the cell is withheld: a quantile a
    /// rounding error away from a score is that score for anyone reading it.
    /// </summary>
    public const double SameScore = 1e-6;

    /// <summary>The five quantiles in order of <see cref="NormsQuantiles.Levels"/>.</summary>
    public IReadOnlyList<double> Quantiles => [P10, P25, P50, P75, P90];

    /// <summary>
    /// The cell of these organizations' scores (one per organization), its quantiles rounded to whole points (half away
    /// from zero); null when it may not be published: fewer than <see cref="MinimumOrganizations"/> organizations, or an
    /// unrounded quantile that equals one organization's exact score (by coincidence: ties or symmetric scores; see
    /// <see cref="NormsQuantiles"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A score is not finite.</exception>
    public static NormsCell? From(CompanyPhase phase, AcvBand acv, string driver, IReadOnlyCollection<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Any(s => !double.IsFinite(s)))
        {
            throw new ArgumentException("Scores must be finite numbers.", nameof(scores));
        }

        if (scores.Count < MinimumOrganizations)
        {
            return null;
        }

        var q = NormsQuantiles.Levels.Select(p => NormsQuantiles.HarrellDavis(scores, p)).ToArray();
        if (q.Any(value => scores.Any(s => Math.Abs(s - value) < SameScore)))
        {
            return null;
        }

        // Rounded so the published numbers are not exact weighted sums of the scores (nothing to solve for).
        var r = q.Select(value => Math.Round(value, MidpointRounding.AwayFromZero)).ToArray();
        return new NormsCell(phase, acv, driver, scores.Count, r[0], r[1], r[2], r[3], r[4]);
    }

    /// <summary>
    /// An estimate of the percentile of <paramref name="score"/> among the cell's organizations, read off the quantiles:
    /// the curve through (p10, 10), (p25, 25), (p50, 50), (p75, 75), (p90, 90), straight between neighbouring points;
    /// a score equal to several (tied) quantiles takes the middle of their levels; below p10 or above p90 it says only
    /// "below the 10th" or "above the 90th" (the tails are not published).
    /// </summary>
    /// <param name="score">A driver score, 0–100.</param>
    public NormsEstimate PercentileOf(double score)
    {
        var q = Quantiles;
        var levels = NormsQuantiles.Levels.Select(p => p * 100).ToArray();
        if (score < q[0])
        {
            return new NormsEstimate(levels[0], NormsEstimateKind.Below, Count);
        }

        if (score > q[^1])
        {
            return new NormsEstimate(levels[^1], NormsEstimateKind.Above, Count);
        }

        var equal = Enumerable.Range(0, q.Count).Where(i => q[i] == score).ToList();
        if (equal.Count > 0)
        {
            return new NormsEstimate((levels[equal[0]] + levels[equal[^1]]) / 2, NormsEstimateKind.About, Count);
        }

        var j = Enumerable.Range(0, q.Count - 1).First(i => q[i] < score && score < q[i + 1]);
        var value = levels[j] + ((levels[j + 1] - levels[j]) * (score - q[j]) / (q[j + 1] - q[j]));
        return new NormsEstimate(value, NormsEstimateKind.About, Count);
    }
}

/// <summary>How a <see cref="NormsEstimate"/> reads.</summary>
public enum NormsEstimateKind
{
    /// <summary>About the given percentile (between p10 and p90).</summary>
    About,

    /// <summary>Below the 10th percentile.</summary>
    Below,

    /// <summary>Above the 90th percentile.</summary>
    Above,
}

/// <summary>A percentile estimated from a norms cell's quantiles (<see cref="NormsCell.PercentileOf"/>).</summary>
/// <param name="Percentile">The estimate (0–100); for <see cref="NormsEstimateKind.Below"/>/<see cref="NormsEstimateKind.Above"/>, the bound (10 or 90).</param>
/// <param name="Kind">About, below or above.</param>
/// <param name="Count">How many organizations the cell rests on.</param>
public sealed record NormsEstimate(double Percentile, NormsEstimateKind Kind, int Count);

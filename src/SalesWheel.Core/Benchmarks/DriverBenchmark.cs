using System.Globalization;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Benchmarks;

/// <summary>Where a driver's percentile comes from.</summary>
public enum BenchmarkSource
{
    /// <summary>The other organizations of this SalesWheel that opted in to the peer pool: exact.</summary>
    Peers,

    /// <summary>A norms file imported by the operator: an estimate from its quantiles.</summary>
    PublishedNorms,
}

/// <summary>
/// A driver's benchmark as every output shows it next to its score: its percentile among comparable organizations,
/// where it comes from and how many organizations it rests on; or none (not enough comparable organizations yet).
/// </summary>
/// <param name="Driver">The driver id.</param>
/// <param name="Score">The organization's 0–100 score for it; null when it has none (no benchmark then).</param>
/// <param name="Percentile">0–100 (unrounded); for a norms estimate beyond the published quantiles, the bound (10 or 90); null when not shown.</param>
/// <param name="Kind">Exact for peers is <see cref="NormsEstimateKind.About"/> too; Below/Above only from norms.</param>
/// <param name="Source">Peers or published norms; null when not shown.</param>
/// <param name="Count">How many comparable organizations it rests on; null when not shown (how many fewer than five there are is not said either).</param>
public sealed record DriverBenchmark(string Driver, double? Score, double? Percentile, NormsEstimateKind Kind, BenchmarkSource? Source, int? Count)
{
    /// <summary>What people read when there is no percentile.</summary>
    public const string NotEnough = "not enough comparable organizations yet";

    /// <summary>
    /// The sentence next to the score: "45th percentile (7 comparable organizations on this SalesWheel)",
    /// "about the 40th percentile (published norms, 23 organizations)", "below the 10th percentile (published norms, …)",
    /// or <see cref="NotEnough"/>.
    /// </summary>
    public string Text => (Percentile, Source) switch
    {
        (null, _) or (_, null) => NotEnough,
        ({ } p, BenchmarkSource.Peers) => $"{Ordinal(p)} percentile ({Count} comparable organizations on this SalesWheel)",
        ({ } p, _) => Kind switch
        {
            NormsEstimateKind.Below => $"below the {Ordinal(p)} percentile (published norms, {Count} organizations)",
            NormsEstimateKind.Above => $"above the {Ordinal(p)} percentile (published norms, {Count} organizations)",
            _ => $"about the {Ordinal(p)} percentile (published norms, {Count} organizations)",
        },
    };

    /// <summary>A percentile rounded to a whole number with its English ending: 1st, 2nd, 3rd, 11th, 42nd.</summary>
    public static string Ordinal(double percentile)
    {
        var n = (int)Math.Round(percentile, MidpointRounding.AwayFromZero);
        var ending = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + ending;
    }

    /// <summary>
    /// Each of the eight drivers' benchmark for a report's driver scores: from this SalesWheel's peers when at least five
    /// comparable organizations have a score for the driver (exact, <see cref="PeerPercentile.Of"/>), else from the imported
    /// norms' cell of the same phase, ACV band and driver (an estimate, <see cref="NormsCell.PercentileOf"/>), else none.
    /// </summary>
    /// <param name="scores">The organization's driver scores by driver id (a missing or null score gets no benchmark).</param>
    /// <param name="phase">The organization's phase; with the band, what "comparable" means.</param>
    /// <param name="acv">The organization's ACV band.</param>
    /// <param name="peers">Other comparable organizations' scores by driver id (the organization itself left out).</param>
    /// <param name="norms">Imported norms, or null.</param>
    /// <returns>One entry per driver id of <see cref="Drivers.Ids"/>, in wheel order.</returns>
    public static IReadOnlyList<DriverBenchmark> For(
        IReadOnlyDictionary<string, double?> scores, CompanyPhase phase, AcvBand acv,
        IReadOnlyDictionary<string, IReadOnlyList<double>> peers, NormsFile? norms)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(peers);
        var result = new List<DriverBenchmark>();
        foreach (var driver in Drivers.Ids)
        {
            var pool = peers.GetValueOrDefault(driver) ?? [];
            if (scores.GetValueOrDefault(driver) is not { } score)
            {
                result.Add(new DriverBenchmark(driver, null, null, NormsEstimateKind.About, null, null));
            }
            else if (PeerPercentile.Of(score, pool) is { } exact)
            {
                result.Add(new DriverBenchmark(driver, score, exact, NormsEstimateKind.About, BenchmarkSource.Peers, pool.Count));
            }
            else if (norms?.Find(phase, acv, driver) is { } cell)
            {
                var estimate = cell.PercentileOf(score);
                result.Add(new DriverBenchmark(driver, score, estimate.Percentile, estimate.Kind, BenchmarkSource.PublishedNorms, cell.Count));
            }
            else
            {
                result.Add(new DriverBenchmark(driver, score, null, NormsEstimateKind.About, null, null));
            }
        }

        return result;
    }
}

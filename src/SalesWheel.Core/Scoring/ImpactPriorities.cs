namespace SalesWheel.Core.Scoring;

/// <summary>
/// A driver ranked by impact-aware priority: its SCORING.md weight raised by how strongly the driver goes with the
/// first outcome, renormalized.
/// </summary>
/// <param name="Dimension">The driver's id.</param>
/// <param name="Rank">1 = fix first; ties in instrument order.</param>
/// <param name="Weight">The SCORING.md weight (phase × deal size), as in the standard priorities.</param>
/// <param name="Impact">impact(d) in [0, 1]: max(0, r) with the first outcome, or the mean of the measured ones.</param>
/// <param name="Measured">Whether <paramref name="Impact"/> is the driver's own r (false: the mean of the others, or 0).</param>
/// <param name="ImpactWeight">weight′(d) = weight(d) × (1 + impact(d)) × the renormalizing factor.</param>
/// <param name="Score">The driver's 0–100 score.</param>
/// <param name="Priority">weight′(d) × (100 − score(d)).</param>
public sealed record ImpactRankedDriver(string Dimension, int Rank, double Weight, double Impact, bool Measured, double ImpactWeight, double Score, double Priority);

/// <summary>
/// Impact-aware priorities, an organization's opt-in next to SCORING.md's ranking (which stays the default and is
/// never changed by this): the drivers that measurably go with the outcome are pulled up. With
/// <c>r(d)</c> the key-driver correlation of driver d with the instrument's first outcome dimension
/// (<see cref="ScoreReport.KeyDrivers"/>, as the shared result shows it):
/// <list type="bullet">
/// <item><c>impact(d) = max(0, r(d))</c> when r(d) is defined; a driver whose r is null takes the mean impact of the
/// drivers with one; with none defined every impact is 0 and the ranking is SCORING.md's. A negative r counts as no
/// impact, not as a reason to rank lower.</item>
/// <item><c>weight′(d) = weight(d) × (1 + impact(d)) × c</c>, with c chosen so that the ranked drivers' weights′ sum
/// to their weights' sum (mean 1 when all eight are ranked): equal impacts leave every weight as it was.</item>
/// <item><c>priority′(d) = weight′(d) × (100 − score(d))</c>; ranked highest first, ties in instrument order;
/// drivers without a score are not ranked, as in SCORING.md.</item>
/// </list>
/// </summary>
public static class ImpactPriorities
{
    /// <summary>The formula in words, shown next to the ranking.</summary>
    public const string Formula =
        "Impact-aware priority = weight′ × (100 − score), where weight′ = phase-and-deal-size weight × (1 + impact), "
        + "rescaled so the weights keep their average; impact = the driver's correlation r with the first outcome when it is positive "
        + "(0 when negative; the average of the others when it cannot be computed).";

    /// <summary>
    /// Ranks <paramref name="report"/>'s priorities by impact-aware priority. Empty when nothing is ranked.
    /// </summary>
    /// <param name="report">A (shared) score report: its <see cref="ScoreReport.Priorities"/>, <see cref="ScoreReport.KeyDrivers"/> and dimension order are read.</param>
    public static IReadOnlyList<ImpactRankedDriver> Rank(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ranked = report.Priorities;
        if (ranked.Count == 0)
        {
            return [];
        }

        var correlations = report.KeyDrivers.Count == 0
            ? new Dictionary<string, double?>(StringComparer.Ordinal)
            : report.KeyDrivers[0].Drivers.ToDictionary(d => d.Dimension, d => d.R, StringComparer.Ordinal);
        var own = ranked.Select(p => correlations.GetValueOrDefault(p.Dimension) is { } r ? Math.Max(0, r) : (double?)null).ToList();
        var defined = own.Where(i => i is not null).Select(i => i!.Value).ToList();
        var fallback = defined.Count == 0 ? 0 : defined.Average();
        var impacts = own.Select(i => i ?? fallback).ToList();
        var raised = ranked.Select((p, i) => p.Weight * (1 + impacts[i])).ToList();
        var factor = ranked.Sum(p => p.Weight) / raised.Sum();
        var order = report.Dimensions.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return ranked
            .Select((p, i) =>
            {
                var weight = raised[i] * factor;
                return (p, impact: impacts[i], measured: own[i] is not null, weight, priority: weight * (100 - p.Score));
            })
            // Equal priorities computed along different paths may differ in the last bits: ties are judged to 9 decimals.
            .OrderByDescending(x => Math.Round(x.priority, 9))
            .ThenBy(x => order.GetValueOrDefault(x.p.Dimension, int.MaxValue))
            .Select((x, i) => new ImpactRankedDriver(x.p.Dimension, i + 1, x.p.Weight, x.impact, x.measured, x.weight, x.p.Score, x.priority))
            .ToList();
    }
}

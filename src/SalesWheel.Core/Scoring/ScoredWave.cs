namespace SalesWheel.Core.Scoring;

/// <summary>
/// One wave of a comparison: its score report (with whatever groups its publisher hides) and the spreads behind its
/// scores, both from <see cref="ScoringEngine.ScoreWave"/>.
/// </summary>
/// <param name="Report">The wave's report. A shared result (<see cref="SharedResult"/>) may hide more groups or thin
/// numbers than the engine did; the comparison compares only what this report shows.</param>
/// <param name="Spreads">The n and sample variance of the respondent means of every dimension and every group.</param>
public sealed record ScoredWave(ScoreReport Report, WaveSpreads Spreads);

/// <summary>
/// The respondent means behind one score: how many (<paramref name="N"/>) and their sample variance (n − 1) on the
/// 0–100 scale (points²; 0 when n is below 2).
/// </summary>
public readonly record struct Spread(int N, double Variance);

/// <summary>
/// The spreads of one wave, per dimension for the whole organization and per (breakdown, group value, dimension),
/// for every group the data holds, shown or not: the comparison reads a group's spread only where the report shows it.
/// </summary>
public sealed class WaveSpreads(IReadOnlyDictionary<string, Spread> dimensions, IReadOnlyDictionary<(string By, string Value, string Dimension), Spread> groups)
{
    /// <summary>The spread of a dimension over the whole organization; n 0 for an unknown dimension.</summary>
    public Spread Dimension(string dimension) => dimensions.GetValueOrDefault(dimension);

    /// <summary>The spread of a dimension within one group of a breakdown; n 0 when the data has no such group.</summary>
    public Spread Group(string by, string value, string dimension) => groups.GetValueOrDefault((by, value, dimension));
}

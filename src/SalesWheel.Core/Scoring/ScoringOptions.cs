using SalesWheel.Core.Imports;

namespace SalesWheel.Core.Scoring;

/// <summary>What to score for: the company's context, the breakdowns wanted and the anonymity threshold.</summary>
public sealed record ScoringOptions
{
    /// <summary>Company phase; null when unknown (every phase level counts as 2).</summary>
    public CompanyPhase? Phase { get; init; }

    /// <summary>ACV band; null when unknown (every ACV level counts as 2).</summary>
    public AcvBand? Acv { get; init; }

    /// <summary>Groups smaller than this are suppressed in breakdowns.</summary>
    public int MinimumGroupSize { get; init; } = Anonymity.DefaultMinimumGroupSize;

    /// <summary>Attributes to break results down by, in order; each must be a column of the response set.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>
    /// Also hide groups until no set of fewer than <see cref="MinimumGroupSize"/> respondents can be worked out by
    /// setting the shown groups of the breakdowns against each other (see <see cref="Anonymity.HideAcrossBreakdowns"/>).
    /// Off for the command line, whose output is SCORING.md's per-breakdown contract and whose user holds the answers;
    /// on wherever results are shared with others (the web app, its API and exports).
    /// </summary>
    public bool SuppressAcrossBreakdowns { get; init; }

    /// <summary>Driver relevance levels per phase and ACV band.</summary>
    public RelevanceTable Relevance { get; init; } = RelevanceTable.Default;

    /// <summary>
    /// Outcome metrics per team (<see cref="TeamMetricsFile"/>); when given, the report's <see cref="ScoreReport.TeamMetrics"/>
    /// correlates each driver's team score with each metric over the teams the team breakdown shows (the attribute
    /// <see cref="TeamMetricsTable.TeamAttribute"/>, in any case; computed, with the same suppression, even when not in
    /// <see cref="GroupBy"/>). Teams are matched by value exactly after trimming; a team without a shown group is not counted.
    /// </summary>
    public TeamMetricsTable? TeamMetrics { get; init; }

    /// <summary>
    /// Compute <see cref="ScoreReport.KeyDrivers"/> (on by default). Off only to measure what they cost (the benchmarks)
    /// or where they are not shown; the report's other numbers are the same either way.
    /// </summary>
    public bool KeyDrivers { get; init; } = true;
}

namespace SalesWheel.Core.Scoring;

// The result of scoring, shaped as the JSON contract of SCORING.md (property names are the contract's, camelCased).

/// <summary>Everything the engine computes for one set of answers.</summary>
public sealed record ScoreReport
{
    /// <summary>The instrument scored against.</summary>
    public required InstrumentInfo Instrument { get; init; }

    /// <summary>Respondents who answered at least one item.</summary>
    public required int Respondents { get; init; }

    /// <summary>Phase, ACV band and minimum group size used.</summary>
    public required ScoringContext Context { get; init; }

    /// <summary>Every dimension, drivers and outcomes, in instrument order.</summary>
    public required IReadOnlyList<DimensionResult> Dimensions { get; init; }

    /// <summary>One breakdown per grouping attribute asked for.</summary>
    public required IReadOnlyList<Breakdown> Breakdowns { get; init; }

    /// <summary>Scored drivers ranked by priority, highest first.</summary>
    public required IReadOnlyList<RankedDriver> Priorities { get; init; }

    /// <summary>
    /// Per outcome dimension of the instrument (<c>"kind": "outcome"</c>), in instrument order: how each driver goes with
    /// it across respondents (SCORING.md "Outcomes and key drivers"). Empty when the instrument has no outcome dimension.
    /// </summary>
    public IReadOnlyList<KeyDriverSet> KeyDrivers { get; init; } = [];

    /// <summary>
    /// Per metric of <see cref="ScoringOptions.TeamMetrics"/>, in file order: how each driver's team score goes with the
    /// metric across the teams shown in the team breakdown. Empty when no metrics were given.
    /// </summary>
    public IReadOnlyList<TeamMetricSet> TeamMetrics { get; init; } = [];
}

/// <summary>The drivers' correlations with one outcome dimension.</summary>
/// <param name="Outcome">The outcome dimension's id.</param>
/// <param name="Drivers">One per driver dimension, in instrument order.</param>
public sealed record KeyDriverSet(string Outcome, IReadOnlyList<KeyDriver> Drivers);

/// <summary>
/// Pearson's r between respondents' means of a driver and of an outcome, over respondents with both defined
/// (see <see cref="Correlation"/>; r, interval and p null when n is below 4 or either does not vary).
/// </summary>
/// <param name="Dimension">The driver's id.</param>
/// <param name="N">Respondents with both means defined.</param>
/// <param name="R">Pearson's r in [−1, 1].</param>
/// <param name="Ci95">Fisher-z 95% interval of r.</param>
/// <param name="P">Two-sided p of r = 0 (t with n − 2 df).</param>
public sealed record KeyDriver(string Dimension, int N, double? R, Interval? Ci95, double? P);

/// <summary>The drivers' correlations with one team metric.</summary>
/// <param name="Metric">The metric's name as the file's header gives it (trimmed), e.g. <c>win-rate</c>.</param>
/// <param name="Drivers">One per driver dimension, in instrument order.</param>
public sealed record TeamMetricSet(string Metric, IReadOnlyList<TeamMetricDriver> Drivers);

/// <summary>
/// Pearson's r between a driver's team scores (0–100) and a metric, over the teams shown in the team breakdown that
/// have a value for the metric and a score for the driver (r, interval and p null below 4 teams or without variance).
/// </summary>
/// <param name="Dimension">The driver's id.</param>
/// <param name="Teams">Teams the correlation is computed over.</param>
/// <param name="R">Pearson's r in [−1, 1].</param>
/// <param name="Ci95">Fisher-z 95% interval of r.</param>
/// <param name="P">Two-sided p of r = 0 (t with teams − 2 df).</param>
/// <param name="Flags"><c>few-teams</c> below 10 teams: a hint, not proof.</param>
public sealed record TeamMetricDriver(string Dimension, int Teams, double? R, Interval? Ci95, double? P, IReadOnlyList<string> Flags);

/// <summary>Identity and scale of the instrument.</summary>
public sealed record InstrumentInfo(string Id, string Name, string Version, ScaleInfo Scale);

/// <summary>The scale's bounds.</summary>
public sealed record ScaleInfo(int Min, int Max);

/// <summary>The context the priorities were computed for.</summary>
public sealed record ScoringContext(string? Phase, string? Acv, int MinGroupSize);

/// <summary>A 95% confidence interval: on the 0–100 scale for a score, within [−1, 1] for a correlation.</summary>
public sealed record Interval(double Low, double High);

/// <summary>Scores of a dimension.</summary>
public sealed record DimensionResult
{
    /// <summary>Dimension id.</summary>
    public required string Id { get; init; }

    /// <summary>Dimension name.</summary>
    public required string Name { get; init; }

    /// <summary><c>driver</c> or <c>outcome</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>organization</c>, <c>people</c> or null.</summary>
    public string? Half { get; init; }

    /// <summary>Respondents with a defined respondent mean (answered at least half the items).</summary>
    public required int N { get; init; }

    /// <summary>Mean on the answer scale; null when n is 0.</summary>
    public double? Mean { get; init; }

    /// <summary>0–100 score; null when n is 0.</summary>
    public double? Score { get; init; }

    /// <summary>95% interval of the score; null when n is below 2.</summary>
    public Interval? Ci95 { get; init; }

    /// <summary>Share of answers in the top two scale points.</summary>
    public double? Favorable { get; init; }

    /// <summary>Share of answers neither favorable nor unfavorable.</summary>
    public double? Neutral { get; init; }

    /// <summary>Share of answers in the bottom two scale points.</summary>
    public double? Unfavorable { get; init; }

    /// <summary>Cronbach's alpha on respondents who answered every item.</summary>
    public double? Alpha { get; init; }

    /// <summary>Respondents who answered every item (alpha's sample).</summary>
    public required int AlphaN { get; init; }

    /// <summary><c>items-disagree</c> (alpha below 0.7), <c>few-answers</c> (n below 10).</summary>
    public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>
    /// Why there is no score: <c>no-answers</c>, <c>fewer-than-half-answered</c> (nobody answered at least half of its
    /// statements) or <c>below-minimum-group-size</c> (hidden in a shared result); null when there is a score.
    /// </summary>
    public NoScoreReason? NoScore { get; init; }

    /// <summary>Facet scores.</summary>
    public required IReadOnlyList<FacetResult> Facets { get; init; }

    /// <summary>Item statistics.</summary>
    public required IReadOnlyList<ItemResult> Items { get; init; }
}

/// <summary>Scores of a facet (same definitions as a dimension).</summary>
public sealed record FacetResult(string Id, string Name, int N, double? Mean, double? Score, Interval? Ci95, double? Favorable, double? Neutral, double? Unfavorable);

/// <summary>Statistics of one item, on recoded answers.</summary>
public sealed record ItemResult(string Id, int N, double? Mean, double? Favorable);

/// <summary>Scores by the values of one attribute, with anonymity applied.</summary>
public sealed record Breakdown(string By, IReadOnlyList<BreakdownGroup> Groups, IReadOnlyDictionary<string, double?> Gaps);

/// <summary>
/// One group of a breakdown. Its scores are null when the group is suppressed (too small, or hidden
/// so that a small group cannot be recovered by subtraction).
/// </summary>
public sealed record BreakdownGroup(string Value, int? N, bool Suppressed, IReadOnlyDictionary<string, double?>? Scores);

/// <summary>A ranked driver with the reason for its rank: its score, its levels and its weight.</summary>
public sealed record RankedDriver(string Dimension, int Rank, double Weight, double Score, double Priority, int? PhaseLevel, int? AcvLevel);

using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Comparison;

/// <summary>
/// A change between two waves with Welch's test (Welch 1947; SCORING.md "Comparing two waves"). Points on 0–100.
/// </summary>
/// <param name="Change">After − before, in points on 0–100.</param>
/// <param name="Ci95">change ± t(0.975, df) × se; {change, change} when se is 0; null when either wave has fewer than 2 respondent means.</param>
/// <param name="Df">Welch–Satterthwaite degrees of freedom (not a whole number); null when se is 0 or either n is below 2.</param>
/// <param name="P">Two-sided p of t = change / se with df; null when df is.</param>
/// <param name="BeyondNoise">p below 0.05, or, when se is 0, any change at all. Pages say "changed beyond noise" / "within noise".</param>
public sealed record ChangeTest(double Change, Interval? Ci95, double? Df, double? P, bool BeyondNoise)
{
    /// <summary>The significance level behind "changed beyond noise".</summary>
    public const double NoiseLevel = 0.05;

    /// <summary>
    /// Welch's test of a change: se = √(s₁²/n₁ + s₂²/n₂), df = se⁴ / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)).
    /// </summary>
    /// <param name="change">score(after) − score(before), points on 0–100.</param>
    /// <param name="before">n₁ and s₁² (0–100 points²) of the earlier wave's respondent means.</param>
    /// <param name="after">n₂ and s₂² of the later wave's.</param>
    public static ChangeTest Welch(double change, Spread before, Spread after)
    {
        if (before.N < 2 || after.N < 2)
        {
            return new ChangeTest(change, null, null, null, false);
        }

        var v1 = before.Variance / before.N;
        var v2 = after.Variance / after.N;
        var se2 = v1 + v2;
        if (se2 == 0)
        {
            return new ChangeTest(change, new Interval(change, change), null, null, change != 0);
        }

        var se = Math.Sqrt(se2);
        var df = se2 * se2 / ((v1 * v1 / (before.N - 1)) + (v2 * v2 / (after.N - 1)));
        var half = StudentT.Critical975(df) * se;
        var p = StudentT.TwoSidedP(change / se, df);
        return new ChangeTest(change, new Interval(change - half, change + half), df, p, p < NoiseLevel);
    }
}

/// <summary>A wave's size: respondents who answered at least one statement.</summary>
public sealed record WaveSize(int Respondents);

/// <summary>A dimension's n (respondents with a defined mean) and score (0–100, null when not scored) in one wave.</summary>
public sealed record WaveScore(int N, double? Score);

/// <summary>
/// A dimension compared: both waves' n and score, and the change with its test (null fields and beyondNoise false
/// when it is not scored in both waves).
/// </summary>
public sealed record DimensionChange
{
    /// <summary>Dimension id.</summary>
    public required string Id { get; init; }

    /// <summary>The earlier wave.</summary>
    public required WaveScore Before { get; init; }

    /// <summary>The later wave.</summary>
    public required WaveScore After { get; init; }

    /// <summary>After − before, points on 0–100; null unless scored in both waves.</summary>
    public double? Change { get; init; }

    /// <summary>95% interval of the change: change ± t(0.975, df) × se; null when either wave has fewer than 2 respondents.</summary>
    public Interval? Ci95 { get; init; }

    /// <summary>Welch–Satterthwaite degrees of freedom; null when se is 0 or either n is below 2.</summary>
    public double? Df { get; init; }

    /// <summary>Two-sided p of Welch's test; null when df is.</summary>
    public double? P { get; init; }

    /// <summary>Changed beyond noise: p below 0.05 (or, when se is 0, any change at all).</summary>
    public required bool BeyondNoise { get; init; }

    /// <summary>Facet score changes (no test), facets of both waves, in the after wave's order.</summary>
    public required IReadOnlyList<PartChange> Facets { get; init; }

    /// <summary>Statement changes (no test): the change of the statement's mean converted to 0–100 like a score.</summary>
    public required IReadOnlyList<PartChange> Items { get; init; }
}

/// <summary>A facet's or statement's change, points on 0–100; null unless scored (answered) in both waves.</summary>
public sealed record PartChange(string Id, double? Change);

/// <summary>One breakdown compared: every group value either wave has, in ordinal order.</summary>
public sealed record BreakdownChange(string By, IReadOnlyList<GroupChange> Groups);

/// <summary>
/// One group compared. Its changes are null unless the group is shown in both waves; then one entry per dimension id,
/// null for a dimension the group has no score for in either wave.
/// </summary>
public sealed record GroupChange(string Value, IReadOnlyDictionary<string, ChangeTest?>? Changes);

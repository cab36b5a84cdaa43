using System.Text.Json.Serialization;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// Why a dimension has no score (SCORING.md "Dimension and facet scores"): decided once, by the engine and by
/// <see cref="SharedResult.WithoutThinNumbers"/>, and carried on <see cref="DimensionResult.NoScore"/> so every output
/// (pages, PDF, summaries, workbook, JSON) says the same true thing. JSON writes it in kebab case.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoScoreReason>))]
public enum NoScoreReason
{
    /// <summary>Nobody answered any of its statements (no column for them, or every answer blank or "Don't know").</summary>
    [JsonStringEnumMemberName("no-answers")]
    NoAnswers,

    /// <summary>
    /// Some people answered some of its statements, but nobody answered at least half of them (ceil(k/2) of k), the
    /// least a respondent mean needs (as when quick-form answers are scored as the full instrument).
    /// </summary>
    [JsonStringEnumMemberName("fewer-than-half-answered")]
    FewerThanHalfAnswered,

    /// <summary>In a shared result: fewer than the minimum group size answered enough of its statements, so the score is hidden.</summary>
    [JsonStringEnumMemberName("below-minimum-group-size")]
    BelowMinimumGroupSize,
}

/// <summary>The words every output uses for a dimension with no score (<see cref="NoScoreReason"/>).</summary>
public static class NoScore
{
    /// <summary>The short mark in a table's flag column: "no score".</summary>
    public const string Mark = "no score";

    /// <summary>
    /// Why, after "no score: ": "respondents answered fewer than half of its statements", "nobody answered its statements",
    /// "fewer than 5 people answered at least half of its statements, so it is hidden to protect anonymity".
    /// </summary>
    /// <param name="reason">The dimension's reason.</param>
    /// <param name="minimumGroupSize">The report's minimum group size (<see cref="ScoringContext.MinGroupSize"/>).</param>
    /// <param name="several">Said of several dimensions at once: "their statements", "they are hidden".</param>
    public static string Reason(NoScoreReason reason, int minimumGroupSize, bool several = false)
    {
        var its = several ? "their" : "its";
        return reason switch
        {
            NoScoreReason.FewerThanHalfAnswered => $"respondents answered fewer than half of {its} statements",
            NoScoreReason.BelowMinimumGroupSize => $"fewer than {minimumGroupSize} people answered at least half of {its} statements, so {(several ? "they are" : "it is")} hidden to protect anonymity",
            _ => $"nobody answered {its} statements",
        };
    }

    /// <summary>"no score: " and the <see cref="Reason"/>; null when the dimension has a score.</summary>
    public static string? Sentence(DimensionResult dimension, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return dimension.NoScore is { } reason ? $"{Mark}: {Reason(reason, minimumGroupSize)}" : null;
    }

    /// <summary>
    /// The reliability flags worth showing next to a dimension: all of them when it has a score; without "few answers"
    /// when it has none, since its <see cref="Sentence"/> says why (n = 0 is not "one more answer could move the score").
    /// </summary>
    public static IReadOnlyList<string> ShownFlags(DimensionResult dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return dimension.NoScore is null ? dimension.Flags : dimension.Flags.Where(f => f != Reliability.FewAnswers).ToList();
    }

    /// <summary>
    /// What a table's flag column shows for a dimension: <see cref="Mark"/> when it has no score, then its
    /// <see cref="ShownFlags"/>, each named by <paramref name="flagName"/> (as <see cref="Reliability.Name"/>).
    /// </summary>
    public static IReadOnlyList<string> Marks(DimensionResult dimension, Func<string, string> flagName)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        ArgumentNullException.ThrowIfNull(flagName);
        var marks = new List<string>();
        if (dimension.NoScore is not null)
        {
            marks.Add(Mark);
        }

        marks.AddRange(ShownFlags(dimension).Select(flagName));
        return marks;
    }

    /// <summary>The reason of an engine result with this n and these statement counts: null when n &gt; 0.</summary>
    internal static NoScoreReason? Of(int n, IEnumerable<ItemResult> items) =>
        n > 0 ? null : items.Any(i => i.N > 0) ? NoScoreReason.FewerThanHalfAnswered : NoScoreReason.NoAnswers;
}

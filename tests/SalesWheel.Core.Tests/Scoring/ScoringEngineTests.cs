using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class ScoringEngineTests
{
    // t(0.975, df) as printed by R's qt() (tests/reference/bfi_alpha_results.txt).
    private const double T2 = 4.3026527297494619;

    /// <summary>
    /// Four respondents on the small instrument (A3 is reverse-keyed, so raw 1 counts as 5).
    /// R1: A1 5, A2 4, A3 1→5, B1 2, B2 3.  R2: A1 3, A3 2→4, B1 4.  R3: A3 5→1, B1 1, B2 1.  R4: A1 4, A2 4, A3 3→3.
    /// </summary>
    private static ScoreReport ScoreSmall(ScoringOptions? options = null) => ScoringEngine.Score(
        Build(Small(),
        [
            (Answers(("A1", 5), ("A2", 4), ("A3", 1), ("B1", 2), ("B2", 3)), null),
            (Answers(("A1", 3), ("A2", null), ("A3", 2), ("B1", 4)), null),
            (Answers(("A3", 5), ("B1", 1), ("B2", 1)), null),
            (Answers(("A1", 4), ("A2", 4), ("A3", 3)), null),
        ]),
        options ?? new ScoringOptions());

    [Fact]
    public void DimensionScoreUsesRespondentMeansOfThoseWhoAnsweredAtLeastHalfTheItems()
    {
        var a = ScoreSmall().Dimensions[0];

        // Dimension a has 3 items, so a respondent needs 2 answers: R3 (one answer) is left out.
        var means = new[] { 14.0 / 3, 7.0 / 2, 11.0 / 3 };
        var mean = means.Average();
        Assert.Equal(3, a.N);
        Assert.Equal(mean, a.Mean!.Value, 12);
        Assert.Equal(100 * (mean - 1) / 4, a.Score!.Value, 10);

        var s = Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / 2);
        var half = T2 * s / Math.Sqrt(3);
        Assert.Equal(100 * (mean - half - 1) / 4, a.Ci95!.Low, 9);
        Assert.Equal(100 * (mean + half - 1) / 4, a.Ci95.High, 9);
        Assert.True(a.Ci95.High > 100, "the interval is reported unclipped, as defined");
    }

    [Fact]
    public void SharesCountEveryAnsweredResponseIncludingRespondentsWithoutAMean()
    {
        var a = ScoreSmall().Dimensions[0];

        // Recoded answers of dimension a: 5,4,5 | 3,4 | 1 | 4,4,3 → six in 4–5, one in 1–2, two 3s.
        Assert.Equal(6.0 / 9, a.Favorable!.Value, 12);
        Assert.Equal(2.0 / 9, a.Neutral!.Value, 12);
        Assert.Equal(1.0 / 9, a.Unfavorable!.Value, 12);
    }

    [Fact]
    public void FacetsAndItemsAreScoredOnRecodedAnswers()
    {
        var a = ScoreSmall().Dimensions[0];

        var f1 = a.Facets.Single(f => f.Id == "f1");
        Assert.Equal(3, f1.N);
        Assert.Equal(100 * ((11.5 / 3) - 1) / 4, f1.Score!.Value, 10);
        var f2 = a.Facets.Single(f => f.Id == "f2");
        Assert.Equal(4, f2.N);
        Assert.Equal(56.25, f2.Score!.Value, 10);

        var a3 = a.Items.Single(i => i.Id == "A3");
        Assert.Equal(4, a3.N);
        Assert.Equal(3.25, a3.Mean!.Value, 12);
        Assert.Equal(0.5, a3.Favorable!.Value, 12);
    }

    [Fact]
    public void AlphaNeedsThreeCompleteRespondentsAndFewAnswersIsFlagged()
    {
        var report = ScoreSmall();
        var a = report.Dimensions[0];
        Assert.Equal(2, a.AlphaN);
        Assert.Null(a.Alpha);
        Assert.Equal(["few-answers"], a.Flags);

        var b = report.Dimensions[1];
        Assert.Equal(3, b.N);
        Assert.Equal(37.5, b.Score!.Value, 10);
        Assert.Equal(4, report.Respondents);
    }

    [Fact]
    public void AlphaMatchesTheHandComputedValueAndFlagsDisagreement()
    {
        var instrument = InstrumentFileFor3Items();
        int[][] rows = [[1, 2, 3], [2, 2, 3], [4, 5, 5], [3, 3, 4]];
        var report = ScoringEngine.Score(Build(instrument, rows.Select(r => (Answers(("X1", r[0]), ("X2", r[1]), ("X3", r[2])), (Dictionary<string, string?>?)null))), new ScoringOptions());

        // Item variances 5/3, 2, 11/12; variance of sums 155/12 → alpha = 3/2 × (1 − 55/155) = 30/31.
        Assert.Equal(30.0 / 31, report.Dimensions[0].Alpha!.Value, 12);
        Assert.Equal(4, report.Dimensions[0].AlphaN);

        // Items that run against each other give a low (here negative) alpha: flagged.
        int[][] opposite = [[1, 5, 3], [5, 1, 3], [2, 4, 2], [4, 2, 4], [3, 3, 3]];
        var disagree = ScoringEngine.Score(Build(instrument, opposite.Select(r => (Answers(("X1", r[0]), ("X2", r[1]), ("X3", r[2])), (Dictionary<string, string?>?)null))), new ScoringOptions());
        Assert.True(disagree.Dimensions[0].Alpha < 0.7);
        Assert.Contains("items-disagree", disagree.Dimensions[0].Flags);
    }

    [Fact]
    public void IdenticalAnswersGiveAZeroWidthIntervalAndNoAlpha()
    {
        var instrument = InstrumentFileFor3Items();
        var rows = Enumerable.Range(0, 12).Select(_ => (Answers(("X1", 4), ("X2", 4), ("X3", 4)), (Dictionary<string, string?>?)null));
        var d = ScoringEngine.Score(Build(instrument, rows), new ScoringOptions()).Dimensions[0];

        Assert.Equal(75, d.Score);
        Assert.Equal(75, d.Ci95!.Low);
        Assert.Equal(75, d.Ci95.High);
        Assert.Null(d.Alpha); // var(sum) = 0
        Assert.Empty(d.Flags);
    }

    [Fact]
    public void ASingleRespondentHasAScoreButNoInterval()
    {
        var report = ScoringEngine.Score(Build(Small(), [(Answers(("A1", 2), ("A2", 3)), null)]), new ScoringOptions());
        Assert.Equal(37.5, report.Dimensions[0].Score);
        Assert.Null(report.Dimensions[0].Ci95);
        Assert.Null(report.Dimensions[1].Score);
        Assert.Equal(0, report.Dimensions[1].N);
        Assert.Null(report.Dimensions[1].Favorable);
    }

    [Fact]
    public void RespondentsWithNoAnswerAreNotCountedAnywhere()
    {
        var report = ScoringEngine.Score(
            Build(Small(),
            [
                (Answers(("A1", 2)), new() { ["role"] = "seller" }),
                (Answers(), new() { ["role"] = "leader" }),
            ], "role"),
            new ScoringOptions { GroupBy = ["role"], MinimumGroupSize = 3 });

        Assert.Equal(1, report.Respondents);
        Assert.Equal(["seller"], report.Breakdowns[0].Groups.Select(g => g.Value));
    }

    private static Core.Instruments.Instrument InstrumentFileFor3Items() => Core.Instruments.InstrumentFile.Parse("""
        { "id": "three", "name": "Three", "version": "1",
          "dimensions": [ { "id": "x", "name": "X", "items": [ { "id": "X1" }, { "id": "X2" }, { "id": "X3" } ] } ] }
        """);
}

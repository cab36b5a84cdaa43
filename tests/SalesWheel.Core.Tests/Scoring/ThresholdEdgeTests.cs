using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>
/// Each threshold of SCORING.md at its edge: the value on the line and the one just before it, so that a comparison
/// turned the wrong way round (&lt; for &lt;=) fails a test.
/// </summary>
public sealed class ThresholdEdgeTests
{
    private static readonly Instrument TwoItems = InstrumentFile.Parse("""
        { "id": "two", "name": "Two", "version": "1",
          "dimensions": [ { "id": "x", "name": "X", "items": [ { "id": "X1" }, { "id": "X2" } ] } ] }
        """);

    private static DimensionResult ScoreTwoItems(IEnumerable<(int X1, int X2)> rows) =>
        ScoringEngine.Score(Build(TwoItems, rows.Select(r => (Answers(("X1", r.X1), ("X2", r.X2)), (Dictionary<string, string?>?)null))), new ScoringOptions()).Dimensions[0];

    /// <summary>Answers that agree perfectly (alpha 1), so "few answers" is the only flag that can appear.</summary>
    private static IEnumerable<(int, int)> Agreeing(int people) => Enumerable.Range(0, people).Select(i => (1 + (i % 5), 1 + (i % 5)));

    [Fact]
    public void ADriverWithExactlyTenAnswersIsNotFlaggedFewAnswersAndOneWithNineIs()
    {
        var ten = ScoreTwoItems(Agreeing(10));
        Assert.Equal(10, ten.N);
        Assert.Empty(ten.Flags);

        var nine = ScoreTwoItems(Agreeing(9));
        Assert.Equal(9, nine.N);
        Assert.Equal(["few-answers"], nine.Flags);
    }

    [Fact]
    public void ASetWithExactlyTwoAnswersHasAnIntervalAndOneWithOneHasNone()
    {
        // Two respondents at 2 and 4: mean 3, s = √2, t(0.975, 1) = 12.7062…, half-width t·s/√2 = t on the 1..5 scale.
        var two = ScoreTwoItems([(2, 2), (4, 4)]);
        Assert.Equal(2, two.N);
        Assert.NotNull(two.Ci95);
        var half = StudentT.Critical975(1);
        Assert.Equal(100 * (3 - half - 1) / 4, two.Ci95.Low, 9);
        Assert.Equal(100 * (3 + half - 1) / 4, two.Ci95.High, 9);
        Assert.NotNull(two.Facets.Single().Ci95); // facets follow the same rule

        var one = ScoreTwoItems([(2, 4)]);
        Assert.Equal(1, one.N);
        Assert.Equal(50, one.Score);
        Assert.Null(one.Ci95);
    }

    [Fact]
    public void AnAlphaOfExactlyPointSevenIsNotItemsDisagree()
    {
        // Ten people on two items. Per-item numerators n·Σx² − (Σx)²: 144 + 64 = 208; the covariance numerator 56;
        // the sum's 208 + 2·56 = 320. alpha = 2 × (1 − 208/320) = 0.7 exactly (and the same double as the literal 0.7).
        int[] x1 = [5, 3, 3, 5, 2, 3, 5, 2, 2, 4];
        int[] x2 = [4, 3, 4, 4, 2, 4, 5, 4, 3, 3];
        var atTheLine = ScoreTwoItems(x1.Zip(x2));
        Assert.Equal(0.7, atTheLine.Alpha);
        Assert.Equal(10, atTheLine.AlphaN);
        Assert.Empty(atTheLine.Flags);

        // One answer moved: X2 of the last person 3 → 2 lowers the covariance, alpha drops below 0.7.
        int[] x2Lower = [4, 3, 4, 4, 2, 4, 5, 4, 3, 2];
        var below = ScoreTwoItems(x1.Zip(x2Lower));
        Assert.True(below.Alpha < 0.7, $"alpha {below.Alpha}");
        Assert.Equal(["items-disagree"], below.Flags);
    }

    [Fact]
    public void AlphaNeedsThreePeopleWhoAnsweredEveryItemAndThreeAreEnough()
    {
        var three = ScoreTwoItems([(1, 2), (3, 3), (5, 5)]);
        Assert.Equal(3, three.AlphaN);
        Assert.NotNull(three.Alpha);

        var two = ScoreTwoItems([(1, 2), (5, 5)]);
        Assert.Equal(2, two.AlphaN);
        Assert.Null(two.Alpha);
    }

    [Fact]
    public void ARespondentMeanNeedsHalfTheItemsRoundedUp()
    {
        // Dimension "a" has three items: ceil(3/2) = 2 answers make a mean, 1 does not. Its facet f1 and dimension "b"
        // have two: ceil(2/2) = 1 answer is enough.
        var report = ScoringEngine.Score(Build(Small(), [(Answers(("A1", 5), ("B1", 4)), null), (Answers(("A1", 1), ("A2", 3)), null)]), new ScoringOptions());
        var a = report.Dimensions.Single(d => d.Id == "a");
        Assert.Equal(1, a.N);
        Assert.Equal(25, a.Score); // only the second person: (1 + 3) / 2 = 2 on 1..5
        Assert.Equal(2, a.Facets.Single(f => f.Id == "f1").N);
        var b = report.Dimensions.Single(d => d.Id == "b");
        Assert.Equal((1, 75.0), (b.N, b.Score));
    }

    [Fact]
    public void InSharedResultsADriverWithExactlyKAnswersShowsItsNumbersAndOneWithKMinusOneDoesNot()
    {
        // k = 3; X2 is answered by everyone, X1 by all but one or two: a driver mean needs 1 of the 2 items, so n is everyone,
        // while the statement X1 rests on 3 people (shown) or 2 (hidden).
        var atK = SharedTwoItems(k: 3, [(4, 4), (2, 4), (3, 4), (null, 4)]);
        Assert.Equal(3, atK.Items.Single(i => i.Id == "X1").N);
        Assert.NotNull(atK.Items.Single(i => i.Id == "X1").Mean);

        var belowK = SharedTwoItems(k: 3, [(4, 4), (2, 4), (null, 4), (null, 4)]);
        Assert.Equal(2, belowK.Items.Single(i => i.Id == "X1").N);
        Assert.Null(belowK.Items.Single(i => i.Id == "X1").Mean);

        // The driver itself: exactly k people with a mean show a score; k − 1 show none.
        Assert.NotNull(SharedTwoItems(k: 3, [(4, 4), (2, 2), (3, 3)]).Score);
        Assert.Null(SharedTwoItems(k: 3, [(4, 4), (2, 2)]).Score);
    }

    private static DimensionResult SharedTwoItems(int k, IEnumerable<(int? X1, int X2)> rows) =>
        ScoringEngine.Score(Build(TwoItems, rows.Select(r => (Answers(("X1", r.X1), ("X2", r.X2)), (Dictionary<string, string?>?)null))),
            new ScoringOptions { MinimumGroupSize = k, SuppressAcrossBreakdowns = true }).Dimensions[0];

    [Fact]
    public void AGapNeedsTwoShownGroupsAndTwoAreEnough()
    {
        BreakdownGroup Group(string value, double score) => new(value, 5, false, new Dictionary<string, double?> { ["x"] = score });

        Assert.Equal(30, ScoringEngine.Gaps(["x"], [Group("east", 40), Group("west", 70)])["x"]);
        Assert.Null(ScoringEngine.Gaps(["x"], [Group("east", 40)])["x"]);
    }

    [Theory]
    // k = 5. Exactly k is shown; k − 1 is hidden and, with nothing else hidden, takes the smallest shown group with it.
    [InlineData(new[] { 5, 5 }, new[] { false, false })]
    [InlineData(new[] { 4, 6, 5 }, new[] { true, false, true })]
    // Hidden groups that together hold exactly k need no complement.
    [InlineData(new[] { 2, 3, 6 }, new[] { true, true, false })]
    // Hidden groups that hold k − 1 do: the smallest shown, the first of equals in value order.
    [InlineData(new[] { 1, 3, 6, 6 }, new[] { true, true, true, false })]
    public void GroupsOfExactlyKAreShownAndTheComplementStopsAtK(int[] sizes, bool[] expected) =>
        Assert.Equal(expected, Anonymity.SuppressedGroups(sizes, 5));
}

using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class PriorityTests
{
    private static ScoreReport ScoreEight(Func<int, int> answer, CompanyPhase? phase, AcvBand? acv, bool withOutcome = false)
    {
        var instrument = EightDrivers(withOutcome);
        var answers = instrument.Items.Select((item, i) => (item.Id, (int?)answer(i))).ToArray();
        return ScoringEngine.Score(Build(instrument, [(Answers(answers), null)]), new ScoringOptions { Phase = phase, Acv = acv });
    }

    [Fact]
    public void AtEqualScoresScalePhaseMidMarketPutsEnablementFirstAndBreaksTiesInWheelOrder()
    {
        var report = ScoreEight(_ => 3, CompanyPhase.Scale, AcvBand.From15KTo50K);

        // phase × ACV: enablement 3×3 = 9; structure, operations, talent, training 3×2 = 6; the rest 2×2 = 4; mean 45/8.
        Assert.Equal(
            ["enablement", "structure", "operations", "talent-management", "training", "strategy", "capabilities", "motivation"],
            report.Priorities.Select(p => p.Dimension));
        var first = report.Priorities[0];
        Assert.Equal(1, first.Rank);
        Assert.Equal(9 / (45.0 / 8), first.Weight, 12);
        Assert.Equal(50, first.Score);
        Assert.Equal(first.Weight * 50, first.Priority, 12);
        Assert.Equal((3, 3), (first.PhaseLevel, first.AcvLevel));
        Assert.Equal(8.0, report.Priorities.Sum(p => p.Weight), 12); // weights average 1
    }

    [Fact]
    public void AWeakLowRelevanceDriverCanOutrankAStrongHighRelevanceOne()
    {
        // Strategy (item 1) scores 0; everything else 100 → only strategy has a non-zero priority.
        var report = ScoreEight(i => i == 0 ? 1 : 5, CompanyPhase.Scale, AcvBand.Under15K);
        Assert.Equal("strategy", report.Priorities[0].Dimension);
        Assert.Equal(0, report.Priorities[0].Score);
    }

    [Fact]
    public void AnUnknownPhaseCountsAsMediumForEveryDriver()
    {
        var report = ScoreEight(_ => 3, null, AcvBand.Over50K);

        // ACV > $50K levels: 3,2,2,3,3,3,3,2 → products 2× that, mean 21/8 × 2 / 2 … weight = level / (21/8).
        var strategy = report.Priorities.Single(p => p.Dimension == "strategy");
        Assert.Equal(3 / (21.0 / 8), strategy.Weight, 12);
        Assert.Equal(2, strategy.PhaseLevel);
        Assert.Equal(3, strategy.AcvLevel);
        Assert.Null(report.Context.Phase);
        Assert.Equal("gt50k", report.Context.Acv);
    }

    [Fact]
    public void OutcomesAreScoredButNeverRanked()
    {
        var report = ScoreEight(_ => 2, CompanyPhase.Pmf, AcvBand.Under15K, withOutcome: true);
        Assert.Contains(report.Dimensions, d => d.Id == "outcomes" && d.Score == 25);
        Assert.DoesNotContain(report.Priorities, p => p.Dimension == "outcomes");
        Assert.Equal(8, report.Priorities.Count);
        Assert.NotNull(report.Priorities[0].PhaseLevel); // the outcome does not stop the eight from matching
    }

    [Fact]
    public void AnyOtherInstrumentWeighsEveryDimensionOne()
    {
        var report = ScoringEngine.Score(
            Build(Small(), [(Answers(("A1", 5), ("A2", 5), ("B1", 2), ("B2", 2)), null)]),
            new ScoringOptions { Phase = CompanyPhase.Scale, Acv = AcvBand.Over50K });

        Assert.All(report.Priorities, p => Assert.Equal(1.0, p.Weight));
        Assert.All(report.Priorities, p => Assert.Null(p.PhaseLevel));
        Assert.Equal(["b", "a"], report.Priorities.Select(p => p.Dimension));
        Assert.Equal(75, report.Priorities[0].Priority);
    }

    [Fact]
    public void DriversWithoutAScoreAreNotRanked()
    {
        var instrument = EightDrivers();
        var report = ScoringEngine.Score(Build(instrument, [(Answers(("D1", 2), ("D2", 4)), null)]), new ScoringOptions());
        Assert.Equal(["strategy", "structure"], report.Priorities.Select(p => p.Dimension));
        Assert.Equal([1, 2], report.Priorities.Select(p => p.Rank));
    }
}

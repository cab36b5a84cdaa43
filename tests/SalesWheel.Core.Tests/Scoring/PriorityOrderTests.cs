using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>
/// Rankings whose expected order is worked out by hand from SCORING.md ("Priorities"), on scores chosen so that a
/// wrong weight (no weight, phase or ACV alone, a sum instead of a product, another column of the table, the gap
/// turned into the score) puts another driver first.
/// </summary>
public sealed class PriorityOrderTests
{
    /// <summary>SCORING.md's default relevance table, copied by hand: driver → (PMF, GTM fit, Scale) and (&lt; $15K, $15K–$50K, &gt; $50K).</summary>
    private static readonly Dictionary<string, (int[] Phase, int[] Acv)> Published = new()
    {
        ["strategy"] = ([3, 3, 2], [2, 2, 3]),
        ["structure"] = ([1, 2, 3], [3, 2, 2]),
        ["operations"] = ([1, 2, 3], [3, 2, 2]),
        ["enablement"] = ([2, 3, 3], [2, 3, 3]),
        ["talent-management"] = ([2, 3, 3], [2, 2, 3]),
        ["training"] = ([1, 2, 3], [2, 2, 3]),
        ["capabilities"] = ([3, 3, 2], [2, 2, 3]),
        ["motivation"] = ([2, 2, 2], [3, 2, 2]),
    };

    private static ScoreReport ScoreEight(int[] answers, CompanyPhase? phase, AcvBand? acv)
    {
        var instrument = EightDrivers();
        return ScoringEngine.Score(Build(instrument, [(Answers([.. instrument.Items.Select((item, i) => (item.Id, (int?)answers[i]))]), null)]),
            new ScoringOptions { Phase = phase, Acv = acv });
    }

    [Fact]
    public void AtPmfAndSmallDealsTheWeightedGapsDecideTheOrderNotTheScoresAlone()
    {
        // One person; answers 1..5 give scores 0, 25, 50, 75, 100 (gap 100 − score).
        //            strategy structure operations enablement talent training capabilities motivation
        // answer          3       2          3          1        3       3          5          2
        // gap            50      75         50        100       50      50          0         75
        // PMF × <15K  3×2=6   1×3=3      1×3=3      2×2=4    2×2=4   1×2=2      3×2=6      2×3=6   (mean 34/8)
        // weight×gap   300     225        150        400      200     100          0        450   (× 8/34)
        // Unweighted, enablement would come first; by phase alone enablement; by ACV alone structure; by phase + ACV
        // enablement; with the Scale column enablement.
        var report = ScoreEight([3, 2, 3, 1, 3, 3, 5, 2], CompanyPhase.Pmf, AcvBand.Under15K);

        Assert.Equal(
            ["motivation", "enablement", "strategy", "structure", "talent-management", "operations", "training", "capabilities"],
            report.Priorities.Select(p => p.Dimension));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], report.Priorities.Select(p => p.Rank));
        Assert.Equal([450, 400, 300, 225, 200, 150, 100, 0], report.Priorities.Select(p => Math.Round(p.Priority * 34 / 8, 9)));
        var motivation = report.Priorities[0];
        Assert.Equal((2, 3), (motivation.PhaseLevel, motivation.AcvLevel));
        Assert.Equal(6 / (34.0 / 8), motivation.Weight, 12);
    }

    [Theory]
    [InlineData(CompanyPhase.Pmf, AcvBand.Under15K)]
    [InlineData(CompanyPhase.GtmFit, AcvBand.From15KTo50K)]
    [InlineData(CompanyPhase.Scale, AcvBand.Over50K)]
    [InlineData(CompanyPhase.Pmf, AcvBand.Over50K)]
    [InlineData(CompanyPhase.GtmFit, AcvBand.Under15K)]
    [InlineData(CompanyPhase.Scale, AcvBand.From15KTo50K)]
    public void EveryDriversLevelsAndWeightAreThePublishedTablesForEachPhaseAndDealSize(CompanyPhase phase, AcvBand acv)
    {
        var report = ScoreEight([3, 3, 3, 3, 3, 3, 3, 3], phase, acv);

        var meanProduct = Published.Values.Average(levels => levels.Phase[(int)phase] * levels.Acv[(int)acv]);
        Assert.Equal(8, report.Priorities.Count);
        foreach (var ranked in report.Priorities)
        {
            var levels = Published[ranked.Dimension];
            Assert.Equal((levels.Phase[(int)phase], levels.Acv[(int)acv]), (ranked.PhaseLevel!.Value, ranked.AcvLevel!.Value));
            Assert.Equal(levels.Phase[(int)phase] * levels.Acv[(int)acv] / meanProduct, ranked.Weight, 12);
        }
    }
}

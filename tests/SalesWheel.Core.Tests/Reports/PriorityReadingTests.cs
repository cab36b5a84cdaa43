using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Tests.Actions;

namespace SalesWheel.Core.Tests.Reports;

public sealed class PriorityReadingTests
{
    // GTM Fit, $15K–$50K: phase × ACV products strategy 6, structure 4, operations 4, enablement 9, talent 6, training 4,
    // capabilities 6, motivation 4 (mean 43/8). Structure at 40 gets 0.744 × 60 = 44.7, below enablement (1.674 × 40),
    // strategy (1.116 × 45) and talent management (1.116 × 42).
    private static readonly Dictionary<string, double> StructureLowest = new()
    {
        ["strategy"] = 55,
        ["structure"] = 40,
        ["operations"] = 80,
        ["enablement"] = 60,
        ["talent-management"] = 58,
        ["training"] = 80,
        ["capabilities"] = 70,
        ["motivation"] = 80,
    };

    [Fact]
    public void SaysWhyTheLowestScoreDoesNotRankFirst()
    {
        var report = HandMadeReport.Of(CompanyPhase.GtmFit, AcvBand.From15KTo50K, StructureLowest);

        Assert.Equal("structure", report.Priorities[3].Dimension);
        Assert.Equal(
            "Structure is your lowest score but ranks 4th: for a GTM Fit company selling $15K–$50K deals its relevance is medium.",
            PriorityReading.WhyLowestIsNotFirst(report));
    }

    [Fact]
    public void NamesEachLevelWhenPhaseAndDealSizeDisagree()
    {
        // Scale, > $50K: structure 3 × 2, enablement 3 × 3: structure is high for the phase, medium for the deal size.
        var report = HandMadeReport.Of(CompanyPhase.Scale, AcvBand.Over50K, new Dictionary<string, double>
        {
            ["structure"] = 40,
            ["enablement"] = 45,
            ["training"] = 45,
            ["talent-management"] = 45,
        });

        Assert.Equal(
            "Structure is your lowest score but ranks 4th: for a Scale company selling deals over $50K its relevance is high for the phase and medium for the deal size.",
            PriorityReading.WhyLowestIsNotFirst(report));
    }

    [Fact]
    public void WithOnlyAPhaseGivenOnlyThePhaseExplains()
    {
        // PMF: motivation 2, strategy and capabilities 3: motivation at 40 (2 × 60 = 120) trails strategy at 55 (3 × 45 = 135).
        var report = HandMadeReport.Of(CompanyPhase.Pmf, null, new Dictionary<string, double> { ["motivation"] = 40, ["strategy"] = 55 });

        Assert.Equal(
            "Motivation is your lowest score but ranks 2nd: for a PMF company its relevance is medium.",
            PriorityReading.WhyLowestIsNotFirst(report));
    }

    [Fact]
    public void ATieForTheRankIsSaidAsJoint()
    {
        // Without a phase, < $15K: structure and operations 3, strategy 2. Structure at 50 (3 × 50) ranks first; strategy
        // at 40 (2 × 60) ties with operations at 60 (3 × 40).
        var report = HandMadeReport.Of(null, AcvBand.Under15K, new Dictionary<string, double>
        {
            ["structure"] = 50,
            ["strategy"] = 40,
            ["operations"] = 60,
        });

        Assert.Equal(
            "Strategy is your lowest score but ranks joint 2nd: for a company selling deals under $15K its relevance is medium.",
            PriorityReading.WhyLowestIsNotFirst(report));
    }

    [Fact]
    public void SaysNothingWhenTheLowestScoreRanksFirst()
    {
        Assert.Null(PriorityReading.WhyLowestIsNotFirst(HandMadeReport.Of(null, null, StructureLowest)));
        Assert.Null(PriorityReading.WhyLowestIsNotFirst(HandMadeReport.Of(CompanyPhase.GtmFit, AcvBand.From15KTo50K, new Dictionary<string, double> { ["enablement"] = 30 })));
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    public void OrdinalsReadAsWords(int number, string expected) => Assert.Equal(expected, PriorityReading.Ordinal(number));
}

using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>The four score bands as the wheel draws them (colours and legend: below 40 weak, 40–54 at risk, 55–69 solid, 70 and above strong) at their edges.</summary>
public sealed class ScoreBandEdgeTests
{
    private const string Weak = "#D55E00";
    private const string AtRisk = "#E69F00";
    private const string Solid = "#56B4E9";
    private const string Strong = "#0072B2";

    [Theory]
    [InlineData(0, Weak)]
    [InlineData(39.99, Weak)]
    [InlineData(40, AtRisk)]
    [InlineData(54.99, AtRisk)]
    [InlineData(55, Solid)]
    [InlineData(69.99, Solid)]
    [InlineData(70, Strong)]
    [InlineData(100, Strong)]
    public void AScoreOnABandsLowerEdgeTakesThatBandsColourAndOneJustBelowTheOneBefore(double score, string colour) =>
        Assert.Equal(colour, ScoreBand.Of(score).Colour);

    [Fact]
    public void TheLegendNamesTheSameEdges() =>
        Assert.Equal([(0.0, "below 40: weak"), (40.0, "40–54: at risk"), (55.0, "55–69: solid"), (70.0, "70 and above: strong")],
            ScoreBand.All.Select(b => (b.From, b.Label)));
}

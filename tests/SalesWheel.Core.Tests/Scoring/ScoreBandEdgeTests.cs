using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;

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
    [InlineData(39.94, Weak)]
    [InlineData(40, AtRisk)]
    [InlineData(54.94, AtRisk)]
    [InlineData(55, Solid)]
    [InlineData(69.94, Solid)]
    [InlineData(70, Strong)]
    [InlineData(100, Strong)]
    public void AScoreOnABandsLowerEdgeTakesThatBandsColourAndOneJustBelowTheOneBefore(double score, string colour) =>
        Assert.Equal(colour, ScoreBand.Of(score).Colour);

    [Theory]
    [InlineData(39.96, "40.0", AtRisk)]
    [InlineData(54.96, "55.0", Solid)]
    [InlineData(54.94, "54.9", AtRisk)]
    [InlineData(69.95, "70.0", Strong)]
    public void AScoreTakesTheColourOfTheNumberPrintedOnIt(double score, string printed, string colour)
    {
        Assert.Equal(printed, ReportFormat.Score(score));
        Assert.Equal(colour, ScoreBand.Of(score).Colour);
    }

    [Theory]
    [InlineData(54.5, "55", Solid)]
    [InlineData(54.49, "54", AtRisk)]
    [InlineData(69.5, "70", Strong)]
    [InlineData(39.49, "39", Weak)]
    public void OnTheWheelWhichPrintsWholeScoresTheColourFollowsTheWholeNumber(double score, string printed, string colour)
    {
        Assert.Equal(printed, WheelSvg.Round(score));
        Assert.Equal(colour, ScoreBand.Of(score, decimals: 0).Colour);
    }

    [Fact]
    public void TheLegendNamesTheSameEdges() =>
        Assert.Equal([(0.0, "below 40: weak"), (40.0, "40–54: at risk"), (55.0, "55–69: solid"), (70.0, "70 and above: strong")],
            ScoreBand.All.Select(b => (b.From, b.Label)));
}

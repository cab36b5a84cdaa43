using SalesWheel.Web.Features.Results;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Tests.Results;

/// <summary>The pages' score bands (below 40 weak, 40–54 at risk, 55–69 solid, 70 and above strong) and gap mark (10 or more) at their edges.</summary>
public sealed class BandAndGapEdgeTests
{
    [Theory]
    [InlineData(0.0, "weak")]
    [InlineData(39.94, "weak")]
    [InlineData(40.0, "risk")]
    [InlineData(54.94, "risk")]
    [InlineData(55.0, "solid")]
    [InlineData(69.94, "solid")]
    [InlineData(70.0, "strong")]
    [InlineData(100.0, "strong")]
    [InlineData(null, "hidden")]
    public void AScoreOnABandsLowerEdgeIsInThatBandAndOneJustBelowInTheOneBefore(double? score, string band) =>
        Assert.Equal(band, ResultFormat.Band(score));

    [Theory]
    [InlineData(54.96, "55.0", "solid")]
    [InlineData(39.96, "40.0", "risk")]
    public void AScoreThatPrintsAsABandsEdgeIsColouredAsThatBand(double score, string printed, string band)
    {
        Assert.Equal(printed, ResultFormat.Score(score));
        Assert.Equal(band, ResultFormat.Band(score));
    }

    [Theory]
    [InlineData(10.0, true)]
    [InlineData(9.99, false)]
    [InlineData(null, false)]
    public void AGapOfTenPointsOrMoreIsMarked(double? gap, bool marked) => Assert.Equal(marked, Heatmap.IsHigh(gap));
}

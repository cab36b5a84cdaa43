using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class ScoreBandTests
{
    [Theory]
    [InlineData(0, "weak")]
    [InlineData(39.99, "weak")]
    [InlineData(40, "risk")]
    [InlineData(54.99, "risk")]
    [InlineData(55, "solid")]
    [InlineData(69.99, "solid")]
    [InlineData(70, "strong")]
    [InlineData(100, "strong")]
    public void AScoreFallsInTheBandThatStartsAtOrBelowIt(double score, string band) => Assert.Equal(band, ScoreBand.Of(score).Name);

    [Fact]
    public void TheBandsReadAsTheLegendAndTheMethodSayThem()
    {
        Assert.Equal(["below 40: weak", "40–54: at risk", "55–69: solid", "70 and above: strong"], ScoreBand.All.Select(b => b.Label));
        Assert.Equal("below 40 weak, 40 to 54 at risk, 55 to 69 solid, 70 and above strong", ScoreBand.InWords);
    }
}

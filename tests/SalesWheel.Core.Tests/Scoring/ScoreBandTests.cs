using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class ScoreBandTests
{
    [Theory]
    [InlineData(0, "weak")]
    [InlineData(39.94, "weak")]
    [InlineData(40, "risk")]
    [InlineData(54.94, "risk")]
    [InlineData(55, "solid")]
    [InlineData(69.94, "solid")]
    [InlineData(70, "strong")]
    [InlineData(100, "strong")]
    public void AScoreFallsInTheBandThatStartsAtOrBelowIt(double score, string band) => Assert.Equal(band, ScoreBand.Of(score).Name);

    [Fact]
    public void TheBandsReadAsTheLegendAndTheMethodSayThem()
    {
        Assert.Equal(["below 40: weak", "40–54: at risk", "55–69: solid", "70 and above: strong"], ScoreBand.All.Select(b => b.Label));
        Assert.Equal("below 40 weak, 40 to 54 at risk, 55 to 69 solid, 70 and above strong", ScoreBand.InWords);
    }

    [Property(MaxTest = 2000)]
    public Property EveryScoresColourIsTheColourOfTheNumberPrintedForIt() => Prop.ForAll(
        Gen.Choose(0, 1_000_000).Select(i => i / 10_000.0).ToArbitrary(),
        score =>
        {
            // Table (one decimal) and wheel (whole numbers): the band read back from the printed text is the band given.
            var table = ScoreBand.Of(double.Parse(ReportFormat.Score(score), CultureInfo.InvariantCulture)) == ScoreBand.Of(score);
            var wheel = ScoreBand.Of(double.Parse(WheelSvg.Round(score), CultureInfo.InvariantCulture), decimals: 0) == ScoreBand.Of(score, decimals: 0);
            return table && wheel;
        });
}

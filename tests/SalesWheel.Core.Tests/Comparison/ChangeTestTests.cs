using SalesWheel.Core.Comparison;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Comparison;

public sealed class ChangeTestTests
{
    // Before: means 0, 50, 100 (s² = 2500); after: 25, 75, 100, 100 (s² = 1250); change +25. Worked in exact fractions,
    // t and p in 40 digits: df = 3.457142857142857, p = 0.50714998128644736, ci95 = [−75.099392766891937, 125.09939276689194].
    [Fact]
    public void WelchsTestOfAChangeFollowsTheDefinition()
    {
        var test = ChangeTest.Welch(25, new Spread(3, 2500), new Spread(4, 1250));

        Assert.Equal(3.4571428571428573, test.Df!.Value, 1e-14);
        Assert.Equal(0.50714998128644736, test.P!.Value, 1e-12);
        Assert.Equal(-75.099392766891937, test.Ci95!.Low, 1e-10);
        Assert.Equal(125.09939276689194, test.Ci95.High, 1e-10);
        Assert.False(test.BeyondNoise);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(10, 1)]
    [InlineData(0, 10)]
    public void WithFewerThanTwoMeansInAWaveThereIsNoTest(int n1, int n2)
    {
        var test = ChangeTest.Welch(12, new Spread(n1, 0), new Spread(n2, 100));

        Assert.Equal(12, test.Change);
        Assert.Null(test.Ci95);
        Assert.Null(test.Df);
        Assert.Null(test.P);
        Assert.False(test.BeyondNoise);
    }

    [Theory]
    [InlineData(5.0, true)]
    [InlineData(0.0, false)]
    public void WithoutAnySpreadTheIntervalIsThePointAndAnyChangeIsBeyondNoise(double change, bool beyondNoise)
    {
        var test = ChangeTest.Welch(change, new Spread(4, 0), new Spread(9, 0));

        Assert.Equal(new Interval(change, change), test.Ci95);
        Assert.Null(test.Df);
        Assert.Null(test.P);
        Assert.Equal(beyondNoise, test.BeyondNoise);
    }

    [Fact]
    public void AChangeIsBeyondNoiseExactlyWhenPIsBelowFivePercent()
    {
        // Equal spreads and n: df = 2(n − 1) = 58; se = √(2 × 400 / 30). At |t| = t(0.975, 58) p is 0.05.
        var se = Math.Sqrt(2 * 400.0 / 30);
        var critical = StudentT.Critical975(58.0) * se;

        Assert.True(ChangeTest.Welch(critical * 1.001, new Spread(30, 400), new Spread(30, 400)).BeyondNoise);
        Assert.False(ChangeTest.Welch(critical * 0.999, new Spread(30, 400), new Spread(30, 400)).BeyondNoise);
        Assert.True(ChangeTest.Welch(-critical * 1.001, new Spread(30, 400), new Spread(30, 400)).BeyondNoise);
    }
}

using SalesWheel.Core.Benchmarks;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Benchmarks;

/// <summary>A percentile read off a norms cell's quantiles: straight between neighbouring quantiles, by hand.</summary>
public sealed class NormsEstimateTests
{
    private static readonly NormsCell Cell = new(CompanyPhase.Scale, AcvBand.Over50K, "training", 23, 20, 30, 50, 60, 80);

    [Theory]
    [InlineData(40, 37.5)] // between p25 = 30 and p50 = 50: 25 + 25 × 10/20
    [InlineData(50, 50)]
    [InlineData(20, 10)]
    [InlineData(80, 90)]
    [InlineData(70, 82.5)] // 75 + 15 × 10/20
    public void BetweenTheTailsTheEstimateIsStraightBetweenQuantiles(double score, double percentile)
    {
        var estimate = Cell.PercentileOf(score);
        Assert.Equal(NormsEstimateKind.About, estimate.Kind);
        Assert.Equal(percentile, estimate.Percentile, 12);
        Assert.Equal(23, estimate.Count);
    }

    [Fact]
    public void BeyondTheTailsItSaysOnlyBelowTheTenthOrAboveTheNinetieth()
    {
        Assert.Equal(new NormsEstimate(10, NormsEstimateKind.Below, 23), Cell.PercentileOf(19.9));
        Assert.Equal(new NormsEstimate(90, NormsEstimateKind.Above, 23), Cell.PercentileOf(80.1));
        Assert.Equal("below the 10th percentile (published norms, 23 organizations)",
            new DriverBenchmark("training", 19.9, 10, NormsEstimateKind.Below, BenchmarkSource.PublishedNorms, 23).Text);
    }

    [Fact]
    public void AScoreOnTiedQuantilesTakesTheMiddleOfTheirLevels()
    {
        var tied = Cell with { P25 = 30, P50 = 30 };
        Assert.Equal(37.5, tied.PercentileOf(30).Percentile, 12);
    }
}

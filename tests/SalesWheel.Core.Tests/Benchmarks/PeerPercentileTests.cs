using SalesWheel.Core.Benchmarks;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Benchmarks;

/// <summary>SCORING.md "Benchmarks": percentile = 100 × (below + ½ × equal) / count, shown only with at least 5 peers; worked by hand.</summary>
public sealed class PeerPercentileTests
{
    [Fact]
    public void TiesCountHalf()
    {
        // below: 40; equal: 50, 50 → 100 × (1 + 1) / 5
        Assert.Equal(40.0, PeerPercentile.Of(50, [40, 50, 50, 60, 70]));
    }

    [Fact]
    public void ALowerScoreThanEveryPeerIsTheZerothAndAHigherOneTheHundredth()
    {
        Assert.Equal(0.0, PeerPercentile.Of(10, [40, 50, 55, 60, 70]));
        Assert.Equal(100.0, PeerPercentile.Of(90, [40, 50, 55, 60, 70]));
    }

    [Fact]
    public void SixPeersGiveSixthsOfAHundred()
    {
        // below: 20, 30, 40 → 100 × 3 / 6
        Assert.Equal(50.0, PeerPercentile.Of(45, [20, 30, 40, 50, 60, 70]));
        // below 20, 30; equal 40 → 100 × 2.5 / 6
        Assert.Equal(100 * 2.5 / 6, PeerPercentile.Of(40, [20, 30, 40, 50, 60, 70])!.Value, 12);
    }

    [Fact]
    public void FourPeersShowNothingAndFiveShowAPercentile()
    {
        Assert.Null(PeerPercentile.Of(50, [40, 45, 55, 60]));
        Assert.Equal(50.0, PeerPercentile.Of(50, [40, 45, 55, 60, 50]));
    }

    [Fact]
    public void EachDriverTakesPeersFirstThenPublishedNormsThenSaysNotEnough()
    {
        var scores = new Dictionary<string, double?> { ["strategy"] = 50, ["structure"] = 40, ["operations"] = 40, ["enablement"] = null };
        var peers = new Dictionary<string, IReadOnlyList<double>>
        {
            ["strategy"] = [40, 50, 50, 60, 70],
            ["structure"] = [10, 20, 30, 35], // four: not enough; the norms cell answers
            ["operations"] = [10, 20, 30, 35], // four, and no norms cell
            ["enablement"] = [10, 20, 30, 40, 50],
        };
        var norms = new NormsFile([new NormsCell(CompanyPhase.Scale, AcvBand.Over50K, "structure", 9, 20, 30, 50, 60, 80)]);

        var benchmarks = DriverBenchmark.For(scores, CompanyPhase.Scale, AcvBand.Over50K, peers, norms).ToDictionary(b => b.Driver);

        Assert.Equal((40.0, BenchmarkSource.Peers, 5), (benchmarks["strategy"].Percentile!.Value, benchmarks["strategy"].Source!.Value, benchmarks["strategy"].Count!.Value));
        Assert.Equal("40th percentile (5 comparable organizations on this SalesWheel)", benchmarks["strategy"].Text);
        Assert.Equal(BenchmarkSource.PublishedNorms, benchmarks["structure"].Source);
        Assert.Equal("about the 38th percentile (published norms, 9 organizations)", benchmarks["structure"].Text);
        Assert.Null(benchmarks["operations"].Percentile);
        Assert.Null(benchmarks["operations"].Count);
        Assert.Equal(DriverBenchmark.NotEnough, benchmarks["operations"].Text);
        Assert.Null(benchmarks["enablement"].Percentile); // no score of its own: nothing to place
        Assert.Equal(8, benchmarks.Count);
    }

    [Fact]
    public void NormsOfAnotherPhaseOrBandAreNotUsed()
    {
        var norms = new NormsFile([new NormsCell(CompanyPhase.Pmf, AcvBand.Over50K, "strategy", 9, 20, 30, 50, 60, 80)]);
        var benchmark = DriverBenchmark.For(new Dictionary<string, double?> { ["strategy"] = 50 }, CompanyPhase.Scale, AcvBand.Over50K, new Dictionary<string, IReadOnlyList<double>>(), norms)[0];
        Assert.Null(benchmark.Percentile);
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(11, "11th")]
    [InlineData(12.4, "12th")]
    [InlineData(22.5, "23rd")]
    [InlineData(100, "100th")]
    public void PercentilesReadAsOrdinals(double percentile, string text) => Assert.Equal(text, DriverBenchmark.Ordinal(percentile));
}

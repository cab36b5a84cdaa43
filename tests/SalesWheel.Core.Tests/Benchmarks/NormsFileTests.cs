using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Benchmarks;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Benchmarks;

public sealed class NormsFileTests
{
    [Fact]
    public void TheHarrellDavisMedianOfFiveScoresIsTheirBetaWeightedBlend()
    {
        // a = b = 3; I(0.2) = 0.05792, I(0.4) = 0.31744, I(0.6) = 0.68256, I(0.8) = 0.94208 (binomial sums, by hand):
        // weights 0.05792, 0.25952, 0.36512, 0.25952, 0.05792.
        var median = NormsQuantiles.HarrellDavis([100, 20, 30, 40, 10], 0.5);
        Assert.Equal((0.05792 * 10) + (0.25952 * 20) + (0.36512 * 30) + (0.25952 * 40) + (0.05792 * 100), median, 9);
        Assert.NotEqual(30, median); // the middle organization's exact score is what type 7 would publish
    }

    [Fact]
    public void ACellNeedsTenOrganizations()
    {
        // With as many organizations as published quantiles, the quantiles could be solved for every score.
        Assert.Null(NormsCell.From(CompanyPhase.Scale, AcvBand.Over50K, "strategy", [10, 20, 35, 47, 90]));
        Assert.Null(NormsCell.From(CompanyPhase.Scale, AcvBand.Over50K, "strategy", [10, 20, 35, 47, 52, 61, 68, 74, 90]));
        Assert.NotNull(NormsCell.From(CompanyPhase.Scale, AcvBand.Over50K, "strategy", [10, 20, 35, 47, 52, 61, 68, 74, 83, 90]));
    }

    [Fact]
    public void NineOrganizationsPublishNoCell()
    {
        var pool = new[] { 12.5, 20, 35.25, 47, 52, 61.5, 68, 74, 90 }
            .Select(s => (CompanyPhase.Scale, AcvBand.Over50K, "strategy", s));
        Assert.Empty(NormsFile.FromPool(pool).Cells);
    }

    [Fact]
    public void PublishedQuantilesAreTheHarrellDavisQuantilesRoundedToWholePoints()
    {
        double[] scores = [12.5, 20.3, 35.25, 47.1, 52.7, 61.5, 68.05, 74.4, 83.9, 90.2];
        var cell = NormsCell.From(CompanyPhase.Scale, AcvBand.Over50K, "strategy", scores)!;
        var unrounded = NormsQuantiles.Levels.Select(p => NormsQuantiles.HarrellDavis(scores, p)).ToList();
        Assert.All(cell.Quantiles, q => Assert.Equal(Math.Round(q), q));
        Assert.Equal(unrounded.Select(q => Math.Round(q, MidpointRounding.AwayFromZero)), cell.Quantiles);
        Assert.Contains(unrounded, q => q != Math.Round(q)); // the rounding did something
    }

    [Fact]
    public void ACellWhoseQuantileLandsOnAnOrganizationsScoreIsWithheld()
    {
        // Symmetric scores: the median blend is exactly the middle organization's 50.
        Assert.Null(NormsCell.From(CompanyPhase.Scale, AcvBand.Over50K, "strategy", [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]));
    }

    private static Gen<double[]> Pools() =>
        from n in Gen.Choose(NormsCell.MinimumOrganizations, 40)
        from scores in Gen.ArrayOf(Gen.Choose(0, 10000).Select(x => x / 100.0), n)
        select scores;

    [Property(MaxTest = 300)]
    public Property APublishedCellHoldsNoOrganizationsScoreNorTheLowestOrHighest() => Prop.ForAll(Pools().ToArbitrary(), scores =>
    {
        var cell = NormsCell.From(CompanyPhase.Pmf, AcvBand.Under15K, "training", scores);
        if (cell is null)
        {
            return true; // withheld: nothing published
        }

        // Published rounded to whole points: the unrounded quantiles they come from hold no score, lowest or highest.
        var unrounded = NormsQuantiles.Levels.Select(p => NormsQuantiles.HarrellDavis(scores, p)).ToList();
        var distinct = scores.Distinct().Count();
        return cell.Count == scores.Length
               && cell.Quantiles.SequenceEqual(unrounded.Select(q => Math.Round(q, MidpointRounding.AwayFromZero)))
               && cell.Quantiles.All(q => q == Math.Round(q))
               && unrounded.All(q => !scores.Any(s => Math.Abs(s - q) < NormsCell.SameScore))
               && (distinct == 1 || unrounded.All(q => q > scores.Min() && q < scores.Max()))
               && cell.Quantiles.Zip(cell.Quantiles.Skip(1)).All(p => p.First <= p.Second);
    });

    [Property(MaxTest = 200)]
    public Property AnExportedPoolHasNoCellUnderTen() => Prop.ForAll(
        Gen.ListOf(Gen.Choose(0, 1).SelectMany(phase => Gen.Choose(0, 10000).Select(score => ((CompanyPhase)phase, AcvBand.Over50K, "strategy", score / 100.0)))).ToArbitrary(),
        pool =>
        {
            var norms = NormsFile.FromPool(pool);
            return norms.Cells.All(c => c.Count >= NormsCell.MinimumOrganizations && c.Count == pool.Count(e => e.Item1 == c.Phase));
        });

    [Fact]
    public void AFileRoundTrips()
    {
        var pool = new List<(CompanyPhase, AcvBand, string, double)>();
        double[] scores = [12.5, 33.75, 41.2, 58.0, 63.1, 77.7, 80.4, 85.25, 88.1, 91.6, 94.3];
        foreach (var s in scores)
        {
            pool.Add((CompanyPhase.Scale, AcvBand.From15KTo50K, "enablement", s));
            pool.Add((CompanyPhase.Scale, AcvBand.From15KTo50K, "strategy", 100 - s));
        }

        pool.Add((CompanyPhase.Pmf, AcvBand.Under15K, "strategy", 50)); // a lone organization: no cell

        var norms = NormsFile.FromPool(pool);
        var read = NormsFile.Read(norms.Write());

        Assert.Equal(["strategy", "enablement"], norms.Cells.Select(c => c.Driver)); // wheel order
        Assert.Equal(norms.Cells, read.Cells);
        Assert.Equal(11, read.Find(CompanyPhase.Scale, AcvBand.From15KTo50K, "enablement")!.Count);
        Assert.Null(read.Find(CompanyPhase.Pmf, AcvBand.Under15K, "strategy"));
    }

    [Fact]
    public void TheFileHoldsCountsAndQuantilesOnly()
    {
        var norms = new NormsFile([new NormsCell(CompanyPhase.Scale, AcvBand.Over50K, "training", 10, 20, 30, 50, 60, 80)]);
        using var json = System.Text.Json.JsonDocument.Parse(norms.Write());
        var cell = json.RootElement.GetProperty("cells")[0];
        Assert.Equal(["phase", "acv", "driver", "count", "p10", "p25", "p50", "p75", "p90"], cell.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["format", "version", "quantiles", "cells"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private const string Good = """{ "phase": "scale", "acv": "gt50k", "driver": "training", "count": 10, "p10": 20, "p25": 30, "p50": 50, "p75": 60, "p90": 80 }""";

    private static string File(params string[] cells) =>
        $$"""{ "format": "saleswheel-norms", "version": 1, "quantiles": "harrell-davis", "cells": [ {{string.Join(", ", cells)}} ] }""";

    [Theory]
    [InlineData("not json", "it is not JSON")]
    [InlineData("""{ "format": "other", "version": 1, "cells": [] }""", "it is not a SalesWheel norms file")]
    [InlineData("""{ "format": "saleswheel-norms", "version": 2, "quantiles": "harrell-davis", "cells": [] }""", "it is version 2; this SalesWheel reads version 1")]
    [InlineData("""{ "format": "saleswheel-norms", "version": 1, "quantiles": "type-7", "cells": [] }""", "\"quantiles\" must be \"harrell-davis\"")]
    public void AFileThatIsNotVersionOneNormsIsRefused(string json, string problem)
    {
        var e = Assert.Throws<NormsFileException>(() => NormsFile.Read(json));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"count\": 10", "\"count\": 9", "cell 1: count 9 is below 10")]
    [InlineData("\"p50\": 50", "\"p50\": 50.5", "cell 1: p50 50.5 is not a whole number")]
    [InlineData("\"p50\": 50", "\"p50\": 25", "cell 1: p50 is below p25 (quantiles must not decrease)")]
    [InlineData("\"p90\": 80", "\"p90\": 180", "cell 1: p90 180 is outside 0–100")]
    [InlineData("\"driver\": \"training\"", "\"driver\": \"luck\"", "cell 1: driver \"luck\" is not one of")]
    [InlineData("\"phase\": \"scale\"", "\"phase\": \"seed\"", "cell 1: phase \"seed\" is not pmf, gtm-fit or scale")]
    [InlineData("\"acv\": \"gt50k\"", "\"acv\": 3", "cell 1: \"acv\" is missing or not text")]
    [InlineData(", \"p10\": 20", "", "cell 1: \"p10\" is missing or not a number")]
    [InlineData("\"count\": 10", "\"count\": 10.5", "cell 1: \"count\" is missing or not a whole number")]
    public void ABadCellIsRefusedByNumberAndField(string good, string bad, string problem)
    {
        var e = Assert.Throws<NormsFileException>(() => NormsFile.Read(File(Good.Replace(good, bad, StringComparison.Ordinal))));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadCellIsNamedAndADuplicateToo()
    {
        var e = Assert.Throws<NormsFileException>(() => NormsFile.Read(File(
            Good, Good.Replace("\"count\": 10", "\"count\": 2", StringComparison.Ordinal), Good.Replace("training", "luck", StringComparison.Ordinal), Good)));
        Assert.Equal(
            ["cell 2: count 2 is below 10: a cell needs at least 10 organizations",
             "cell 3: driver \"luck\" is not one of strategy, structure, operations, enablement, talent-management, training, capabilities, motivation",
             "cell 4: scale, gt50k, training appears more than once"],
            e.Problems);
    }

    [Fact]
    public void AGoodFileReads() => Assert.Equal(50, NormsFile.Read(File(Good)).Cells.Single().P50);
}

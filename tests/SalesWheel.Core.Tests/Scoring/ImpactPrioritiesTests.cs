using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class ImpactPrioritiesTests
{
    /// <summary>A report with drivers d0…dn in instrument order, their standard priorities and their r with one outcome.</summary>
    private static ScoreReport Report(IReadOnlyList<(double Weight, double Score, double? R)> drivers, bool outcome = true)
    {
        var ids = drivers.Select((_, i) => $"d{i}").ToList();
        DimensionResult Dimension(string id, string kind) => new() { Id = id, Name = id, Kind = kind, N = 50, AlphaN = 50, Flags = [], Facets = [], Items = [] };
        return new ScoreReport
        {
            Instrument = new InstrumentInfo("i", "i", "1", new ScaleInfo(1, 5)),
            Respondents = 50,
            Context = new ScoringContext(null, null, 5),
            Dimensions = [.. ids.Select(id => Dimension(id, "driver")), Dimension("outcome", "outcome")],
            Breakdowns = [],
            Priorities = drivers.Select((d, i) => (Id: ids[i], d.Weight, d.Score, Priority: d.Weight * (100 - d.Score)))
                .OrderByDescending(p => p.Priority).Select((p, rank) => new RankedDriver(p.Id, rank + 1, p.Weight, p.Score, p.Priority, null, null)).ToList(),
            KeyDrivers = outcome ? [new KeyDriverSet("outcome", drivers.Select((d, i) => new KeyDriver(ids[i], 50, d.R, null, null)).ToList())] : [],
        };
    }

    [Fact]
    public void AWorkedExampleRanksAsComputedByHand()
    {
        // impact: 0.6; −0.2 → 0; null → mean of (0.6, 0) = 0.3. Raised weights 1.92, 0.9, 1.17 (sum 3.99) rescaled to sum 3:
        // priorities′ 1.92 × 3/3.99 × 50 = 72.180…, 0.9 × 3/3.99 × 70 = 47.368…, 1.17 × 3/3.99 × 40 = 35.187…
        var report = Report([(1.2, 50, 0.6), (0.9, 30, -0.2), (0.9, 60, null)]);
        Assert.Equal(["d1", "d0", "d2"], report.Priorities.Select(p => p.Dimension)); // standard: 63, 60, 36

        var ranked = ImpactPriorities.Rank(report);

        Assert.Equal(["d0", "d1", "d2"], ranked.Select(p => p.Dimension));
        Assert.Equal([72.18045112781955, 47.368421052631575, 35.18796992481203], ranked.Select(p => p.Priority), new Tolerance(1e-9));
        Assert.Equal([0.6, 0.0, 0.3], ranked.Select(p => p.Impact), new Tolerance(1e-12));
        Assert.Equal([true, true, false], ranked.Select(p => p.Measured));
        Assert.Equal(3.0, ranked.Sum(p => p.ImpactWeight), 1e-12);
    }

    [Fact]
    public void WithoutAnOutcomeTheRankingIsTheStandardOne()
    {
        var report = Report([(1.2, 50, 0.9), (0.9, 30, null), (0.9, 60, 0.1)], outcome: false);

        var ranked = ImpactPriorities.Rank(report);

        Assert.Equal(report.Priorities.Select(p => (p.Dimension, p.Weight, p.Priority)), ranked.Select(p => (p.Dimension, p.ImpactWeight, p.Priority)));
    }

    [Property(MaxTest = 200)]
    public Property EqualImpactsLeaveEveryWeightAndTheOrderAsTheyWere() => Prop.ForAll(
        Gen.ListOf(Gen.Zip(Gen.Choose(1, 9), Gen.Choose(0, 100))).Where(l => l.Count is > 0 and <= 8).ToArbitrary(),
        Gen.Choose(-10, 10).ToArbitrary(),
        (drivers, r) =>
        {
            var report = Report([.. drivers.Select(d => (d.Item1 / 3.0, (double)d.Item2, (double?)(r / 10.0)))]);
            var ranked = ImpactPriorities.Rank(report);
            var weights = ranked.ToDictionary(p => p.Dimension, p => p.ImpactWeight);
            return report.Priorities.All(p => Math.Abs(weights[p.Dimension] - p.Weight) < 1e-9)
                && report.Priorities.Zip(ranked).All(p => Math.Abs(p.First.Priority - p.Second.Priority) < 1e-9
                    && (p.First.Dimension == p.Second.Dimension || PriorityRanks.Tied(p.First.Priority, p.Second.Priority)));
        });

    [Property(MaxTest = 200)]
    public Property ADriverGoingMoreWithTheOutcomeNeverRanksLowerForIt() => Prop.ForAll(
        Gen.ListOf(Gen.Choose(1, 9).SelectMany(w => Gen.Choose(0, 99).SelectMany(s => Gen.Choose(0, 10).Select(r => (W: w, S: s, R: r))))).Where(l => l.Count is > 1 and <= 8).ToArbitrary(),
        drivers =>
        {
            var before = Report([.. drivers.Select(d => (d.W / 3.0, (double)d.S, (double?)(d.R / 10.0)))]);
            var raised = Report([.. drivers.Select((d, i) => (d.W / 3.0, (double)d.S, (double?)(i == 0 ? 1.0 : d.R / 10.0)))]);
            static int RankOf(ScoreReport report) => ImpactPriorities.Rank(report).Single(p => p.Dimension == "d0").Rank;
            return RankOf(raised) <= RankOf(before);
        });

    /// <summary>Compares doubles within a tolerance.</summary>
    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}

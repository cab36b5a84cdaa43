using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class PriorityRanksTests
{
    private static RankedDriver Driver(string id, double priority) => new(id, 0, 1, 100 - priority, priority, null, null);

    [Fact]
    public void EqualPrioritiesShareARankAndTheNextRankSkipsTheirPlaces()
    {
        var ranks = PriorityRanks.Of([Driver("a", 60), Driver("b", 40), Driver("c", 40), Driver("d", 30), Driver("e", 20)]);

        Assert.Equal([1, 2, 4, 5], ranks.Select(r => r.Rank));
        Assert.Equal(["b", "c"], ranks[1].Drivers.Select(d => d.Dimension));
    }

    [Fact]
    public void TheTopThreeKeepEveryDriverTiedAtThirdPlace()
    {
        var top = PriorityRanks.First([Driver("a", 60), Driver("b", 50), Driver("c", 40), Driver("d", 40), Driver("e", 40), Driver("f", 10)]);

        Assert.Equal(["a", "b", "c", "d", "e"], top.SelectMany(r => r.Drivers).Select(d => d.Dimension));
    }

    [Fact]
    public void ATieAtSecondPlaceLeavesNoThirdRank()
    {
        var top = PriorityRanks.First([Driver("a", 60), Driver("b", 50), Driver("c", 50), Driver("d", 40)]);

        Assert.Equal(["a", "b", "c"], top.SelectMany(r => r.Drivers).Select(d => d.Dimension));
    }

    [Fact]
    public void PrioritiesEqualButForRoundingNoiseTie()
    {
        // 1.5 × 40 and 0.75 × 80 are both 60, but weights computed as ratios can differ in the last bit.
        var ranks = PriorityRanks.Of([Driver("a", 60.000000000000007), Driver("b", 60), Driver("c", 59.9999)]);

        Assert.Equal([1, 3], ranks.Select(r => r.Rank));
    }

    [Property(MaxTest = 300)]
    public Property ARankIsOneMoreThanTheDriversWithAHigherPriority() => Prop.ForAll(
        Gen.Elements(10.0, 20.0, 20.0, 35.5, 50.0, 80.25).ArrayOf().ToArbitrary(), priorities =>
        {
            var drivers = priorities.Select((p, i) => Driver($"d{i}", p)).OrderByDescending(d => d.Priority).ToList();
            var ranks = PriorityRanks.Of(drivers);
            return ranks.SelectMany(r => r.Drivers).Count() == drivers.Count
                && ranks.All(r => r.Drivers.All(d => r.Rank == 1 + drivers.Count(o => o.Priority > d.Priority)
                    && d.Priority == r.Drivers[0].Priority));
        });
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Comparison;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using Interval = SalesWheel.Core.Scoring.Interval;

namespace SalesWheel.Core.Tests.Comparison;

/// <summary>Properties of comparing two waves (SCORING.md "Comparing two waves") on random waves of the small instrument.</summary>
public sealed class WaveComparisonProperties
{
    private static readonly Instrument Small = TestData.Small();
    private static readonly string[] ItemIds = Small.Items.Select(i => i.Id).ToArray();

    /// <summary>A wave: per respondent 5 cells (0 = not answered, else 1..5) and a team code 0..4.</summary>
    public sealed record Wave(int[][] Cells, int[] Teams);

    private static Gen<Wave> Waves() =>
        from n in Gen.Choose(1, 40)
        from cells in Gen.Choose(0, 5).ArrayOf(ItemIds.Length).ArrayOf(n)
        from teams in Gen.Choose(0, 4).ArrayOf(n)
        select new Wave(cells, teams);

    private static Arbitrary<(Wave Before, Wave After, int MinGroup)> Pairs() =>
        (from before in Waves()
         from after in Waves()
         from k in Gen.Choose(3, 6)
         select (before, after, k)).ToArbitrary();

    private static ScoredWave Score(Wave wave, int k)
    {
        var set = new ResponseSet(Small, ["team"]);
        foreach (var (cells, team) in wave.Cells.Zip(wave.Teams))
        {
            set.Add(ItemIds.Select((id, i) => (id, cells[i])).ToDictionary(p => p.id, p => p.Item2 == 0 ? null : (int?)p.Item2),
                new Dictionary<string, string?> { ["team"] = "team " + team });
        }

        return ScoringEngine.ScoreWave(set, new ScoringOptions { GroupBy = ["team"], MinimumGroupSize = k });
    }

    private static IEnumerable<ChangeTest> GroupTests(WaveComparison comparison) =>
        comparison.Breakdowns.SelectMany(b => b.Groups).Where(g => g.Changes is not null).SelectMany(g => g.Changes!.Values).OfType<ChangeTest>();

    [Property(MaxTest = 200)]
    public Property AWaveComparedWithItselfHasNotChanged() => Prop.ForAll(Pairs(), pair =>
    {
        var wave = Score(pair.Before, pair.MinGroup);
        var comparison = WaveComparison.Between(wave, wave);
        return comparison.Dimensions.All(d => (d.Change is null || d.Change == 0) && !d.BeyondNoise
                && d.Facets.All(f => f.Change is null or 0) && d.Items.All(i => i.Change is null or 0))
            && comparison.Dimensions.Any(d => d.Change == 0)
            && GroupTests(comparison).All(t => t.Change == 0 && !t.BeyondNoise && (t.P is null || t.P == 1));
    });

    [Property(MaxTest = 200)]
    public Property SwappingTheWavesNegatesEveryChangeAndKeepsP() => Prop.ForAll(Pairs(), pair =>
    {
        var before = Score(pair.Before, pair.MinGroup);
        var after = Score(pair.After, pair.MinGroup);
        var forward = WaveComparison.Between(before, after);
        var backward = WaveComparison.Between(after, before);

        static bool Mirrored(double? change, Interval? ci, double? df, double? p, bool beyond, double? change2, Interval? ci2, double? df2, double? p2, bool beyond2) =>
            change == -change2 && df == df2 && p == p2 && beyond == beyond2
            && (ci is null ? ci2 is null : ci2 is not null && ci.Low == -ci2.High && ci.High == -ci2.Low);

        var dimensions = forward.Dimensions.Zip(backward.Dimensions).All(p =>
            Mirrored(p.First.Change, p.First.Ci95, p.First.Df, p.First.P, p.First.BeyondNoise, p.Second.Change, p.Second.Ci95, p.Second.Df, p.Second.P, p.Second.BeyondNoise)
            && p.First.Facets.Zip(p.Second.Facets).All(f => f.First.Change == -f.Second.Change)
            && p.First.Items.Zip(p.Second.Items).All(i => i.First.Change == -i.Second.Change));
        var groups = forward.Breakdowns.Zip(backward.Breakdowns).SelectMany(b => b.First.Groups.Zip(b.Second.Groups)).All(g =>
            g.First.Value == g.Second.Value && (g.First.Changes is null ? g.Second.Changes is null : g.Second.Changes is not null
                && g.First.Changes.All(c => c.Value is null ? g.Second.Changes[c.Key] is null : g.Second.Changes[c.Key] is { } other
                    && Mirrored(c.Value.Change, c.Value.Ci95, c.Value.Df, c.Value.P, c.Value.BeyondNoise, other.Change, other.Ci95, other.Df, other.P, other.BeyondNoise))));
        return dimensions && groups;
    });

    [Property(MaxTest = 200)]
    public Property AGroupHiddenInEitherWaveIsNotCompared() => Prop.ForAll(Pairs(), pair =>
    {
        var before = Score(pair.Before, pair.MinGroup);

        // The later wave as a shared result might show it: its largest group hidden as well, by the one hiding step.
        var engine = Score(pair.After, pair.MinGroup);
        var groups = engine.Report.Breakdowns[0].Groups;
        var largest = groups.Count == 0 ? -1 : groups.Select((g, i) => (g.N, i)).Max().i;
        var after = engine with
        {
            Report = engine.Report with { Breakdowns = SharedResult.Hide(engine.Report.Breakdowns, [groups.Select((_, i) => i == largest).ToArray()]) },
        };

        static bool Shown(ScoredWave wave, string value) => wave.Report.Breakdowns[0].Groups.Any(g => g.Value == value && !g.Suppressed);
        var comparison = WaveComparison.Between(before, after);
        return comparison.Breakdowns[0].Groups.All(g => (g.Changes is not null) == (Shown(before, g.Value) && Shown(after, g.Value)))
            && comparison.Breakdowns[0].Groups.Select(g => g.Value).SequenceEqual(
                before.Report.Breakdowns[0].Groups.Select(g => g.Value).Union(groups.Select(g => g.Value)).Order(StringComparer.Ordinal));
    });
}

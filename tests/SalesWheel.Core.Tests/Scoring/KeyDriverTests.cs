using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>The engine's key drivers and team metrics (SCORING.md "Outcomes and key drivers").</summary>
public sealed class KeyDriverTests
{
    // Drivers a (facets f1 [A1, A2], f2 [A3 reverse-keyed]) and b [B1, B2]; outcome o [O1, O2].
    private static readonly Instrument WithOutcome = InstrumentFile.Parse("""
        { "id": "kd", "name": "KD", "version": "1", "scale": { "min": 1, "max": 5 },
          "dimensions": [
            { "id": "a", "name": "A", "facets": [
                { "id": "f1", "name": "F1", "items": [ { "id": "A1", "text": "a1" }, { "id": "A2", "text": "a2" } ] },
                { "id": "f2", "name": "F2", "items": [ { "id": "A3", "text": "a3", "reverse": true } ] } ] },
            { "id": "b", "name": "B", "items": [ { "id": "B1", "text": "b1" }, { "id": "B2", "text": "b2" } ] },
            { "id": "o", "name": "O", "kind": "outcome", "items": [ { "id": "O1", "text": "o1" }, { "id": "O2", "text": "o2" } ] } ] }
        """);

    private static readonly string[] Items = ["A1", "A2", "A3", "B1", "B2", "O1", "O2"];

    /// <summary>Per respondent 7 cells (0 = not answered, else 1..5) and a team code 0..5.</summary>
    public sealed record Case(int[][] Cells, int[] Teams);

    private static Arbitrary<Case> Cases() =>
        (from n in Gen.Choose(0, 60)
         from cells in Gen.Choose(0, 5).ArrayOf(Items.Length).ArrayOf(n)
         from teams in Gen.Choose(0, 5).ArrayOf(n)
         select new Case(cells, teams)).ToArbitrary();

    private static ResponseSet Build(IEnumerable<(int[] Cells, int Team)> rows, string role = "seller")
    {
        var set = new ResponseSet(WithOutcome, ["team", "role"]);
        foreach (var (cells, team) in rows)
        {
            set.Add(Items.Select((id, i) => (id, cells[i])).ToDictionary(p => p.id, p => p.Item2 == 0 ? null : (int?)p.Item2),
                new Dictionary<string, string?> { ["team"] = $"T{team}", ["role"] = role });
        }

        return set;
    }

    /// <summary>A respondent's mean of items (recoded), or null when fewer than half are answered.</summary>
    private static double? Mean(int[] cells, params int[] items)
    {
        var values = items.Where(i => cells[i] != 0).Select(i => i == 2 ? 6 - cells[i] : cells[i]).ToList();
        return values.Count > 0 && 2 * values.Count >= items.Length ? values.Average() : null;
    }

    [Property(MaxTest = 200)]
    public Property TheEngineGivesPearsonOfTheRespondentMeansOverThoseWithBoth() => Prop.ForAll(Cases(), c =>
    {
        var report = ScoringEngine.Score(Build(c.Cells.Zip(c.Teams)), new ScoringOptions());
        var set = Assert.Single(report.KeyDrivers);
        Assert.Equal("o", set.Outcome);
        Assert.Equal(["a", "b"], set.Drivers.Select(d => d.Dimension));
        foreach (var (driver, items) in new[] { ("a", new[] { 0, 1, 2 }), ("b", new[] { 3, 4 }) })
        {
            var pairs = c.Cells.Select(cells => (X: Mean(cells, items), Y: Mean(cells, 5, 6))).Where(p => p.X is not null && p.Y is not null).ToList();
            var expected = Correlation.Pearson(pairs.Select(p => p.X!.Value).ToList(), pairs.Select(p => p.Y!.Value).ToList());
            var actual = set.Drivers.Single(d => d.Dimension == driver);
            Assert.Equal(expected.N, actual.N);
            Assert.Equal(expected.R is null, actual.R is null);
            if (expected.R is { } r)
            {
                Assert.Equal(r, actual.R!.Value, 1e-12);
                Assert.Equal(expected.P!.Value, actual.P!.Value, 1e-9);
                Assert.Equal(expected.Ci95!.Low, actual.Ci95!.Low, 1e-12);
            }
        }

        return true;
    });

    [Property(MaxTest = 100)]
    public Property ShufflingRespondentsChangesNothing() => Prop.ForAll(Cases(), Gen.Choose(0, 10_000).ToArbitrary(), (c, seed) =>
    {
        var random = new Random(seed);
        var rows = c.Cells.Zip(c.Teams).ToList();
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        var metrics = Metrics(("T0", 10), ("T1", 20), ("T2", 15), ("T3", 40), ("T4", 5), ("T5", 30));
        var options = new ScoringOptions { MinimumGroupSize = 3, TeamMetrics = metrics };
        var a = ScoringEngine.Score(Build(rows), options);
        var b = ScoringEngine.Score(Build(shuffled), options);
        return Flat(a).SequenceEqual(Flat(b));
    });

    [Fact]
    public void AnInstrumentWithoutAnOutcomeHasNoKeyDriversAndNoMetricsNoTeamMetrics()
    {
        var set = TestData.Build(TestData.Small(), [(TestData.Answers(("A1", 1), ("B1", 2)), null)]);

        var report = ScoringEngine.Score(set, new ScoringOptions());

        Assert.Empty(report.KeyDrivers);
        Assert.Empty(report.TeamMetrics);
    }

    [Fact]
    public void KeyDriversCanBeLeftOutWithEveryOtherNumberTheSame()
    {
        var rows = Enumerable.Range(0, 30).Select(i => (new[] { 1 + (i % 5), 1 + (i % 3), 2, 1 + (i % 4), 3, 1 + (i % 5), 1 + (i % 2) }, i % 3)).ToList();

        var with = ScoringEngine.Score(Build(rows), new ScoringOptions());
        var without = ScoringEngine.Score(Build(rows), new ScoringOptions { KeyDrivers = false });

        Assert.NotEmpty(with.KeyDrivers);
        Assert.Empty(without.KeyDrivers);
        Assert.Equal(Core.Reports.ScoreReportJson.Serialize(with with { KeyDrivers = [] }), Core.Reports.ScoreReportJson.Serialize(without));
    }

    [Fact]
    public void TeamMetricsNeedATeamColumn()
    {
        var set = TestData.Build(WithOutcome, [(TestData.Answers(("A1", 1)), null)]);

        var error = Assert.Throws<ArgumentException>(() => ScoringEngine.Score(set, new ScoringOptions { TeamMetrics = Metrics(("T0", 1)) }));

        Assert.Contains("no \"team\" column", error.Message);
    }

    [Fact]
    public void TeamMetricsUseTheTeamScoresTheBreakdownShowsAndSkipTeamsWithoutAValue()
    {
        // Five teams of 4 with rising answers, one of 2 (hidden, and with it the smallest shown: T0, first in order).
        var rows = new List<(int[], int)>();
        for (var team = 0; team < 6; team++)
        {
            for (var i = 0; i < (team == 5 ? 2 : 4); i++)
            {
                var v = 1 + (team % 5);
                rows.Add(([v, v, 6 - v, 5 - (team % 3), 3, v, v], team));
            }
        }

        var metrics = Metrics(("T0", 1), ("T1", 12), ("T2", 19), ("T3", 33), ("T4", 38), ("T5", 99), ("Nobody", 5));
        var report = ScoringEngine.Score(Build(rows), new ScoringOptions { MinimumGroupSize = 3, TeamMetrics = metrics });

        Assert.Empty(report.Breakdowns); // the team breakdown is computed, not added to the report
        var a = report.TeamMetrics.Single().Drivers.Single(d => d.Dimension == "a");
        Assert.Equal(4, a.Teams); // T1..T4; T5 too small, T0 hidden with it
        Assert.Equal(["few-teams"], a.Flags);
        var shown = new[] { 25.0, 50, 75, 100 };
        var expected = Correlation.Pearson(shown, [12, 19, 33, 38]);
        Assert.Equal(expected.R!.Value, a.R!.Value, 1e-12);
        Assert.Equal(expected.P!.Value, a.P!.Value, 1e-12);
    }

    [Fact]
    public void InASharedResultTeamsHiddenAcrossBreakdownsDoNotCount()
    {
        // 5 sellers in East, 1 manager in West, 5 managers in North, 5 leaders in HQ: per breakdown West is hidden and
        // East with it; shared, North too (managers − North would be West's one manager).
        var rows = new List<(int[] Cells, int Team, string Role)>();
        void Add(int team, string role, int count, int v) => rows.AddRange(Enumerable.Range(0, count).Select(_ => (new[] { v, v, 6 - v, v, v, v, v }, team, role)));
        Add(0, "seller", 5, 4);
        Add(1, "manager", 1, 1);
        Add(2, "manager", 5, 5);
        Add(3, "leader", 5, 3);
        var set = new ResponseSet(WithOutcome, ["role", "team"]);
        foreach (var (cells, team, role) in rows)
        {
            set.Add(Items.Select((id, i) => (id, cells[i])).ToDictionary(p => p.id, p => (int?)p.Item2),
                new Dictionary<string, string?> { ["team"] = new[] { "East", "West", "North", "HQ" }[team], ["role"] = role });
        }

        var metrics = Metrics(("East", 1), ("West", 2), ("North", 3), ("HQ", 4));
        var plain = ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["role", "team"], TeamMetrics = metrics });
        var shared = ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["role", "team"], TeamMetrics = metrics, SuppressAcrossBreakdowns = true });

        Assert.Equal(2, plain.TeamMetrics[0].Drivers[0].Teams);
        var shownInShared = shared.Breakdowns.Single(b => b.By == "team").Groups.Count(g => !g.Suppressed);
        Assert.Equal(1, shownInShared);
        Assert.Equal(shownInShared, shared.TeamMetrics[0].Drivers[0].Teams);
    }

    private static TeamMetricsTable Metrics(params (string Team, double Value)[] rows) =>
        new(["win-rate"], rows.Select(r => new KeyValuePair<string, IReadOnlyDictionary<string, double?>>(r.Team, new Dictionary<string, double?> { ["win-rate"] = r.Value })));

    private static IEnumerable<string> Flat(ScoreReport report) =>
        report.KeyDrivers.SelectMany(s => s.Drivers.Select(d => $"{s.Outcome} {d}"))
            .Concat(report.TeamMetrics.SelectMany(s => s.Drivers.Select(d => $"{s.Metric} {d.Dimension} {d.Teams} {d.R:R} {d.Ci95} {d.P:R}")));
}

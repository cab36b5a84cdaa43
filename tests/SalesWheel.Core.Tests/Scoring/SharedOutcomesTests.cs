using SalesWheel.Core.Imports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class SharedOutcomesTests
{
    private static ScoreReport Report(IReadOnlyList<KeyDriver> keyDrivers, IReadOnlyList<BreakdownGroup> teams) => new()
    {
        Instrument = new InstrumentInfo("i", "i", "1", new ScaleInfo(1, 5)),
        Respondents = 40,
        Context = new ScoringContext(null, null, 5),
        Dimensions = [new DimensionResult { Id = "d0", Name = "d0", Kind = "driver", N = 40, AlphaN = 40, Flags = [], Facets = [], Items = [] }],
        Breakdowns = [new Breakdown("team", teams, new Dictionary<string, double?>())],
        Priorities = [],
        KeyDrivers = [new KeyDriverSet("outcome", keyDrivers)],
    };

    private static BreakdownGroup Shown(string team, double score) => new(team, 6, false, new Dictionary<string, double?> { ["d0"] = score });

    [Fact]
    public void AKeyDriverOnFewerThanKPeopleKeepsItsCountOnly()
    {
        var thin = new KeyDriver("d0", 4, 0.9, new Interval(0.1, 0.99), 0.04);
        var exactlyK = new KeyDriver("d0", 5, 0.9, new Interval(0.1, 0.99), 0.04);

        Assert.Equal(new KeyDriver("d0", 4, null, null, null), SharedResult.WithOutcomes(Report([thin], []), null).KeyDrivers[0].Drivers[0]);
        Assert.Equal(exactlyK, SharedResult.WithOutcomes(Report([exactlyK], []), null).KeyDrivers[0].Drivers[0]);
    }

    [Fact]
    public void TeamMetricsCountOnlyShownTeamsWhateverAHiddenTeamsValue()
    {
        BreakdownGroup[] teams = [Shown("A", 20), Shown("B", 40), Shown("C", 50), Shown("D", 80), new("E", null, true, null)];
        TeamMetricsTable Metrics(double hidden) => new(["win"], [.. new[] { ("A", 10.0), ("B", 12.0), ("C", 11.0), ("D", 30.0), ("E", hidden) }
            .Select(t => new KeyValuePair<string, IReadOnlyDictionary<string, double?>>(t.Item1, new Dictionary<string, double?> { ["win"] = t.Item2 }))]);

        var low = SharedResult.WithOutcomes(Report([], teams), Metrics(-1000)).TeamMetrics[0].Drivers[0];
        var high = SharedResult.WithOutcomes(Report([], teams), Metrics(1000)).TeamMetrics[0].Drivers[0];

        Assert.Equal(4, low.Teams);
        Assert.Equal(low with { Flags = [] }, high with { Flags = [] });
        Assert.Equal(["few-teams"], high.Flags);
        Assert.Equal(Correlation.Pearson([20, 40, 50, 80], [10, 12, 11, 30]).R, high.R);
    }
}

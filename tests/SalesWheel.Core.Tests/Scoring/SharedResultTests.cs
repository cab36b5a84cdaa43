using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class SharedResultTests
{
    // Roles: "" 4 and ops 2 are under 5 (hidden), leader 5 (answers 5) and seller 6 (answers 2) are shown.
    private static ScoreReport Report()
    {
        var rows = new List<(Dictionary<string, int?>, Dictionary<string, string?>?)>();
        void Add(string? role, int count, int value)
        {
            for (var i = 0; i < count; i++)
            {
                rows.Add((Answers(("A1", value), ("A2", value), ("B1", value)), new() { ["role"] = role }));
            }
        }

        Add("seller", 6, 2);
        Add("leader", 5, 5);
        Add(null, 4, 4);
        Add("ops", 2, 3);
        return ScoringEngine.Score(Build(Small(), rows, "role"), new ScoringOptions { GroupBy = ["role"] });
    }

    [Fact]
    public void AHiddenGroupIsSharedWithoutItsSizeAndAShownGroupKeepsIt()
    {
        var engine = Report();
        Assert.Equal([4, 5, 2, 6], engine.Breakdowns[0].Groups.Select(g => g.N)); // the engine's own report has every size

        var shared = SharedResult.From(engine);

        Assert.Equal([null, 5, null, 6], shared.Breakdowns[0].Groups.Select(g => g.N));
        Assert.All(shared.Breakdowns[0].Groups.Where(g => g.Suppressed), g => Assert.Null(g.Scores));
        Assert.Equal(engine.Breakdowns[0].Gaps, shared.Breakdowns[0].Gaps);
        Assert.Equal(engine.Dimensions, shared.Dimensions);
    }

    [Fact]
    public void TheParticipantSummaryKeepsTheOverallScoresAndPrioritiesAndDropsEveryGroupFacetAndStatement()
    {
        var shared = SharedResult.From(Report());
        Assert.NotEmpty(shared.Breakdowns);
        Assert.Contains(shared.Dimensions, d => d.Items.Count > 0);

        var summary = SharedResult.ForParticipants(shared);

        Assert.Empty(summary.Breakdowns);
        Assert.All(summary.Dimensions, d => Assert.Empty(d.Facets));
        Assert.All(summary.Dimensions, d => Assert.Empty(d.Items));
        Assert.Equal(shared.Dimensions.Select(d => (d.Id, d.N, d.Score)), summary.Dimensions.Select(d => (d.Id, d.N, d.Score)));
        Assert.Equal(shared.Priorities, summary.Priorities);
        Assert.Equal(shared.Respondents, summary.Respondents);
    }

    [Fact]
    public void SharingASharedResultAgainChangesNothing()
    {
        var shared = SharedResult.From(Report());
        Assert.Same(shared, SharedResult.From(shared));
    }

    [Fact]
    public void HidingAShownGroupTakesItsScoresOutOfTheGroupAndTheGaps()
    {
        var report = Report();
        Assert.Equal(75, report.Breakdowns[0].Gaps["a"]); // leader 100, seller 25

        var hidden = SharedResult.Hide(report.Breakdowns, [[true, false, true, true]]);

        var groups = hidden[0].Groups;
        Assert.Equal([true, false, true, true], groups.Select(g => g.Suppressed));
        Assert.Null(groups[3].Scores);
        Assert.Null(hidden[0].Gaps["a"]); // one shown group left: no gap
        Assert.Same(report.Breakdowns[0], SharedResult.Hide(report.Breakdowns, [[true, false, true, false]])[0]); // nothing new hidden
    }

    [Fact]
    public void HidingNeedsOneListPerBreakdown() =>
        Assert.Throws<ArgumentException>(() => SharedResult.Hide(Report().Breakdowns, []));
}

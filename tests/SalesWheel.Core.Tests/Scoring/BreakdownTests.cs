using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class BreakdownTests
{
    [Theory]
    [InlineData(new[] { 5, 5 }, new[] { false, false })]
    [InlineData(new[] { 1, 6, 6 }, new[] { true, true, false })] // 1 hidden alone could be recovered: hide the first smallest shown
    [InlineData(new[] { 2, 2, 10 }, new[] { true, true, true })] // 4 hidden < 5: the only shown group goes too
    [InlineData(new[] { 4, 7, 6 }, new[] { true, false, true })]
    [InlineData(new[] { 3, 3, 9 }, new[] { true, true, false })] // 6 hidden ≥ 5: safe
    [InlineData(new[] { 4, 1, 8, 9 }, new[] { true, true, false, false })] // 5 hidden: safe
    [InlineData(new[] { 2 }, new[] { true })] // nothing left to hide
    public void SmallGroupsAndTheirComplementsAreSuppressed(int[] sizes, bool[] expected)
    {
        Assert.Equal(expected, Anonymity.SuppressedGroups(sizes, 5));
    }

    [Fact]
    public void GroupsAreOrderedByValueWithBlankFirstAndHiddenGroupsShowNoScores()
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
        Add(" leader ", 5, 5); // whitespace is trimmed
        Add(null, 3, 4);        // not given: its own group, ""
        Add("  ", 1, 4);        // blank is "not given" too
        Add("ops", 2, 3);

        var report = ScoringEngine.Score(Build(Small(), rows, "role"), new ScoringOptions { GroupBy = ["role"] });
        var groups = report.Breakdowns.Single().Groups;

        Assert.Equal(["", "leader", "ops", "seller"], groups.Select(g => g.Value));
        Assert.Equal([4, 5, 2, 6], groups.Select(g => g.N));
        // "" (4) and ops (2) are under 5; together 6 ≥ 5, so nothing more is hidden.
        Assert.Equal([true, false, true, false], groups.Select(g => g.Suppressed));
        Assert.All(groups.Where(g => g.Suppressed), g => Assert.Null(g.Scores));
        Assert.Equal(100, groups[1].Scores!["a"]);
        Assert.Equal(25, groups[3].Scores!["a"]);
        Assert.Equal(75, report.Breakdowns[0].Gaps["a"]);
    }

    [Fact]
    public void AGapNeedsTwoShownGroupsWithAScore()
    {
        var rows = Enumerable.Range(0, 10).Select(i =>
            (Answers(("A1", 3), ("A2", 3), ("B1", i < 5 ? 2 : null)), (Dictionary<string, string?>?)new() { ["team"] = i < 5 ? "x" : "y" }));
        var report = ScoringEngine.Score(Build(Small(), rows, "team"), new ScoringOptions { GroupBy = ["team"] });
        Assert.Equal(0, report.Breakdowns[0].Gaps["a"]);
        Assert.Null(report.Breakdowns[0].Gaps["b"]); // team y never answered B
        Assert.Null(report.Breakdowns[0].Groups[1].Scores!["b"]);
    }

    [Fact]
    public void GroupingByAnUnknownAttributeIsAnError()
    {
        var set = Build(Small(), [(Answers(("A1", 3)), null)], "role");
        var error = Assert.Throws<ArgumentException>(() => ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["tenure"] }));
        Assert.Contains("tenure", error.Message);
    }

    [Fact]
    public void AMinimumGroupSizeBelowThreeIsRefused()
    {
        var set = Build(Small(), [(Answers(("A1", 3)), null)]);
        Assert.Throws<ArgumentException>(() => ScoringEngine.Score(set, new ScoringOptions { MinimumGroupSize = 2 }));
    }
}

using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.Reports.ReportSamples;

namespace SalesWheel.Core.Tests.Reports;

/// <summary>"A gap of 10 points or more is highlighted" (SCORING.md), at exactly 10 and just under it, in every report that says so.</summary>
public sealed class GapEdgeTests
{
    /// <summary>East: five people at 3 (score 50). West: four at 3 and one who answers <paramref name="highest"/> throughout.</summary>
    private static ScoreReport EastAndWest(int highest) =>
        SmallTeam(5, [.. Enumerable.Repeat(("seller", "East", 3), 5), .. Enumerable.Repeat(("seller", "West", 3), 4), ("seller", "West", highest)]);

    [Fact]
    public void AGapOfExactlyTenPointsIsMarkedAndOneOfFiveIsNot()
    {
        // West's mean is 17/5 = 3.4 → 60 against East's 50: a gap of exactly 10.0. With 16/5 = 3.2 → 55: a gap of 5.
        var ten = EastAndWest(5);
        Assert.All(ten.Breakdowns.Single(b => b.By == "team").Gaps.Values, gap => Assert.Equal(10.0, gap));
        var tenSummary = SummaryReport.Render(ten, SummaryFormat.Text);
        Assert.Contains("10.0 !", tenSummary[tenSummary.IndexOf("By team", StringComparison.Ordinal)..]);
        var tenText = ExecutiveSummary.Write(ten);
        Assert.Contains("a gap of 10.0 points.", tenText);
        Assert.DoesNotContain("below the 10 points", tenText);

        var five = EastAndWest(4);
        var fiveSummary = SummaryReport.Render(five, SummaryFormat.Text);
        var fiveTeam = fiveSummary[fiveSummary.IndexOf("By team", StringComparison.Ordinal)..];
        Assert.Contains("5.0", fiveTeam);
        Assert.DoesNotContain("5.0 !", fiveTeam);
        Assert.Contains("a gap of 5.0 points, below the 10 points that count as a real difference.", ExecutiveSummary.Write(five));
    }
}

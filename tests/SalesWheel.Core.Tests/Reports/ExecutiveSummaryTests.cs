using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.Reports.ReportSamples;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Reports;

public sealed class ExecutiveSummaryTests
{
    [Fact]
    public void TheSummaryNamesTheStrongestAndWeakestDriverWithTheirScoresAndIntervals()
    {
        var report = Demo();
        var drivers = report.Dimensions.Where(d => d.Kind == "driver").ToList();
        var strongest = drivers.MaxBy(d => d.Score)!;
        var weakest = drivers.MinBy(d => d.Score)!;

        var summary = ExecutiveSummary.Write(report);

        Assert.StartsWith("300 people answered. ", summary);
        Assert.Contains($"The strongest driver is {strongest.Name} at {ReportFormat.Score(strongest.Score)} (95% interval {ReportFormat.Interval(strongest.Ci95)})", summary);
        Assert.Contains($"the weakest is {weakest.Name} at {ReportFormat.Score(weakest.Score)} (95% interval {ReportFormat.Interval(weakest.Ci95)})", summary);
    }

    [Fact]
    public void TheSummarySaysWhatToFixFirstAndWhy()
    {
        var report = Demo();
        var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name);
        var first = report.Priorities[0];

        var summary = ExecutiveSummary.Write(report);

        Assert.Contains($"Fix first: {names[first.Dimension]}, which {PriorityExplanation.Reason(first, report.Context)} (priority {ReportFormat.Score(first.Priority)}).", summary);
        Assert.Contains($"Next: {names[report.Priorities[1].Dimension]} and {names[report.Priorities[2].Dimension]}.", summary);
    }

    [Fact]
    public void TheLargestPerceptionGapIsTheLargestOverEveryBreakdownWithBothGroupsScores()
    {
        var summary = ExecutiveSummary.Write(SmallTeam());

        // By team, Beta (100) against Gamma (50): 50 points on every driver, the first driver named. By role the gap is smaller:
        // leaders (Beta, 100) against all sellers (Alpha, Gamma and Tiny together, 55.4).
        Assert.Contains("The largest perception gap is on Strategy, by team: the Beta team sees it at 100.0, the Gamma team at 50.0, a gap of 50.0 points.", summary);
    }

    [Fact]
    public void AGapUnderTenPointsIsReportedAsBelowWhatCountsAsARealDifference()
    {
        var report = SmallTeam(5,
        [
            .. Enumerable.Repeat(("seller", "East", 4), 5),
            .. Enumerable.Repeat(("seller", "West", 4), 4),
            ("seller", "West", 3),
        ]);

        var summary = ExecutiveSummary.Write(report);

        Assert.Contains("The largest perception gap is on Strategy, by team: the East team sees it at 75.0, the West team at 70.0, a gap of 5.0 points, below the 10 points that count as a real difference.", summary);
    }

    [Fact]
    public void WithoutScoresTheSummarySaysNothingCanBeComparedAndNeverInventsANumber()
    {
        var instrument = EightDrivers();
        var report = ScoringEngine.Score(Build(instrument, []), new ScoringOptions());

        Assert.Equal("0 people answered. No driver has enough answers for a score, so nothing can be compared or ranked.", ExecutiveSummary.Write(report));
    }

    [Fact]
    public void ADriverWhoseItemsDisagreeIsNamedAsOneToReadWithCare()
    {
        var report = Demo() is var r ? r with
        {
            Dimensions = [.. r.Dimensions.Select(d => d.Id == "training" ? d with { Alpha = 0.52, Flags = ["items-disagree"] } : d)],
        } : null!;

        Assert.EndsWith("Read Training with care: its statements disagree with each other (alpha below 0.7).", ExecutiveSummary.Write(report));
    }
}

using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Reports;

public sealed class ReportFormatTests
{
    [Fact]
    public void AnOutcomeNamedOutcomesIsNotSaidTwiceAndOneNamedOtherwiseSaysItIsAnOutcome()
    {
        var instrument = EightDrivers(withOutcome: true);
        var answers = Answers([.. instrument.Items.Select(item => (item.Id, (int?)4))]);
        var report = ScoringEngine.Score(Build(instrument, [(answers, null), (answers, null)]), new ScoringOptions());
        var outcome = report.Dimensions.Single(d => d.Kind == "outcome");

        Assert.Equal("Outcomes", ReportFormat.DimensionName(outcome));
        Assert.Equal("Win rate (outcome)", ReportFormat.DimensionName(outcome with { Name = "Win rate" }));
        Assert.Equal("strategy", ReportFormat.DimensionName(report.Dimensions.Single(d => d.Id == "strategy")));
    }

    [Fact]
    public void EveryHiddenGroupReadsTheSameWordsWhichAreTrueWhateverHidItAndNeverGiveACount()
    {
        Assert.Equal("hidden to protect anonymity", ReportFormat.HiddenGroup);
        Assert.DoesNotMatch("[0-9]", ReportFormat.HiddenGroup);
        Assert.DoesNotContain("fewer", ReportFormat.HiddenGroup, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using SalesWheel.Core.Reports;
using static SalesWheel.Core.Tests.Reports.ReportSamples;

namespace SalesWheel.Core.Tests.Reports;

public sealed partial class SummaryReportTests
{
    [Theory]
    [InlineData(SummaryFormat.Markdown)]
    [InlineData(SummaryFormat.Text)]
    public void ASmallTeamAndTheTeamHiddenWithItReadExactlyAlikeWithNoSize(SummaryFormat format)
    {
        // Six people: West (one, score 0) is under k = 5; East (five, score 75) is hidden too, so West is not "all minus East".
        var report = SmallTeam(5, [.. Enumerable.Repeat(("seller", "East", 4), 5), ("seller", "West", 1)]);

        var summary = SummaryReport.Render(report, format);
        var team = summary[summary.IndexOf("By team", StringComparison.Ordinal)..];

        Assert.Contains("East (hidden)", team);
        Assert.Contains("West (hidden)", team);
        Assert.DoesNotMatch(@"n\s*=\s*[15]\b", summary);
        Assert.DoesNotContain("75.0", summary); // East's score
        foreach (var d in report.Dimensions)
        {
            // Every row: the driver, then the same words for East and for West.
            var row = team.Split('\n').First(l => l.TrimStart('|', ' ').StartsWith(d.Name + (format == SummaryFormat.Markdown ? " |" : "  "), StringComparison.Ordinal));
            Assert.Equal(2, HiddenLabel().Count(row));
        }

        Assert.Contains("Some hidden groups may have 5 or more answers: they are hidden so that a smaller group cannot be worked out by subtraction.", team);
    }

    [GeneratedRegex("hidden to protect anonymity")]
    private static partial Regex HiddenLabel();
}

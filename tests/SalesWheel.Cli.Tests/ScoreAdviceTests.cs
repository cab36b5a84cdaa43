using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

/// <summary>`saleswheel score` says what to do under the top priorities in every written format.</summary>
public sealed class ScoreAdviceTests
{
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    [Fact]
    public void TheJsonHasActionsUnderTheTopPrioritiesOnly()
    {
        var run = Cli.Run("score", Sample, "--phase", "gtm-fit", "--acv", "15k-50k", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);

        var priorities = JsonNode.Parse(run.Out)!["priorities"]!.AsArray();
        Assert.All(priorities.Take(3), p =>
        {
            var actions = p!["actions"]!.AsArray();
            Assert.InRange(actions.Count, 2, 3);
            Assert.All(actions, a => Assert.StartsWith(p["dimension"]!.GetValue<string>() + ".", a!["id"]!.GetValue<string>(), StringComparison.Ordinal));
            Assert.All(actions, a => Assert.Matches(@"^.+ is .+'s? (joint )?(lowest|[a-z]+-lowest) facet at \d+\.\d\.$", a!["reason"]!.GetValue<string>()));
        });
        Assert.All(priorities.Skip(3), p => Assert.Empty(p!["actions"]!.AsArray()));
    }

    [Theory]
    [InlineData("md", "## What to do", "### 1. Enablement")]
    [InlineData("text", "What to do\n----------", "1. Enablement\n")]
    public void TheWrittenReportSaysWhatToDoAndWhyTheLowestScoreIsNotFirst(string format, string heading, string first)
    {
        var run = Cli.Run("score", Sample, "--phase", "gtm-fit", "--acv", "15k-50k", "--format", format);
        Assert.True(run.ExitCode == 0, run.Error);

        Assert.Contains("Structure is your lowest score but ranks 3rd: for a GTM Fit company selling $15K–$50K deals its relevance is medium.", run.Out);
        var todo = run.Out[run.Out.IndexOf(heading, StringComparison.Ordinal)..];
        Assert.Contains(first, todo);
        Assert.Contains("Why: Technology is Enablement's lowest facet at 35.3.", todo);
        Assert.Contains("enablement.technology.", todo);
    }
}

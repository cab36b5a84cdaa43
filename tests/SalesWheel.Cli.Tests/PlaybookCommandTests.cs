using System.Text.Json.Nodes;
using SalesWheel.Core.Actions;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Cli.Tests;

public sealed class PlaybookCommandTests
{
    [Fact]
    public void TheTextListsEveryActionOfTheDriverThatFitsThePhaseAndBand()
    {
        var (code, output, error) = Cli.Run("playbook", "--driver", "enablement", "--phase", "pmf", "--acv", "lt15k");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("(playbook.json version 1): 11 actions for PMF, ACV under $15K.", output);
        Assert.Contains("Sales Management and Coaching [coaching]", output);
        Assert.Contains("Debrief the seller straight after every shared call (enablement.coaching.founder-debrief)", output);
        Assert.Contains("Owner: Founder/CEO. Effort: weeks. Fits: PMF; every ACV band. Should move: ENB2, ENB1.", output);
        Assert.DoesNotContain("enablement.coaching.live-call-feedback", output); // GTM Fit and Scale only
        Assert.DoesNotContain("[strategy]", output);
    }

    [Fact]
    public void JsonIsThePlaybookFileFormatAndLoadsBack()
    {
        var (code, output, _) = Cli.Run("playbook", "--phase", "scale", "--acv", "gt50k", "--format", "json");

        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)json["version"]!);
        var actions = json["actions"]!.AsArray();
        Assert.Equal(Playbook.BuiltIn.For(null, Core.Scoring.CompanyPhase.Scale, Core.Scoring.AcvBand.Over50K).Count(), actions.Count);
        Assert.All(actions, a =>
        {
            Assert.Contains("scale", a!["phases"]!.AsArray().Select(p => (string?)p));
            Assert.Contains("gt50k", a["acvBands"]!.AsArray().Select(p => (string?)p));
        });
        var first = actions[0]!;
        foreach (var field in new[] { "id", "driver", "facet", "title", "whatToDo", "owner", "effort", "phases", "acvBands", "moves" })
        {
            Assert.NotNull(first[field]);
        }
    }

    [Fact]
    public void WithoutFiltersEveryActionIsListedAndTheOutputLoadsAsAPlaybook()
    {
        var (code, output, _) = Cli.Run("playbook", "--format", "json");

        Assert.Equal(0, code);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(output));
        Assert.Equal(Playbook.BuiltIn.Actions.Count, Playbook.Load(stream, BuiltInInstrument.Full, "output").Actions.Count);
    }

    [Fact]
    public void MarkdownHasAHeadingPerDriverAndFacetAndQuotesTheStatementsToMove()
    {
        var (code, output, _) = Cli.Run("playbook", "--driver", "capabilities", "--format", "md");

        Assert.Equal(0, code);
        Assert.StartsWith("# Sales Performance Wheel playbook\n", output);
        Assert.Contains("\n## Capabilities\n", output);
        Assert.Contains("\n### Growing Accounts\n", output);
        Assert.Contains("**Call every new customer 60 days after go-live** (`capabilities.accounts.sixty-day-call`)", output);
        Assert.Contains("- Should move: CAP7 “Our sellers regularly win additional business from customers who have already bought from us.”", output);
    }

    [Theory]
    [InlineData("--driver", "marketing")]
    [InlineData("--phase", "growth")]
    [InlineData("--acv", "50k")]
    [InlineData("--format", "pdf")]
    public void AnUnknownValueIsAUsageErrorThatSaysWhatIsAllowed(string option, string value)
    {
        var (code, output, error) = Cli.Run("playbook", option, value);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"'{value}' not recognized. Must be one of:", error);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Tests.Actions;
using static SalesWheel.Core.Tests.Reports.ReportSamples;

namespace SalesWheel.Core.Tests.Reports;

/// <summary>What to do, ties and why the lowest is not first, as the CLI text and Markdown, the PDF and the score JSON say them.</summary>
public sealed partial class WhatToDoInReportsTests
{
    private const string Why = "Structure is your lowest score but ranks 5th: for a GTM Fit company selling $15K–$50K deals its relevance is medium.";
    private const string CoachingReason = "Sales Management and Coaching is Enablement's lowest facet at 31.0.";

    // GTM Fit, $15K–$50K (weights: enablement 1.674; strategy, talent management, capabilities 1.116; the rest 0.744):
    // Enablement 40 → 100.5 first; Strategy, Talent Management and Capabilities at 45 → 61.4 each, tied 2nd; Structure,
    // the lowest at 25, → 55.8, 5th. Enablement's weakest facet is coaching (31.04), then process (45.25).
    private static readonly Lazy<ScoreReport> Report = new(() => HandMadeReport.Of(CompanyPhase.GtmFit, AcvBand.From15KTo50K,
        new Dictionary<string, double>
        {
            ["enablement"] = 40,
            ["strategy"] = 45,
            ["talent-management"] = 45,
            ["capabilities"] = 45,
            ["structure"] = 25,
        },
        new Dictionary<string, double?>
        {
            ["enablement.coaching"] = 31.04,
            ["enablement.process"] = 45.25,
            ["enablement.method"] = 60,
            ["enablement.technology"] = 70,
            ["enablement.resources"] = 80,
        }));

    [Fact]
    public void TheMarkdownSummaryPutsEachActionWithItsReasonUnderItsPriorityAndShowsTiesAndWhyTheLowestIsNotFirst()
    {
        var summary = SummaryReport.Render(Report.Value, SummaryFormat.Markdown);
        var todo = summary[summary.IndexOf("## What to do", StringComparison.Ordinal)..];

        Assert.Contains(Why, summary[..summary.IndexOf("## What to do", StringComparison.Ordinal)]);
        string[] headings = ["### 1. Enablement", "### 2. Strategy (tied)", "### 2. Talent Management (tied)", "### 2. Capabilities (tied)"];
        Assert.Equal(headings, todo.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal)));
        var enablement = todo[..todo.IndexOf(headings[1], StringComparison.Ordinal)];
        Assert.Contains("enablement.coaching.recorded-call-comments", enablement);
        Assert.Contains("enablement.process.buyer-confirmed-late-stages", enablement);
        Assert.Contains("Why: " + CoachingReason, enablement);
        Assert.Contains("Priority 100.5: a score 60.0 points below 100, counted 1.67 times because this driver matters more than average", enablement);
        Assert.DoesNotContain("structure.", todo); // 5th: no advice
        Assert.Equal(3, Regex.Count(todo[todo.IndexOf(headings[3], StringComparison.Ordinal)..], "^- \\*\\*", RegexOptions.Multiline));
    }

    [Fact]
    public void TheTextSummaryGivesTiedDriversTheSameRankAndListsTheActions()
    {
        var summary = SummaryReport.Render(Report.Value, SummaryFormat.Text);

        var ranked = summary.Split('\n').Select(l => RankRow().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[2].Value.Trim(), m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, ranked["Enablement"]);
        Assert.Equal([2, 2, 2], new[] { ranked["Strategy"], ranked["Talent Management"], ranked["Capabilities"] });
        Assert.Equal(5, ranked["Structure"]);
        Assert.Contains(Why, summary);
        var todo = summary[summary.IndexOf("What to do\n", StringComparison.Ordinal)..];
        Assert.Matches("1\\. Enablement\\n(.*\\n)*   - .*\\n     Owner: .* · effort: (days|weeks|a quarter) · enablement\\.coaching\\.recorded-call-comments\\n(.*\\n){1}     Why: " + Regex.Escape(CoachingReason), todo);
    }

    [Fact]
    public void ThePdfShowsWhatToDoUnderEachTopPriorityWithTiesAndWhyTheLowestIsNotFirst()
    {
        using var pdf = new Poppler(Pdf(Report.Value));
        var text = Spaces().Replace(pdf.Text(), " ");

        Assert.Contains(Why, text);
        var enablement = text.IndexOf("What to do about Enablement", StringComparison.Ordinal);
        var strategy = text.IndexOf("Strategy (tied: joint 2nd)", StringComparison.Ordinal);
        Assert.True(enablement > 0 && strategy > enablement, "Enablement's actions come before the tied Strategy");
        Assert.Contains("Why this one: " + CoachingReason, text[enablement..strategy]);
        Assert.Contains("Owner: ", text[enablement..strategy]);
        Assert.Contains("Talent Management (tied: joint 2nd)", text);
        Assert.Contains("Capabilities (tied: joint 2nd)", text);
        Assert.Contains("What to do about Capabilities", text);
        Assert.DoesNotContain("What to do about Structure", text);
        Assert.Contains("Priority 100.5: a score 60.0 points below 100, counted 1.67 times", text);
        Assert.Contains("Then, by priority: 5. Structure (55.8)", text);
    }

    [Fact]
    public void TheScoreJsonAddsActionsUnderTheTopPrioritiesAndChangesNothingElseOfTheContract()
    {
        var report = Report.Value;
        var json = JsonNode.Parse(ScoreReportJson.Serialize(report))!;
        var priorities = json["priorities"]!.AsArray();

        var enablement = priorities[0]!;
        Assert.Equal("enablement", enablement["dimension"]!.GetValue<string>());
        var first = enablement["actions"]![0]!.AsObject();
        Assert.Equal(["id", "title", "whatToDo", "owner", "effort", "reason"], first.Select(p => p.Key));
        Assert.Equal("enablement.coaching.recorded-call-comments", first["id"]!.GetValue<string>());
        Assert.Equal(CoachingReason, first["reason"]!.GetValue<string>());
        Assert.Contains(first["effort"]!.GetValue<string>(), new[] { "days", "weeks", "quarter" });
        var counts = priorities.ToDictionary(p => p!["dimension"]!.GetValue<string>(), p => p!["actions"]!.AsArray().Count);
        Assert.Equal(3, counts["capabilities"]); // tied 2nd, 4th in instrument order: still advised
        Assert.Equal(0, counts["structure"]);

        // Without actions, exactly the SCORING.md contract as the engine's report writes it.
        foreach (var p in priorities)
        {
            p!.AsObject().Remove("actions");
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(report, ScoreReportJson.Options)), json));
    }

    [Theory]
    [InlineData(45, 1.116, 61.4, "counted 1.12 times because this driver matters more than average for your phase and deal size.")]
    [InlineData(90, 0.744, 7.4, "counted only 0.74 times because this driver matters less than average for your phase and deal size.")]
    [InlineData(40, 1.0, 60, "counted as it is because this driver matters as much as the average one here.")]
    public void ThePriorityFigureIsExplainedInWords(double score, double weight, double priority, string end)
    {
        var words = PriorityReading.Figure(new RankedDriver("strategy", 1, weight, score, priority, 2, 2));

        Assert.Equal($"Priority {priority:0.0}: a score {100 - score:0.0} points below 100, {end}", words);
        Assert.EndsWith("as every dimension of this instrument counts the same.", PriorityReading.Figure(new RankedDriver("x", 1, 1, score, 100 - score, null, null)));
    }

    [GeneratedRegex(@"^(\d+)\s{2}(\S+(?: \S+)*?)\s{2,}\d")]
    private static partial Regex RankRow();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

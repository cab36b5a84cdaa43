using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>Why a dimension has no score (SCORING.md: a respondent counts for a set of k items when they answered ceil(k/2) of them).</summary>
public sealed class NoScoreReasonTests
{
    private static readonly Instrument SixAndFive = InstrumentFile.Parse("""
        { "id": "six-five", "name": "Six and five", "version": "1",
          "dimensions": [
            { "id": "six", "name": "Six", "items": [ { "id": "A1" }, { "id": "A2" }, { "id": "A3" }, { "id": "A4" }, { "id": "A5" }, { "id": "A6" } ] },
            { "id": "five", "name": "Five", "items": [ { "id": "B1" }, { "id": "B2" }, { "id": "B3" }, { "id": "B4" }, { "id": "B5" } ] },
            { "id": "none", "name": "None", "items": [ { "id": "C1" }, { "id": "C2" } ] } ] }
        """);

    // Six people who answered the first `six` items of Six and the first `five` items of Five, and nothing of None.
    private static ScoreReport Answered(int six, int five, ScoringOptions? options = null)
    {
        var rows = Enumerable.Range(0, 6).Select(p =>
        {
            var answers = new List<(string, int?)>();
            answers.AddRange(Enumerable.Range(1, 6).Select(i => ($"A{i}", i <= six ? 1 + ((p + i) % 5) : (int?)null)));
            answers.AddRange(Enumerable.Range(1, 5).Select(i => ($"B{i}", i <= five ? 1 + ((p * i) % 5) : (int?)null)));
            return (Answers([.. answers]), (Dictionary<string, string?>?)null);
        });
        return ScoringEngine.Score(Build(SixAndFive, rows), options ?? new ScoringOptions());
    }

    private static DimensionResult Dimension(ScoreReport report, string id) => report.Dimensions.Single(d => d.Id == id);

    [Fact]
    public void ThreeOfSixAndThreeOfFiveStatementsGiveAScoreAndTwoGiveNoneBecauseFewerThanHalfWereAnswered()
    {
        var half = Answered(six: 3, five: 3);
        Assert.NotNull(Dimension(half, "six").Score);
        Assert.Null(Dimension(half, "six").NoScore);
        Assert.NotNull(Dimension(half, "five").Score);
        Assert.Null(Dimension(half, "five").NoScore);

        var under = Answered(six: 2, five: 2);
        Assert.Null(Dimension(under, "six").Score);
        Assert.Equal(NoScoreReason.FewerThanHalfAnswered, Dimension(under, "six").NoScore);
        Assert.Equal(NoScoreReason.FewerThanHalfAnswered, Dimension(under, "five").NoScore);
    }

    [Fact]
    public void ADimensionNobodyAnsweredHasNoScoreBecauseThereAreNoAnswers()
    {
        var report = Answered(six: 6, five: 5);

        Assert.Equal(NoScoreReason.NoAnswers, Dimension(report, "none").NoScore);
        Assert.Equal("no score: nobody answered its statements", NoScore.Sentence(Dimension(report, "none"), 5));
    }

    [Fact]
    public void AScoreRestingOnFewerPeopleThanTheMinimumGroupSizeIsHiddenInASharedResultAndSaysSo()
    {
        // Six people answered; with k = 7 the whole organization's numbers rest on fewer than k.
        var report = Answered(six: 6, five: 2, new ScoringOptions { MinimumGroupSize = 7, SuppressAcrossBreakdowns = true });

        Assert.Equal(NoScoreReason.BelowMinimumGroupSize, Dimension(report, "six").NoScore);
        Assert.Equal(NoScoreReason.FewerThanHalfAnswered, Dimension(report, "five").NoScore); // n = 0 keeps the engine's reason
        Assert.Equal("no score: fewer than 7 people answered at least half of its statements, so it is hidden to protect anonymity",
            NoScore.Sentence(Dimension(report, "six"), 7));
    }

    [Fact]
    public void ADriverWithNoScoreShowsWhyInsteadOfFewAnswersAndADriverWithFewAnswersKeepsTheFlag()
    {
        var report = Answered(six: 6, five: 2);

        var five = Dimension(report, "five");
        Assert.Contains(Reliability.FewAnswers, five.Flags); // the contract's flag stays in the data
        Assert.Equal(["no score"], NoScore.Marks(five, Reliability.Name));
        Assert.Equal("no score: respondents answered fewer than half of its statements", NoScore.Sentence(five, 5));

        var six = Dimension(report, "six");
        Assert.Null(NoScore.Sentence(six, 5));
        Assert.Contains("few answers", NoScore.Marks(six, Reliability.Name));
    }

    [Fact]
    public void TheReasonIsWrittenInTheJsonAndReadBackFromIt()
    {
        var report = Answered(six: 6, five: 2);

        var json = ScoreReportJson.Serialize(report);
        Assert.Contains("\"noScore\": \"fewer-than-half-answered\"", json, StringComparison.Ordinal);
        var back = System.Text.Json.JsonSerializer.Deserialize<ScoreReport>(json, ScoreReportJson.Options)!;
        Assert.Equal(NoScoreReason.FewerThanHalfAnswered, Dimension(back, "five").NoScore);
        Assert.Null(Dimension(back, "six").NoScore);
    }

    [Fact]
    public void TheExecutiveSummarySaysWhichDriversHaveNoScoreAndWhy()
    {
        var report = Answered(six: 6, five: 2);

        Assert.Contains("Five has no score: respondents answered fewer than half of its statements.", ExecutiveSummary.Write(report), StringComparison.Ordinal);

        var none = Answered(six: 1, five: 2);
        Assert.Equal("6 people answered. No driver has a score, so nothing can be compared or ranked. "
            + "Six and Five have no score: respondents answered fewer than half of their statements. None has no score: nobody answered its statements.",
            ExecutiveSummary.Write(none));
    }
}

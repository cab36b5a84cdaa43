using System.Text;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Samples;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Exports;

public sealed class AnswersCsvTests
{
    [Fact]
    public void ExportThenScoreGivesTheSameOverallNumbersToTheLastDigit()
    {
        var original = ExportKit.Demo(500);
        var answers = AnonymousAnswers.From(original, 5);

        var bytes = ExportKit.CsvBytes(answers);
        var file = ResponsesCsv.Read(new MemoryStream(bytes), "answers.csv", BuiltInInstrument.Full, DemoCompany.AttributeColumns);

        Assert.Equal(0, file.SkippedEmptyRows);
        Assert.Empty(file.IgnoredColumns);
        Assert.Empty(file.ItemsWithoutColumn);
        Assert.Equal(500, file.Responses.Count);
        Assert.Equal(ExportKit.OverallJson(original), ExportKit.OverallJson(file.Responses));
    }

    [Fact]
    public void TheFileIsUtf8WithAByteOrderMarkAHeaderOfAttributesThenItemsAndBlankCellsForUnanswered()
    {
        var set = TestData.Build(TestData.Small(),
            Enumerable.Range(0, 5).Select(i => (TestData.Answers(("A1", 1 + i), ("A2", null), ("B2", 5)), (Dictionary<string, string?>?)new() { ["team"] = "Zürich" })),
            "team");

        var bytes = ExportKit.CsvBytes(AnonymousAnswers.From(set, 5));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("team,A1,A2,A3,B1,B2", lines[0].TrimEnd('\r'));
        Assert.Equal("Zürich,1,,,,5", lines[1].TrimEnd('\r'));
        Assert.Equal(6, lines.Length);
    }

    [Fact]
    public void TeamNamesWithCommasQuotesAndLineBreaksStayOneCellAndReadBackAsOneLine()
    {
        string[] teams = ["Sales, EMEA", "The \"A\" team", "Two\nlines"];
        var set = TestData.Build(TestData.Small(),
            teams.SelectMany(team => Enumerable.Range(0, 5).Select(i => (TestData.Answers(("A1", 1 + i), ("B1", 5 - i)), (Dictionary<string, string?>?)new() { ["team"] = team }))),
            "team");

        var csv = ExportKit.Csv(AnonymousAnswers.From(set, 5));
        var read = ExportKit.ReadCsv(csv, TestData.Small(), ["team"]);

        // A name is written on one line (no control character reaches a file: a line break becomes a space), so each
        // team still reads back as itself, with the same scores.
        Assert.Equal(teams.Select(SalesWheel.Core.Text.PlainText.Line).Order(StringComparer.Ordinal), read.Attributes[0].Values.Order(StringComparer.Ordinal));
        Assert.Equal(15, read.Count);
        var breakdown = ScoringEngine.Score(read, new ScoringOptions { GroupBy = ["team"] }).Breakdowns[0];
        var expected = ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["team"] }).Breakdowns[0];
        Assert.Equal(expected.Groups.Select(g => (SalesWheel.Core.Text.PlainText.Line(g.Value), g.N, g.Scores?["a"])).OrderBy(g => g.Item1, StringComparer.Ordinal),
            breakdown.Groups.Select(g => (g.Value, g.N, g.Scores?["a"])).OrderBy(g => g.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public void ATeamNameThatLooksLikeAFormulaIsWrittenAsTextAndScoresTheSame()
    {
        string[] teams = ["=HYPERLINK(\"https://evil.example\",\"open\")", "+East", "@West", "-North", "Central"];
        var set = TestData.Build(TestData.Small(),
            teams.SelectMany(team => Enumerable.Range(0, 5).Select(i => (TestData.Answers(("A1", 1 + i), ("B1", 5 - i)), (Dictionary<string, string?>?)new() { ["team"] = team }))),
            "team");

        var csv = ExportKit.Csv(AnonymousAnswers.From(set, 5));
        var read = ExportKit.ReadCsv(csv, TestData.Small(), ["team"]);

        // No cell starts with a formula character; each team is still its own group with the same scores.
        Assert.DoesNotMatch(@"(^|\n)[=+\-@]", csv.ReplaceLineEndings("\n"));
        Assert.Equal(["'+East", "'-North", "'=HYPERLINK(\"https://evil.example\",\"open\")", "'@West", "Central"], read.Attributes[0].Values.Order(StringComparer.Ordinal));
        var breakdown = ScoringEngine.Score(read, new ScoringOptions { GroupBy = ["team"] }).Breakdowns[0];
        var expected = ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["team"] }).Breakdowns[0];
        Assert.Equal(expected.Groups.Select(g => (g.N, g.Scores?["a"])).Order(), breakdown.Groups.Select(g => (g.N, g.Scores?["a"])).Order());
        Assert.Equal(ExportKit.OverallJson(set, null), ExportKit.OverallJson(read, null));
    }

    [Fact]
    public void AnswersOnAScaleThatDoesNotStartAtOneAreWrittenAsGiven()
    {
        var instrument = InstrumentFile.Parse("""
            { "id": "wide", "name": "Wide", "version": "1", "scale": { "min": 0, "max": 10 },
              "dimensions": [ { "id": "d", "name": "D", "items": [ { "id": "Q1", "text": "q", "reverse": true }, { "id": "Q2", "text": "q" } ] } ] }
            """);
        var set = TestData.Build(instrument, Enumerable.Range(0, 6).Select(i => (TestData.Answers(("Q1", i * 2), ("Q2", 10 - i)), (Dictionary<string, string?>?)null)));

        var answers = AnonymousAnswers.From(set, 5);
        var csv = ExportKit.Csv(answers);

        Assert.Contains("\n0,10", csv.ReplaceLineEndings("\n"));
        Assert.Contains("\n10,5", csv.ReplaceLineEndings("\n"));
        Assert.Equal(ExportKit.OverallJson(set, null), ExportKit.OverallJson(ExportKit.ReadCsv(csv, instrument, []), null));
    }
}

using SalesWheel.Core.Exports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Tests.Exports;

namespace SalesWheel.Core.Tests.Exports;

public sealed class ResultsWorkbookTests
{
    private static readonly ScoringOptions Options = new() { GroupBy = ["role", "team"], Phase = CompanyPhase.Scale, Acv = AcvBand.Over50K };

    private static (Workbook Workbook, byte[] Bytes, ScoreReport Report, AnonymousAnswers Answers) Write(ResponseSet set, ScoringOptions options, WorkbookOptions? workbook = null)
    {
        var report = ScoringEngine.Score(set, options);
        var answers = AnonymousAnswers.From(set, options.MinimumGroupSize);
        using var stream = new MemoryStream();
        ResultsWorkbook.WriteAsync(stream, report, answers, workbook).GetAwaiter().GetResult();
        var bytes = stream.ToArray();
        return (Workbook.Read(bytes), bytes, report, answers);
    }

    [Fact]
    public void EveryDriverAndOutcomeFigureIsTheEnginesNumberStoredAsANumber()
    {
        var (book, _, report, _) = Write(ExportKit.Demo(300), Options);

        Assert.Equal(ResultsWorkbook.Sheets, book.SheetNames);
        var rows = book["Drivers"];
        Assert.Equal(["Driver", "Kind", "Half", "n", "Mean", "Score", "95% low", "95% high", "Favorable", "Neutral", "Unfavorable", "Alpha", "Alpha n", "Flags", "Priority rank", "Weight", "Priority"], rows[0]);
        Assert.Equal(report.Dimensions.Count + 1, rows.Count);
        Assert.Contains(report.Dimensions, d => d.Kind == "outcome");
        foreach (var (d, row) in report.Dimensions.Zip(rows.Skip(1)))
        {
            var priority = report.Priorities.SingleOrDefault(p => p.Dimension == d.Id);
            object?[] expected =
            [
                d.Name, d.Kind, d.Half, (double)d.N, d.Mean, d.Score, d.Ci95?.Low, d.Ci95?.High, d.Favorable, d.Neutral, d.Unfavorable,
                d.Alpha, (double)d.AlphaN, d.Flags.Count == 0 ? null : string.Join("; ", d.Flags.Select(f => f == "items-disagree" ? "items disagree (alpha < 0.7)" : "few answers (n < 10)")), (double?)priority?.Rank, priority?.Weight, priority?.Priority,
            ];
            Assert.Equal(expected, row);
        }

        Assert.Equal(1.0, book.Row("Drivers", report.Dimensions.Single(d => d.Id == report.Priorities[0].Dimension).Name)[14]);
    }

    [Fact]
    public void FacetAndItemFiguresAreTheEnginesNumbersWithTheStatementsText()
    {
        var (book, _, report, _) = Write(ExportKit.Demo(120), Options);

        var facets = book["Facets"].Skip(1).ToList();
        var expectedFacets = report.Dimensions.SelectMany(d => d.Facets.Select(f => new object?[]
            { d.Name, f.Name, (double)f.N, f.Mean, f.Score, f.Ci95?.Low, f.Ci95?.High, f.Favorable, f.Neutral, f.Unfavorable }.ToList())).ToList();
        Assert.Equal(expectedFacets, facets);

        var items = book["Items"].Skip(1).Where(r => r.Count == 8).ToList();
        var texts = BuiltInInstrument.Full.Items.ToDictionary(i => i.Id);
        var expectedItems = report.Dimensions.SelectMany(d => d.Items.Select(i => new object?[]
            { d.Name, BuiltInInstrument.Full.Dimensions.Single(x => x.Id == d.Id).Facets.Single(f => f.Items.Any(x => x.Id == i.Id)).Name, i.Id, texts[i.Id].Text, texts[i.Id].Reverse ? "reversed" : null, (double)i.N, i.Mean, i.Favorable }.ToList())).ToList();
        Assert.Equal(expectedItems, items);
    }

    [Fact]
    public void BreakdownsShowTheEnginesGroupScoresAndEveryHiddenGroupReadsTheSameWithNoNumber()
    {
        // Partners has a single seller among 60: hidden, and the next smallest team too (complementary suppression).
        // Both rows must read alike, or the reader learns which hidden team is the small one.
        var (book, _, report, _) = Write(ExportKit.Demo(60), Options);
        var rows = book["Breakdowns"];
        Assert.Equal(["Breakdown", "Group", "n", .. report.Dimensions.Select(ReportFormat.DimensionName), "Note"], rows[0]);

        var team = report.Breakdowns.Single(b => b.By == "team");
        Assert.Contains(team.Groups, g => g.Suppressed && g.N < 5);
        Assert.Contains(team.Groups, g => g.Suppressed && g.N >= 5);
        var hiddenRow = (List<object?>)[null, .. report.Dimensions.Select(_ => (object?)null), "hidden to protect anonymity"];
        foreach (var group in team.Groups)
        {
            var row = book.Row("Breakdowns", "team", group.Value);
            if (group.Suppressed)
            {
                Assert.Equal(["team", group.Value, .. hiddenRow], row);
            }
            else
            {
                Assert.Equal(["team", group.Value, (double)group.N!, .. report.Dimensions.Select(d => (object?)group.Scores![d.Id])], row.Take(3 + report.Dimensions.Count));
            }
        }

        // The n column holds the shown groups' sizes and nothing else.
        var sizes = rows.Skip(1).Where(r => r.Count > 2 && r[0] is "team" && r[2] is double).Select(r => (double)r[2]!).ToList();
        Assert.Equal(team.Groups.Where(g => !g.Suppressed).Select(g => (double)g.N!), sizes);

        var gap = book.Row("Breakdowns", "team", "Gap (highest − lowest shown)");
        Assert.Equal(report.Dimensions.Select(d => (object?)team.Gaps[d.Id]), gap.Skip(3));
        Assert.Contains(rows, r => r.Count > 0 && r[0] is string note
            && note.Contains("Some hidden groups may have 5 or more answers: they are hidden so that a smaller group cannot be worked out by subtraction.", StringComparison.Ordinal));
    }

    [Fact]
    public void NoColumnOfATableSheetMixesTextWithNumbers()
    {
        // A small team with hidden groups and a driver nobody answered in one group: the cases that used to put words in number columns.
        var (book, _, _, _) = Write(ExportKit.Demo(60), Options);

        foreach (var name in ResultsWorkbook.Sheets.Where(s => s != "Summary"))
        {
            var rows = book[name];
            var header = rows[0];
            for (var c = 0; c < header.Count; c++)
            {
                // Rows with a single cell are the sheet's notes, written across the first column.
                var kinds = rows.Skip(1).Where(r => r.Count(v => v is not null) > 1 && r.Count > c && r[c] is not null)
                    .Select(r => r[c]!.GetType().Name).Distinct().ToList();
                Assert.True(kinds.Count <= 1, $"{name}, column {header[c]}: {string.Join(" and ", kinds)}");
            }
        }
    }

    [Fact]
    public void TheAnswersSheetHoldsTheSameAnonymousRowsAsTheCsv()
    {
        var (book, _, _, answers) = Write(ExportKit.Demo(200), Options);

        var csv = ExportKit.Csv(answers).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var sheet = book["Answers"];
        Assert.Equal(csv.Length, sheet.Count);
        Assert.Equal(csv[0], string.Join(",", sheet[0]));
        for (var r = 1; r < csv.Length; r++)
        {
            Assert.Equal(csv[r], string.Join(",", sheet[r].Select(c => c is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : c)));
            Assert.All(sheet[r].Skip(2), c => Assert.True(c is null or double, $"row {r}: {c} is not a number"));
        }
    }

    [Fact]
    public void TheSummaryNamesTheContextTheStrongestAndWeakestDriversAndTheTopPriorities()
    {
        var (book, _, report, _) = Write(ExportKit.Demo(300), Options, new WorkbookOptions { Assessment = "Q3 team check", Organization = "Northwind Cloud", Invitations = 320 });

        var drivers = report.Dimensions.Where(d => d.Kind == "driver").ToList();
        var strongest = drivers.MaxBy(d => d.Score)!;
        var weakest = drivers.MinBy(d => d.Score)!;
        Assert.Equal("SalesWheel results: Q3 team check", book["Summary"][0][0]);
        Assert.Equal(["Organization", "Northwind Cloud"], book.Row("Summary", "Organization"));
        Assert.Equal(["Respondents", 300.0], book.Row("Summary", "Respondents"));
        Assert.Equal(["Invitations", 320.0], book.Row("Summary", "Invitations"));
        Assert.Equal(5.0, book.Row("Summary", "Minimum group size")[1]);
        Assert.Equal(["Company phase", "Scale"], book.Row("Summary", "Company phase"));
        Assert.Equal(["Deal size", "ACV over $50K"], book.Row("Summary", "Deal size"));
        Assert.Equal(["Strongest driver", strongest.Name, strongest.Score], book.Row("Summary", "Strongest driver"));
        Assert.Equal(["Weakest driver", weakest.Name, weakest.Score], book.Row("Summary", "Weakest driver"));
        var first = report.Priorities[0];
        Assert.Equal(["Fix first, #1", drivers.Single(d => d.Id == first.Dimension).Name, first.Score], book.Row("Summary", "Fix first, #1"));
        Assert.Contains("(other)", (string)book.Row("Summary", "Anonymity")[1]!);
    }

    [Fact]
    public void BelowTheMinimumGroupSizeTheWorkbookHoldsParticipationOnly()
    {
        var (book, _, report, _) = Write(ExportKit.Demo(4), Options, new WorkbookOptions { Assessment = "Tiny", Invitations = 9 });

        Assert.Equal(["Summary"], book.SheetNames);
        Assert.Equal(["Respondents", 4.0], book.Row("Summary", "Respondents"));
        Assert.Contains("at least 5 people", (string)book.Row("Summary", "Results")[1]!);
        var numbers = book["Summary"].SelectMany(r => r).OfType<double>().ToList();
        Assert.Equal([4.0, 9.0, 5.0], numbers);
        var texts = string.Join(" ", book["Summary"].SelectMany(r => r).OfType<string>());
        Assert.DoesNotContain(report.Dimensions[0].Name, texts);
    }

    [Fact]
    public void TheCommandLinesWorkbookShowsScoresBelowKButNoAnswers()
    {
        var (book, _, report, _) = Write(ExportKit.Demo(4), Options, new WorkbookOptions { ParticipationOnlyBelowMinimumGroupSize = false });

        Assert.Equal(ResultsWorkbook.Sheets, book.SheetNames);
        Assert.Equal(report.Dimensions[0].Score, book["Drivers"][1][5]);
        Assert.Equal(2, book["Answers"].Count);
        Assert.StartsWith("No answers: fewer than 5 people answered", (string)book["Answers"][1][0]!);
    }

    [Fact]
    public void HeaderRowsAreFrozenColumnsHaveWidthsAndNumbersHaveFormats()
    {
        var (book, bytes, _, _) = Write(ExportKit.Demo(60), Options);

        Assert.All(ResultsWorkbook.Sheets, sheet => Assert.Equal(1, book.FrozenRows(sheet)));
        Assert.Equal(24, book.Width("Drivers", 1));
        Assert.Equal(80, book.Width("Items", 4));
        Assert.Equal(8, book.Width("Answers", 3));
        Assert.Equal("#,##0", Workbook.NumberFormat(bytes, "Drivers", 1, 3)); // n
        Assert.Equal("0.00", Workbook.NumberFormat(bytes, "Drivers", 1, 4)); // mean
        Assert.Equal("0.0", Workbook.NumberFormat(bytes, "Drivers", 1, 5)); // score
        Assert.Equal("0%", Workbook.NumberFormat(bytes, "Drivers", 1, 8)); // favorable
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Tests.Reports.ReportSamples;

namespace SalesWheel.Core.Tests.Reports;

public sealed partial class PdfReportTests
{
    private static readonly Lazy<ScoreReport> DemoReport = new(() => Demo());
    private static readonly Lazy<byte[]> DemoPdf = new(() => Pdf(DemoReport.Value));

    [Fact]
    public void TheReportRunsFromCoverToMethodInTheOrderABoardReadsIt()
    {
        using var pdf = new Poppler(DemoPdf.Value);
        var text = pdf.Text();

        string[] sections =
        [
            "SALES PERFORMANCE REPORT", "Acme Robotics", "Q3 team assessment", "Opened 1 September 2026; closed 14 September 2026",
            "300 people answered of 340 invited (88%)", "The wheel", "Summary", "Scores by driver", "Fix first", "Perception gaps",
            "By role", "By team", "Reliability", "How the numbers are made", "Priorities",
        ];
        var at = 0;
        foreach (var section in sections)
        {
            var next = text.IndexOf(section, at, StringComparison.Ordinal);
            Assert.True(next >= 0, $"\"{section}\" is missing or out of order");
            at = next + section.Length;
        }
    }

    [Fact]
    public void EveryPageIsNumberedAndTheContentsPointToTheRightPages()
    {
        using var pdf = new Poppler(DemoPdf.Value);
        var count = pdf.PageCount;

        Assert.InRange(count, 6, 10); // 10 since issue 14 added the Key drivers section (about a page)
        for (var page = 1; page <= count; page++)
        {
            Assert.Contains($"Page {page} of {count}", pdf.PageText(page));
        }

        var cover = pdf.PageText(1);
        foreach (var (title, heading) in new[] { ("Scores by driver", "Scores by driver"), ("Perception gaps by group", "Perception gaps"), ("How the numbers are made", "How the numbers are made") })
        {
            var listed = int.Parse(Regex.Match(cover, Regex.Escape(title) + @"[ .]*(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Contains(pdf.PageText(listed).Split('\n'), l => l.Trim() == heading);
            Assert.DoesNotContain(pdf.PageText(listed - 1).Split('\n'), l => l.Trim() == heading);
        }
    }

    [Fact]
    public void TheDriverTableShowsTheEnginesScoreIntervalSplitAndCountForEveryDriver()
    {
        var report = DemoReport.Value;
        using var pdf = new Poppler(DemoPdf.Value);
        var lines = pdf.Text().Split('\n');
        var table = Array.FindIndex(lines, l => l.Trim() == "Scores by driver");

        foreach (var d in report.Dimensions)
        {
            var row = lines.Skip(table).First(l => l.TrimStart().StartsWith(d.Name.Split(' ')[0], StringComparison.Ordinal) && l.Contains('%'));
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var expected = new[]
            {
                ReportFormat.Score(d.Score), ReportFormat.Interval(d.Ci95), ReportFormat.Percent(d.Favorable),
                ReportFormat.Percent(d.Neutral), ReportFormat.Percent(d.Unfavorable), ReportFormat.Count(d.N),
            };
            Assert.Equal(expected, cells[^expected.Length..]);
        }
    }

    [Fact]
    public void TheTopThreePrioritiesShowTheEnginesNumbersAndTheirReasons()
    {
        var report = DemoReport.Value;
        using var pdf = new Poppler(DemoPdf.Value);
        var text = Flat(pdf.RawText());

        foreach (var p in report.Priorities.Take(3))
        {
            Assert.Contains($"Priority {ReportFormat.Score(p.Priority)} = weight {p.Weight.ToString("0.00", CultureInfo.InvariantCulture)} × (100 − score {ReportFormat.Score(p.Score)})", text);
            Assert.Contains("Why: " + PriorityExplanation.Reason(p, report.Context) + ".", text);
        }

        Assert.DoesNotContain($"Priority {ReportFormat.Score(report.Priorities[3].Priority)} =", text);
    }

    [Fact]
    public void TheSummaryParagraphIsTheOneTheWebPageShows()
    {
        using var pdf = new Poppler(DemoPdf.Value);

        Assert.Contains(ExecutiveSummary.Write(DemoReport.Value), Flat(pdf.RawText()));
    }

    [Fact]
    public void HeatmapCellsAreTheEnginesGroupScoresAndGapsAndTheLargestGapIsNamed()
    {
        var report = DemoReport.Value;
        using var pdf = new Poppler(DemoPdf.Value);
        var lines = pdf.Text().Split('\n');

        foreach (var breakdown in report.Breakdowns)
        {
            var start = Array.FindIndex(lines, l => l.Trim().StartsWith($"By {breakdown.By}", StringComparison.Ordinal));
            Assert.True(start >= 0, $"no heatmap by {breakdown.By}");
            foreach (var d in report.Dimensions.Where(d => d.Kind == "driver"))
            {
                var row = lines.Skip(start).First(l => l.TrimStart().StartsWith(d.Name, StringComparison.Ordinal));
                var expected = breakdown.Groups.Where(g => !g.Suppressed).Select(g => ReportFormat.Score(g.Scores![d.Id]))
                    .Append(ReportFormat.Score(breakdown.Gaps[d.Id]));
                Assert.Equal(expected, row.TrimStart()[d.Name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => c != "hidden"));
            }

            var gap = PerceptionGap.Largest(breakdown, report.Dimensions)!;
            Assert.Contains($"Largest gap: {gap.Dimension.Name}, {ReportFormat.Score(gap.Gap)} points.", Flat(pdf.RawText()));
        }
    }

    [Fact]
    public void ASmallGroupIsMarkedHiddenAndNoneOfItsNumbersAppear()
    {
        var report = SmallTeam();
        using var pdf = new Poppler(Pdf(report));
        var text = Flat(pdf.RawText());

        Assert.Contains("hidden to protect anonymity", text);
        Assert.Contains("Some hidden groups may have 5 or more answers: they are hidden so that a smaller group cannot be worked out by subtraction.", text);
        Assert.DoesNotContain("12.5", text); // Tiny's score
        Assert.DoesNotContain("75.0", text); // Alpha's, hidden so Tiny cannot be worked out from the total
        Assert.DoesNotContain("n=2", text);
        Assert.Contains("100.0", text); // Beta is shown
        Assert.Contains("Largest gap: Strategy, 50.0 points. The Beta team sees it at 100.0, the Gamma team at 50.0.", text);
    }

    [Fact]
    public void ASmallTeamAndTheTeamHiddenWithItReadExactlyAlikeInTheHeatmap()
    {
        // Six people: West (one person, score 0) is under k = 5; East (five, score 75) is hidden so West is not "all minus East".
        var report = SmallTeam(5, [.. Enumerable.Repeat(("seller", "East", 4), 5), ("seller", "West", 1)]);
        Assert.All(report.Breakdowns.Single(b => b.By == "team").Groups, g => Assert.True(g.Suppressed));
        using var pdf = new Poppler(Pdf(report));
        var words = pdf.Words();

        // The team heatmap: from its title to the sentence under it.
        var title = words.Select((w, i) => (w, i)).First(x => x.w.Text == "By" && words[x.i + 1].Text == "team" && x.w.XMin < 80).i;
        var end = words.Select((w, i) => (w, i)).First(x => x.i > title && x.w.Text == "Fewer" && words[x.i + 1].Text == "than" && words[x.i + 2].Text == "two").i;
        var heatmap = words.Skip(title).Take(end - title).ToList();
        var east = heatmap.First(w => w.Text == "East");
        var west = heatmap.First(w => w.Text == "West");
        var columnWidth = west.XCenter - east.XCenter;

        // What each column says, row by row, without the group's own name: the two must be the same words at the same heights.
        List<(int Page, double Y, string Text)> Column(PdfWord name) => heatmap
            .Where(w => w != name && Math.Abs(w.XCenter - name.XCenter) < columnWidth / 2)
            .Select(w => (w.Page, Math.Round(w.YMin, 1), w.Text))
            .ToList();
        var eastColumn = Column(east);
        Assert.Equal(eastColumn, Column(west));
        Assert.Equal("hidden hidden to protect anonymity", string.Join(" ", eastColumn.Select(c => c.Text)));

        var text = Flat(pdf.RawText());
        Assert.DoesNotMatch(@"n\s*=\s*[15]\b", text);
        Assert.DoesNotContain("75.0", text); // East's score
        Assert.Contains("Some hidden groups may have 5 or more answers: they are hidden so that a smaller group cannot be worked out by subtraction.", text);
    }

    [Fact]
    public void BelowTheMinimumGroupSizeThePdfIsTheCoverWithParticipationOnly()
    {
        var report = SmallTeam(5, ("seller", "East", 1), ("seller", "East", 2), ("leader", "East", 2));
        using var pdf = new Poppler(Pdf(report, Cover() with { Invited = 7 }));
        var text = Flat(pdf.RawText());

        Assert.Equal(1, pdf.PageCount);
        Assert.Contains("3 people answered of 7 invited (43%)", text);
        Assert.Contains("Not enough answers to show results.", text);
        Assert.Contains("results need at least 5", text);
        Assert.All(report.Dimensions, d => Assert.DoesNotContain(d.Name, text.Replace("Sales Performance Wheel", "", StringComparison.Ordinal)));
        Assert.DoesNotMatch(@"\d+\.\d", text);
        Assert.Equal(0, pdf.ImageCount());
    }

    [Fact]
    public void WhoeverHoldsTheAnswersMayPrintTheResultOfASmallGroup()
    {
        var report = SmallTeam(5, ("seller", "East", 1), ("seller", "East", 2), ("leader", "East", 2));
        using var pdf = new Poppler(Pdf(report, Cover() with { ShowResultBelowMinimumGroupSize = true }));
        var text = Flat(pdf.RawText());

        Assert.Contains("16.7", text); // (1 + 2 + 2) / 3 on 1..5
        Assert.Contains("Fix first", text);
        Assert.DoesNotContain("Not enough answers", text);
    }

    [Theory]
    [InlineData(PaperSize.A4, 595.28, 841.89)]
    [InlineData(PaperSize.Letter, 612, 792)]
    public void EveryPageHasThePaperSizeAskedFor(PaperSize paper, double width, double height)
    {
        using var pdf = new Poppler(Pdf(DemoReport.Value, paper: paper));

        var sizes = pdf.PageSizes();
        Assert.Equal(pdf.PageCount, sizes.Count);
        Assert.All(sizes, s =>
        {
            // pdfinfo prints whole points.
            Assert.Equal(width, s.Width, 0.5);
            Assert.Equal(height, s.Height, 0.5);
        });
        Assert.Contains(paper == PaperSize.A4 ? "(A4)" : "(letter)", pdf.Info());
    }

    [Fact]
    public void TheFontsAreEmbeddedTheTextIsSelectableAndTheWheelIsVectorsNotAPicture()
    {
        using var pdf = new Poppler(DemoPdf.Value);

        var fonts = pdf.Fonts();
        Assert.Contains(fonts, f => f.Name.EndsWith("DejaVuSans", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Name.EndsWith("DejaVuSans-Bold", StringComparison.Ordinal));
        Assert.All(fonts, f => Assert.True(f.Embedded, $"{f.Name} is not embedded"));
        Assert.Equal(0, pdf.ImageCount());

        // The wheel's labels are text in the PDF, as in the SVG: each driver's name and whole score.
        var wheelPage = pdf.PageText(2);
        foreach (var d in DemoReport.Value.Dimensions.Where(d => d.Kind == "driver"))
        {
            Assert.Contains(d.Name, wheelPage);
            Assert.Contains(Math.Round(d.Score!.Value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + " (", wheelPage);
        }

        Assert.Contains("Title:           Q3 team assessment: sales performance report", pdf.Info());
    }

    [Fact]
    public void EveryPageRendersToAnImageWithTheCoverBandAndTheWheelInTheirColours()
    {
        using var pdf = new Poppler(DemoPdf.Value);

        var pages = pdf.RenderPages(dpi: 72);
        Assert.Equal(pdf.PageCount, pages.Count);
        using var cover = SKBitmap.Decode(pages[0]);
        Assert.Equal((595, 842), (cover.Width, cover.Height));
        Assert.Equal(SKColor.Parse("#1f2937"), cover.GetPixel(20, 20)); // the dark band
        using var wheel = SKBitmap.Decode(pages[1]);
        var bandColours = ScoreBand.All.Select(b => SKColor.Parse(b.Colour)).ToList();
        var coloured = 0;
        for (var y = 0; y < wheel.Height; y += 3)
        {
            for (var x = 0; x < wheel.Width; x += 3)
            {
                var p = wheel.GetPixel(x, y);
                coloured += bandColours.Any(c => Math.Abs(c.Red - p.Red) + Math.Abs(c.Green - p.Green) + Math.Abs(c.Blue - p.Blue) < 30) ? 1 : 0;
            }
        }

        Assert.True(coloured > 500, $"only {coloured} sampled pixels of the wheel page are in the score colours");
    }

    [Theory]
    [InlineData(PaperSize.A4)]
    [InlineData(PaperSize.Letter)]
    public void NoPageButTheLastIsLeftNearlyEmptyByASectionBreak(PaperSize paper)
    {
        // By role alone, the reliability table used to spill two rows onto a page of their own (86 people, A4), and with
        // nine people its flagged drivers' sentences three lines onto one (US Letter).
        var cases = new[] { ("demo", DemoReport.Value), ("small team", SmallTeam()), ("86 by role", ByRole(86, seed: 4)), ("9 by role", ByRole(9, seed: 2026)) };
        foreach (var (name, report) in cases)
        {
            using var pdf = new Poppler(Pdf(report, paper: paper));
            var sizes = pdf.PageSizes();
            var words = pdf.Words();
            for (var page = 1; page < pdf.PageCount; page++)
            {
                // The body runs between the running header and the footer (50 pt each); measure down to its last line.
                var height = sizes[page - 1].Height;
                var body = words.Where(w => w.Page == page && w.YMin > 50 && w.YMax < height - 50).ToList();
                var used = body.Count == 0 ? 0 : (body.Max(w => w.YMax) - 50) / (height - 100);
                Assert.True(used >= 0.4, $"{name}, {paper}: page {page} of {pdf.PageCount} is {used:P0} full");
            }
        }
    }

    private static ScoreReport ByRole(int respondents, int seed)
    {
        var instrument = Core.Instruments.BuiltInInstrument.Full;
        var set = new ResponseSet(instrument, ["role"]);
        foreach (var r in Core.Samples.DemoCompany.Respondents(instrument, respondents, seed))
        {
            r.Answers.CopyTo(set.AddRow());
            set.Attributes[0].Append(r.Role);
        }

        return ScoringEngine.Score(set, new ScoringOptions { Phase = CompanyPhase.Scale, Acv = AcvBand.From15KTo50K, GroupBy = ["role"] });
    }

    [Fact]
    public void TheSameReportGivesTheSameDocument()
    {
        Assert.Equal(Pdf(SmallTeam()), Pdf(SmallTeam()));
    }

    /// <summary>Text as one line of words, as copied out of the PDF.</summary>
    private static string Flat(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>
/// Scores by driver, outcomes apart, with the band legend and how to read the table; then, when given, each driver's
/// benchmark (<see cref="ReportExtras.Benchmarks"/>) next to its score.
/// </summary>
internal sealed class DriversSection(IReadOnlyDictionary<string, string> benchmarks) : ReportSection
{
    /// <inheritdoc />
    public override string Title => "Scores by driver";

    /// <inheritdoc />
    public override bool OpensPage => true;

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report) => DriverTable(pages, report, benchmarks);

    private static void DriverTable(PdfPages pages, ScoreReport report, IReadOnlyDictionary<string, string> benchmarks)
    {
        Heading(pages, "Scores by driver",
            "Score 0–100 (0: everyone chose the lowest answer, 100: everyone the highest), with its 95% interval and how the answers split. "
            + "n is the number of people counted for the driver.");
        var drivers = report.Dimensions.Where(d => d.Kind == "driver").ToList();
        DimensionTable(pages, drivers);
        if (drivers.Any(d => benchmarks.ContainsKey(d.Id)))
        {
            pages.Space(10);
            Subheading(pages, "Compared with organizations like yours", 60);
            BenchmarkTable(pages, drivers.Where(d => benchmarks.ContainsKey(d.Id)).ToList(), benchmarks);
        }

        var outcomes = report.Dimensions.Where(d => d.Kind == "outcome").ToList();
        if (outcomes.Count > 0)
        {
            pages.Space(10);
            Subheading(pages, "Outcomes (measured alongside, not on the wheel)", 60);
            DimensionTable(pages, outcomes, "Outcome");
        }

        pages.Space(4);
        var legendY = pages.Y;
        var x = pages.Left;
        foreach (var scoreBand in ScoreBand.All)
        {
            pages.Fill(new SKRect(x, legendY + 1, x + 8, legendY + 9), SKColor.Parse(scoreBand.Colour), 1.5f);
            pages.Text(scoreBand.Label, x + 12, legendY + 8, Tiny);
            x += 22 + pages.Measure(scoreBand.Label, Tiny);
        }

        pages.Y += 16;
        pages.Paragraph("Favorable: share of answers in the top two points of the scale; unfavorable: the bottom two; neutral: the rest. "
            + $"Flags: \"items disagree\" when the driver's statements do not measure one thing for these people (alpha below {Reliability.MinimumAlphaText}), "
            + $"\"few answers\" when fewer than {Reliability.MinimumAnswers} people are counted; \"{NoScore.Mark}\" when no one answered at least half of its statements (why: under Reliability).", Tiny, after: 0);
    }

    private static void DimensionTable(PdfPages pages, IReadOnlyList<DimensionResult> dimensions, string first = "Driver")
    {
        var columns = new Column[]
        {
            new(first, 0, false), new("Score", 50, true), new("95% interval", 66, true), new("Favorable", 54, true),
            new("Neutral", 48, true), new("Unfavorable", 62, true), new("n", 38, true), new("Flags", 74, false),
        };
        columns[0] = columns[0] with { Width = pages.ContentWidth - columns.Skip(1).Sum(c => c.Width) };
        TableHeader(pages, columns);
        for (var r = 0; r < dimensions.Count; r++)
        {
            var d = dimensions[r];
            var flags = NoScore.Marks(d, Reliability.Name);
            var nameLines = pages.Wrap(d.Name, Cell.Heavy(), columns[0].Width - 8);
            var height = Math.Max(24, (Math.Max(flags.Count, nameLines.Count) * 10) + 12);
            var top = TableRow(pages, columns, r, height);

            var x = pages.Left;
            var baseline = top + 14;
            pages.TextBlock(pages.Canvas, d.Name, x + 4, top + 6, columns[0].Width - 8, Cell.Heavy() with { Size = 9 });
            x += columns[0].Width;

            if (d.Score is { } score)
            {
                pages.Fill(new SKRect(x + 8, baseline - 7.5f, x + 16, baseline + 0.5f), SKColor.Parse(ScoreBand.Of(score).Colour), 1.5f);
            }

            pages.Text(ReportFormat.Score(d.Score), x + columns[1].Width - 4, baseline, Cell.Heavy(), SKTextAlign.Right);
            x += columns[1].Width;
            pages.Text(ReportFormat.Interval(d.Ci95), x + columns[2].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[2].Width;
            var splitLeft = x;
            pages.Text(ReportFormat.Percent(d.Favorable), x + columns[3].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[3].Width;
            pages.Text(ReportFormat.Percent(d.Neutral), x + columns[4].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[4].Width;
            pages.Text(ReportFormat.Percent(d.Unfavorable), x + columns[5].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[5].Width;
            SplitBar(pages, d, splitLeft + 10, x - 4, baseline + 5);
            pages.Text(ReportFormat.Count(d.N), x + columns[6].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[6].Width;
            for (var f = 0; f < flags.Count; f++)
            {
                pages.Text(flags[f], x + 8, baseline + (f * 10), Cell.With(Warning) with { Size = 8 });
            }

            pages.Y = top + height;
            pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
        }

        pages.Y += 6;
    }

    /// <summary>
    /// Each driver's score with its percentile among comparable organizations (same phase and ACV band), where it comes
    /// from and how many organizations it rests on, as the results page says it.
    /// </summary>
    private static void BenchmarkTable(PdfPages pages, IReadOnlyList<DimensionResult> drivers, IReadOnlyDictionary<string, string> benchmarks)
    {
        var columns = new Column[] { new("Driver", 120, false), new("Score", 50, true), new("Percentile among comparable organizations", 0, false) };
        columns[2] = columns[2] with { Width = pages.ContentWidth - columns[0].Width - columns[1].Width };
        TableHeader(pages, columns);
        for (var r = 0; r < drivers.Count; r++)
        {
            var d = drivers[r];
            var text = benchmarks[d.Id];
            var lines = Math.Max(pages.Wrap(d.Name, Cell, columns[0].Width - 8).Count, pages.Wrap(text, Cell, columns[2].Width - 8).Count);
            var height = (lines * Cell.LineHeight) + 10;
            var top = TableRow(pages, columns, r, height);
            var x = pages.Left;
            pages.TextBlock(pages.Canvas, d.Name, x + 4, top + 5, columns[0].Width - 8, Cell);
            x += columns[0].Width;
            pages.Text(ReportFormat.Score(d.Score), x + columns[1].Width - 4, top + 13, Cell, SKTextAlign.Right);
            x += columns[1].Width;
            pages.TextBlock(pages.Canvas, text, x + 8, top + 5, columns[2].Width - 12, Cell);
            pages.Y = top + height;
            pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
        }

        pages.Y += 6;
    }

    /// <summary>A thin bar under the three shares: favorable, neutral, unfavorable.</summary>
    private static void SplitBar(PdfPages pages, DimensionResult d, float left, float right, float top)
    {
        if (d.Favorable is not { } favorable || d.Neutral is not { } neutral || d.Unfavorable is not { } unfavorable)
        {
            return;
        }

        var width = right - left;
        var x = left;
        foreach (var (share, colour) in new[] { (favorable, "#0072B2"), (neutral, "#d1d5db"), (unfavorable, "#D55E00") })
        {
            var w = (float)(share * width);
            if (w > 0)
            {
                pages.Fill(new SKRect(x, top, x + w, top + 3), SKColor.Parse(colour));
            }

            x += w;
        }
    }
}

using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>Perception gaps: a heatmap per breakdown, hidden groups hatched and all worded alike.</summary>
internal sealed class HeatmapSection : ReportSection
{
    /// <inheritdoc />
    public override string Title => "Perception gaps by group";

    /// <inheritdoc />
    public override float Height(PdfPages pages, ScoreReport report) => HeatmapsStartHeight(pages, report);

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report) => Heatmaps(pages, report);

    /// <inheritdoc />
    public override bool Shows(ScoreReport report) => report.Breakdowns.Count > 0;

    private const float GroupColumnMinimum = 54;

    private static string HeatmapsLead(ScoreReport report) =>
        $"The same drivers as each group sees them, score 0–100. Groups with fewer than {report.Context.MinGroupSize} answers are never shown. "
        + $"Gap = highest minus lowest shown group; a gap of {PerceptionGap.Highlighted.ToString("0", Invariant)} points or more is boxed.";

    /// <summary>The heading and the first heatmap, kept on one page.</summary>
    private static float HeatmapsStartHeight(PdfPages pages, ScoreReport report) =>
        HeadingHeight(pages, HeatmapsLead(report)) + HeatmapHeight(report);

    /// <summary>About the height of one heatmap: subheading, group names, a row per dimension, the gap sentence.</summary>
    private static float HeatmapHeight(ScoreReport report) => H2.LineHeight + 4 + 44 + (report.Dimensions.Count * 19) + 8 + 40;

    private static void Heatmaps(PdfPages pages, ScoreReport report)
    {
        Heading(pages, "Perception gaps", HeatmapsLead(report));
        var first = true;
        foreach (var breakdown in report.Breakdowns)
        {
            if (!first)
            {
                pages.Space(14);
                pages.Need(HeatmapHeight(report));
            }

            first = false;
            Heatmap(pages, report, breakdown);
        }
    }

    private static void Heatmap(PdfPages pages, ScoreReport report, Breakdown breakdown)
    {
        var k = report.Context.MinGroupSize;
        var dimensions = report.Dimensions;
        const float nameWidth = 112;
        const float gapWidth = 44;
        var groupArea = pages.ContentWidth - nameWidth - gapWidth;
        var perChunk = Math.Max(1, (int)(groupArea / GroupColumnMinimum));
        var groups = breakdown.Groups;
        var chunks = groups.Count == 0 ? 1 : (groups.Count + perChunk - 1) / perChunk;
        for (var c = 0; c < chunks; c++)
        {
            var chunk = groups.Skip(c * perChunk).Take(perChunk).ToList();
            var title = $"By {breakdown.By}" + (chunks > 1 ? $" (groups {(c * perChunk) + 1}–{(c * perChunk) + chunk.Count} of {groups.Count})" : "");
            Subheading(pages, title, 110);
            var width = chunk.Count == 0 ? groupArea : Math.Min(groupArea / chunk.Count, 92);
            HeatmapChunk(pages, breakdown, chunk, dimensions, nameWidth, width, gapWidth);
        }

        var gap = PerceptionGap.Largest(breakdown, dimensions);
        string sentence;
        if (gap is null)
        {
            sentence = "Fewer than two groups can be shown, so there is no gap to compare.";
        }
        else
        {
            sentence = $"Largest gap: {gap.Dimension.Name}, {ReportFormat.Score(gap.Gap)} points. {ReportFormat.Capitalized(PerceptionGap.People(gap.By, gap.High.Value))} {gap.Sees} it at "
                + $"{ReportFormat.Score(gap.High.Score)}, {PerceptionGap.People(gap.By, gap.Low.Value)} at {ReportFormat.Score(gap.Low.Score)}."
                + (gap.Gap >= PerceptionGap.Highlighted ? "" : $" No gap reaches {PerceptionGap.Highlighted.ToString("0", Invariant)} points.");
        }

        pages.Paragraph(sentence, Body, after: 4);
        if (groups.Any(g => g.Suppressed))
        {
            pages.Paragraph(ReportFormat.HiddenGroupsNote(report.Context.MinGroupSize), Tiny, after: 0);
        }
    }

    private static void HeatmapChunk(PdfPages pages, Breakdown breakdown, List<BreakdownGroup> groups, IReadOnlyList<DimensionResult> dimensions,
        float nameWidth, float groupWidth, float gapWidth)
    {
        const float rowHeight = 19;

        // Group names wrap at spaces; shrink the type until every word fits its column.
        var groupStyle = HeaderCell with { Size = 8, Color = Ink };
        while (groupStyle.Size > 6 && groups.Any(g => ReportFormat.GroupValue(g.Value).Split(' ').Any(w => pages.Measure(w, groupStyle) > groupWidth - 6)))
        {
            groupStyle = groupStyle with { Size = groupStyle.Size - 0.5f };
        }

        var headerHeight = 0f;
        foreach (var g in groups)
        {
            headerHeight = Math.Max(headerHeight, pages.TextHeight(ReportFormat.GroupValue(g.Value), groupStyle, groupWidth - 6));
        }

        headerHeight += Tiny.LineHeight + 8;
        var right = pages.Left + nameWidth + (groupWidth * groups.Count) + gapWidth;

        float Header()
        {
            pages.Need(headerHeight + (rowHeight * Math.Min(3, dimensions.Count)));
            var top = pages.Y;
            pages.Text("Driver", pages.Left + 4, top + headerHeight - 5, HeaderCell);
            var x = pages.Left + nameWidth;
            foreach (var g in groups)
            {
                pages.TextBlock(pages.Canvas, ReportFormat.GroupValue(g.Value), x + 3, top + 2, groupWidth - 6, groupStyle, SKTextAlign.Center);
                pages.Text(g.N is { } n ? $"n={ReportFormat.Count(n)}" : "hidden", x + (groupWidth / 2), top + headerHeight - 5, Tiny, SKTextAlign.Center);
                x += groupWidth;
            }

            pages.Text("Gap", right - 4, top + headerHeight - 5, HeaderCell, SKTextAlign.Right);
            pages.Y = top + headerHeight;
            pages.Line(pages.Left, pages.Y, right, pages.Y, Ink, 0.8f);
            return pages.Y;
        }

        void HiddenLabels(float top, float bottom)
        {
            var x = pages.Left + nameWidth;
            foreach (var g in groups)
            {
                if (g.Suppressed)
                {
                    // The same words for every hidden group: which one is the small one must not show.
                    var text = ReportFormat.HiddenGroup;
                    var style = Tiny with { Color = Muted, Bold = true };
                    var height = pages.TextHeight(text, style, groupWidth - 8);
                    var labelTop = top + ((bottom - top - height) / 2);
                    pages.Fill(new SKRect(x + 3, labelTop - 4, x + groupWidth - 3, labelTop + height + 2), HiddenFill, 2);
                    pages.TextBlock(pages.Canvas, text, x + 4, labelTop, groupWidth - 8, style, SKTextAlign.Center);
                }

                x += groupWidth;
            }
        }

        var segmentTop = Header();
        for (var r = 0; r < dimensions.Count; r++)
        {
            var d = dimensions[r];
            if (pages.Y + rowHeight > pages.Bottom)
            {
                HiddenLabels(segmentTop, pages.Y);
                pages.NewPage();
                segmentTop = Header();
            }

            var top = pages.Y;
            var name = RowName(d);
            var nameStyle = Cell with { Size = 8.5f };
            while (pages.Measure(name, nameStyle) > nameWidth - 6 && name.Length > 4)
            {
                name = name[..^2].TrimEnd() + "…";
                name = name.Replace("……", "…", StringComparison.Ordinal);
            }

            pages.Text(name, pages.Left + 4, top + 13, nameStyle);
            var x = pages.Left + nameWidth;
            foreach (var g in groups)
            {
                var cell = new SKRect(x + 1.5f, top + 1.5f, x + groupWidth - 1.5f, top + rowHeight - 1.5f);
                if (g.Suppressed)
                {
                    Hatch(pages, cell);
                }
                else if (g.Scores?.GetValueOrDefault(d.Id) is { } score)
                {
                    var scoreBand = ScoreBand.Of(score);
                    pages.Fill(cell, SKColor.Parse(scoreBand.Tint), 2);
                    pages.Text(ReportFormat.Score(score), x + (groupWidth / 2), top + 13, Cell.With(SKColor.Parse(scoreBand.TintText)), SKTextAlign.Center);
                }
                else
                {
                    pages.Text("–", x + (groupWidth / 2), top + 13, Cell.With(Muted), SKTextAlign.Center);
                }

                x += groupWidth;
            }

            var gap = breakdown.Gaps.GetValueOrDefault(d.Id);
            if (gap >= PerceptionGap.Highlighted)
            {
                var box = new SKRect(right - gapWidth + 5, top + 2, right - 1, top + rowHeight - 2);
                pages.Fill(box, SKColor.Parse("#fde8da"), 2);
                pages.Stroke(pages.Canvas, box, SKColor.Parse("#D55E00"), 1, 2);
                pages.Text(ReportFormat.Score(gap), right - 4, top + 13, Cell.Heavy().With(Warning), SKTextAlign.Right);
            }
            else
            {
                pages.Text(ReportFormat.Score(gap), right - 4, top + 13, Cell.With(Muted), SKTextAlign.Right);
            }

            pages.Y = top + rowHeight;
        }

        HiddenLabels(segmentTop, pages.Y);
        pages.Line(pages.Left, pages.Y, right, pages.Y, Rule);
        pages.Y += 8;
    }

    private static void Hatch(PdfPages pages, SKRect cell)
    {
        pages.Fill(cell, HiddenFill, 2);
        pages.Canvas.Save();
        pages.Canvas.ClipRect(cell);
        for (var x = cell.Left - cell.Height; x < cell.Right; x += 6)
        {
            pages.Line(x, cell.Bottom, x + cell.Height, cell.Top, HiddenHatch, 1.2f);
        }

        pages.Canvas.Restore();
    }
}

using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>What every page carries besides its section: the contents under the cover, the running header, the footer.</summary>
internal static class PageFrame
{
    internal static void Contents(PdfPages pages, SKCanvas canvas, List<(string Title, int Page)> contents, float top)
    {
        var y = top + 26;
        pages.Text(canvas, "In this report", pages.Left, PdfPages.Baseline(y, H2), H2);
        y += H2.LineHeight + 6;
        foreach (var (title, page) in contents)
        {
            var number = (page + 1).ToString(Invariant);
            // A long title (a wave's name) wraps; the dots and the page number go on its last line.
            var lines = pages.Wrap(title, Body, pages.ContentWidth - 40);
            foreach (var line in lines[..^1])
            {
                pages.Text(canvas, line, pages.Left, PdfPages.Baseline(y, Body), Body);
                y += Body.LineHeight;
            }

            pages.Text(canvas, lines[^1], pages.Left, PdfPages.Baseline(y, Body), Body);
            pages.Text(canvas, number, pages.Right, PdfPages.Baseline(y, Body), Body.Heavy(), SKTextAlign.Right);
            var from = pages.Left + pages.Measure(lines[^1], Body) + 6;
            var to = pages.Right - pages.Measure(number, Body.Heavy()) - 6;
            for (var x = from; x < to; x += 4)
            {
                pages.Circle(canvas, x, PdfPages.Baseline(y, Body) - 1, 0.5f, Faint);
            }

            y += Body.LineHeight + 4;
        }
    }

    internal static void RunningHeader(PdfPages pages, SKCanvas canvas, ReportCover cover)
    {
        var left = cover.OrganizationName is { Length: > 0 } org ? $"{org} · {cover.AssessmentName}" : cover.AssessmentName;
        var maxWidth = pages.ContentWidth - 150;
        while (pages.Measure(left, Tiny) > maxWidth && left.Length > 4)
        {
            left = left[..^2] + "…";
            left = left.Replace("……", "…", StringComparison.Ordinal);
        }

        pages.Text(canvas, left, pages.Left, 38, Tiny);
        pages.Text(canvas, "Sales performance report", pages.Right, 38, Tiny, SKTextAlign.Right);
        pages.Line(canvas, pages.Left, 44, pages.Right, 44, Rule);
    }

    internal static void Footer(PdfPages pages, SKCanvas canvas, ScoreReport report, int index, int count)
    {
        var y = pages.Height - 40;
        pages.Line(canvas, pages.Left, y - 10, pages.Right, y - 10, Rule);
        pages.Text(canvas, $"Confidential · groups under {report.Context.MinGroupSize} people are never shown", pages.Left, y, Tiny);
        pages.Text(canvas, $"Page {index + 1} of {count}", pages.Right, y, Tiny, SKTextAlign.Right);
    }
}

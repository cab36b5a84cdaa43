using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>"Fix first": the top three priorities with their reasons, then the rest in one line; kept on one page.</summary>
internal sealed class PrioritiesSection : ReportSection
{
    /// <inheritdoc />
    public override string Title => "Fix first: the top three priorities";

    /// <inheritdoc />
    public override float Height(PdfPages pages, ScoreReport report) => PrioritiesHeight(pages, report);

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report) => Priorities(pages, report);

    private static string PrioritiesLead(ScoreReport report) =>
        report.Priorities.Count > 0 && report.Priorities[0].PhaseLevel is not null
            ? $"Ranked by priority = weight × (100 − score). The weight says how much the driver matters for {Context(report)}: "
              + "its phase level times its deal-size level (High 3, Medium 2, Low 1), divided by the average over the eight drivers."
            : "Ranked by priority = 100 − score: this instrument's dimensions are not the eight drivers, so every weight is 1.";

    private static string PriorityReason(RankedDriver p, ScoreReport report) => "Why: " + PriorityExplanation.Reason(p, report.Context) + ".";

    private static float PriorityBlockHeight(PdfPages pages, string reason) =>
        8 + H2.LineHeight + Small.LineHeight + 2 + pages.TextHeight(reason, Body, pages.ContentWidth - 44) + 6;

    private static string? PrioritiesRest(ScoreReport report)
    {
        if (report.Priorities.Count <= 3)
        {
            return null;
        }

        var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return "Then, by priority: " + string.Join(", ", report.Priorities.Skip(3).Select(p => $"{p.Rank}. {names.GetValueOrDefault(p.Dimension, p.Dimension)} ({ReportFormat.Score(p.Priority)})")) + ".";
    }

    /// <summary>The whole "Fix first" section's height, to keep it on one page.</summary>
    private static float PrioritiesHeight(PdfPages pages, ScoreReport report) =>
        HeadingHeight(pages, PrioritiesLead(report))
        + report.Priorities.Take(3).Sum(p => PriorityBlockHeight(pages, PriorityReason(p, report)) + 6)
        + (PrioritiesRest(report) is { } rest ? pages.TextHeight(rest, Small, pages.ContentWidth) : Body.LineHeight);

    private static void Priorities(PdfPages pages, ScoreReport report)
    {
        Heading(pages, "Fix first", PrioritiesLead(report));
        if (report.Priorities.Count == 0)
        {
            pages.Paragraph("No driver has a score, so nothing can be ranked.", Body);
            return;
        }

        var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        foreach (var p in report.Priorities.Take(3))
        {
            var name = names.GetValueOrDefault(p.Dimension, p.Dimension);
            var formula = $"Priority {ReportFormat.Score(p.Priority)} = weight {p.Weight.ToString("0.00", Invariant)} × (100 − score {ReportFormat.Score(p.Score)})";
            var reason = PriorityReason(p, report);
            var height = PriorityBlockHeight(pages, reason);
            pages.Need(height);
            var top = pages.Y;
            pages.Fill(new SKRect(pages.Left, top, pages.Right, top + height), Stripe, 4);
            pages.Circle(pages.Left + 18, top + 19, 11, Ink);
            pages.Text(p.Rank.ToString(Invariant), pages.Left + 18, top + 23.5f, new TextStyle(12, true, SKColors.White), SKTextAlign.Center);
            var x = pages.Left + 40;
            pages.Text(name, x, PdfPages.Baseline(top + 8, H2), H2);
            pages.Text(formula, x, PdfPages.Baseline(top + 8 + H2.LineHeight, Small), Small);
            pages.TextBlock(pages.Canvas, reason, x, top + 8 + H2.LineHeight + Small.LineHeight + 2, pages.ContentWidth - 44, Body);
            pages.Y = top + height + 6;
        }

        if (PrioritiesRest(report) is { } rest)
        {
            pages.Paragraph(rest, Small, after: 0);
        }
    }
}

using SalesWheel.Core.Actions;
using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>
/// "Fix first": the top three priorities (ties shown as ties: the same number, none cut off), each with its figure as a
/// bar and in words, its reason, and what to do (the playbook actions advised for it, with why each was chosen); then the
/// rest in one line. Starts on a page with room for its heading and the first priority, and flows on from there.
/// </summary>
internal sealed class PrioritiesSection : ReportSection
{
    private const float Indent = 40;
    private const float BarWidth = 120;

    /// <inheritdoc />
    public override string Title => "Fix first: the top three priorities and what to do";

    /// <inheritdoc />
    public override float Height(PdfPages pages, ScoreReport report) =>
        HeadingHeight(pages, PrioritiesLead(report))
        + (PriorityReading.WhyLowestIsNotFirst(report) is { } why ? pages.TextHeight(why, Body.Heavy(), pages.ContentWidth) + 8 : 0)
        + (ActionAdvice.For(report) is [var first, ..] ? PriorityBlockHeight(pages, report, first.Priority) + 6 + FirstActionHeight(pages, first) : Body.LineHeight);

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report)
    {
        Heading(pages, "Fix first", PrioritiesLead(report));
        if (report.Priorities.Count == 0)
        {
            pages.Paragraph("No driver has a score, so nothing can be ranked.", Body);
            return;
        }

        if (PriorityReading.WhyLowestIsNotFirst(report) is { } why)
        {
            pages.Paragraph(why, Body.Heavy());
        }

        var highest = report.Priorities.Max(p => p.Priority);
        var advice = ActionAdvice.For(report);
        var ranks = PriorityRanks.Of(report.Priorities);
        foreach (var priority in advice)
        {
            PriorityBlock(pages, report, priority.Priority, PriorityRanks.RankOf(ranks, priority.Priority.Dimension)!, priority.DriverName, highest, FirstActionHeight(pages, priority));
            Actions(pages, priority);
        }

        if (PrioritiesRest(report, ranks) is { } rest)
        {
            pages.Paragraph(rest, Small, after: 0);
        }
    }

    private static string PrioritiesLead(ScoreReport report) =>
        report.Priorities.Count > 0 && report.Priorities[0].PhaseLevel is not null
            ? $"Ranked by priority = weight × (100 − score). The weight says how much the driver matters for {Context(report)}: "
              + "its phase level times its deal-size level (High 3, Medium 2, Low 1), divided by the average over the eight drivers. "
              + "Each bar shows a priority against the highest one; drivers with equal priorities share a rank."
            : "Ranked by priority = 100 − score: this instrument's dimensions are not the eight drivers, so every weight is 1. "
              + "Each bar shows a priority against the highest one; drivers with equal priorities share a rank.";

    private static string PriorityReason(RankedDriver p, ScoreReport report) => "Why: " + PriorityExplanation.Reason(p, report.Context) + ".";

    private static float TextWidth(PdfPages pages) => pages.ContentWidth - Indent - 4;

    private static float PriorityBlockHeight(PdfPages pages, ScoreReport report, RankedDriver p) =>
        8 + H2.LineHeight + Small.LineHeight + 4
        + pages.TextHeight(PriorityReading.Figure(p), Body, TextWidth(pages))
        + pages.TextHeight(PriorityReason(p, report), Small, TextWidth(pages)) + 6;

    private static void PriorityBlock(PdfPages pages, ScoreReport report, RankedDriver p, PriorityRank rank, string name, double highest, float keepWith)
    {
        var height = PriorityBlockHeight(pages, report, p);
        pages.Need(height + 6 + keepWith);
        var top = pages.Y;
        var x = pages.Left + Indent;
        pages.Fill(new SKRect(pages.Left, top, pages.Right, top + height), Stripe, 4);
        pages.Circle(pages.Left + 18, top + 19, 11, Ink);
        pages.Text(rank.Rank.ToString(Invariant), pages.Left + 18, top + 23.5f, new TextStyle(12, true, SKColors.White), SKTextAlign.Center);
        var title = rank.Drivers.Count > 1 ? $"{name} (tied: {PriorityReading.Place(rank)})" : name;
        pages.Text(title, x, PdfPages.Baseline(top + 8, H2), H2);

        // The figure as a bar against the highest priority, with its number and formula beside it.
        var barTop = top + 8 + H2.LineHeight + 1;
        var share = highest > 0 ? (float)(p.Priority / highest) : 0;
        pages.Fill(new SKRect(x, barTop, x + BarWidth, barTop + 7), Rule, 2);
        pages.Fill(new SKRect(x, barTop, x + (BarWidth * share), barTop + 7), Accent, 2);
        var formula = $"Priority {ReportFormat.Score(p.Priority)} = weight {p.Weight.ToString("0.00", Invariant)} × (100 − score {ReportFormat.Score(p.Score)})";
        pages.Text(formula, x + BarWidth + 8, PdfPages.Baseline(top + 8 + H2.LineHeight, Small), Small);
        var y = top + 8 + H2.LineHeight + Small.LineHeight + 4;
        y += pages.TextBlock(pages.Canvas, PriorityReading.Figure(p), x, y, TextWidth(pages), Body);
        pages.TextBlock(pages.Canvas, PriorityReason(p, report), x, y, TextWidth(pages), Small);
        pages.Y = top + height + 6;
    }

    private static void Actions(PdfPages pages, PriorityAdvice advice)
    {
        var x = pages.Left + Indent;
        var width = TextWidth(pages);
        if (advice.Actions.Count == 0)
        {
            pages.Paragraph("The playbook has no actions for this dimension.", Small, indent: Indent);
            return;
        }

        // The lead stays with the first action.
        pages.Need(Body.LineHeight + 2 + ActionHeight(pages, advice.Actions[0]));
        pages.Text($"What to do about {advice.DriverName}", x, PdfPages.Baseline(pages.Y, Body.Heavy()), Body.Heavy().With(Accent));
        pages.Y += Body.LineHeight + 2;
        foreach (var advised in advice.Actions)
        {
            var action = advised.Action;
            var meta = $"Owner: {action.Owner} · effort: {action.Effort.DisplayName()}";
            var reason = Reason(advised);
            var height = ActionHeight(pages, advised);
            pages.Need(height);
            var top = pages.Y;
            pages.Fill(new SKRect(x, top + 2, x + 2, top + height - 8), Accent);
            var y = top;
            y += pages.TextBlock(pages.Canvas, action.Title, x + 10, y, width - 10, Body.Heavy());
            pages.Text(meta, x + 10, PdfPages.Baseline(y, Small), Small);
            y += Small.LineHeight;
            y += pages.TextBlock(pages.Canvas, action.WhatToDo, x + 10, y, width - 10, Body);
            pages.TextBlock(pages.Canvas, reason, x + 10, y, width - 10, Small);
            pages.Y = top + height;
        }

        pages.Y += 6;
    }

    private static string Reason(AdvisedAction advised) => "Why this one: " + advised.Reason;

    // A priority stays with the lead of what to do and its first action.
    private static float FirstActionHeight(PdfPages pages, PriorityAdvice advice) =>
        advice.Actions.Count == 0 ? Small.LineHeight : Body.LineHeight + 2 + ActionHeight(pages, advice.Actions[0]);

    private static float ActionHeight(PdfPages pages, AdvisedAction advised)
    {
        var width = TextWidth(pages) - 10;
        return pages.TextHeight(advised.Action.Title, Body.Heavy(), width) + Small.LineHeight
            + pages.TextHeight(advised.Action.WhatToDo, Body, width) + pages.TextHeight(Reason(advised), Small, width) + 8;
    }

    private static string? PrioritiesRest(ScoreReport report, IReadOnlyList<PriorityRank> ranks)
    {
        var rest = ranks.Where(r => r.Rank > PriorityRanks.Top).ToList();
        if (rest.Count == 0)
        {
            return null;
        }

        var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return "Then, by priority: " + string.Join(", ", rest.SelectMany(r => r.Drivers.Select(p =>
            $"{r.Rank}. {names.GetValueOrDefault(p.Dimension, p.Dimension)} ({ReportFormat.Score(p.Priority)})"))) + ".";
    }
}

using System.Globalization;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SalesWheel.Core.Text;
using SkiaSharp;

namespace SalesWheel.Core.Reports;

/// <summary>
/// The executive report as a PDF: cover, wheel, summary, driver table, top priorities, heatmaps by group,
/// reliability and a method appendix. Text is real text in an embedded font (selectable, searchable), the wheel is
/// the SVG of <see cref="WheelSvg"/> drawn as vectors. Every number is the engine's, as in <see cref="ScoreReport"/>.
/// When fewer people answered than the minimum group size, the report is the cover with participation only.
/// </summary>
public static class PdfReport
{
    private static readonly SKColor Ink = SKColor.Parse("#1f2937");
    private static readonly SKColor Muted = SKColor.Parse("#6b7280");
    private static readonly SKColor Faint = SKColor.Parse("#9ca3af");
    private static readonly SKColor Rule = SKColor.Parse("#e5e7eb");
    private static readonly SKColor Stripe = SKColor.Parse("#f9fafb");
    private static readonly SKColor Accent = SKColor.Parse("#0072B2");
    private static readonly SKColor Warning = SKColor.Parse("#B34700");
    private static readonly SKColor HiddenFill = SKColor.Parse("#f3f4f6");
    private static readonly SKColor HiddenHatch = SKColor.Parse("#dfe2e6");

    private static readonly TextStyle Body = new(10, false, Ink);
    private static readonly TextStyle Small = new(8.5f, false, Muted);
    private static readonly TextStyle Tiny = new(7.5f, false, Muted);
    private static readonly TextStyle Cell = new(9, false, Ink);
    private static readonly TextStyle HeaderCell = new(7.5f, true, Muted);
    private static readonly TextStyle H1 = new(18, true, Ink);
    private static readonly TextStyle H2 = new(12.5f, true, Ink);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the report to <paramref name="output"/>.</summary>
    public static void Render(ScoreReport report, ReportCover cover, PaperSize paper, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cover);
        ArgumentNullException.ThrowIfNull(output);
        report = SharedResult.From(report);

        var visible = !cover.StillOpen && (cover.ShowResultBelowMinimumGroupSize || Anonymity.OverallVisible(report.Respondents, report.Context.MinGroupSize));
        using var pages = new PdfPages(paper);
        using var wheel = visible ? new WheelPicture(WheelSvg.Render(report, new WheelOptions { Title = cover.AssessmentName })) : null;
        var contents = new List<(string Title, int Page)>();

        pages.NewPage();
        var coverBottom = Cover(pages, report, cover, visible);
        if (visible)
        {
            pages.NewPage();
            contents.Add(("The wheel and summary", pages.PageIndex));
            WheelAndSummary(pages, report, wheel!);

            pages.NewPage();
            contents.Add(("Scores by driver", pages.PageIndex));
            DriverTable(pages, report);
            contents.Add(("Fix first: the top three priorities", Section(pages, PrioritiesHeight(pages, report))));
            Priorities(pages, report);

            if (report.Breakdowns.Count > 0)
            {
                contents.Add(("Perception gaps by group", Section(pages, HeatmapsStartHeight(pages, report))));
                Heatmaps(pages, report);
            }

            contents.Add(("Reliability", Section(pages, 160)));
            ReliabilityTable(pages, report);

            pages.NewPage();
            contents.Add(("How the numbers are made", pages.PageIndex));
            Method(pages, report);
        }

        var metadata = new SKDocumentPdfMetadata
        {
            Title = PlainText.Line($"{cover.AssessmentName}: sales performance report"),
            Author = PlainText.Line(cover.OrganizationName),
            Subject = "Sales performance on the eight drivers: scores, priorities, perception gaps and method.",
            Creator = "SalesWheel",
            Producer = "SalesWheel",
            Creation = cover.Generated.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            Modified = cover.Generated.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        pages.Write(output, metadata, (canvas, index, count) =>
        {
            if (index == 0)
            {
                if (contents.Count > 0)
                {
                    Contents(pages, canvas, contents, coverBottom);
                }
            }
            else
            {
                RunningHeader(pages, canvas, cover);
            }

            Footer(pages, canvas, report, index, count);
        });
    }

    /// <summary>Starts a section on the current page when <paramref name="minimum"/> points fit, else on a new one; returns its page index.</summary>
    private static int Section(PdfPages pages, float minimum)
    {
        pages.Space(18);
        pages.Need(minimum);
        return pages.PageIndex;
    }

    private static float HeadingHeight(PdfPages pages, string? lead) =>
        H1.LineHeight + 14 + (lead is null ? 0 : pages.TextHeight(lead, Small, pages.ContentWidth) + 10);

    private static void Heading(PdfPages pages, string text, string? lead = null)
    {
        pages.Need(H1.LineHeight + 40);
        pages.Text(text, pages.Left, PdfPages.Baseline(pages.Y, H1), H1);
        pages.Y += H1.LineHeight + 2;
        pages.Fill(new SKRect(pages.Left, pages.Y, pages.Left + 36, pages.Y + 2.5f), Accent);
        pages.Y += 12;
        if (lead is not null)
        {
            pages.Paragraph(lead, Small.With(Muted), after: 10);
        }
    }

    private static void Subheading(PdfPages pages, string text, float keepWith = 60)
    {
        pages.Need(H2.LineHeight + keepWith);
        pages.Text(text, pages.Left, PdfPages.Baseline(pages.Y, H2), H2);
        pages.Y += H2.LineHeight + 4;
    }

    // ---- Cover ---------------------------------------------------------------------------------------------------

    private static float Cover(PdfPages pages, ScoreReport report, ReportCover cover, bool visible)
    {
        var organizationStyle = new TextStyle(14, false, SKColor.Parse("#e5e7eb"));
        var title = new TextStyle(26, true, SKColors.White);
        if (pages.Wrap(cover.AssessmentName, title, pages.ContentWidth).Count > 2)
        {
            title = title with { Size = 20 };
        }

        // The dark band grows with a long organization name or title.
        var textHeight = (cover.OrganizationName is { Length: > 0 } named ? pages.TextHeight(named, organizationStyle, pages.ContentWidth) + 6 : 0)
            + pages.TextHeight(cover.AssessmentName, title, pages.ContentWidth);
        var band = new SKRect(0, 0, pages.Width, Math.Max(228, 98 + textHeight + 34));
        pages.Fill(band, Ink);
        var stripe = pages.Width / ScoreBand.All.Count;
        for (var i = 0; i < ScoreBand.All.Count; i++)
        {
            pages.Fill(new SKRect(i * stripe, band.Bottom, (i + 1) * stripe, band.Bottom + 6), SKColor.Parse(ScoreBand.All[i].Colour));
        }

        pages.Spaced("SALES PERFORMANCE REPORT", pages.Left, 74, new TextStyle(9, true, SKColor.Parse("#93c5fd")), 2.2f);
        var y = 98f;
        if (cover.OrganizationName is { Length: > 0 } organization)
        {
            y += pages.TextBlock(pages.Canvas, organization, pages.Left, y, pages.ContentWidth, organizationStyle);
            y += 6;
        }

        pages.TextBlock(pages.Canvas, cover.AssessmentName, pages.Left, y, pages.ContentWidth, title);

        pages.Y = band.Bottom + 40;
        var facts = new List<(string Label, string Value)>();
        if (cover.OrganizationName is { Length: > 0 } org)
        {
            facts.Add(("Organization", org));
        }

        facts.Add(("Assessment", cover.AssessmentName));
        facts.Add(("Instrument", $"{report.Instrument.Name} (version {report.Instrument.Version})"));
        facts.Add(("Survey period", Period(cover)));
        facts.Add(("Participation", Participation(report, cover)));
        facts.Add(("Priorities weighted for", ReportFormat.Capitalized(Context(report))));
        facts.Add(("Anonymity", $"No group smaller than {report.Context.MinGroupSize} people is ever shown, and nothing ties an answer to a person."));
        facts.Add(("Report made", Date(cover.Generated)));

        const float labelWidth = 142;
        foreach (var (label, value) in facts)
        {
            var height = pages.TextHeight(value, Body, pages.ContentWidth - labelWidth);
            pages.Text(label, pages.Left, PdfPages.Baseline(pages.Y, Body), Small.Heavy() with { Size = 8 });
            pages.TextBlock(pages.Canvas, value, pages.Left + labelWidth, pages.Y, pages.ContentWidth - labelWidth, Body);
            pages.Y += height + 5;
            pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
            pages.Y += 7;
        }

        if (!visible)
        {
            pages.Y += 16;
            var answered = $"{ReportFormat.Count(report.Respondents)} {(report.Respondents == 1 ? "person has" : "people have")} answered";
            var note = cover.StillOpen
                ? $"Results appear when the assessment closes. {answered} so far. While answers still arrive, each new result would differ from the one "
                    + "before by exactly the latest answers, so anyone comparing two reports could read what the latest person said; "
                    + "until it closes, this report shows only how many have answered."
                : $"Not enough answers to show results. {answered}; results need at least {report.Context.MinGroupSize}. "
                    + "With fewer, anyone reading them could work out who said what, so this report shows only how many have answered.";
            var height = pages.TextHeight(note, Body, pages.ContentWidth - 32);
            var box = new SKRect(pages.Left, pages.Y, pages.Right, pages.Y + height + 24);
            pages.Fill(box, SKColor.Parse("#fff7ed"), 4);
            pages.Fill(new SKRect(box.Left, box.Top, box.Left + 4, box.Bottom), SKColor.Parse("#E69F00"));
            pages.TextBlock(pages.Canvas, note, box.Left + 18, box.Top + 12, pages.ContentWidth - 32, Body);
            pages.Y = box.Bottom;
        }

        return pages.Y;
    }

    private static string Period(ReportCover cover)
    {
        var opened = cover.Opened is { } o ? $"opened {Date(o)}" : null;
        var closed = cover.Closed is { } c ? $"closed {Date(c)}" : cover.StillOpen ? "still open: results appear when it closes" : null;
        var parts = new[] { opened, closed }.Where(p => p is not null).ToList();
        return parts.Count == 0 ? "not recorded" : ReportFormat.Capitalized(string.Join("; ", parts));
    }

    private static string Participation(ScoreReport report, ReportCover cover)
    {
        var answered = $"{ReportFormat.Count(report.Respondents)} {(report.Respondents == 1 ? "person" : "people")} answered";
        if (cover.Invited is not { } invited)
        {
            return answered;
        }

        var rate = invited > 0 ? $" ({(100.0 * report.Respondents / invited).ToString("0", Invariant)}%)" : "";
        return $"{answered} of {ReportFormat.Count(invited)} invited{rate}";
    }

    private static string Context(ScoreReport report)
    {
        var phase = ContextCodes.ParsePhase(report.Context.Phase) is { } p ? $"the {p.DisplayName()} phase" : "no company phase (not set)";
        var acv = ContextCodes.ParseAcv(report.Context.Acv) is { } a ? a.DisplayName() : "no deal size (not set)";
        return $"{phase}, {acv}";
    }

    private static void Contents(PdfPages pages, SKCanvas canvas, List<(string Title, int Page)> contents, float top)
    {
        var y = top + 26;
        pages.Text(canvas, "In this report", pages.Left, PdfPages.Baseline(y, H2), H2);
        y += H2.LineHeight + 6;
        foreach (var (title, page) in contents)
        {
            var number = (page + 1).ToString(Invariant);
            pages.Text(canvas, title, pages.Left, PdfPages.Baseline(y, Body), Body);
            pages.Text(canvas, number, pages.Right, PdfPages.Baseline(y, Body), Body.Heavy(), SKTextAlign.Right);
            var from = pages.Left + pages.Measure(title, Body) + 6;
            var to = pages.Right - pages.Measure(number, Body.Heavy()) - 6;
            for (var x = from; x < to; x += 4)
            {
                pages.Circle(canvas, x, PdfPages.Baseline(y, Body) - 1, 0.5f, Faint);
            }

            y += Body.LineHeight + 4;
        }
    }

    private static void RunningHeader(PdfPages pages, SKCanvas canvas, ReportCover cover)
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

    private static void Footer(PdfPages pages, SKCanvas canvas, ScoreReport report, int index, int count)
    {
        var y = pages.Height - 40;
        pages.Line(canvas, pages.Left, y - 10, pages.Right, y - 10, Rule);
        pages.Text(canvas, $"Confidential · groups under {report.Context.MinGroupSize} people are never shown", pages.Left, y, Tiny);
        pages.Text(canvas, $"Page {index + 1} of {count}", pages.Right, y, Tiny, SKTextAlign.Right);
    }

    // ---- Wheel and summary ---------------------------------------------------------------------------------------

    private static void WheelAndSummary(PdfPages pages, ScoreReport report, WheelPicture wheel)
    {
        Heading(pages, "The wheel", "Each segment is one driver: the longer and bluer, the stronger. The whisker is the 95% interval; numbered badges mark the drivers to fix first.");
        var scale = pages.ContentWidth / wheel.Bounds.Width;
        pages.Canvas.Save();
        pages.Canvas.Translate(pages.Left, pages.Y);
        pages.Canvas.Scale(scale);
        pages.Canvas.ClipRect(wheel.Bounds);
        pages.Canvas.DrawPicture(wheel.Picture);
        pages.Canvas.Restore();
        pages.Y += (wheel.Bounds.Height * scale) + 14;

        Subheading(pages, "Summary", 60);
        pages.Paragraph(ExecutiveSummary.Write(report), new TextStyle(10.5f, false, Ink), after: 6);
    }

    // ---- Driver table --------------------------------------------------------------------------------------------

    private sealed record Column(string Header, float Width, bool Numeric);

    private static void DriverTable(PdfPages pages, ScoreReport report)
    {
        Heading(pages, "Scores by driver",
            "Score 0–100 (0: everyone chose the lowest answer, 100: everyone the highest), with its 95% interval and how the answers split. "
            + "n is the number of people counted for the driver.");
        DimensionTable(pages, report.Dimensions.Where(d => d.Kind == "driver").ToList());
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
            + $"\"few answers\" when fewer than {Reliability.MinimumAnswers} people are counted.", Tiny, after: 0);
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
            var flags = d.Flags.Select(Reliability.Name).ToList();
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

    /// <summary>Starts row <paramref name="r"/> of a table: on a new page (header repeated) when it does not fit, striped every other row; returns its top.</summary>
    private static float TableRow(PdfPages pages, IReadOnlyList<Column> columns, int r, float height)
    {
        if (pages.Y + height > pages.Bottom)
        {
            pages.NewPage();
            TableHeader(pages, columns);
        }

        var top = pages.Y;
        if (r % 2 == 1)
        {
            pages.Fill(new SKRect(pages.Left, top, pages.Right, top + height), Stripe);
        }

        return top;
    }

    private static void TableHeader(PdfPages pages, IReadOnlyList<Column> columns)
    {
        var height = columns.Max(c => pages.TextHeight(c.Header, HeaderCell, c.Width - 8)) + 6;
        pages.Need(height + 40);
        var x = pages.Left;
        var top = pages.Y;
        foreach (var column in columns)
        {
            var text = column.Header;
            var lines = pages.Wrap(text, HeaderCell, column.Width - 8);
            var lineTop = top + height - 6 - (lines.Count * HeaderCell.LineHeight);
            pages.TextBlock(pages.Canvas, text, x + 4, lineTop, column.Width - 8, HeaderCell, column.Numeric ? SKTextAlign.Right : SKTextAlign.Left);
            x += column.Width;
        }

        pages.Y = top + height;
        pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Ink, 0.8f);
    }

    // ---- Priorities ----------------------------------------------------------------------------------------------

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

    // ---- Heatmaps ------------------------------------------------------------------------------------------------

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
            HeatmapChunk(pages, breakdown, chunk, dimensions, k, nameWidth, width, gapWidth);
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
        int k, float nameWidth, float groupWidth, float gapWidth)
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
                    var text = ReportFormat.HiddenGroup(k);
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

    // ---- Reliability ---------------------------------------------------------------------------------------------

    private static void ReliabilityTable(PdfPages pages, ScoreReport report)
    {
        Heading(pages, "Reliability",
            "Whether each driver's statements measure one thing (Cronbach's alpha, from the people who answered every statement of the driver), "
            + "and whether enough people answered for the score to be steady.");
        var columns = new Column[] { new("Driver", 0, false), new("Alpha", 56, true), new("Answered every statement", 120, true), new("n", 50, true), new("Reading", 150, false) };
        columns[0] = columns[0] with { Width = pages.ContentWidth - columns.Skip(1).Sum(c => c.Width) };
        TableHeader(pages, columns);
        for (var r = 0; r < report.Dimensions.Count; r++)
        {
            var d = report.Dimensions[r];
            const float height = 18;
            var top = TableRow(pages, columns, r, height);

            var baseline = top + 12.5f;
            var x = pages.Left;
            pages.Text(RowName(d), x + 4, baseline, Cell);
            x += columns[0].Width;
            pages.Text(d.Alpha is { } alpha ? alpha.ToString("0.00", Invariant) : "–", x + columns[1].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[1].Width;
            pages.Text(ReportFormat.Count(d.AlphaN), x + columns[2].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[2].Width;
            pages.Text(ReportFormat.Count(d.N), x + columns[3].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[3].Width;
            var reading = d.Flags.Count > 0 ? string.Join(", ", d.Flags.Select(Reliability.Name))
                : d.Alpha is null ? "alpha cannot be computed" : "consistent";
            pages.Text(reading, x + 4, baseline, Cell.With(d.Flags.Count > 0 ? Warning : Muted));
            pages.Y = top + height;
        }

        pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
        pages.Y += 10;

        var flagged = report.Dimensions.Where(d => d.Flags.Count > 0).ToList();
        if (flagged.Count == 0)
        {
            pages.Paragraph(Reliability.NoneFlagged, Body);
            return;
        }

        foreach (var d in flagged)
        {
            if (d.Flags.Contains(Reliability.ItemsDisagree))
            {
                pages.Paragraph($"{d.Name}: items disagree. {Reliability.ItemsDisagreeReason("Alpha", d.Alpha, ReportFormat.Count(d.AlphaN))}", Body, after: 5);
            }

            if (d.Flags.Contains(Reliability.FewAnswers))
            {
                pages.Paragraph($"{d.Name}: few answers. {ReportFormat.Capitalized(Reliability.FewAnswersReason(d.N, ReportFormat.Count(d.N)))}", Body, after: 5);
            }
        }
    }

    // ---- Method --------------------------------------------------------------------------------------------------

    private static void Method(PdfPages pages, ScoreReport report)
    {
        var scale = report.Instrument.Scale;
        var min = scale.Min.ToString(Invariant);
        var max = scale.Max.ToString(Invariant);
        var k = report.Context.MinGroupSize.ToString(Invariant);
        Heading(pages, "How the numbers are made",
            "Every number in this report comes from one scoring engine, the same one behind the web app, the spreadsheet exports and the API. "
            + "This is what it does, step by step.");

        (string Title, string Text)[] sections =
        [
            ("Answers",
                $"Each statement is answered on a scale from {min} (strongly disagree) to {max} (strongly agree). \"Don't know\" and skipped statements count as not answered. "
                + $"A few statements are worded the other way round (agreeing is the bad answer); their answers are turned around first ({min} counts as {max}, {max} as {min}), "
                + "so that a higher number is always the better one. Someone counts as a respondent once they have answered at least one statement."),
            ("Scores",
                "For each person and driver we take the average of the statements they answered, provided they answered at least half of the driver's statements; "
                + "otherwise they are left out of that driver (n counts the people kept). The driver's average is the average of these personal averages. "
                + $"The score puts it on 0 to 100: 0 would mean everyone chose {min} on everything, 100 that everyone chose {max}. Facets are scored the same way."),
            ("95% interval",
                "The interval shows how precise a score is: the range in which the score of everyone like these respondents most likely lies. "
                + "It comes from how much the personal averages differ and how many people there are (Student's t distribution, computed exactly), "
                + "so it narrows as more people answer and widens when they disagree. With fewer than two people there is none."),
            ("Favorable, neutral, unfavorable",
                $"Of all the answers given to a driver's statements, the share in the top two points of the scale ({(scale.Max - 1).ToString(Invariant)} or {max}) is favorable, "
                + $"the share in the bottom two ({min} or {(scale.Min + 1).ToString(Invariant)}) unfavorable, and the rest neutral."),
            ("Reliability",
                "Cronbach's alpha measures whether a driver's statements move together: whether someone who agrees with one tends to agree with the others. "
                + $"It uses only the people who answered every statement of the driver, and needs at least three of them. Below {Reliability.MinimumAlphaText} the driver is flagged "
                + $"\"items disagree\": its single score hides real differences. A driver with fewer than {Reliability.MinimumAnswers} people counted is flagged \"few answers\"."),
            ("Groups and anonymity",
                $"Breakdowns score the same drivers for each role and team. A group with fewer than {k} people is hidden: none of its numbers appear anywhere. "
                + $"When the hidden groups of a breakdown together still hold fewer than {k} people, the smallest shown group is hidden too, "
                + "so no hidden group can be worked out by subtracting the shown groups from the total. "
                + $"Reports from the SalesWheel app also hide a group that the other breakdown would give away (say a team made only of managers, whose "
                + $"subtraction from all managers would leave fewer than {k} people), and show results only once the survey has closed, so that two "
                + "reports a little apart cannot be compared to read the latest answers. "
                + $"When fewer than {k} people answered in all, a report shows participation and nothing else. Names, email addresses and survey links never appear."),
            ("Perception gaps",
                $"For each driver, the gap is the highest minus the lowest score among the groups shown. A gap of {PerceptionGap.Highlighted.ToString("0", Invariant)} points "
                + "or more is highlighted: the groups see that driver differently, which is often worth a conversation before a fix."),
            ("Priorities",
                "Each driver has a relevance level for the company's phase (PMF, GTM Fit, Scale) and for its deal size (ACV band): High counts 3, Medium 2, Low 1. "
                + "A driver's weight is its phase level times its deal-size level, divided by the average of that product over the eight drivers, so the weights average 1. "
                + "Its priority is the weight times the distance to a perfect score, weight × (100 − score); the highest priority is fixed first (ties in the instrument's order). "
                + "An unknown phase or deal size counts as Medium for every driver. Drivers without a score are not ranked. "
                + "An instrument whose dimensions are not the eight drivers gives every driver weight 1."),
            ("Colours",
                "The wheel and the tables use four bands: below 40 weak, 40 to 54 at risk, 55 to 69 solid, 70 and above strong. "
                + "The colours are chosen to stay distinct for the common forms of colour blindness, and the number is always printed next to them."),
        ];

        foreach (var (title, text) in sections)
        {
            pages.Need(H2.LineHeight + (Body.LineHeight * 3));
            pages.Text(title, pages.Left, PdfPages.Baseline(pages.Y, H2 with { Size = 11 }), H2 with { Size = 11 });
            pages.Y += (H2.LineHeight * 0.9f) + 2;
            pages.Paragraph(text, Body, after: 10);
        }
    }

    /// <summary>A dimension's name in a table row: an outcome says so, unless its name does.</summary>
    private static string RowName(DimensionResult d) =>
        d.Kind == "outcome" && !d.Name.Contains("outcome", StringComparison.OrdinalIgnoreCase) ? $"{d.Name} (outcome)" : d.Name;

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Invariant);

}

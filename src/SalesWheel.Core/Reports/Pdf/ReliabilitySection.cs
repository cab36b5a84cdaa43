using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>Reliability: alpha, counts and the reading of each driver, then why each flagged driver is flagged.</summary>
internal sealed class ReliabilitySection : ReportSection
{
    /// <inheritdoc />
    public override string Title => "Reliability";

    private const string Lead = "Whether each driver's statements measure one thing (Cronbach's alpha, from the people who answered every statement of the driver), "
        + "and whether enough people answered for the score to be steady.";

    private const float RowHeight = 18;

    /// <summary>
    /// The whole section when it fits on one page, so it moves to the next page in one piece rather than leaving a
    /// stub of two rows and a sentence on a page of its own; a longer one needs room for its start only.
    /// </summary>
    public override float Height(PdfPages pages, ScoreReport report)
    {
        var columns = Columns(pages);
        var whole = HeadingHeight(pages, Lead) + columns.Max(c => pages.TextHeight(c.Header, HeaderCell, c.Width - 8)) + 6
            + (report.Dimensions.Count * RowHeight) + 10 + Closing(report).Sum(p => pages.TextHeight(p, Body, pages.ContentWidth) + 5);
        return whole <= pages.Bottom - pages.Top ? whole : 160;
    }

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report) => ReliabilityTable(pages, report);

    private static Column[] Columns(PdfPages pages)
    {
        var columns = new Column[] { new("Driver", 0, false), new("Alpha", 56, true), new("Answered every statement", 120, true), new("n", 50, true), new("Reading", 150, false) };
        columns[0] = columns[0] with { Width = pages.ContentWidth - columns.Skip(1).Sum(c => c.Width) };
        return columns;
    }

    /// <summary>The sentences under the table: why each flagged driver is flagged, or that none is.</summary>
    private static List<string> Closing(ScoreReport report)
    {
        var flagged = report.Dimensions.Where(d => NoScore.ShownFlags(d).Count > 0 || d.NoScore is not null).ToList();
        if (flagged.Count == 0)
        {
            return [Reliability.NoneFlagged];
        }

        var sentences = new List<string>();
        foreach (var d in flagged)
        {
            if (NoScore.Sentence(d, report.Context.MinGroupSize) is { } noScore)
            {
                sentences.Add($"{d.Name}: {noScore}.");
            }

            if (d.Flags.Contains(Reliability.ItemsDisagree))
            {
                sentences.Add($"{d.Name}: items disagree. {Reliability.ItemsDisagreeReason("Alpha", d.Alpha, ReportFormat.Count(d.AlphaN))}");
            }

            if (NoScore.ShownFlags(d).Contains(Reliability.FewAnswers))
            {
                sentences.Add($"{d.Name}: few answers. {ReportFormat.Capitalized(Reliability.FewAnswersReason(d.N, ReportFormat.Count(d.N)))}");
            }
        }

        return sentences;
    }

    private static void ReliabilityTable(PdfPages pages, ScoreReport report)
    {
        Heading(pages, "Reliability", Lead);
        var columns = Columns(pages);
        TableHeader(pages, columns);
        for (var r = 0; r < report.Dimensions.Count; r++)
        {
            var d = report.Dimensions[r];
            const float height = RowHeight;
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
            var shown = NoScore.Marks(d, Reliability.Name);
            var reading = shown.Count > 0 ? string.Join(", ", shown)
                : d.Alpha is null ? "alpha cannot be computed" : "consistent";
            pages.Text(reading, x + 4, baseline, Cell.With(shown.Count > 0 ? Warning : Muted));
            pages.Y = top + height;
        }

        pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
        pages.Y += 10;
        foreach (var sentence in Closing(report))
        {
            pages.Paragraph(sentence, Body, after: 5);
        }
    }
}

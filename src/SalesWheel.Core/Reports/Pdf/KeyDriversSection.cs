using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>
/// "Key drivers": the chart of <see cref="KeyDriverChart"/> (importance across, score up, the corner to focus on) and,
/// per outcome, the table of <see cref="KeyDriverReading"/>; then each team metric's table with how little a few teams say.
/// </summary>
/// <param name="chart">The chart's picture, made once for the whole report; null when there is no outcome to draw.</param>
internal sealed class KeyDriversSection(WheelPicture? chart) : ReportSection
{
    private const string Lead = "Which drivers go with the outcome people report: each driver's correlation r with it across respondents (−1 to 1), "
        + "with its 95% interval. Drivers that matter most and score lowest, bottom right, are where to focus. A relation, not proof of cause.";

    private const float RowHeight = 18;

    /// <inheritdoc />
    public override string Title => "Key drivers";

    // The chart a little narrower than the page: its labels stay legible and it fits under the table more often.
    private const float ChartWidth = 0.85f;

    /// <summary>The heading stays with the first table's start.</summary>
    public override float Height(PdfPages pages, ScoreReport report) => HeadingHeight(pages, Lead) + 120;

    /// <inheritdoc />
    public override bool Shows(ScoreReport report) => report.KeyDrivers.Count > 0 || report.TeamMetrics.Count > 0;

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report)
    {
        // The tables first, then the chart: the tables flow on from the page before, the chart moves whole to where it fits.
        Heading(pages, Title, Lead);
        foreach (var set in report.KeyDrivers)
        {
            if (report.KeyDrivers.Count > 1)
            {
                Subheading(pages, $"Key drivers of {report.Dimensions.FirstOrDefault(d => d.Id == set.Outcome)?.Name ?? set.Outcome}");
            }

            pages.Paragraph(KeyDriverReading.OutcomeNote(report, set), Small, after: 6);
            Table(pages, KeyDriverReading.Header, KeyDriverReading.Rows(report, set));
        }

        if (chart is not null)
        {
            Drawing(pages, chart, pages.ContentWidth * ChartWidth, 10);
        }

        foreach (var set in report.TeamMetrics)
        {
            Subheading(pages, $"Team metric: {set.Metric}");
            pages.Paragraph(KeyDriverReading.TeamNote(set), Body.With(Warning), after: 6);
            Table(pages, KeyDriverReading.TeamHeader, KeyDriverReading.Rows(report, set));
        }
    }

    private static void Table(PdfPages pages, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var columns = new Column[] { new(header[0], 0, false), new(header[1], 150, true), new(header[2], 60, true), new(header[3], 120, false) };
        columns[0] = columns[0] with { Width = pages.ContentWidth - columns.Skip(1).Sum(c => c.Width) };
        TableHeader(pages, columns);
        for (var r = 0; r < rows.Count; r++)
        {
            var top = TableRow(pages, columns, r, RowHeight);
            var baseline = top + 12.5f;
            var x = pages.Left;
            for (var c = 0; c < columns.Length; c++)
            {
                var style = c == 3 && rows[r][c] == "goes with" ? Cell.Heavy() : c == 3 ? Cell.With(Muted) : Cell;
                if (columns[c].Numeric)
                {
                    pages.Text(rows[r][c], x + columns[c].Width - 4, baseline, style, SKTextAlign.Right);
                }
                else
                {
                    pages.Text(rows[r][c], x + 4, baseline, style);
                }

                x += columns[c].Width;
            }

            pages.Y = top + RowHeight;
        }

        pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
        pages.Y += 12;
    }
}

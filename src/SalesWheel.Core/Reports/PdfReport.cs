using SalesWheel.Core.Reports.Pdf;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Text;
using SalesWheel.Core.Wheel;
using SkiaSharp;

namespace SalesWheel.Core.Reports;

/// <summary>
/// The executive report as a PDF: cover, wheel, summary, driver table, top priorities, key drivers, heatmaps by group,
/// reliability and a method appendix, one <see cref="ReportSection"/> each (in Reports/Pdf). Text is real text in an
/// embedded font (selectable, searchable), the wheel is the SVG of <see cref="WheelSvg"/> drawn as vectors. Every number
/// is the engine's, as shared (<see cref="SharedResult.From"/>). When fewer people answered than the minimum group size,
/// the report is the cover with participation only.
/// </summary>
public static class PdfReport
{
    /// <summary>Writes the report of the wave alone to <paramref name="output"/>.</summary>
    public static void Render(ScoreReport report, ReportCover cover, PaperSize paper, Stream output) =>
        Render(report, cover, paper, output, ReportExtras.None);

    /// <summary>
    /// Writes the report to <paramref name="output"/> with what <paramref name="extras"/> adds: "Compared with …" (the
    /// wheel with the earlier wave as an outline, and the change of every driver) after the driver table, "Trend across
    /// waves" when the trend has two waves or more, "Action plan" after the priorities when the plan has actions, and each
    /// driver's benchmark under the driver table ("Compared with organizations like yours") when given.
    /// </summary>
    public static void Render(ScoreReport report, ReportCover cover, PaperSize paper, Stream output, ReportExtras extras)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cover);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(extras);
        report = SharedResult.From(report);

        var visible = !cover.StillOpen && (cover.ShowResultBelowMinimumGroupSize || Anonymity.OverallVisible(report.Respondents, report.Context.MinGroupSize));
        using var pages = new PdfPages(paper);
        using var wheel = visible ? new WheelPicture(WheelSvg.Render(report, new WheelOptions { Title = cover.AssessmentName })) : null;
        var comparison = visible ? extras.Comparison : null;
        using var outlined = comparison is null ? null : new WheelPicture(WheelSvg.Render(report, new WheelOptions
        {
            Title = cover.AssessmentName,
            Previous = TrendWave.From(comparison.BeforeName, comparison.BeforeClosed, SharedResult.From(comparison.BeforeReport)),
        }));
        using var trend = visible && extras.Trend is { Waves.Count: >= 2 } waves ? new WheelPicture(TrendSvg.Render(waves)) : null;
        using var keyDrivers = visible && report.KeyDrivers.Count > 0 ? new WheelPicture(KeyDriverChart.Render(report)) : null;
        var contents = new List<(string Title, int Page)>();

        pages.NewPage();
        var coverBottom = CoverSection.Draw(pages, report, cover, visible);
        if (visible)
        {
            ReportSection[] sections =
            [
                new WheelSection(wheel!), new DriversSection(extras.Benchmarks),
                .. comparison is null ? Array.Empty<ReportSection>() : [new ComparisonSection(comparison, outlined!)],
                .. trend is null ? Array.Empty<ReportSection>() : [new TrendSection(trend)],
                new PrioritiesSection(),
                .. extras.Plan.Count == 0 ? Array.Empty<ReportSection>() : [new PlanSection(extras.Plan, cover.Generated)],
                new KeyDriversSection(keyDrivers),
                new HeatmapSection(), new ReliabilitySection(), new MethodSection(),
            ];
            foreach (var section in sections.Where(s => s.Shows(report)))
            {
                // A section that opens a page follows instead on a page that a previous section's last lines barely
                // started (a quarter or less used), so no page is left nearly empty.
                if (section.OpensPage && pages.Y > pages.Top + ((pages.Bottom - pages.Top) / 4))
                {
                    pages.NewPage();
                }
                else if (section.OpensPage)
                {
                    pages.Space(18);
                }
                else
                {
                    pages.Space(18);
                    pages.Need(section.Height(pages, report));
                }

                contents.Add((section.Title, pages.PageIndex));
                section.Draw(pages, report);
            }
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
                    PageFrame.Contents(pages, canvas, contents, coverBottom);
                }
            }
            else
            {
                PageFrame.RunningHeader(pages, canvas, cover);
            }

            PageFrame.Footer(pages, canvas, report, index, count);
        });
    }
}

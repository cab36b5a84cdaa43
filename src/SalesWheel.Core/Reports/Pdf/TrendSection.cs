using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>"Trend across waves": every driver's score in every wave, the chart of <see cref="TrendSvg"/> drawn as vectors like the wheel.</summary>
/// <param name="chart">The chart's picture, made once for the whole report (which disposes of it after writing).</param>
internal sealed class TrendSection(WheelPicture chart) : ReportSection
{
    private const string Lead = "Each line is one driver's score (0–100) in each wave, oldest on the left; a gap where a wave did not score the driver.";

    /// <inheritdoc />
    public override string Title => "Trend across waves";

    /// <inheritdoc />
    public override float Height(PdfPages pages, ScoreReport report) =>
        HeadingHeight(pages, Lead) + (chart.Bounds.Height * pages.ContentWidth / chart.Bounds.Width);

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report)
    {
        Heading(pages, Title, Lead);
        Drawing(pages, chart, pages.ContentWidth, 10);
    }
}

using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>The wheel, drawn as vectors, and the written summary under it.</summary>
/// <param name="wheel">The wheel's picture, made once for the whole report (which disposes of it after writing).</param>
internal sealed class WheelSection(WheelPicture wheel) : ReportSection
{
    /// <inheritdoc />
    public override string Title => "The wheel and summary";

    /// <inheritdoc />
    public override bool OpensPage => true;

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report) => WheelAndSummary(pages, report, wheel);

    private static void WheelAndSummary(PdfPages pages, ScoreReport report, WheelPicture picture)
    {
        Heading(pages, "The wheel", "Each segment is one driver: the longer and bluer, the stronger. The whisker is the 95% interval; numbered badges mark the drivers to fix first.");
        Drawing(pages, picture, pages.ContentWidth, 14);

        Subheading(pages, "Summary", 60);
        pages.Paragraph(ExecutiveSummary.Write(report), new TextStyle(10.5f, false, Ink), after: 6);
    }
}

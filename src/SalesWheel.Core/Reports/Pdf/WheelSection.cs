using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>The wheel, drawn as vectors, and the written summary under it.</summary>
internal sealed class WheelSection : ReportSection
{
    /// <inheritdoc />
    public override string Title => "The wheel and summary";

    /// <inheritdoc />
    public override bool OpensPage => true;

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report) => WheelAndSummary(pages, report, wheel);

    private readonly WheelPicture wheel;

    /// <summary>The section for the wheel picture the report drew for its whole life (the report disposes of it).</summary>
    public WheelSection(WheelPicture wheel) => this.wheel = wheel;

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
}

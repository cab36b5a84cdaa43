using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>
/// One section of the PDF report after the cover, with its entry in the contents. <see cref="PdfReport"/> draws the
/// sections in order: one that <see cref="OpensPage"/> starts on a new page; another follows on the current page when
/// its <see cref="Height"/> fits there, else on the next. To add a section, write one more of these and list it in
/// <see cref="PdfReport"/>.
/// </summary>
internal abstract class ReportSection
{
    /// <summary>The section's entry in the contents.</summary>
    public abstract string Title { get; }

    /// <summary>Whether the section starts on a new page.</summary>
    public virtual bool OpensPage => false;

    /// <summary>Whether the report has this section (say, heatmaps only with breakdowns).</summary>
    public virtual bool Shows(ScoreReport report) => true;

    /// <summary>Points the section's start needs on a page (its heading and what must stay with it), when it does not open one.</summary>
    public virtual float Height(PdfPages pages, ScoreReport report) => 0;

    /// <summary>Draws the section from the current position, adding pages as it needs.</summary>
    public abstract void Draw(PdfPages pages, ScoreReport report);
}

using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>
/// "Action plan": the organization's planned actions under their driver (drivers in the order of their first action,
/// actions in the order given), each with its facet, owner, due date and status; an overdue one is marked so, a done one
/// gives the day it was done.
/// </summary>
/// <param name="plan">The actions, in the order to print (at least one: without any the section is left out).</param>
/// <param name="today">The day the report is made: what "overdue" is measured against.</param>
internal sealed class PlanSection(IReadOnlyList<PlanRow> plan, DateOnly today) : ReportSection
{
    /// <summary>What an overdue action's due date says.</summary>
    internal const string OverdueMark = "overdue";

    private static readonly Column[] Widths = [new("Action", 0, false), new("Owner", 96, false), new("Due", 86, false), new("Status", 96, false)];

    /// <inheritdoc />
    public override string Title => "Action plan";

    /// <inheritdoc />
    public override float Height(PdfPages pages, ScoreReport report) => HeadingHeight(pages, Lead()) + H2.LineHeight + 70;

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report)
    {
        Heading(pages, Title, Lead());
        var columns = Widths.ToArray();
        columns[0] = columns[0] with { Width = pages.ContentWidth - columns.Skip(1).Sum(c => c.Width) };
        foreach (var driver in plan.GroupBy(a => a.Driver, StringComparer.Ordinal))
        {
            Subheading(pages, driver.Key, 50);
            TableHeader(pages, columns);
            var r = 0;
            foreach (var action in driver)
            {
                Row(pages, columns, action, r++);
            }

            pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
            pages.Space(12);
        }
    }

    private string Lead()
    {
        var counts = new[] { PlanStatus.Done, PlanStatus.InProgress, PlanStatus.Planned, PlanStatus.Dropped }
            .Select(s => (Status: s, Count: plan.Count(a => a.Status == s)))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Count} {PlanRow.Name(c.Status).ToLowerInvariant()}");
        var overdue = plan.Count(a => a.IsOverdue(today));
        return $"{plan.Count} action{(plan.Count == 1 ? "" : "s")} in the organization's plan: {string.Join(", ", counts)}"
            + (overdue > 0 ? $"; {overdue} overdue (due before {Date(today)} and not done)." : ".");
    }

    private void Row(PdfPages pages, Column[] columns, PlanRow action, int r)
    {
        var titleWidth = columns[0].Width - 8;
        var titleLines = pages.Wrap(action.Title, Cell.Heavy(), titleWidth);
        var ownerLines = pages.Wrap(action.Owner.Length == 0 ? "nobody yet" : action.Owner, Cell, columns[1].Width - 8);
        var height = (Math.Max(titleLines.Count + (action.Facet is null ? 0 : 1), ownerLines.Count) * Cell.LineHeight) + 8;
        var top = TableRow(pages, columns, r, height);
        var overdue = action.IsOverdue(today);
        var x = pages.Left;
        var y = top + 4 + pages.TextBlock(pages.Canvas, action.Title, x + 4, top + 4, titleWidth, Cell.Heavy());
        if (action.Facet is { } facet)
        {
            pages.Text(facet, x + 4, PdfPages.Baseline(y, Small), Small);
        }

        x += columns[0].Width;
        pages.TextBlock(pages.Canvas, action.Owner.Length == 0 ? "nobody yet" : action.Owner, x + 4, top + 4, columns[1].Width - 8, action.Owner.Length == 0 ? Cell.With(Muted) : Cell);
        x += columns[1].Width;
        var baseline = PdfPages.Baseline(top + 4, Cell);
        pages.Text(action.Due is { } due ? ShortDate(due) : "no date", x + 4, baseline, overdue ? Cell.Heavy().With(Warning) : action.Due is null ? Cell.With(Muted) : Cell);
        if (overdue)
        {
            pages.Text(OverdueMark, x + 4, baseline + Cell.LineHeight, Small.With(Warning).Heavy());
        }

        x += columns[2].Width;
        var status = action.Status == PlanStatus.Done && action.Done is { } done ? $"Done {ShortDate(done)}" : action.StatusName;
        pages.Text(status, x + 4, baseline, action.Status == PlanStatus.Done ? Cell.With(Accent) : action.Status == PlanStatus.Dropped ? Cell.With(Muted) : Cell);
        pages.Y = top + height;
    }

    private static string ShortDate(DateOnly date) => date.ToString("d MMM yyyy", Invariant);
}

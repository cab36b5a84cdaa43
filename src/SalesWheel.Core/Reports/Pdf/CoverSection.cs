using SalesWheel.Core.Scoring;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>The cover: organization, title, the facts of the assessment, and when results cannot be shown, why.</summary>
internal static class CoverSection
{
    /// <summary>Draws the cover on the current (first) page; returns where it ends, for the contents below it.</summary>
    internal static float Draw(PdfPages pages, ScoreReport report, ReportCover cover, bool visible)
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

    internal static string Period(ReportCover cover)
    {
        var opened = cover.Opened is { } o ? $"opened {Date(o)}" : null;
        var closed = cover.Closed is { } c ? $"closed {Date(c)}" : cover.StillOpen ? "still open: results appear when it closes" : null;
        var parts = new[] { opened, closed }.Where(p => p is not null).ToList();
        return parts.Count == 0 ? "not recorded" : ReportFormat.Capitalized(string.Join("; ", parts));
    }

    internal static string Participation(ScoreReport report, ReportCover cover)
    {
        var answered = $"{ReportFormat.Count(report.Respondents)} {(report.Respondents == 1 ? "person" : "people")} answered";
        if (cover.Invited is not { } invited)
        {
            return answered;
        }

        var rate = invited > 0 ? $" ({(100.0 * report.Respondents / invited).ToString("0", Invariant)}%)" : "";
        return $"{answered} of {ReportFormat.Count(invited)} invited{rate}";
    }
}

using System.Globalization;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SkiaSharp;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>The PDF report's colours and type, and the blocks its sections share: headings, tables, names and dates.</summary>
internal static class PdfStyle
{
    internal static readonly SKColor Ink = SKColor.Parse("#1f2937");
    internal static readonly SKColor Muted = SKColor.Parse("#6b7280");
    internal static readonly SKColor Faint = SKColor.Parse("#9ca3af");
    internal static readonly SKColor Rule = SKColor.Parse("#e5e7eb");
    internal static readonly SKColor Stripe = SKColor.Parse("#f9fafb");
    internal static readonly SKColor Accent = SKColor.Parse("#0072B2");
    internal static readonly SKColor Warning = SKColor.Parse("#B34700");
    internal static readonly SKColor HiddenFill = SKColor.Parse("#f3f4f6");
    internal static readonly SKColor HiddenHatch = SKColor.Parse("#dfe2e6");

    internal static readonly TextStyle Body = new(10, false, Ink);
    internal static readonly TextStyle Small = new(8.5f, false, Muted);
    internal static readonly TextStyle Tiny = new(7.5f, false, Muted);
    internal static readonly TextStyle Cell = new(9, false, Ink);
    internal static readonly TextStyle HeaderCell = new(7.5f, true, Muted);
    internal static readonly TextStyle H1 = new(18, true, Ink);
    internal static readonly TextStyle H2 = new(12.5f, true, Ink);

    internal static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    internal static float HeadingHeight(PdfPages pages, string? lead) =>
        H1.LineHeight + 14 + (lead is null ? 0 : pages.TextHeight(lead, Small, pages.ContentWidth) + 10);

    /// <summary>As <see cref="HeadingHeight(PdfPages, string?)"/> for a heading that may wrap (a long wave's name).</summary>
    internal static float HeadingHeight(PdfPages pages, string text, string? lead) =>
        HeadingHeight(pages, lead) + ((pages.Wrap(text, H1, pages.ContentWidth).Count - 1) * H1.LineHeight);

    /// <summary>A section's heading, wrapped when longer than a line, with its accent rule and an optional lead.</summary>
    internal static void Heading(PdfPages pages, string text, string? lead = null)
    {
        var lines = pages.Wrap(text, H1, pages.ContentWidth);
        pages.Need((lines.Count * H1.LineHeight) + 40);
        foreach (var line in lines)
        {
            pages.Text(line, pages.Left, PdfPages.Baseline(pages.Y, H1), H1);
            pages.Y += H1.LineHeight;
        }

        pages.Y += 2;
        pages.Fill(new SKRect(pages.Left, pages.Y, pages.Left + 36, pages.Y + 2.5f), Accent);
        pages.Y += 12;
        if (lead is not null)
        {
            pages.Paragraph(lead, Small.With(Muted), after: 10);
        }
    }

    internal static void Subheading(PdfPages pages, string text, float keepWith = 60)
    {
        pages.Need(H2.LineHeight + keepWith);
        pages.Text(text, pages.Left, PdfPages.Baseline(pages.Y, H2), H2);
        pages.Y += H2.LineHeight + 4;
    }

    /// <summary>A picture of an SVG (the wheel, the trend) as vectors, <paramref name="width"/> wide, centred at the cursor, which moves below it.</summary>
    internal static void Drawing(PdfPages pages, WheelPicture picture, float width, float after)
    {
        var scale = width / picture.Bounds.Width;
        pages.Need(picture.Bounds.Height * scale);
        pages.Canvas.Save();
        pages.Canvas.Translate(pages.Left + ((pages.ContentWidth - width) / 2), pages.Y);
        pages.Canvas.Scale(scale);
        pages.Canvas.ClipRect(picture.Bounds);
        pages.Canvas.DrawPicture(picture.Picture);
        pages.Canvas.Restore();
        pages.Y += (picture.Bounds.Height * scale) + after;
    }

    internal sealed record Column(string Header, float Width, bool Numeric);

    /// <summary>Starts row <paramref name="r"/> of a table: on a new page (header repeated) when it does not fit, striped every other row; returns its top.</summary>
    internal static float TableRow(PdfPages pages, IReadOnlyList<Column> columns, int r, float height)
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

    internal static void TableHeader(PdfPages pages, IReadOnlyList<Column> columns)
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

    internal static string Context(ScoreReport report)
    {
        var phase = ContextCodes.ParsePhase(report.Context.Phase) is { } p ? $"the {p.DisplayName()} phase" : "no company phase (not set)";
        var acv = ContextCodes.ParseAcv(report.Context.Acv) is { } a ? a.DisplayName() : "no deal size (not set)";
        return $"{phase}, {acv}";
    }

    /// <summary>A dimension's name in a table row (<see cref="ReportFormat.DimensionName"/>).</summary>
    internal static string RowName(DimensionResult d) => ReportFormat.DimensionName(d);

    internal static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Invariant);
}

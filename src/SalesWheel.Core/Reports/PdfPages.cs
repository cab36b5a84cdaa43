using SalesWheel.Core.Text;
using SkiaSharp;

namespace SalesWheel.Core.Reports;

/// <summary>A text style: size in points, weight and colour.</summary>
internal readonly record struct TextStyle(float Size, bool Bold, SKColor Color)
{
    public float LineHeight => Size * 1.38f;

    public TextStyle With(SKColor color) => this with { Color = color };

    public TextStyle Heavy() => this with { Bold = true };
}

/// <summary>
/// Pages laid out top to bottom with a cursor: text wrapped to a width, blocks kept together, a new page when the
/// next block does not fit. Pages are recorded first and written at the end, so every page can say "page 3 of 7".
/// </summary>
internal sealed class PdfPages : IDisposable
{
    private readonly List<SKPicture> _pages = [];
    private readonly Dictionary<(bool Bold, float Size), SKFont> _fonts = [];
    private readonly SKPaint _paint = new() { IsAntialias = true };
    private SKPictureRecorder? _recorder;

    public PdfPages(PaperSize paper)
    {
        (Width, Height) = paper == PaperSize.Letter ? (612f, 792f) : (595.28f, 841.89f);
    }

    public float Width { get; }

    public float Height { get; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Page geometry, read beside Right and Bottom.")]
    public float Left => 56;

    public float Right => Width - 56;

    public float ContentWidth => Right - Left;

    /// <summary>Where content starts below the running header.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Page geometry, read beside Right and Bottom.")]
    public float Top => 70;

    /// <summary>Where content must end above the footer.</summary>
    public float Bottom => Height - 60;

    /// <summary>The cursor: the top of the next thing drawn.</summary>
    public float Y { get; set; }

    public SKCanvas Canvas { get; private set; } = null!;

    /// <summary>Zero-based index of the page being drawn.</summary>
    public int PageIndex => _pages.Count;

    public int PageCount => _pages.Count + (_recorder is null ? 0 : 1);

    public void NewPage()
    {
        EndPage();
        _recorder = new SKPictureRecorder();
        Canvas = _recorder.BeginRecording(new SKRect(0, 0, Width, Height));
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Need(float height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Space(float points) => Y += points;

    public SKFont Font(TextStyle style)
    {
        if (!_fonts.TryGetValue((style.Bold, style.Size), out var font))
        {
            // Unhinted, linear metrics: the advances the PDF stores are the font's own, so small text is not spaced out.
            font = new SKFont(style.Bold ? ReportFonts.Bold : ReportFonts.Regular, style.Size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            _fonts[(style.Bold, style.Size)] = font;
        }

        return font;
    }

    // Every text drawn or measured passes here: a control character from a name (a vertical tab pasted from a slide)
    // is a space, never a missing-glyph box or a broken line.
    public float Measure(string text, TextStyle style) => Font(style).MeasureText(PlainText.Line(text));

    /// <summary>Draws one line with its baseline at <paramref name="baseline"/>.</summary>
    public void Text(SKCanvas canvas, string text, float x, float baseline, TextStyle style, SKTextAlign align = SKTextAlign.Left)
    {
        _paint.Color = style.Color;
        _paint.Style = SKPaintStyle.Fill;
        canvas.DrawText(PlainText.Line(text), x, baseline, align, Font(style), _paint);
    }

    public void Text(string text, float x, float baseline, TextStyle style, SKTextAlign align = SKTextAlign.Left) =>
        Text(Canvas, text, x, baseline, style, align);

    /// <summary>Draws spaced-out capitals (a label), one character at a time.</summary>
    public void Spaced(string text, float x, float baseline, TextStyle style, float spacing)
    {
        foreach (var c in text)
        {
            var s = c.ToString();
            Text(s, x, baseline, style);
            x += Measure(s, style) + spacing;
        }
    }

    /// <summary>The baseline of a line whose top is <paramref name="top"/>.</summary>
    public static float Baseline(float top, TextStyle style) => top + (style.Size * 1.02f);

    /// <summary>Splits text into lines no wider than <paramref name="width"/>, at spaces (a longer word is cut).</summary>
    public List<string> Wrap(string text, TextStyle style, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in PlainText.Lines(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ').Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, style) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (Measure(line, style) > width && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], style) > width)
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Height of wrapped text.</summary>
    public float TextHeight(string text, TextStyle style, float width) => Wrap(text, style, width).Count * style.LineHeight;

    /// <summary>Wrapped text at the cursor, moving to a new page between lines when needed.</summary>
    public void Paragraph(string text, TextStyle style, float? width = null, float indent = 0, float after = 8)
    {
        foreach (var line in Wrap(text, style, (width ?? ContentWidth) - indent))
        {
            Need(style.LineHeight);
            Text(line, Left + indent, Baseline(Y, style), style);
            Y += style.LineHeight;
        }

        Y += after;
    }

    /// <summary>Wrapped text in a box at a given place (not moving the cursor); returns the height used.</summary>
    public float TextBlock(SKCanvas canvas, string text, float x, float top, float width, TextStyle style, SKTextAlign align = SKTextAlign.Left)
    {
        var lines = Wrap(text, style, width);
        var ax = align switch { SKTextAlign.Center => x + (width / 2), SKTextAlign.Right => x + width, _ => x };
        for (var i = 0; i < lines.Count; i++)
        {
            Text(canvas, lines[i], ax, Baseline(top + (i * style.LineHeight), style), style, align);
        }

        return lines.Count * style.LineHeight;
    }

    public void Fill(SKCanvas canvas, SKRect rect, SKColor color, float radius = 0)
    {
        _paint.Color = color;
        _paint.Style = SKPaintStyle.Fill;
        if (radius > 0)
        {
            canvas.DrawRoundRect(rect, radius, radius, _paint);
        }
        else
        {
            canvas.DrawRect(rect, _paint);
        }
    }

    public void Fill(SKRect rect, SKColor color, float radius = 0) => Fill(Canvas, rect, color, radius);

    public void Stroke(SKCanvas canvas, SKRect rect, SKColor color, float width, float radius = 0)
    {
        _paint.Color = color;
        _paint.Style = SKPaintStyle.Stroke;
        _paint.StrokeWidth = width;
        if (radius > 0)
        {
            canvas.DrawRoundRect(rect, radius, radius, _paint);
        }
        else
        {
            canvas.DrawRect(rect, _paint);
        }
    }

    public void Line(SKCanvas canvas, float x0, float y0, float x1, float y1, SKColor color, float width = 0.6f)
    {
        _paint.Color = color;
        _paint.Style = SKPaintStyle.Stroke;
        _paint.StrokeWidth = width;
        canvas.DrawLine(x0, y0, x1, y1, _paint);
    }

    public void Line(float x0, float y0, float x1, float y1, SKColor color, float width = 0.6f) => Line(Canvas, x0, y0, x1, y1, color, width);

    public void Circle(float cx, float cy, float radius, SKColor color) => Circle(Canvas, cx, cy, radius, color);

    public void Circle(SKCanvas canvas, float cx, float cy, float radius, SKColor color)
    {
        _paint.Color = color;
        _paint.Style = SKPaintStyle.Fill;
        canvas.DrawCircle(cx, cy, radius, _paint);
    }

    /// <summary>Writes every page, letting <paramref name="decorate"/> add what needs the page count (header, footer, contents).</summary>
    public void Write(Stream output, SKDocumentPdfMetadata metadata, Action<SKCanvas, int, int> decorate)
    {
        EndPage();
        using var document = SKDocument.CreatePdf(output, metadata)
            ?? throw new InvalidOperationException("Skia could not start a PDF document.");
        for (var i = 0; i < _pages.Count; i++)
        {
            var canvas = document.BeginPage(Width, Height);
            canvas.DrawPicture(_pages[i]);
            decorate(canvas, i, _pages.Count);
            document.EndPage();
        }

        document.Close();
    }

    private void EndPage()
    {
        if (_recorder is null)
        {
            return;
        }

        _pages.Add(_recorder.EndRecording());
        _recorder.Dispose();
        _recorder = null;
    }

    public void Dispose()
    {
        _recorder?.Dispose();
        foreach (var page in _pages)
        {
            page.Dispose();
        }

        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _paint.Dispose();
    }
}

using SalesWheel.Core.Reports;
using SkiaSharp;
using Svg.Skia;

namespace SalesWheel.Core.Wheel;

/// <summary>
/// The wheel's SVG (from <see cref="WheelSvg"/>) turned into Skia drawing commands, so the PDF draws it as vectors
/// and the PNG rasterizes exactly the same drawing.
/// </summary>
internal sealed class WheelPicture : IDisposable
{
    private readonly SKSvg _document;

    public WheelPicture(string svg)
    {
        _document = new SKSvg();
        _document.Settings.TypefaceProviders = [ReportFonts.SvgProvider];
        Picture = _document.FromSvg(svg) ?? throw new InvalidOperationException("The wheel's SVG could not be drawn.");
    }

    /// <summary>The drawing, owned by this object.</summary>
    public SKPicture Picture { get; }

    /// <summary>The SVG's view box: width and height in SVG units.</summary>
    public SKRect Bounds => Picture.CullRect;

    public void Dispose() => _document.Dispose();
}

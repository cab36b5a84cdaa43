using SalesWheel.Core.Scoring;
using SkiaSharp;

namespace SalesWheel.Core.Wheel;

/// <summary>The wheel as a PNG: the very SVG of <see cref="WheelSvg"/>, rasterized (use scale 2 for crisp slides).</summary>
public static class WheelPng
{
    /// <summary>Largest scale accepted (the PNG is 1000 × 860 pixels at scale 1).</summary>
    public const float MaximumScale = 4;

    /// <summary>Renders the wheel of a report at <paramref name="scale"/> × the SVG's size, on white.</summary>
    public static byte[] Render(ScoreReport report, float scale, WheelOptions? options = null) =>
        Render(WheelSvg.Render(report, options), scale);

    /// <summary>Rasterizes an SVG made by <see cref="WheelSvg"/> or <see cref="TrendSvg"/>.</summary>
    public static byte[] Render(string svg, float scale)
    {
        if (!(scale > 0 && scale <= MaximumScale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The scale must be above 0 and at most {MaximumScale}.");
        }

        using var wheel = new WheelPicture(svg);
        var width = (int)Math.Ceiling(wheel.Bounds.Width * scale);
        var height = (int)Math.Ceiling(wheel.Bounds.Height * scale);
        // Opaque (on white): the PNG has no alpha channel.
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException($"Cannot make a {width} × {height} image.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        canvas.DrawPicture(wheel.Picture);
        canvas.Flush();
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();

        // One filter and light compression: about three times faster to encode than the defaults, for a file a third larger.
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3))
            ?? throw new InvalidOperationException("The wheel could not be encoded as PNG.");
        return png.ToArray();
    }
}

namespace SalesWheel.Core.Wheel;

/// <summary>The trend chart as a PNG: the very SVG of <see cref="TrendSvg"/>, rasterized as the wheel's PNG is.</summary>
public static class TrendPng
{
    /// <summary>Renders the trend at <paramref name="scale"/> × the SVG's size (1000 × 640), on white.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not above 0 and at most <see cref="WheelPng.MaximumScale"/>.</exception>
    public static byte[] Render(Trend trend, float scale, TrendOptions? options = null) =>
        WheelPng.Render(TrendSvg.Render(trend, options), scale);
}

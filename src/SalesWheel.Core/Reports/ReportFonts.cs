using SkiaSharp;
using Svg.Skia.TypefaceProviders;

namespace SalesWheel.Core.Reports;

/// <summary>
/// The typefaces every drawn report uses (DejaVu Sans, shipped in this assembly): the PDF and the wheel PNG look the same
/// on every machine, whatever fonts it has installed.
/// </summary>
internal static class ReportFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>Answers every font family an SVG asks for with the shipped faces (bold from weight 600).</summary>
    public static ITypefaceProvider SvgProvider { get; } = new ShippedTypefaces();

    private static SKTypeface Load(string file)
    {
        var name = $"SalesWheel.Core.Reports.Fonts.{file}";
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font {name} cannot be read.");
    }

    private sealed class ShippedTypefaces : ITypefaceProvider
    {
        public SKTypeface FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle) =>
            (int)fontWeight >= (int)SKFontStyleWeight.SemiBold ? Bold : Regular;
    }
}

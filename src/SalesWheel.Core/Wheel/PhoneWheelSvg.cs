using System.Globalization;
using System.Xml.Linq;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Wheel;

/// <summary>
/// The wheel for a phone's width: the segments and rings, each driver's name and score, and its fix-first rank, drawn
/// in a 460-unit-wide picture with 15-unit text, so that scaled to a 390-px phone's column (about 358 CSS px) every
/// label still reads at 11 CSS px or more. The title, legend and intervals are left to the page around it (its
/// heading and the driver table). Ids are prefixed "phone-wheel-", so it can sit in one page with
/// <see cref="WheelSvg"/>'s drawing (one of the two shown, by the page's stylesheet).
/// </summary>
public static class PhoneWheelSvg
{
    /// <summary>The picture's width in SVG units; the page scales it to the column's width.</summary>
    public const double Width = 460;

    /// <summary>Every text's size in SVG units: 11 CSS px at a scale of 0.74 (340 px of 460 units).</summary>
    public const double TextSize = 15;

    private const double Height = 330;
    private const double CenterX = Width / 2;
    private const double CenterY = 165;
    private const double Inner = 16;
    private const double Outer = 92;
    private const double LineHeight = 18;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Ink = "#1f2937";
    private const string Muted = "#6b7280";

    /// <summary>Renders the drivers of a report; <paramref name="title"/> is the picture's accessible name.</summary>
    public static string Render(ScoreReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var drivers = report.Dimensions.Where(d => d.Kind == "driver").ToList();
        var ranks = report.Priorities.Where(p => p.Rank <= 3).ToDictionary(p => p.Dimension, p => p.Rank);
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", WheelSvg.F(Width)),
            new XAttribute("height", WheelSvg.F(Height)),
            new XAttribute("viewBox", $"0 0 {WheelSvg.F(Width)} {WheelSvg.F(Height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "phone-wheel-title"),
            new XAttribute("font-family", "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif"),
            new XElement(Svg + "title", new XAttribute("id", "phone-wheel-title"),
                title + ": " + string.Join("; ", drivers.Select(d => d.Name + " " + (d.Score is { } s ? WheelSvg.Round(s) : "no data")))),
            new XElement(Svg + "rect", new XAttribute("width", WheelSvg.F(Width)), new XAttribute("height", WheelSvg.F(Height)), new XAttribute("fill", "#ffffff")));
        if (drivers.Count == 0)
        {
            return WheelSvg.Serialize(svg);
        }

        var step = 360.0 / drivers.Count;
        for (var i = 0; i < drivers.Count; i++)
        {
            svg.Add(Segment(drivers[i], -90 + (i * step), -90 + ((i + 1) * step), ranks.GetValueOrDefault(drivers[i].Id)));
        }

        var rings = new XElement(Svg + "g", new XAttribute("fill", "none"));
        foreach (var level in new[] { 25, 50, 75, 100 })
        {
            rings.Add(new XElement(Svg + "circle", WheelSvg.Attr("cx", CenterX), WheelSvg.Attr("cy", CenterY), WheelSvg.Attr("r", Radius(level)),
                new XAttribute("stroke", level == 100 ? "#9ca3af" : "#374151"), new XAttribute("stroke-opacity", level == 100 ? "1" : "0.28")));
        }

        svg.Add(rings);
        return WheelSvg.Serialize(svg);
    }

    private static XElement Segment(DimensionResult driver, double a0, double a1, int rank)
    {
        const double pad = 1.5;
        var group = new XElement(Svg + "g", new XAttribute("class", "driver"), new XAttribute("data-driver", driver.Id));
        group.Add(new XElement(Svg + "path", new XAttribute("d", Sector(Outer, a0 + pad, a1 - pad)), new XAttribute("fill", "#f3f4f6")));
        if (driver.Score is { } score)
        {
            group.Add(new XElement(Svg + "path", new XAttribute("d", Sector(Radius(Math.Clamp(score, 0, 100)), a0 + pad, a1 - pad)),
                new XAttribute("fill", ScoreBand.Of(score, decimals: 0).Colour), new XAttribute("fill-opacity", "0.92")));
        }

        // The label block (name on one or two lines, then the score) sits outside the wheel, away from its centre.
        var mid = (a0 + a1) / 2;
        var (x, y) = Point(Outer + 10, mid);
        var cos = Math.Cos(mid * Math.PI / 180);
        var sin = Math.Sin(mid * Math.PI / 180);
        var anchor = Math.Abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
        var lines = NameLines(driver.Name);
        var detail = driver.Score is { } s ? WheelSvg.Round(s) : "no data";
        if (rank > 0)
        {
            detail += " · fix #" + rank.ToString(CultureInfo.InvariantCulture);
        }

        var blockHeight = (lines.Count + 1) * LineHeight;
        var top = sin < -0.3 ? y - blockHeight + LineHeight - 4 : sin > 0.3 ? y + LineHeight - 2 : y - (blockHeight / 2) + LineHeight - 4;
        for (var i = 0; i < lines.Count; i++)
        {
            group.Add(WheelSvg.Text(x, top + (i * LineHeight), lines[i], TextSize, Ink, anchor: anchor, weight: "700"));
        }

        group.Add(WheelSvg.Text(x, top + (lines.Count * LineHeight), detail, TextSize,
            driver.Score is { } band ? ScoreBand.Of(band, decimals: 0).TextColour : Muted, anchor: anchor, weight: driver.Score is null ? "400" : "700"));
        return group;
    }

    /// <summary>A name longer than 12 characters breaks at its middle-most space, so the label keeps inside the picture.</summary>
    private static List<string> NameLines(string name)
    {
        if (name.Length <= 12 || !name.Contains(' ', StringComparison.Ordinal))
        {
            return [name];
        }

        var spaces = Enumerable.Range(0, name.Length).Where(i => name[i] == ' ').ToList();
        var cut = spaces.MinBy(i => Math.Abs(i - (name.Length / 2)));
        return [name[..cut], name[(cut + 1)..]];
    }

    private static double Radius(double score) => Inner + ((Outer - Inner) * score / 100.0);

    private static (double X, double Y) Point(double radius, double degrees)
    {
        var a = degrees * Math.PI / 180;
        return (CenterX + (radius * Math.Cos(a)), CenterY + (radius * Math.Sin(a)));
    }

    private static string Sector(double r1, double a0, double a1)
    {
        var large = a1 - a0 > 180 ? 1 : 0;
        var (x0, y0) = Point(Inner, a0);
        var (x1, y1) = Point(r1, a0);
        var (x2, y2) = Point(r1, a1);
        var (x3, y3) = Point(Inner, a1);
        return $"M{WheelSvg.F(x0)},{WheelSvg.F(y0)} L{WheelSvg.F(x1)},{WheelSvg.F(y1)} A{WheelSvg.F(r1)},{WheelSvg.F(r1)} 0 {large} 1 {WheelSvg.F(x2)},{WheelSvg.F(y2)} "
            + $"L{WheelSvg.F(x3)},{WheelSvg.F(y3)} A{WheelSvg.F(Inner)},{WheelSvg.F(Inner)} 0 {large} 0 {WheelSvg.F(x0)},{WheelSvg.F(y0)} Z";
    }
}

using System.Globalization;
using System.Text;
using System.Xml.Linq;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Wheel.WheelSvg;

namespace SalesWheel.Core.Wheel;

/// <summary>
/// Draws the key drivers as a self-contained SVG in the wheel's style: each driver a dot, its importance (Pearson r with
/// the report's first outcome, <see cref="ScoreReport.KeyDrivers"/>) across with its 95% interval as a whisker, its
/// score up. Lines at the drivers' average importance and average score split the plot; the corner "important and low"
/// is named as where to focus. Every dot is labelled in text (name, r, score), labels placed so none overlap, and the
/// text alternative lists every number. Drivers without r or score are listed under the plot, not drawn.
/// </summary>
public static class KeyDriverChart
{
    private const double Width = 1000;
    private const double Height = 720;
    private const double Left = 110;
    private const double Right = 940;
    private const double Top = 130;
    private const double Bottom = 600;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Font = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif";
    private const string Ink = "#1f2937";
    private const string Muted = "#6b7280";

    /// <summary>Renders the key-driver chart of a report (its first outcome); a note instead of dots when there is none.</summary>
    /// <param name="report">A score report.</param>
    /// <param name="title">Heading; defaults to "Key drivers of" the outcome's name.</param>
    public static string Render(ScoreReport report, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var set = report.KeyDrivers.Count > 0 ? report.KeyDrivers[0] : null;
        var outcomeName = set is null ? null : report.Dimensions.FirstOrDefault(d => d.Id == set.Outcome)?.Name ?? set.Outcome;
        title = string.IsNullOrWhiteSpace(title) ? $"Key drivers{(outcomeName is null ? "" : $" of {outcomeName}")}" : title.Trim();
        var points = set is null ? [] : Points(report, set);
        var left = set is null ? [] : set.Drivers.Where(k => points.All(p => p.Id != k.Dimension)).Select(k => Name(report, k.Dimension)).ToList();

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", F(Width)),
            new XAttribute("height", F(Height)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "key-drivers-title key-drivers-desc"),
            new XAttribute("font-family", Font),
            new XElement(Svg + "title", new XAttribute("id", "key-drivers-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", "key-drivers-desc"), Description(outcomeName, points, left)),
            new XElement(Svg + "rect", new XAttribute("width", F(Width)), new XAttribute("height", F(Height)), new XAttribute("fill", "#ffffff")),
            WheelSvg.Text(40, 52, Shortened(title, 56), 26, Ink, weight: "700"),
            WheelSvg.Text(40, 82, outcomeName is null
                ? "The instrument has no outcome to relate the drivers to."
                : $"Importance: how strongly each driver goes with {outcomeName} across respondents (r, with 95% interval); score 0–100 up.", 14, Muted));

        if (points.Count == 0)
        {
            svg.Add(WheelSvg.Text(Width / 2, (Top + Bottom) / 2, outcomeName is null ? "No outcome dimension" : "Too few answers to relate the drivers to the outcome", 18, Muted, anchor: "middle"));
            return Serialize(svg);
        }

        var (xMin, xMax) = Range(points);
        double X(double r) => Left + ((Right - Left) * (r - xMin) / (xMax - xMin));
        static double Y(double score) => Bottom - ((Bottom - Top) * score / 100.0);
        var splitR = points.Average(p => p.R);
        var splitScore = points.Average(p => p.Score);

        // The focus corner first, so everything else is drawn over it.
        svg.Add(new XElement(Svg + "rect", Attr("x", X(splitR)), Attr("y", Y(splitScore)), Attr("width", Right - X(splitR)), Attr("height", Bottom - Y(splitScore)),
            new XAttribute("fill", "#fdece1")));
        svg.Add(WheelSvg.Text(Right - 8, Bottom - 10, "Important and low: focus here", 14, "#9a3a00", anchor: "end", weight: "700"));
        svg.Add(WheelSvg.Text(Right - 8, Top + 18, "Important and strong: keep", 12, Muted, anchor: "end"));
        svg.Add(WheelSvg.Text(Left + 8, Bottom - 10, "Less related and low: watch", 12, Muted));
        svg.Add(WheelSvg.Text(Left + 8, Top + 18, "Less related and strong", 12, Muted));

        svg.Add(Axes(xMin, xMax, X, Y));
        svg.Add(Split(X(splitR), Top, X(splitR), Bottom), Split(Left, Y(splitScore), Right, Y(splitScore)));

        var placed = new List<(double X0, double Y0, double X1, double Y1)>();
        foreach (var p in points)
        {
            placed.Add((X(p.R) - 7, Y(p.Score) - 7, X(p.R) + 7, Y(p.Score) + 7));
        }

        // Reserve the corner captions so no label covers them.
        placed.Add((Right - 250, Bottom - 26, Right, Bottom));
        placed.Add((Right - 200, Top + 4, Right, Top + 24));
        placed.Add((Left, Bottom - 26, Left + 200, Bottom));
        placed.Add((Left, Top + 4, Left + 170, Top + 24));

        foreach (var p in points.OrderByDescending(p => p.R))
        {
            var x = X(p.R);
            var y = Y(p.Score);
            var colour = ScoreBand.Of(p.Score, decimals: 0).Colour;
            var group = new XElement(Svg + "g", new XAttribute("class", "driver"), new XAttribute("data-dimension", p.Id),
                new XElement(Svg + "title", $"{p.Name}: r {R(p.R)} (95% interval {R(p.Low)} to {R(p.High)}), score {Round(p.Score)}"));
            group.Add(Line(X(p.Low), y, X(p.High), y).SetStroke(colour, 2));
            group.Add(Line(X(p.Low), y - 5, X(p.Low), y + 5).SetStroke(colour, 2));
            group.Add(Line(X(p.High), y - 5, X(p.High), y + 5).SetStroke(colour, 2));
            group.Add(new XElement(Svg + "circle", Attr("cx", x), Attr("cy", y), Attr("r", 7), new XAttribute("fill", colour), new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "2")));

            var label = $"{p.Name}  r {R(p.R)} · {Round(p.Score)}";
            var (lx, ly, anchor, box) = PlaceLabel(label, x, y, placed);
            placed.Add(box);
            if (Math.Abs(ly - 4 - y) > 14 || (anchor == "start" ? lx - x : x - lx) > 24)
            {
                // Moved away from its dot: a thin leader says which dot it names.
                group.Add(Line(x, y, anchor == "start" ? lx - 2 : lx + 2, ly - 4).SetStroke("#9ca3af", 1));
            }

            // A white card under the label keeps it readable where another driver's whisker passes under it.
            group.Add(new XElement(Svg + "rect", Attr("x", box.Item1 - 3), Attr("y", box.Item2 - 1), Attr("width", box.Item3 - box.Item1 + 6), Attr("height", box.Item4 - box.Item2 + 3),
                new XAttribute("rx", "3"), new XAttribute("fill", "#ffffff"), new XAttribute("fill-opacity", "0.9")));
            group.Add(WheelSvg.Text(lx, ly, label, 13, Ink, anchor: anchor, weight: "700"));
            svg.Add(group);
        }

        var note = left.Count == 0 ? "" : $"Not drawn (too few answers, or no spread, to relate them): {string.Join(", ", left)}. ";
        svg.Add(WheelSvg.Text(40, Height - 40, note + "Lines at the drivers' average importance and average score. A relation, not proof of cause.", 12, Muted));
        return Serialize(svg);
    }

    private sealed record Point(string Id, string Name, double R, double Low, double High, double Score);

    private static List<Point> Points(ScoreReport report, KeyDriverSet set) =>
        [.. set.Drivers
            .Select(k => (k, report.Dimensions.FirstOrDefault(d => d.Id == k.Dimension)))
            .Where(p => p.k.R is not null && p.k.Ci95 is not null && p.Item2?.Score is not null)
            .Select(p => new Point(p.k.Dimension, p.Item2!.Name, p.k.R!.Value, p.k.Ci95!.Low, p.k.Ci95.High, p.Item2.Score!.Value))];

    private static string Name(ScoreReport report, string id) => report.Dimensions.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    /// <summary>The r axis: from 0 (or below the lowest interval) to at least 0.6, in tenths.</summary>
    private static (double Min, double Max) Range(List<Point> points)
    {
        var min = Math.Min(0, Math.Floor(points.Min(p => p.Low) * 10) / 10);
        var max = Math.Max(0.6, Math.Ceiling(points.Max(p => p.High) * 10) / 10);
        return (Math.Max(-1, min), Math.Min(1, max));
    }

    private static XElement Axes(double xMin, double xMax, Func<double, double> x, Func<double, double> y)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "axes"));
        for (var s = 0; s <= 100; s += 25)
        {
            group.Add(Line(Left, y(s), Right, y(s)).SetStroke("#e5e7eb", 1));
            group.Add(WheelSvg.Text(Left - 10, y(s) + 4, s.ToString(CultureInfo.InvariantCulture), 12, Muted, anchor: "end"));
        }

        var steps = (int)Math.Round((xMax - xMin) * 10);
        for (var i = 0; i <= steps; i++)
        {
            var r = xMin + (i / 10.0);
            group.Add(Line(x(r), Bottom, x(r), Bottom + 5).SetStroke(Muted, 1));
            group.Add(WheelSvg.Text(x(r), Bottom + 20, R(r), 12, Muted, anchor: "middle"));
        }

        group.Add(Line(Left, Bottom, Right, Bottom).SetStroke("#374151", 1.5));
        group.Add(Line(Left, Top, Left, Bottom).SetStroke("#374151", 1.5));
        group.Add(WheelSvg.Text((Left + Right) / 2, Bottom + 46, "Importance: r with the outcome →", 14, Ink, anchor: "middle", weight: "700"));
        group.Add(new XElement(Svg + "text", Attr("x", 40), Attr("y", (Top + Bottom) / 2), new XAttribute("font-size", "14"), new XAttribute("fill", Ink),
            new XAttribute("font-weight", "700"), new XAttribute("text-anchor", "middle"),
            new XAttribute("transform", $"rotate(-90 40 {F((Top + Bottom) / 2)})"), "Score (0–100) →"));
        return group;
    }

    private static XElement Split(double x1, double y1, double x2, double y2) =>
        Line(x1, y1, x2, y2).SetStroke("#9ca3af", 1.5, dashed: true);

    /// <summary>
    /// A label's place: right of the dot, else left, else above or below, else further out in steps; the first whose box
    /// overlaps no dot, label or caption and stays in the plot.
    /// </summary>
    private static (double X, double Y, string Anchor, (double, double, double, double) Box) PlaceLabel(string label, double x, double y, List<(double X0, double Y0, double X1, double Y1)> taken)
    {
        var width = label.Length * 13 * 0.63; // DejaVu Sans Bold averages about 0.63 em a character
        const double height = 16;
        (double, double, double, double) BoxOf(double lx, double ly, string anchor) =>
            anchor == "start" ? (lx, ly - 12, lx + width, ly + 4) : (lx - width, ly - 12, lx, ly + 4);
        bool Free((double X0, double Y0, double X1, double Y1) b) =>
            b.X0 >= Left + 2 && b.X1 <= Right + 50 && b.Y0 >= Top - 40 && b.Y1 <= Bottom - 2
            && taken.All(t => b.X1 <= t.X0 || b.X0 >= t.X1 || b.Y1 <= t.Y0 || b.Y0 >= t.Y1);

        for (var step = 0; step < 12; step++)
        {
            var dy = step * height * 0.75;
            foreach (var (lx, ly, anchor) in new[]
            {
                (x + 12, y + 4 + dy, "start"), (x + 12, y + 4 - dy, "start"),
                (x - 12, y + 4 + dy, "end"), (x - 12, y + 4 - dy, "end"),
            })
            {
                var box = BoxOf(lx, ly, anchor);
                if (Free(box))
                {
                    return (lx, ly, anchor, box);
                }
            }
        }

        var fallback = x + 12 + width <= Right + 50 ? (x + 12, y + 4, "start") : (x - 12, y + 4, "end");
        return (fallback.Item1, fallback.Item2, fallback.Item3, BoxOf(fallback.Item1, fallback.Item2, fallback.Item3));
    }

    private static string Description(string? outcome, List<Point> points, List<string> left)
    {
        if (outcome is null)
        {
            return "The instrument has no outcome dimension, so there are no key drivers to draw.";
        }

        var text = new StringBuilder($"Key drivers of {outcome}: each driver's importance (its correlation r with {outcome} across respondents) against its score. ");
        text.Append(string.Join("; ", points.OrderByDescending(p => p.R).Select(p =>
            $"{p.Name}: r {R(p.R)} (95% interval {R(p.Low)} to {R(p.High)}), score {Round(p.Score)}")));
        text.Append('.');
        var averageR = points.Count == 0 ? 0 : points.Average(p => p.R);
        var averageScore = points.Count == 0 ? 0 : points.Average(p => p.Score);
        var focus = points.Where(p => p.R > averageR && p.Score < averageScore).OrderByDescending(p => p.R).Select(p => p.Name).ToList();
        text.Append(focus.Count > 0 ? $" Important and low, where to focus: {string.Join(", ", focus)}." : " No driver is both more important and lower than average.");
        if (left.Count > 0)
        {
            text.Append($" Not drawn, too few answers or no spread: {string.Join(", ", left)}.");
        }

        return text.ToString();
    }

    /// <summary>r to two decimals, with a true minus sign.</summary>
    internal static string R(double r)
    {
        var rounded = Math.Round(r, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.00", CultureInfo.InvariantCulture).Replace('-', '−');
    }

    private static XElement SetStroke(this XElement line, string colour, double width, bool dashed = false)
    {
        line.Add(new XAttribute("stroke", colour), new XAttribute("stroke-width", F(width)));
        if (dashed)
        {
            line.Add(new XAttribute("stroke-dasharray", "6 4"));
        }

        return line;
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Wheel;

/// <summary>What to print around the wheel.</summary>
public sealed record WheelOptions
{
    /// <summary>Heading above the wheel; defaults to the instrument's name.</summary>
    public string? Title { get; init; }

    /// <summary>Line under the heading; defaults to respondents, phase and ACV band.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Mark the top priorities (up to this many) next to their driver's label.</summary>
    public int MarkedPriorities { get; init; } = 3;

    /// <summary>
    /// An earlier wave to compare with: each driver's score in it is drawn as a dashed outline at that radius, the legend
    /// names the wave, and the text alternative says before → after per driver. Null draws the wheel alone.
    /// </summary>
    public TrendWave? Previous { get; init; }
}

/// <summary>
/// Draws the wheel as a self-contained, deterministic SVG: one segment per driver, its length showing the
/// 0–100 score against rings at 25/50/75/100, the 95% interval as a whisker, the organization and people
/// halves grouped, a colour-blind-safe colour scale that is never the only cue (the score is printed),
/// and drivers without a score drawn as "no data", never as zero.
/// </summary>
public static class WheelSvg
{
    private const double Width = 1000;
    private const double Height = 860;
    private const double CenterX = 500;
    private const double CenterY = 450;
    private const double Inner = 46;
    private const double Outer = 270;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Font = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif";
    private const string Ink = "#1f2937";
    private const string Muted = "#6b7280";

    /// <summary>Renders the drivers of a report.</summary>
    public static string Render(ScoreReport report, WheelOptions? options = null)
    {
        options ??= new WheelOptions();
        var drivers = report.Dimensions.Where(d => d.Kind == "driver").ToList();
        var ranks = report.Priorities.Where(p => p.Rank <= options.MarkedPriorities).ToDictionary(p => p.Dimension, p => p.Rank);
        var title = options.Title ?? report.Instrument.Name;
        var subtitle = options.Subtitle ?? DefaultSubtitle(report);

        var svg = new XElement(Svg + "svg",
            new XAttribute("width", F(Width)),
            new XAttribute("height", F(Height)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "wheel-title wheel-desc"),
            new XAttribute("font-family", Font),
            new XElement(Svg + "title", new XAttribute("id", "wheel-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", "wheel-desc"), Description(report, drivers, options.Previous)),
            Definitions(),
            new XElement(Svg + "rect", new XAttribute("width", F(Width)), new XAttribute("height", F(Height)), new XAttribute("fill", "#ffffff")),
            Text(40, 52, Shortened(title, 56), 26, Ink, weight: "700"),
            Text(40, 82, subtitle, 15, Muted));

        if (drivers.Count == 0)
        {
            svg.Add(Text(CenterX, CenterY, "No drivers to draw", 18, Muted, anchor: "middle"));
            return Serialize(svg);
        }

        var step = 360.0 / drivers.Count;
        svg.Add(Halves(drivers, step));
        for (var i = 0; i < drivers.Count; i++)
        {
            svg.Add(Segment(drivers[i], -90 + (i * step), -90 + ((i + 1) * step), ranks, options.Previous));
        }

        // Rings go over the segments so the 25/50/75 marks read through the fills.
        svg.Add(Rings());

        svg.Add(RingLabels());
        svg.Add(new XElement(Svg + "circle", Attr("cx", CenterX), Attr("cy", CenterY), Attr("r", Inner - 4), new XAttribute("fill", "#ffffff"), new XAttribute("stroke", "#d1d5db")));
        svg.Add(Text(CenterX, CenterY - 4, report.Respondents.ToString(CultureInfo.InvariantCulture), 20, Ink, anchor: "middle", weight: "700"));
        svg.Add(Text(CenterX, CenterY + 14, report.Respondents == 1 ? "answer" : "answers", 11, Muted, anchor: "middle"));
        svg.Add(Legend(ranks.Count > 0, options.Previous?.Name, HasIntervals(report)));
        return Serialize(svg);
    }

    /// <summary>The heading as drawn: a long one is cut with an ellipsis so it stays inside the picture (the &lt;title&gt; keeps it whole).</summary>
    internal static string Shortened(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    private static string DefaultSubtitle(ScoreReport report)
    {
        var parts = new List<string> { $"{report.Respondents.ToString(CultureInfo.InvariantCulture)} respondent{(report.Respondents == 1 ? "" : "s")}" };
        if (ContextCodes.ParsePhase(report.Context.Phase) is { } phase)
        {
            parts.Add(phase.DisplayName() + " phase");
        }

        if (ContextCodes.ParseAcv(report.Context.Acv) is { } acv)
        {
            parts.Add(acv.DisplayName());
        }

        // One person's answers (or too few per driver) give no interval: the subtitle and legend only promise what is drawn.
        parts.Add(HasIntervals(report) ? "scores 0–100 with 95% intervals" : "scores 0–100");
        return string.Join(" · ", parts);
    }

    private static bool HasIntervals(ScoreReport report) => report.Dimensions.Any(d => d.Kind == "driver" && d.Ci95 is not null);

    private static string Description(ScoreReport report, List<DimensionResult> drivers, TrendWave? previous)
    {
        var text = new StringBuilder($"Wheel of {drivers.Count} drivers from {report.Respondents} respondents. ");
        if (previous is not null)
        {
            text.Append($"Compared with {previous.Name}, drawn as a dashed outline, before → after: ");
        }

        text.Append(string.Join("; ", drivers.Select(d => d.Score is { } s
            ? $"{d.Name} {Before(d, previous)}{Round(s)} out of 100" + (d.Ci95 is { } ci ? $" (95% interval {Round(ci.Low)} to {Round(ci.High)})" : "")
            : $"{d.Name}: {Before(d, previous)}no data")));
        text.Append('.');
        if (report.Priorities.Count > 0)
        {
            text.Append(" Fix first: ").Append(string.Join(", ", report.Priorities.Take(3).Select(p => drivers.FirstOrDefault(d => d.Id == p.Dimension)?.Name ?? p.Dimension))).Append('.');
        }

        return text.ToString();
    }

    /// <summary>"40 → " when compared with a wave that scored the driver, "not scored in Q1 → " when it did not, "" alone.</summary>
    private static string Before(DimensionResult driver, TrendWave? previous) => previous is null ? ""
        : previous.ScoreOf(driver.Id) is { } before ? $"{Round(before)} → "
        : $"not scored in {previous.Name} → ";

    private static XElement Definitions() =>
        new(Svg + "defs",
            new XElement(Svg + "pattern",
                new XAttribute("id", "no-data"), new XAttribute("width", "8"), new XAttribute("height", "8"),
                new XAttribute("patternUnits", "userSpaceOnUse"), new XAttribute("patternTransform", "rotate(45)"),
                new XElement(Svg + "rect", new XAttribute("width", "8"), new XAttribute("height", "8"), new XAttribute("fill", "#f3f4f6")),
                new XElement(Svg + "line", new XAttribute("x1", "0"), new XAttribute("y1", "0"), new XAttribute("x2", "0"), new XAttribute("y2", "8"),
                    new XAttribute("stroke", "#c7cbd1"), new XAttribute("stroke-width", "3"))));

    private static XElement Halves(List<DimensionResult> drivers, double step)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "halves"));
        foreach (var half in new[] { ("organization", "ORGANIZATION", "#374151"), ("people", "PEOPLE", "#9ca3af") })
        {
            var indices = drivers.Select((d, i) => (d, i)).Where(p => p.d.Half == half.Item1).Select(p => p.i).ToList();
            if (indices.Count == 0 || indices.Count == drivers.Count)
            {
                continue;
            }

            // Halves are contiguous in the built-in wheel; draw one band per contiguous run.
            foreach (var run in Runs(indices))
            {
                var a0 = -90 + (run.First * step) + 0.6;
                var a1 = -90 + ((run.Last + 1) * step) - 0.6;
                group.Add(new XElement(Svg + "path",
                    new XAttribute("d", SectorPath(Outer + 10, Outer + 16, a0, a1)),
                    new XAttribute("fill", half.Item3)));
                var mid = (a0 + a1) / 2;
                var (x, y) = Point(Outer + 104, mid);
                group.Add(Text(x, y, half.Item2, 13, half.Item3, anchor: "middle", weight: "700", spacing: "3"));
            }
        }

        return group;
    }

    private static IEnumerable<(int First, int Last)> Runs(List<int> indices)
    {
        var first = indices[0];
        var last = first;
        foreach (var i in indices.Skip(1))
        {
            if (i != last + 1)
            {
                yield return (first, last);
                first = i;
            }

            last = i;
        }

        yield return (first, last);
    }

    private static XElement Rings()
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "rings"), new XAttribute("fill", "none"));
        foreach (var level in new[] { 25, 50, 75, 100 })
        {
            group.Add(new XElement(Svg + "circle",
                Attr("cx", CenterX), Attr("cy", CenterY), Attr("r", Radius(level)),
                new XAttribute("stroke", level == 100 ? "#9ca3af" : "#374151"),
                new XAttribute("stroke-opacity", level == 100 ? "1" : "0.28"),
                new XAttribute("stroke-width", level == 100 ? "1.5" : "1"),
                level == 100 ? null : new XAttribute("stroke-dasharray", "4 4")));
        }

        return group;
    }

    private static XElement RingLabels()
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "ring-labels"));
        foreach (var level in new[] { 25, 50, 75, 100 })
        {
            // Along the 12 o'clock line, between the first and last segments.
            var y = CenterY - Radius(level);
            group.Add(new XElement(Svg + "rect", Attr("x", CenterX - 12), Attr("y", y - 8), Attr("width", 24), Attr("height", 15), new XAttribute("rx", "3"), new XAttribute("fill", "#ffffff"), new XAttribute("fill-opacity", "0.85")));
            group.Add(Text(CenterX, y + 4, level.ToString(CultureInfo.InvariantCulture), 10, Muted, anchor: "middle"));
        }

        return group;
    }

    private static XElement Segment(DimensionResult driver, double a0, double a1, Dictionary<string, int> ranks, TrendWave? previous)
    {
        const double pad = 1.2;
        var group = new XElement(Svg + "g", new XAttribute("class", "driver"), new XAttribute("data-driver", driver.Id));
        var label = driver.Score is { } s0 ? $"{driver.Name}: {Round(s0)} out of 100" : $"{driver.Name}: no data";
        var before = previous?.ScoreOf(driver.Id);
        if (previous is not null)
        {
            label += before is { } b ? $" ({previous.Name}: {Round(b)})" : $" (not scored in {previous.Name})";
        }

        group.Add(new XElement(Svg + "title", label));

        // The full track shows where 100 would be.
        group.Add(new XElement(Svg + "path",
            new XAttribute("d", SectorPath(Inner, Outer, a0 + pad, a1 - pad)),
            new XAttribute("fill", driver.Score is null ? "url(#no-data)" : "#f3f4f6")));

        var mid = (a0 + a1) / 2;
        if (driver.Score is { } score)
        {
            var colour = ScoreBand.Of(score, decimals: 0).Colour;
            group.Add(new XElement(Svg + "path",
                new XAttribute("d", SectorPath(Inner, Radius(score), a0 + pad, a1 - pad)),
                new XAttribute("fill", colour),
                new XAttribute("fill-opacity", "0.92")));
            if (driver.Ci95 is { } ci)
            {
                group.Add(Whisker(Math.Clamp(ci.Low, 0, 100), Math.Clamp(ci.High, 0, 100), mid));
            }
        }
        else
        {
            var (nx, ny) = Point((Inner + Outer) / 2, mid);
            group.Add(Text(nx, ny + 4, "no data", 12, Muted, anchor: "middle", weight: "700"));
        }

        if (before is { } previousScore)
        {
            group.Add(Outline(Radius(Math.Clamp(previousScore, 0, 100)), a0 + pad, a1 - pad));
        }

        // Label outside the wheel: name, then the score.
        var (x, y) = Point(Outer + 36, mid);
        var cos = Math.Cos(mid * Math.PI / 180);
        var anchor = Math.Abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
        var sin = Math.Sin(mid * Math.PI / 180);
        var nameY = y + (sin < -0.5 ? -14 : sin > 0.5 ? 10 : -4);
        var rankNote = ranks.TryGetValue(driver.Id, out var rank) ? rank : 0;
        var name = Text(x, nameY, driver.Name, 16, Ink, anchor: anchor, weight: "700");
        group.Add(name);
        var detail = driver.Score is { } s
            ? Round(s) + (driver.Ci95 is { } c ? $"  ({Round(c.Low)}–{Round(c.High)})" : "")
            : "no data";
        group.Add(Text(x, nameY + 22, detail, driver.Score is null ? 14 : 18, driver.Score is { } sc ? ScoreBand.Of(sc, decimals: 0).TextColour : Muted, anchor: anchor, weight: driver.Score is null ? "400" : "700"));
        if (rankNote > 0)
        {
            // A numbered badge marks the drivers to fix first.
            var badgeX = anchor switch { "start" => x - 16, "end" => x + 16, _ => x - 12 - (driver.Name.Length * 4.6) };
            group.Add(new XElement(Svg + "circle", Attr("cx", badgeX), Attr("cy", nameY - 5), Attr("r", 10), new XAttribute("fill", Ink)));
            group.Add(Text(badgeX, nameY - 1, rankNote.ToString(CultureInfo.InvariantCulture), 12, "#ffffff", anchor: "middle", weight: "700"));
        }

        return group;
    }

    private static XElement Whisker(double low, double high, double angle)
    {
        var (x0, y0) = Point(Radius(low), angle);
        var (x1, y1) = Point(Radius(high), angle);
        var group = new XElement(Svg + "g", new XAttribute("class", "interval"), new XAttribute("stroke", Ink), new XAttribute("stroke-width", "2"), new XAttribute("stroke-linecap", "round"));
        group.Add(Line(x0, y0, x1, y1));
        foreach (var r in new[] { Radius(low), Radius(high) })
        {
            var (ax, ay) = Point(r, angle - (7 * 40 / r));
            var (bx, by) = Point(r, angle + (7 * 40 / r));
            group.Add(Line(ax, ay, bx, by));
        }

        return group;
    }

    /// <summary>
    /// The previous wave's score: a dashed ink arc on a white halo, so it reads on every band colour, on the empty track
    /// and in print without colour.
    /// </summary>
    private static XElement Outline(double radius, double a0, double a1)
    {
        var (x0, y0) = Point(radius, a0);
        var (x1, y1) = Point(radius, a1);
        var d = $"M{F(x0)},{F(y0)} A{F(radius)},{F(radius)} 0 {(a1 - a0 > 180 ? 1 : 0)} 1 {F(x1)},{F(y1)}";
        return new XElement(Svg + "g", new XAttribute("class", "previous"), new XAttribute("fill", "none"), new XAttribute("stroke-linecap", "butt"),
            new XElement(Svg + "path", new XAttribute("d", d), new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "5.5")),
            new XElement(Svg + "path", new XAttribute("d", d), new XAttribute("stroke", Ink), new XAttribute("stroke-width", "2.5"), new XAttribute("stroke-dasharray", "7 4")));
    }

    private static XElement Legend(bool hasPriorities, string? previousName, bool hasIntervals)
    {
        var y = Height - 40;
        var group = new XElement(Svg + "g", new XAttribute("class", "legend"));
        var x = 40.0;
        foreach (var band in ScoreBand.All)
        {
            group.Add(new XElement(Svg + "rect", Attr("x", x), Attr("y", y - 11), Attr("width", 14), Attr("height", 14), new XAttribute("rx", "2"), new XAttribute("fill", band.Colour)));
            group.Add(Text(x + 20, y + 1, band.Label, 12, Ink));
            x += 36 + (band.Label.Length * 6.6);
        }

        group.Add(new XElement(Svg + "rect", Attr("x", x), Attr("y", y - 11), Attr("width", 14), Attr("height", 14), new XAttribute("fill", "url(#no-data)"), new XAttribute("stroke", "#c7cbd1")));
        group.Add(Text(x + 20, y + 1, "no data", 12, Ink));
        x += 84;
        if (hasIntervals)
        {
            group.Add(new XElement(Svg + "g", new XAttribute("stroke", Ink), new XAttribute("stroke-width", "2"), Line(x, y - 4, x + 18, y - 4), Line(x, y - 9, x, y + 1), Line(x + 18, y - 9, x + 18, y + 1)));
            group.Add(Text(x + 24, y + 1, "95% interval", 12, Ink));
        }

        if (hasPriorities)
        {
            group.Add(new XElement(Svg + "circle", Attr("cx", 47), Attr("cy", y + 22), Attr("r", 8), new XAttribute("fill", Ink)));
            group.Add(Text(47, y + 26, "1", 10, "#ffffff", anchor: "middle", weight: "700"));
            group.Add(Text(62, y + 26, "fix-first rank for this company phase and deal size", 12, Ink));
        }

        if (previousName is not null)
        {
            // On the second row, after the fix-first note when there is one.
            var ox = hasPriorities ? 430.0 : 40.0;
            group.Add(new XElement(Svg + "path", new XAttribute("d", $"M{F(ox)},{F(y + 24)} Q{F(ox + 11)},{F(y + 14)} {F(ox + 22)},{F(y + 24)}"),
                new XAttribute("fill", "none"), new XAttribute("stroke", Ink), new XAttribute("stroke-width", "2.5"), new XAttribute("stroke-dasharray", "7 4")));
            group.Add(Text(ox + 30, y + 26, "outline: " + Shortened(previousName, 48), 12, Ink));
        }

        return group;
    }

    private static double Radius(double score) => Inner + ((Outer - Inner) * score / 100.0);

    private static (double X, double Y) Point(double radius, double degrees)
    {
        var a = degrees * Math.PI / 180;
        return (CenterX + (radius * Math.Cos(a)), CenterY + (radius * Math.Sin(a)));
    }

    private static string SectorPath(double r0, double r1, double a0, double a1)
    {
        var large = a1 - a0 > 180 ? 1 : 0;
        var (x0, y0) = Point(r0, a0);
        var (x1, y1) = Point(r1, a0);
        var (x2, y2) = Point(r1, a1);
        var (x3, y3) = Point(r0, a1);
        return $"M{F(x0)},{F(y0)} L{F(x1)},{F(y1)} A{F(r1)},{F(r1)} 0 {large} 1 {F(x2)},{F(y2)} L{F(x3)},{F(y3)} A{F(r0)},{F(r0)} 0 {large} 0 {F(x0)},{F(y0)} Z";
    }

    internal static XElement Line(double x1, double y1, double x2, double y2) =>
        new(Svg + "line", Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2));

    internal static XElement Text(double x, double y, string text, double size, string fill, string anchor = "start", string weight = "400", string? spacing = null) =>
        new(Svg + "text",
            Attr("x", x), Attr("y", y),
            new XAttribute("font-size", F(size)),
            new XAttribute("fill", fill),
            anchor == "start" ? null : new XAttribute("text-anchor", anchor),
            weight == "400" ? null : new XAttribute("font-weight", weight),
            spacing is null ? null : new XAttribute("letter-spacing", spacing),
            text);

    internal static XAttribute Attr(string name, double value) => new(name, F(value));

    internal static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Round(double score) => ScoreBand.Printed(score, 0).ToString("0", CultureInfo.InvariantCulture);

    internal static string Serialize(XElement svg)
    {
        // Names and texts come from people and uploads: a control character in any of them would make the SVG (and
        // the PNG and PDF drawn from it) impossible to write, so every text and attribute is cleaned here, in one place.
        foreach (var text in svg.DescendantNodes().OfType<XText>())
        {
            text.Value = PlainText.Lines(text.Value);
        }

        foreach (var attribute in svg.DescendantsAndSelf().SelectMany(e => e.Attributes()))
        {
            attribute.Value = PlainText.Lines(attribute.Value);
        }

        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, settings))
        {
            svg.WriteTo(writer);
        }

        return builder.Append('\n').ToString();
    }
}

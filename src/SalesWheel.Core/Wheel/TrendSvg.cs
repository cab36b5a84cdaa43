using System.Globalization;
using System.Text;
using System.Xml.Linq;
using SalesWheel.Core.Scoring;
using static SalesWheel.Core.Wheel.WheelSvg;

namespace SalesWheel.Core.Wheel;

/// <summary>What to print around the trend chart.</summary>
public sealed record TrendOptions
{
    /// <summary>Heading above the chart; defaults to "Drivers across waves".</summary>
    public string? Title { get; init; }

    /// <summary>Line under the heading; defaults to the number of waves and drivers.</summary>
    public string? Subtitle { get; init; }
}

/// <summary>
/// Draws every driver across a series of waves as a self-contained, deterministic SVG in the wheel's visual language
/// (fonts, ink, band colours): x is the waves in order, evenly spaced, with their names and dates; y is the 0–100 score
/// with the band edges (40, 55, 70) as faint guides; one line per driver with its own colour and marker shape and a
/// direct label at its end (nudged apart when end values are close), so no line needs colour to be told apart. A driver
/// not scored in a wave leaves a gap, never a zero. The &lt;desc&gt; holds every number as a table in words.
/// </summary>
public static class TrendSvg
{
    /// <summary>Width of the picture in SVG units (the PNG's pixels at scale 1).</summary>
    public const double Width = 1000;

    /// <summary>Height of the picture in SVG units.</summary>
    public const double Height = 640;

    // The plot area: labels of the lines sit right of it, wave names under it.
    private const double Left = 76;
    private const double Right = 760;
    private const double Top = 124;
    private const double Bottom = 540;
    private const double LabelGap = 19;

    // Room left of the first wave for the band names, right of the last for its markers.
    private const double FirstWave = Left + 78;
    private const double LastWave = Right - 26;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Font = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif";
    private const string Ink = "#1f2937";
    private const string Muted = "#6b7280";

    // Paul Tol's "muted" scheme, darkened where too light for a thin line on white: told apart with the common
    // colour-vision deficiencies, and kept apart from the band colours (which mean a band, not a driver).
    private static readonly string[] Colours = ["#332288", "#117733", "#CC6677", "#44AA99", "#882255", "#8F8F2A", "#AA4499", "#4B5563", "#6699CC", "#A05A2C"];

    /// <summary>Renders the trend. Every text, including names from uploads, is escaped; control characters are removed.</summary>
    public static string Render(Trend trend, TrendOptions? options = null)
    {
        options ??= new TrendOptions();
        var title = options.Title ?? "Drivers across waves";
        var subtitle = options.Subtitle ?? DefaultSubtitle(trend);
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", F(Width)),
            new XAttribute("height", F(Height)),
            new XAttribute("viewBox", $"0 0 {F(Width)} {F(Height)}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "trend-title trend-desc"),
            new XAttribute("font-family", Font),
            new XElement(Svg + "title", new XAttribute("id", "trend-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", "trend-desc"), Description(trend)),
            new XElement(Svg + "rect", new XAttribute("width", F(Width)), new XAttribute("height", F(Height)), new XAttribute("fill", "#ffffff")),
            WheelSvg.Text(40, 52, Shortened(title, 56), 26, Ink, weight: "700"),
            WheelSvg.Text(40, 82, subtitle, 15, Muted));

        svg.Add(Grid());
        if (trend.Waves.Count == 0 || trend.Drivers.Count == 0)
        {
            svg.Add(WheelSvg.Text((Left + Right) / 2, (Top + Bottom) / 2, "No waves to draw", 18, Muted, anchor: "middle"));
            return Serialize(svg);
        }

        svg.Add(WaveAxis(trend.Waves));
        var series = new XElement(Svg + "g", new XAttribute("class", "series"));
        for (var i = 0; i < trend.Drivers.Count; i++)
        {
            series.Add(Series(trend, i));
        }

        svg.Add(series);
        svg.Add(Labels(trend));
        svg.Add(Legend(trend));
        return Serialize(svg);
    }

    /// <summary>The x of a wave's column: waves are evenly spaced, a lone wave sits in the middle.</summary>
    internal static double X(int wave, int waves) =>
        waves == 1 ? (Left + Right) / 2 : FirstWave + ((LastWave - FirstWave) * wave / (waves - 1));

    /// <summary>The y of a 0–100 score.</summary>
    internal static double Y(double score) => Bottom - ((Bottom - Top) * Math.Clamp(score, 0, 100) / 100);

    private static string DefaultSubtitle(Trend trend) =>
        $"{trend.Drivers.Count} driver{(trend.Drivers.Count == 1 ? "" : "s")} across {trend.Waves.Count} wave{(trend.Waves.Count == 1 ? "" : "s")} · scores 0–100 · a gap where a driver was not scored";

    private static string WaveName(TrendWave wave) =>
        wave.Date is { } date ? $"{wave.Name} ({date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : wave.Name;

    private static string Description(Trend trend)
    {
        var text = new StringBuilder($"Trend of {trend.Drivers.Count} drivers across {trend.Waves.Count} waves: ");
        text.Append(string.Join(", ", trend.Waves.Select(WaveName))).Append(". Scores out of 100, by driver: ");
        text.Append(string.Join("; ", trend.Drivers.Select(d =>
            $"{d.Name}: " + string.Join(", ", trend.Waves.Select(w => w.ScoreOf(d.Id) is { } s ? $"{w.Name} {Round(s)}" : $"{w.Name} not scored")))));
        return text.Append('.').ToString();
    }

    private static XElement Grid()
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "grid"));
        foreach (var level in new[] { 0, 25, 50, 75, 100 })
        {
            var y = Y(level);
            group.Add(new XElement(Svg + "line", Attr("x1", Left), Attr("y1", y), Attr("x2", Right), Attr("y2", y),
                new XAttribute("stroke", level == 0 ? "#9ca3af" : "#e5e7eb"), new XAttribute("stroke-width", "1")));
            group.Add(WheelSvg.Text(Left - 10, y + 4, level.ToString(CultureInfo.InvariantCulture), 12, Muted, anchor: "end"));
        }

        // Band edges: faint dashed guides, each band named in its own (readable) colour just above its lower edge.
        foreach (var band in ScoreBand.All)
        {
            var y = Y(band.From);
            if (band.From > 0)
            {
                group.Add(new XElement(Svg + "line", new XAttribute("class", "band-edge"), Attr("x1", Left), Attr("y1", y), Attr("x2", Right), Attr("y2", y),
                    new XAttribute("stroke", band.Colour), new XAttribute("stroke-opacity", "0.55"), new XAttribute("stroke-width", "1"), new XAttribute("stroke-dasharray", "5 4")));
            }

            group.Add(WheelSvg.Text(Left + 6, y - 5, band.Words, 11, band.TextColour, weight: "700"));
        }

        return group;
    }

    private static XElement WaveAxis(IReadOnlyList<TrendWave> waves)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "waves"));
        // Names are cut to their column's width so that neighbours never overlap (the <desc> keeps them whole).
        var column = waves.Count == 1 ? Right - Left : (LastWave - FirstWave) / (waves.Count - 1);
        var characters = Math.Max(4, (int)((column - 10) / 8.8));
        // A narrow column takes the month and year only (the <desc> keeps the day).
        var dateFormat = column < 96 ? "MMM yyyy" : "d MMM yyyy";
        for (var i = 0; i < waves.Count; i++)
        {
            var x = X(i, waves.Count);
            group.Add(new XElement(Svg + "line", Attr("x1", x), Attr("y1", Top), Attr("x2", x), Attr("y2", Bottom + 5),
                new XAttribute("stroke", "#e5e7eb"), new XAttribute("stroke-width", "1")));
            group.Add(WheelSvg.Text(x, Bottom + 24, Shortened(waves[i].Name, characters), 13, Ink, anchor: "middle", weight: "700"));
            if (waves[i].Date is { } date)
            {
                group.Add(WheelSvg.Text(x, Bottom + 42, date.ToString(dateFormat, CultureInfo.InvariantCulture), 12, Muted, anchor: "middle"));
            }
        }

        return group;
    }

    private static XElement Series(Trend trend, int index)
    {
        var driver = trend.Drivers[index];
        var colour = Colours[index % Colours.Length];
        var group = new XElement(Svg + "g", new XAttribute("class", "driver"), new XAttribute("data-driver", driver.Id));
        group.Add(new XElement(Svg + "title", $"{driver.Name}: " + string.Join(", ", trend.Waves.Select(w => w.ScoreOf(driver.Id) is { } s ? $"{w.Name} {Round(s)}" : $"{w.Name} not scored"))));

        // One path; a wave without a score starts a new run ("M"), so the gap shows and nothing is drawn at zero.
        var path = new StringBuilder();
        var previous = false;
        for (var w = 0; w < trend.Waves.Count; w++)
        {
            if (trend.Waves[w].ScoreOf(driver.Id) is { } score)
            {
                path.Append(path.Length == 0 ? "" : " ").Append(previous ? 'L' : 'M').Append(F(X(w, trend.Waves.Count))).Append(',').Append(F(Y(score)));
                previous = true;
            }
            else
            {
                previous = false;
            }
        }

        if (path.Length == 0)
        {
            return group;
        }

        if (Bridges(trend, driver.Id) is { Length: > 0 } bridges)
        {
            group.Add(new XElement(Svg + "path", new XAttribute("class", "bridge"), new XAttribute("d", bridges), new XAttribute("fill", "none"),
                new XAttribute("stroke", colour), new XAttribute("stroke-opacity", "0.6"), new XAttribute("stroke-width", "1.5"), new XAttribute("stroke-dasharray", "1.5 5"), new XAttribute("stroke-linecap", "round")));
        }

        group.Add(new XElement(Svg + "path", new XAttribute("class", "line"), new XAttribute("d", path.ToString()), new XAttribute("fill", "none"),
            new XAttribute("stroke", colour), new XAttribute("stroke-width", "2.5"), new XAttribute("stroke-linejoin", "round"), new XAttribute("stroke-linecap", "round")));
        for (var w = 0; w < trend.Waves.Count; w++)
        {
            if (trend.Waves[w].ScoreOf(driver.Id) is { } score)
            {
                group.Add(Marker(index, X(w, trend.Waves.Count), Y(score), colour));
            }
        }

        return group;
    }

    /// <summary>
    /// Faint dotted links across the waves that did not score the driver (a pulse of other drivers), so the eye can
    /// follow its line; the solid line and the markers still show only what was measured.
    /// </summary>
    private static string Bridges(Trend trend, string driver)
    {
        var path = new StringBuilder();
        int? last = null;
        for (var w = 0; w < trend.Waves.Count; w++)
        {
            if (trend.Waves[w].ScoreOf(driver) is not { } score)
            {
                continue;
            }

            if (last is { } from && w > from + 1)
            {
                path.Append(path.Length == 0 ? "" : " ")
                    .Append('M').Append(F(X(from, trend.Waves.Count))).Append(',').Append(F(Y(trend.Waves[from].ScoreOf(driver)!.Value)))
                    .Append(" L").Append(F(X(w, trend.Waves.Count))).Append(',').Append(F(Y(score)));
            }

            last = w;
        }

        return path.ToString();
    }

    private static XElement Legend(Trend trend)
    {
        var y = Height - 22;
        var group = new XElement(Svg + "g", new XAttribute("class", "legend"));
        var text = "one line per driver, labelled at its last score · dashed guides: band edges 40, 55, 70";
        if (trend.Drivers.Any(d => Bridges(trend, d.Id).Length > 0))
        {
            group.Add(new XElement(Svg + "line", Attr("x1", 40), Attr("y1", y - 4), Attr("x2", 62), Attr("y2", y - 4),
                new XAttribute("stroke", Ink), new XAttribute("stroke-width", "1.5"), new XAttribute("stroke-dasharray", "1.5 5"), new XAttribute("stroke-linecap", "round")));
            group.Add(WheelSvg.Text(70, y, "dotted: across a wave that did not score the driver", 12, Ink));
            group.Add(WheelSvg.Text(384, y, "· " + text, 12, Muted));
            return group;
        }

        group.Add(WheelSvg.Text(40, y, char.ToUpperInvariant(text[0]) + text[1..], 12, Muted));
        return group;
    }

    /// <summary>The driver's marker: one of five shapes, filled or hollow, so ten drivers differ without colour.</summary>
    private static XElement Marker(int index, double x, double y, string colour)
    {
        const double r = 5.5;
        var shape = index % 5;
        var hollow = index / 5 % 2 == 1;
        var d = shape switch
        {
            0 => $"M{F(x - r)},{F(y)} A{F(r)},{F(r)} 0 1 0 {F(x + r)},{F(y)} A{F(r)},{F(r)} 0 1 0 {F(x - r)},{F(y)} Z",
            1 => $"M{F(x - r + 0.8)},{F(y - r + 0.8)} H{F(x + r - 0.8)} V{F(y + r - 0.8)} H{F(x - r + 0.8)} Z",
            2 => $"M{F(x)},{F(y - r - 1)} L{F(x + r + 0.5)},{F(y + r - 1)} L{F(x - r - 0.5)},{F(y + r - 1)} Z",
            3 => $"M{F(x)},{F(y - r - 1)} L{F(x + r + 1)},{F(y)} L{F(x)},{F(y + r + 1)} L{F(x - r - 1)},{F(y)} Z",
            _ => $"M{F(x)},{F(y + r + 1)} L{F(x + r + 0.5)},{F(y - r + 1)} L{F(x - r - 0.5)},{F(y - r + 1)} Z",
        };
        return new XElement(Svg + "path", new XAttribute("class", "marker"), new XAttribute("d", d),
            new XAttribute("fill", hollow ? "#ffffff" : colour), new XAttribute("stroke", hollow ? colour : "#ffffff"), new XAttribute("stroke-width", hollow ? "2.2" : "1.2"));
    }

    private static XElement Labels(Trend trend)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "labels"));
        var last = trend.Waves.Count - 1;
        var ends = new List<(int Index, int Wave, double Score, double Y)>();
        for (var i = 0; i < trend.Drivers.Count; i++)
        {
            // The label sits at the driver's last scored wave: a pulse that left it out does not hide it.
            for (var w = last; w >= 0; w--)
            {
                if (trend.Waves[w].ScoreOf(trend.Drivers[i].Id) is { } score)
                {
                    ends.Add((i, w, score, Y(score)));
                    break;
                }
            }
        }

        var placed = Spread([.. ends.Select(e => e.Y)], Top - 6, Bottom + 6, LabelGap);
        const double labelX = Right + 34;
        for (var k = 0; k < ends.Count; k++)
        {
            var (index, wave, score, y) = ends[k];
            var driver = trend.Drivers[index];
            var colour = Colours[index % Colours.Length];
            var endX = X(wave, trend.Waves.Count);
            var label = new XElement(Svg + "g", new XAttribute("class", "label"), new XAttribute("data-driver", driver.Id));

            // A leader from the line's end to its label, faint, so a nudged or earlier-ending label still points home.
            label.Add(new XElement(Svg + "polyline",
                new XAttribute("points", $"{F(endX + 9)},{F(y)} {F(Right + 8)},{F(y)} {F(labelX - 16)},{F(placed[k])}"),
                new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-opacity", "0.5"), new XAttribute("stroke-width", "1"),
                wave == last ? null : new XAttribute("stroke-dasharray", "2 3")));
            label.Add(Marker(index, labelX - 7, placed[k], colour));
            var name = Shortened(driver.Name, 18);
            label.Add(new XElement(Svg + "text", Attr("x", labelX + 4), Attr("y", placed[k] + 4.5), new XAttribute("font-size", "13"), new XAttribute("fill", Ink),
                new XElement(Svg + "tspan", new XAttribute("font-weight", "700"), name),
                new XElement(Svg + "tspan", new XAttribute("fill", ScoreBand.Of(score, decimals: 0).TextColour), new XAttribute("font-weight", "700"), " " + Round(score)),
                wave == last ? null : new XElement(Svg + "tspan", new XAttribute("fill", Muted), $" ({Shortened(trend.Waves[wave].Name, Math.Max(4, 21 - name.Length))})")));
            group.Add(label);
        }

        return group;
    }

    /// <summary>
    /// Moves label positions apart to at least <paramref name="gap"/> while keeping their order and staying within
    /// [<paramref name="low"/>, <paramref name="high"/>] where there is room: labels that would collide form a block centred
    /// on their lines' ends, so each stays as close to its line as the others allow.
    /// </summary>
    internal static double[] Spread(IReadOnlyList<double> wanted, double low, double high, double gap)
    {
        var order = Enumerable.Range(0, wanted.Count).OrderBy(i => wanted[i]).ThenBy(i => i).ToArray();
        var blocks = new List<(double Sum, int Count, double Top)>();
        foreach (var i in order)
        {
            var block = (Sum: wanted[i], Count: 1, Top: Math.Clamp(wanted[i], low, Math.Max(low, high)));
            // Merge with the block above while they overlap; the merged block is centred on the mean of its wanted places.
            while (blocks.Count > 0 && blocks[^1].Top + (blocks[^1].Count * gap) > block.Top)
            {
                var above = blocks[^1];
                blocks.RemoveAt(blocks.Count - 1);
                var count = above.Count + block.Count;
                var sum = above.Sum + block.Sum;
                var top = (sum / count) - ((count - 1) * gap / 2);
                block = (sum, count, Math.Max(low, Math.Min(top, high - ((count - 1) * gap))));
            }

            blocks.Add(block);
        }

        var y = blocks.SelectMany(b => Enumerable.Range(0, b.Count).Select(j => b.Top + (j * gap))).ToArray();
        var result = new double[wanted.Count];
        for (var k = 0; k < order.Length; k++)
        {
            result[order[k]] = y[k];
        }

        return result;
    }
}

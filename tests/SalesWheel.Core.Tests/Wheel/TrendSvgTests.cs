using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SkiaSharp;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Wheel;

public sealed partial class TrendSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly TrendDriver[] Drivers = [new("strategy", "Strategy"), new("structure", "Structure"), new("enablement", "Enablement")];

    // Structure is not scored in the pulse (a gap); Strategy is not scored in the last wave (its label sits at the pulse).
    private static Trend Sample() => new(Drivers,
    [
        new TrendWave("Q1", new DateOnly(2026, 1, 15), Scores(("strategy", 40), ("structure", 62.5), ("enablement", 20))),
        new TrendWave("Pulse", new DateOnly(2026, 3, 1), Scores(("strategy", 55), ("structure", null), ("enablement", 30))),
        new TrendWave("Q3", new DateOnly(2026, 7, 1), Scores(("structure", 80), ("enablement", 90))),
    ]);

    private static Dictionary<string, double?> Scores(params (string Driver, double? Score)[] scores) => scores.ToDictionary(s => s.Driver, s => s.Score);

    private static XElement Parse(Trend trend) => XDocument.Parse(TrendSvg.Render(trend)).Root!;

    private static Dictionary<string, XElement> ByDriver(XElement svg, string @class) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == @class).ToDictionary(g => (string)g.Attribute("data-driver")!);

    /// <summary>The runs of a path: each "M" starts one, each point is "x,y".</summary>
    private static List<List<(double X, double Y)>> Runs(string path) =>
        [.. path.Split('M', StringSplitOptions.RemoveEmptyEntries).Select(run => Point().Matches(run).Select(m =>
            (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList())];

    [GeneratedRegex(@"(-?[\d.]+),(-?[\d.]+)")]
    private static partial Regex Point();

    /// <summary>The y of score 0 and of score 100, from the grid lines labelled 0 and 100.</summary>
    private static (double Zero, double Hundred) Scale(XElement svg)
    {
        var grid = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "grid");
        double YOf(string label)
        {
            var text = grid.Elements(Svg + "text").Single(t => t.Value == label);
            var y = (double)text.Attribute("y")!;
            // The grid line nearest to its label.
            return grid.Elements(Svg + "line").Select(l => (double)l.Attribute("y1")!).MinBy(l => Math.Abs(l - y));
        }

        return (YOf("0"), YOf("100"));
    }

    [Fact]
    public void TheTrendIsAccessibleSvgWithATitleAndEveryNumberInItsDescription()
    {
        var svg = XDocument.Parse(TrendSvg.Render(Sample(), new TrendOptions { Title = "Acme & Co" })).Root!;

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Acme & Co", svg.Element(Svg + "title")!.Value);
        var description = svg.Element(Svg + "desc")!.Value;
        Assert.Contains("Q1 (2026-01-15)", description);
        Assert.Contains("Strategy: Q1 40, Pulse 55, Q3 not scored", description);
        Assert.Contains("Structure: Q1 63, Pulse not scored, Q3 80", description);
        Assert.Contains("Enablement: Q1 20, Pulse 30, Q3 90", description);
    }

    [Fact]
    public void EachDriverIsOneLineWithAPointPerScoredWaveAndAGapWhereItWasNotScored()
    {
        var lines = ByDriver(Parse(Sample()), "driver");

        Assert.Equal(["strategy", "structure", "enablement"], lines.Keys);
        var enablement = Runs((string)lines["enablement"].Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!);
        Assert.Equal([3], enablement.Select(r => r.Count));
        var structure = Runs((string)lines["structure"].Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!);
        Assert.Equal([1, 1], structure.Select(r => r.Count)); // Q1, then nothing at the pulse, then Q3
        var strategy = Runs((string)lines["strategy"].Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!);
        Assert.Equal([2], strategy.Select(r => r.Count));
        Assert.Equal([2, 2, 3], lines.Values.Select(g => g.Elements(Svg + "path").Count(p => (string?)p.Attribute("class") == "marker")));

        // The gap is bridged only by a faint dotted link, from Q1 to Q3, never through a point at the pulse.
        var bridge = Runs((string)lines["structure"].Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "bridge").Attribute("d")!);
        Assert.Equal([(structure[0][0], structure[1][0])], bridge.Select(r => (r[0], r[1])));
        Assert.DoesNotContain(lines["enablement"].Elements(Svg + "path"), p => (string?)p.Attribute("class") == "bridge");
    }

    [Fact]
    public void PointsSitAtHeightsProportionalToTheirScoresAndWavesGoLeftToRight()
    {
        var svg = Parse(Sample());
        var (zero, hundred) = Scale(svg);
        var lines = ByDriver(svg, "driver");
        var enablement = Runs((string)lines["enablement"].Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!)[0];
        var structure = Runs((string)lines["structure"].Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!);

        Assert.True(hundred < zero);
        Assert.Equal([20, 30, 90], enablement.Select(p => Math.Round((zero - p.Y) / (zero - hundred) * 100, 1)));
        Assert.Equal(62.5, Math.Round((zero - structure[0][0].Y) / (zero - hundred) * 100, 1));
        Assert.True(enablement[0].X < enablement[1].X && enablement[1].X < enablement[2].X);
        Assert.Equal(enablement[0].X, structure[0][0].X);
        Assert.Equal(enablement[2].X, structure[1][0].X);
    }

    [Fact]
    public void EveryDriverIsLabelledByNameAndLastScoreAndAnEarlierEndSaysWhichWave()
    {
        var labels = ByDriver(Parse(Sample()), "label");

        Assert.Equal(3, labels.Count);
        Assert.Equal("Strategy 55 (Pulse)", labels["strategy"].Element(Svg + "text")!.Value);
        Assert.Equal("Structure 80", labels["structure"].Element(Svg + "text")!.Value);
        Assert.Equal("Enablement 90", labels["enablement"].Element(Svg + "text")!.Value);

        // Without colour, the label's marker has the same shape as its line's markers.
        var lines = ByDriver(Parse(Sample()), "driver");
        var shapes = Drivers.Select(d => Shape((string)labels[d.Id].Elements(Svg + "path").Single().Attribute("d")!)).ToList();
        Assert.Equal(shapes.Count, shapes.Distinct().Count());
        Assert.All(Drivers, d => Assert.Equal(Shape((string)labels[d.Id].Elements(Svg + "path").Single().Attribute("d")!),
            Shape((string)lines[d.Id].Elements(Svg + "path").First(p => (string?)p.Attribute("class") == "marker").Attribute("d")!)));
    }

    /// <summary>A marker's shape: its path's commands, without the numbers.</summary>
    private static string Shape(string d) => new([.. d.Where(char.IsLetter)]);

    [Fact]
    public void LabelsOfEqualEndScoresAreNudgedApartToBeReadable()
    {
        var wave = new TrendWave("Only", null, Drivers.ToDictionary(d => d.Id, _ => (double?)50));
        var labels = ByDriver(Parse(new Trend(Drivers, [wave])), "label");

        var ys = labels.Values.Select(l => (double)l.Element(Svg + "text")!.Attribute("y")!).Order().ToList();
        Assert.All(ys.Zip(ys.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 18, $"labels at {pair.First} and {pair.Second} overlap"));
    }

    public sealed record Ends(double[] Wanted);

    [Property(MaxTest = 300)]
    public Property SpreadLabelsKeepTheirOrderAndTheirGapAndStayInTheBoxWhenThereIsRoom() => Prop.ForAll(
        Gen.Choose(0, 1000).Select(v => v / 10.0).ArrayOf().Where(a => a.Length is > 0 and <= 10).Select(a => new Ends(a)).ToArbitrary(), ends =>
        {
            var placed = TrendSvg.Spread(ends.Wanted, 0, 300, 19);
            var order = Enumerable.Range(0, ends.Wanted.Length).OrderBy(i => ends.Wanted[i]).ThenBy(i => i).Select(i => placed[i]).ToList();
            return order.Zip(order.Skip(1)).All(p => p.Second - p.First >= 19 - 1e-9)
                && placed.All(y => y is >= 0 and <= 300)
                // Labels with room stay on their line's end.
                && (ends.Wanted.Length > 1 || placed[0] == ends.Wanted[0]);
        });

    [Fact]
    public void ATrendFromReportsPutsDatedWavesInDateOrderAndKeepsEveryDriverOfAPulse()
    {
        var full = Report(4);
        var pulse = ScoringEngine.Score(Build(EightDrivers(), [(Answers(("D4", 5)), null)]), new ScoringOptions());

        var trend = Trend.From([("Later", new DateOnly(2026, 6, 1), pulse), ("Earlier", new DateOnly(2026, 1, 1), full)]);

        Assert.Equal(["Earlier", "Later"], trend.Waves.Select(w => w.Name));
        Assert.Equal(SalesWheel.Core.Instruments.Drivers.Ids, trend.Drivers.Select(d => d.Id));
        Assert.Equal(75, trend.Waves[0].ScoreOf("strategy"));
        Assert.Null(trend.Waves[1].ScoreOf("strategy"));
        Assert.Equal(100, trend.Waves[1].ScoreOf(SalesWheel.Core.Instruments.Drivers.Ids[3]));
    }

    [Fact]
    public void WavesWithoutDatesKeepTheOrderGiven()
    {
        var trend = Trend.From([("B", null, Report(2)), ("A", new DateOnly(2020, 1, 1), Report(3))]);

        Assert.Equal(["B", "A"], trend.Waves.Select(w => w.Name));
    }

    [Fact]
    public void NoWavesDrawAnEmptyChartThatSaysSo()
    {
        var svg = Parse(new Trend(Drivers, []));

        Assert.Contains("No waves to draw", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Empty(ByDriver(svg, "driver"));
    }

    [Theory]
    [InlineData(1f, 1000, 640)]
    [InlineData(2f, 2000, 1280)]
    public void ThePngIsTheSvgsSizeTimesTheScaleWithTheLinesInTheirColours(float scale, int width, int height)
    {
        var trend = Sample();
        using var image = SKBitmap.Decode(TrendPng.Render(trend, scale));

        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(SKColors.White, image.GetPixel(4, 4));
        // Halfway along Enablement's first segment the pixel is its line's colour, not white.
        var svg = Parse(trend);
        var line = ByDriver(svg, "driver")["enablement"].Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line");
        var points = Runs((string)line.Attribute("d")!)[0];
        var pixel = image.GetPixel((int)(scale * (points[0].X + points[1].X) / 2), (int)(scale * (points[0].Y + points[1].Y) / 2));
        var colour = SKColor.Parse((string)line.Attribute("stroke")!);
        Assert.True(Math.Abs(pixel.Red - colour.Red) + Math.Abs(pixel.Green - colour.Green) + Math.Abs(pixel.Blue - colour.Blue) < 60, $"pixel {pixel} is not the line's colour {colour}");
    }

    /// <summary>Every driver answers the same value (1..5) twice.</summary>
    private static ScoreReport Report(int value)
    {
        var instrument = EightDrivers();
        var answers = Answers([.. instrument.Items.Select(item => (item.Id, (int?)value))]);
        return ScoringEngine.Score(Build(instrument, [(answers, null), (answers, null)]), new ScoringOptions());
    }
}

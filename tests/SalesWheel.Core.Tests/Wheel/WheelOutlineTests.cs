using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SkiaSharp;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Wheel;

public sealed partial class WheelOutlineTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Strategy answers 1 (score 0), structure has no answer at all, the rest answer 4 (score 75).
    private static ScoreReport Report()
    {
        var instrument = EightDrivers();
        var answers = instrument.Items.Select((item, i) => (item.Id, i switch { 0 => (int?)1, 1 => null, _ => 4 })).ToArray();
        return ScoringEngine.Score(Build(instrument, [(Answers(answers), null), (Answers(answers), null)]), new ScoringOptions { Phase = CompanyPhase.Scale });
    }

    // The previous wave: strategy 40, structure 30, operations not scored (a pulse left it out), the rest 25.
    private static readonly TrendWave Previous = new("Q1 2026", new DateOnly(2026, 1, 15),
        SalesWheel.Core.Instruments.Drivers.Ids.ToDictionary(id => id, id => id switch { "strategy" => 40, "structure" => 30, "operations" => null, _ => (double?)25 }));

    private static Dictionary<string, XElement> Segments(string svg) =>
        XDocument.Parse(svg).Root!.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "driver").ToDictionary(g => (string)g.Attribute("data-driver")!);

    [GeneratedRegex(@"A([\d.]+),([\d.]+)")]
    private static partial Regex Arc();

    [Fact]
    public void EachDriverScoredBeforeGetsADashedOutlineAtThePreviousScoresRadius()
    {
        var segments = Segments(WheelSvg.Render(Report(), new WheelOptions { Previous = Previous }));

        foreach (var (id, before) in new[] { ("strategy", 40.0), ("structure", 30.0), ("enablement", 25.0) })
        {
            var outline = segments[id].Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "previous");
            var dashed = outline.Elements(Svg + "path").Single(p => p.Attribute("stroke-dasharray") is not null);
            var radius = double.Parse(Arc().Match((string)dashed.Attribute("d")!).Groups[1].Value, CultureInfo.InvariantCulture);
            // Radius runs from 46 (score 0) to 270 (score 100), as the segments do.
            Assert.Equal(46 + (224 * before / 100), radius, 2);
        }

        Assert.DoesNotContain(segments["operations"].Elements(Svg + "g"), g => (string?)g.Attribute("class") == "previous");
    }

    [Fact]
    public void TheLegendNamesThePreviousWaveAndTheTextSaysBeforeAndAfterPerDriver()
    {
        var svg = XDocument.Parse(WheelSvg.Render(Report(), new WheelOptions { Previous = Previous })).Root!;

        Assert.Contains("outline: Q1 2026", svg.Descendants(Svg + "text").Select(t => t.Value));
        var description = svg.Element(Svg + "desc")!.Value;
        Assert.Contains("Compared with Q1 2026", description);
        Assert.Contains("strategy 40 → 0 out of 100", description);
        Assert.Contains("structure: 30 → no data", description);
        Assert.Contains("operations not scored in Q1 2026 → 75 out of 100", description);
        Assert.Contains("enablement 25 → 75 out of 100", description);
        var segments = Segments(svg.ToString());
        Assert.Equal("strategy: 0 out of 100 (Q1 2026: 40)", segments["strategy"].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void WithoutAPreviousWaveTheWheelHasNoOutlineAndNoOutlineLegend()
    {
        var svg = WheelSvg.Render(Report());

        Assert.DoesNotContain("class=\"previous\"", svg);
        Assert.DoesNotContain("outline:", svg);
        Assert.DoesNotContain("→", svg);
    }

    [Fact]
    public void ThePngDrawsTheOutlineInInkOnTheTrack()
    {
        using var plain = SKBitmap.Decode(WheelPng.Render(Report(), 1));
        using var compared = SKBitmap.Decode(WheelPng.Render(Report(), 1, new WheelOptions { Previous = Previous }));

        // Strategy (score 0, an empty light track) was 40: along the arc at that radius, within the segment (0°–45°
        // after 12 o'clock), some pixels are dark ink where the wheel alone has the light track.
        var radius = 46 + (224 * 0.4);
        var dark = Enumerable.Range(5, 35).Select(degrees =>
        {
            var angle = (-90 + degrees) * Math.PI / 180;
            var (x, y) = ((int)Math.Round(500 + (radius * Math.Cos(angle))), (int)Math.Round(450 + (radius * Math.Sin(angle))));
            return (Plain: plain.GetPixel(x, y), Compared: compared.GetPixel(x, y));
        }).ToList();
        Assert.All(dark, p => Assert.True(p.Plain.Red > 200, $"the wheel alone has {p.Plain} on the track"));
        Assert.True(dark.Count(p => p.Compared.Red < 100) >= 10, "the outline is not drawn in ink along the previous score's radius");
    }
}

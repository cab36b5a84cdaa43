using System.Xml.Linq;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Wheel;

public sealed class WheelSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Strategy answers 1 (score 0), structure has no answer at all, the rest answer 4 (score 75).
    private static ScoreReport Report()
    {
        var instrument = EightDrivers();
        var answers = instrument.Items.Select((item, i) => (item.Id, i switch { 0 => (int?)1, 1 => null, _ => 4 })).ToArray();
        return ScoringEngine.Score(Build(instrument, [(Answers(answers), null), (Answers(answers), null)]), new ScoringOptions { Phase = CompanyPhase.Scale });
    }

    [Fact]
    public void TheWheelIsValidAccessibleSvgWithARealLabelPerDriver()
    {
        var svg = XDocument.Parse(WheelSvg.Render(Report(), new WheelOptions { Title = "Acme & Co" })).Root!;

        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Acme & Co", svg.Element(Svg + "title")!.Value);
        var description = svg.Element(Svg + "desc")!.Value;
        Assert.Contains("strategy 0 out of 100", description);
        Assert.Contains("structure: no data", description);
        Assert.Contains("Fix first: strategy", description);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.All(Drivers.Ids, id => Assert.Contains(id, texts));
        Assert.Equal(8, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "driver"));
    }

    [Fact]
    public void ADriverWithoutAScoreIsDrawnAsNoDataNeverAsZero()
    {
        var svg = XDocument.Parse(WheelSvg.Render(Report())).Root!;
        var drivers = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "driver").ToDictionary(g => (string)g.Attribute("data-driver")!);

        var structure = drivers["structure"];
        Assert.Contains(structure.Descendants(Svg + "path"), p => (string?)p.Attribute("fill") == "url(#no-data)");
        Assert.Contains("no data", structure.Descendants(Svg + "text").Select(t => t.Value));
        Assert.DoesNotContain(structure.Descendants(Svg + "path"), p => ScoreBand.All.Any(b => b.Colour == (string?)p.Attribute("fill")));

        var strategy = drivers["strategy"];
        Assert.Contains(strategy.Descendants(Svg + "path"), p => (string?)p.Attribute("fill") == ScoreBand.Of(0).Colour);
        Assert.DoesNotContain("no data", strategy.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains(strategy.Descendants(Svg + "text"), t => t.Value.StartsWith('0'));
    }

    [Fact]
    public void TheSameReportAlwaysGivesTheSameBytes()
    {
        Assert.Equal(WheelSvg.Render(Report()), WheelSvg.Render(Report()));
    }

    [Theory]
    [InlineData(0, "#D55E00")]
    [InlineData(39.94, "#D55E00")]
    [InlineData(40, "#E69F00")]
    [InlineData(69.9, "#56B4E9")]
    [InlineData(100, "#0072B2")]
    public void ScoresAreColouredByBand(double score, string colour) => Assert.Equal(colour, ScoreBand.Of(score).Colour);

    [Fact]
    public void OnePersonsWheelPromisesNoIntervalsAndATeamsDoes()
    {
        var instrument = EightDrivers();
        var answers = Answers([.. instrument.Items.Select(item => (item.Id, (int?)4))]);
        static List<string> Texts(ScoreReport report) =>
            [.. XDocument.Parse(WheelSvg.Render(report)).Root!.Descendants(Svg + "text").Select(t => t.Value)];

        var one = Texts(ScoringEngine.Score(Build(instrument, [(answers, null)]), new ScoringOptions()));
        Assert.Contains(one, t => t.StartsWith("1 respondent · ", StringComparison.Ordinal) && t.EndsWith("scores 0–100", StringComparison.Ordinal));
        Assert.DoesNotContain(one, t => t.Contains("95%", StringComparison.Ordinal));

        var team = Texts(Report());
        Assert.Contains(team, t => t.EndsWith("scores 0–100 with 95% intervals", StringComparison.Ordinal));
        Assert.Contains("95% interval", team);
    }

    [Fact]
    public void ThePhonesWheelNamesEveryDriverWithItsScoreInTextLargeEnoughToScaleDown()
    {
        var svg = XDocument.Parse(PhoneWheelSvg.Render(Report(), "Acme")).Root!;

        var texts = svg.Descendants(Svg + "text").ToList();
        Assert.All(texts, t => Assert.True(double.Parse((string)t.Attribute("font-size")!, System.Globalization.CultureInfo.InvariantCulture) >= PhoneWheelSvg.TextSize));
        Assert.All(Drivers.Ids, id => Assert.Contains(texts, t => t.Value == id));
        Assert.Contains(texts, t => t.Value == "0 · fix #1"); // strategy: score 0, fixed first
        Assert.Contains(texts, t => t.Value == "no data"); // structure
        Assert.All(svg.DescendantsAndSelf().Attributes("id"), id => Assert.StartsWith("phone-wheel-", id.Value, StringComparison.Ordinal));
        Assert.Equal(PhoneWheelSvg.Width, double.Parse(((string)svg.Attribute("viewBox")!).Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}

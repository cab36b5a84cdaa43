using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace SalesWheel.Cli.Tests;

public sealed class CompareSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    /// <summary>The demo company as two waves: its first 30 people, then its last 30.</summary>
    private static (string Before, string After) TwoWaves()
    {
        var lines = File.ReadAllLines(Sample);
        var folder = Cli.TempFolder();
        var before = Path.Combine(folder, "q1-baseline.csv");
        var after = Path.Combine(folder, "q3-follow-up.csv");
        File.WriteAllLines(before, lines.Take(31));
        File.WriteAllLines(after, lines.Take(1).Concat(lines.Skip(31)));
        return (before, after);
    }

    [Fact]
    public void SvgIsTheTrendChartOfBothWavesNamedByTheirFilesWithTheComparisonsScores()
    {
        var (before, after) = TwoWaves();
        var folder = Cli.TempFolder();
        var svgFile = Path.Combine(folder, "compare.svg");
        var jsonFile = Path.Combine(folder, "compare.json");

        var (code, stdout, _) = Cli.Run("compare", before, after, "--format", "svg", "--out", svgFile);
        Assert.Equal(0, Cli.Run("compare", before, after, "--format", "json", "--out", jsonFile).ExitCode);

        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        var svg = XDocument.Parse(File.ReadAllText(svgFile)).Root!;
        Assert.Equal(["q1-baseline", "q3-follow-up"], svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "waves").Elements(Svg + "text").Select(t => t.Value));
        var drawn = TrendValues(svg);
        var json = JsonNode.Parse(File.ReadAllText(jsonFile))!;
        var drivers = ((JsonArray)json["dimensions"]!).Where(d => (string?)d!["kind"] is null or "driver").ToList();
        Assert.Equal(8, drawn.Count);
        Assert.Equal(drivers.Select(d => (string)d!["id"]!).Where(drawn.ContainsKey).Count(), drawn.Count);
        foreach (var (driver, points) in drawn)
        {
            var expected = drivers.Single(d => (string)d!["id"]! == driver)!;
            Assert.Equal(2, points.Count);
            // The path is drawn to 0.01 of a unit: well under 0.01 of a point.
            Assert.Equal((double)expected["before"]!["score"]!, points[0], 0.01);
            Assert.Equal((double)expected["after"]!["score"]!, points[1], 0.01);
        }
    }

    [Fact]
    public void WithoutOutTheSvgGoesToTheTerminal()
    {
        var (before, after) = TwoWaves();

        var (code, stdout, _) = Cli.Run("compare", before, after, "--format", "svg");

        Assert.Equal(0, code);
        Assert.Equal(8, TrendValues(XDocument.Parse(stdout).Root!).Count);
    }

    /// <summary>
    /// Each driver's line as 0–100 scores, read back from its path through the chart's own 0 and 100 grid lines, so the
    /// test holds whatever the layout.
    /// </summary>
    private static Dictionary<string, List<double>> TrendValues(XElement svg)
    {
        var grid = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "grid").Elements(Svg + "line").Where(l => l.Attribute("class") is null).ToList();
        var zero = (double)grid[0].Attribute("y1")!;
        var hundred = (double)grid[^1].Attribute("y1")!;
        return svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "driver").ToDictionary(
            g => (string)g.Attribute("data-driver")!,
            g => ((string)g.Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!)
                .Split(['M', 'L', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(point => (double.Parse(point.Split(',')[1], CultureInfo.InvariantCulture) - zero) / (hundred - zero) * 100)
                .ToList());
    }
}

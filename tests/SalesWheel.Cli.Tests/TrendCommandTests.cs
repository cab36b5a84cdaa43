using System.Xml.Linq;
using SkiaSharp;

namespace SalesWheel.Cli.Tests;

public sealed class TrendCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    /// <summary>A pulse wave: the sample's Enablement answers only, so every other driver has no score in it.</summary>
    private static string Pulse(string folder)
    {
        var lines = File.ReadAllLines(Sample).Select(l => l.Split(',')).ToList();
        var keep = Enumerable.Range(0, lines[0].Length).Where(i => lines[0][i].StartsWith("ENB", StringComparison.Ordinal)).ToList();
        var path = Path.Combine(folder, "pulse.csv");
        File.WriteAllLines(path, lines.Select(cells => string.Join(',', keep.Select(i => cells[i]))));
        return path;
    }

    [Fact]
    public void TheTrendOfThreeWavesIsAnSvgWithALabelledLinePerDriverAndGapsWhereAPulseDidNotScoreIt()
    {
        var folder = Cli.TempFolder();
        var output = Path.Combine(folder, "trend.svg");

        var (code, stdout, _) = Cli.Run("trend", Sample, Pulse(folder), Sample, "--names", "Q1, Pulse ,Q3", "--out", output, "--title", "Northwind");

        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        var svg = XDocument.Parse(File.ReadAllText(output)).Root!;
        Assert.Equal("Northwind", svg.Element(Svg + "title")!.Value);
        var lines = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "driver").ToList();
        Assert.Equal(8, lines.Count);
        foreach (var line in lines)
        {
            var path = (string)line.Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!;
            // Enablement is one run through all three waves; every other driver is two lone points around the pulse.
            Assert.Equal((string?)line.Attribute("data-driver") == "enablement" ? "M L L" : "M M", new string([.. path.Where(c => c is 'M' or 'L' or ' ')]).Replace("  ", " ", StringComparison.Ordinal).Trim());
        }

        var labels = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "label").Select(g => g.Element(Svg + "text")!.Value).ToList();
        Assert.Contains(labels, l => l.StartsWith("Enablement ", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.StartsWith("Talent Management ", StringComparison.Ordinal));
        Assert.Matches(@"Strategy: Q1 \d+, Pulse not scored, Q3 \d+;", svg.Element(Svg + "desc")!.Value);
        Assert.Matches(@"Enablement: Q1 \d+, Pulse \d+, Q3 \d+;", svg.Element(Svg + "desc")!.Value);
        Assert.Equal(["Q1", "Pulse", "Q3"], svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "waves").Elements(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void WithoutOutTheSvgGoesToTheTerminalWithTheFilesNamesAsWaveNames()
    {
        var (code, stdout, _) = Cli.Run("trend", Sample);

        Assert.Equal(0, code);
        var svg = XDocument.Parse(stdout).Root!;
        Assert.Contains("northwind-cloud", svg.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void ThePngIsWrittenAtTwiceTheSvgsSize()
    {
        var output = Path.Combine(Cli.TempFolder(), "trend.png");

        Assert.Equal(0, Cli.Run("trend", Sample, Sample, "--format", "png", "--out", output).ExitCode);

        using var image = SKBitmap.Decode(File.ReadAllBytes(output));
        Assert.Equal((2000, 1280), (image.Width, image.Height));
    }

    [Fact]
    public void ABadCellInAnyWaveIsNamedByFileLineAndColumnExitsWithOneAndWritesNothing()
    {
        var folder = Cli.TempFolder();
        var bad = Path.Combine(folder, "wave2.csv");
        File.WriteAllText(bad, "STR1,STR2\n4,5\n7,3\n");
        var output = Path.Combine(folder, "trend.svg");

        var (code, stdout, error) = Cli.Run("trend", Sample, bad, "--out", output);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("wave2.csv", error);
        Assert.Contains("line 3, column STR1: 7 is outside the scale 1..5", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AMissingFileOrABadInstrumentExitsWithOne()
    {
        var missing = Cli.Run("trend", Sample, "/nonexistent/wave.csv");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/nonexistent/wave.csv: no such file", missing.Error);

        var instrument = Path.Combine(Cli.TempFolder(), "mine.json");
        File.WriteAllText(instrument, "{ not json");
        var invalid = Cli.Run("trend", Sample, "--instrument", instrument);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("mine.json", invalid.Error);
    }

    [Theory]
    [InlineData("trend")]                                              // no wave
    [InlineData("trend", "SAMPLE", "--format", "png")]                 // a picture file without --out
    [InlineData("trend", "SAMPLE", "--format", "pdf", "--out", "t.pdf")]
    [InlineData("trend", "SAMPLE", "SAMPLE", "--names", "Q1")]          // one name for two files
    public void UsageErrorsExitWithTwoAndShowTheUsage(params string[] args)
    {
        var (code, output, error) = Cli.Run([.. args.Select(a => a == "SAMPLE" ? Sample : a)]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("Usage:", error);
    }
}

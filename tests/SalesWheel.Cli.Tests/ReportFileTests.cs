using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SalesWheel.Cli.Tests;

/// <summary><c>saleswheel score --format pdf|png</c>: the executive report and the wheel image, as files.</summary>
public sealed partial class ReportFileTests
{
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    [Fact]
    public void ThePdfReportShowsTheCoverGivenAndTheSameNumbersAsTheJson()
    {
        var folder = Cli.TempFolder();
        var path = Path.Combine(folder, "report.pdf");
        string[] options = ["--group-by", "role,team", "--phase", "scale", "--acv", "15k-50k"];

        var (code, output, error) = Cli.Run(["score", Sample, .. options, "--format", "pdf", "--out", path, "--organization", "Northwind Cloud", "--title", "Spring 2026 review"]);
        var json = JsonNode.Parse(Cli.Run(["score", Sample, .. options, "--format", "json"]).Out)!;

        Assert.Equal((0, "", ""), (code, output, Cli.WithoutImportSummary(error)));
        using var pdf = new Poppler(File.ReadAllBytes(path));
        var cover = pdf.PageText(1);
        Assert.Contains("Northwind Cloud", cover);
        Assert.Contains("Spring 2026 review", cover);
        Assert.Contains("60 people answered", cover);
        Assert.Contains("The Scale phase, ACV $15K–$50K", cover);
        var lines = pdf.Text().Split('\n');
        var table = Array.FindIndex(lines, l => l.Trim() == "Scores by driver");
        foreach (var dimension in json["dimensions"]!.AsArray())
        {
            var name = (string)dimension!["name"]!;
            var row = lines.Skip(table).First(l => l.TrimStart().StartsWith(name.Split(' ')[0], StringComparison.Ordinal) && l.Contains('%'));
            var score = ((double)dimension["score"]!).ToString("0.0", CultureInfo.InvariantCulture);
            var interval = $"{((double)dimension["ci95"]!["low"]!).ToString("0.0", CultureInfo.InvariantCulture)}–{((double)dimension["ci95"]!["high"]!).ToString("0.0", CultureInfo.InvariantCulture)}";
            Assert.Matches($@"\s{Regex.Escape(score)}\s+{Regex.Escape(interval)}\s", row);
        }

        // Partners has one seller: hidden, and so is the next smallest team.
        Assert.Contains("hidden to protect anonymity", Spaces().Replace(pdf.RawText(), " "));
    }

    [Theory]
    [InlineData(new string[0], 595, 842)]
    [InlineData(new[] { "--paper", "a4" }, 595, 842)]
    [InlineData(new[] { "--paper", "letter" }, 612, 792)]
    public void ThePaperIsA4UnlessLetterIsAskedFor(string[] paper, double width, double height)
    {
        var path = Path.Combine(Cli.TempFolder(), "report.pdf");

        Assert.Equal(0, Cli.Run(["score", Sample, "--format", "pdf", "--out", path, .. paper]).ExitCode);

        using var pdf = new Poppler(File.ReadAllBytes(path));
        Assert.All(pdf.PageSizes(), s => Assert.Equal((width, height), (Math.Round(s.Width), Math.Round(s.Height))));
    }

    [Fact]
    public void WithoutATitleThePdfIsNamedAfterTheFileAndTheCoverSaysNoOrganization()
    {
        var path = Path.Combine(Cli.TempFolder(), "report.pdf");

        Assert.Equal(0, Cli.Run("score", Sample, "--format", "pdf", "--out", path).ExitCode);

        using var pdf = new Poppler(File.ReadAllBytes(path));
        var cover = pdf.PageText(1);
        Assert.Contains("northwind-cloud", cover);
        Assert.DoesNotContain("Organization", cover);
        Assert.Contains("Survey period", cover);
        Assert.Contains("not recorded", cover);
    }

    [Fact]
    public void TheCliPrintsTheOverallResultOfItsOwnFileEvenBelowTheMinimumGroupSize()
    {
        var folder = Cli.TempFolder();
        var three = Path.Combine(folder, "three.csv");
        File.WriteAllLines(three, File.ReadLines(Sample).Take(4));
        var path = Path.Combine(folder, "report.pdf");

        Assert.Equal(0, Cli.Run("score", three, "--format", "pdf", "--out", path).ExitCode);

        using var pdf = new Poppler(File.ReadAllBytes(path));
        var text = pdf.Text();
        Assert.Contains("3 people answered", text);
        Assert.Contains("Scores by driver", text);
        Assert.DoesNotContain("Not enough answers", text);
    }

    [Fact]
    public void ThePngIsTheWheelAtTwiceTheSvgsSize()
    {
        var folder = Cli.TempFolder();
        var png = Path.Combine(folder, "wheel.png");

        var (code, output, error) = Cli.Run("score", Sample, "--group-by", "role,team", "--format", "png", "--out", png, "--title", "Northwind Cloud");

        Assert.Equal((0, "", ""), (code, output, Cli.WithoutImportSummary(error)));
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(2000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(1720, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Empty(Directory.GetFiles(folder, ".*"));
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("png")]
    public void AFileFormatWithoutOutIsAUsageErrorThatSaysHowToGiveIt(string format)
    {
        var (code, output, error) = Cli.Run("score", Sample, "--format", format);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"--format {format} writes a file: give its name with --out, e.g. --out report.{format}.", error);
    }

    [Fact]
    public void ARunWithBadAnswersWritesNoPdf()
    {
        var folder = Cli.TempFolder();
        var bad = Path.Combine(folder, "bad.csv");
        File.WriteAllText(bad, "STR1,STR2\n4,7\n");
        var path = Path.Combine(folder, "report.pdf");

        var (code, _, error) = Cli.Run("score", bad, "--format", "pdf", "--out", path);

        Assert.Equal(1, code);
        Assert.Contains("line 2, column STR2: 7 is outside the scale 1..5", error);
        Assert.False(File.Exists(path));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

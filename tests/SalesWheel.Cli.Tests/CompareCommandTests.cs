using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

public sealed class CompareCommandTests
{
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    /// <summary>The demo company as two waves: its first 30 people, then its last 30 (the leaders answered first).</summary>
    private static (string Before, string After) TwoWaves()
    {
        var lines = File.ReadAllLines(Sample);
        var folder = Cli.TempFolder();
        var before = Path.Combine(folder, "before.csv");
        var after = Path.Combine(folder, "after.csv");
        File.WriteAllLines(before, lines.Take(31));
        File.WriteAllLines(after, lines.Take(1).Concat(lines.Skip(31)));
        return (before, after);
    }

    [Fact]
    public void TheTextTableGivesEachDriverBeforeAfterChangeIntervalAndWhetherItMovedBeyondNoise()
    {
        var (before, after) = TwoWaves();

        var (code, stdout, _) = Cli.Run("compare", before, after);

        Assert.Equal(0, code);
        var enablement = stdout.Split('\n').Single(l => l.StartsWith("Enablement ", StringComparison.Ordinal));
        Assert.Matches(@"^Enablement\s+57\.5\s+32\.6\s+-24\.8\s+-33\.8 to -15\.8\s+changed beyond noise$", enablement);
        Assert.Matches(@"^Strategy\s+73\.2\s+72\.6\s+-0\.6\s+-9\.3 to \+8\.0\s+within noise$", stdout.Split('\n').Single(l => l.StartsWith("Strategy ", StringComparison.Ordinal)));
        Assert.Contains("Respondents: 30 before, 30 after.", stdout);
    }

    [Fact]
    public void MarkdownHasADriverTableAndSaysWhichGroupsAreNotCompared()
    {
        var (before, after) = TwoWaves();

        var (code, stdout, _) = Cli.Run("compare", before, after, "--format", "md", "--group-by", "team");

        Assert.Equal(0, code);
        Assert.Contains("| Driver | Before | After | Change | 95% interval |  |", stdout);
        Assert.Contains("| Enablement | 57.5 | 32.6 | -24.8 | -33.8 to -15.8 | changed beyond noise |", stdout);
        Assert.Contains("## By team", stdout);
        Assert.Contains("| Partners |  |  |  | not compared: hidden in one wave or both", stdout);
    }

    [Fact]
    public void JsonGoesToTheOutFileWithTheContractsFields()
    {
        var (before, after) = TwoWaves();
        var output = Path.Combine(Cli.TempFolder(), "comparison.json");

        var (code, stdout, _) = Cli.Run("compare", before, after, "--format", "json", "--group-by", "role", "--out", output);

        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        var json = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal(30, (int)json["before"]!["respondents"]!);
        var strategy = json["dimensions"]![0]!;
        Assert.Equal("strategy", (string)strategy["id"]!);
        Assert.Equal((double)strategy["after"]!["score"]! - (double)strategy["before"]!["score"]!, (double)strategy["change"]!, 1e-12);
        Assert.NotNull(strategy["df"]);
        Assert.Equal("direction", (string)strategy["facets"]![0]!["id"]!);
        Assert.Equal("role", (string)json["breakdowns"]![0]!["by"]!);
    }

    [Fact]
    public void BadCellsInEitherWaveAreAllNamedExitWithOneAndWriteNoOutputFile()
    {
        var (before, _) = TwoWaves();
        var folder = Cli.TempFolder();
        var after = Path.Combine(folder, "after.csv");
        File.WriteAllText(after, "role,STR1,STR2,STR3\nseller,4,5,3\nseller,7,x,3\n");
        var output = Path.Combine(folder, "out.json");

        var (code, stdout, error) = Cli.Run("compare", before, after, "--format", "json", "--out", output);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("line 3, column STR1: 7 is outside the scale 1..5", error);
        Assert.Contains("line 3, column STR2: \"x\" is not a whole number", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void BadCellsInBothWavesAreReportedInOneRunEarlierWaveFirst()
    {
        var folder = Cli.TempFolder();
        var before = Path.Combine(folder, "wave-1.csv");
        var after = Path.Combine(folder, "wave-2.csv");
        File.WriteAllText(before, "role,STR1\nseller,9\n");
        File.WriteAllText(after, "role,STR1\nseller,x\n");

        var (code, _, error) = Cli.Run("compare", before, after);

        Assert.Equal(1, code);
        var first = error.IndexOf("wave-1.csv: 1 problem", StringComparison.Ordinal);
        var second = error.IndexOf("wave-2.csv: 1 problem", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, error);
        Assert.Contains("line 2, column STR1: 9 is outside the scale 1..5", error);
    }

    [Fact]
    public void AMissingFileOrGroupColumnExitsWithOne()
    {
        var (before, after) = TwoWaves();

        var missing = Cli.Run("compare", before, "/nonexistent/after.csv");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/nonexistent/after.csv: no such file", missing.Error);

        var noColumn = Cli.Run("compare", before, after, "--group-by", "region");
        Assert.Equal(1, noColumn.ExitCode);
        Assert.Contains("cannot group by \"region\"", noColumn.Error);
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("compare", "BEFORE")]
    [InlineData("compare", "BEFORE", "AFTER", "--format", "pdf")]
    [InlineData("compare", "BEFORE", "AFTER", "--min-group", "2")]
    [InlineData("compare", "BEFORE", "AFTER", "--phase", "scale")]
    public void UsageErrorsExitWithTwo(params string[] args)
    {
        var (before, after) = TwoWaves();
        var (code, _, error) = Cli.Run(args.Select(a => a == "BEFORE" ? before : a == "AFTER" ? after : a).ToArray());

        Assert.Equal(2, code);
        Assert.NotEqual("", error);
    }
}

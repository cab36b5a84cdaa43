using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

public sealed class ScoreCommandTests
{
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    [Fact]
    public void TheTextReportShowsDriversPrioritiesWithReasonsAndBreakdownsWithGaps()
    {
        var (code, output, error) = Cli.Run("score", Sample, "--group-by", "role,team", "--phase", "scale", "--acv", "15k-50k");

        Assert.Equal(0, code);
        Assert.Equal("", Cli.WithoutImportSummary(error));
        Assert.Contains("60 respondents · Scale phase · ACV $15K–$50K", output);
        Assert.Matches(@"Enablement\s+\d+\.\d\s+\d+\.\d–\d+\.\d\s+\d+%", output);
        Assert.Contains("Fix first", output);
        Assert.Matches(@"1\s+Enablement\s+[\d.]+\s+[\d.]+\s+1\.60\s+High \(3\)\s+High \(3\)", output);
        Assert.Contains("By role", output);
        Assert.Matches(@"Enablement\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+ !", output); // the leader/seller gap is highlighted
        Assert.Contains("Partners (hidden)", output); // a hidden group's size is not shown: Partners has one seller
        Assert.DoesNotContain("(n=1)", output);
        Assert.Contains("hidden to protect anonymity", output);
    }

    [Fact]
    public void AFileSavedAsWindows1252IsScoredWithItsAccentedNamesAndAWarningSayingHowItWasRead()
    {
        var path = Path.Combine(Cli.TempFolder(), "legacy.csv");
        var text = File.ReadAllText(Sample).Replace("Partners", "Partenaires Île", StringComparison.Ordinal);
        File.WriteAllBytes(path, System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text));

        var (code, output, error) = Cli.Run("score", path, "--format", "json", "--group-by", "team");

        Assert.Equal(0, code);
        Assert.Contains("warning: " + Core.Text.CsvText.Windows1252Note, error);
        var groups = JsonNode.Parse(output)!["breakdowns"]![0]!["groups"]!.AsArray();
        Assert.Contains(groups, g => (string?)g!["value"] == "Partenaires Île");
    }

    [Fact]
    public void JsonFollowsTheContract()
    {
        var (code, output, _) = Cli.Run("score", Sample, "--format", "json", "--group-by", "team", "--phase", "gtm-fit");
        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("sales-performance-wheel", (string?)json["instrument"]!["id"]);
        Assert.Equal(60, (int)json["respondents"]!);
        Assert.Equal("gtm-fit", (string?)json["context"]!["phase"]);
        Assert.Null(json["context"]!["acv"]);
        Assert.Equal(5, (int)json["context"]!["minGroupSize"]!);
        var strategy = json["dimensions"]![0]!;
        foreach (var field in new[] { "id", "name", "n", "mean", "score", "ci95", "favorable", "neutral", "unfavorable", "alpha", "alphaN", "flags", "facets", "items" })
        {
            Assert.True(strategy.AsObject().ContainsKey(field), field);
        }

        var partners = json["breakdowns"]![0]!["groups"]!.AsArray().Single(g => (string?)g!["value"] == "Partners")!;
        Assert.True((bool)partners["suppressed"]!);
        Assert.Null(partners["scores"]);
        Assert.Equal(8, json["priorities"]!.AsArray().Count);
        Assert.Equal(1, (int)json["priorities"]![0]!["rank"]!);
    }

    [Fact]
    public void SvgAndMarkdownAreWrittenToTheOutputFile()
    {
        var folder = Cli.TempFolder();
        var svg = Path.Combine(folder, "wheel.svg");
        var md = Path.Combine(folder, "report.md");

        Assert.Equal(0, Cli.Run("score", Sample, "--format", "svg", "--out", svg).ExitCode);
        Assert.Equal(0, Cli.Run("score", Sample, "--format", "md", "--group-by", "role", "--out", md).ExitCode);

        var wheel = File.ReadAllText(svg);
        Assert.StartsWith("<svg", wheel);
        Assert.Contains("<title id=\"wheel-title\">Sales Performance Wheel</title>", wheel);
        var report = File.ReadAllText(md);
        Assert.StartsWith("# Sales Performance Wheel", report);
        Assert.Contains("| Driver | Score |", report);
        Assert.Contains("## By role", report);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(folder, ".*")));
    }

    [Fact]
    public void BadCellsAreAllNamedExitWithOneAndWriteNoOutputFile()
    {
        var folder = Cli.TempFolder();
        var csv = Path.Combine(folder, "answers.csv");
        File.WriteAllText(csv, "role,STR1,STR2,STR3\nseller,4,5,3\nseller,7,x,3\nleader,,,2.5\n");
        var output = Path.Combine(folder, "out.json");
        File.WriteAllText(output, "previous result");

        var (code, stdout, error) = Cli.Run("score", csv, "--format", "json", "--out", output);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("3 problems; nothing was scored", error);
        Assert.Contains("line 3, column STR1: 7 is outside the scale 1..5", error);
        Assert.Contains("line 3, column STR2: \"x\" is not a whole number", error);
        Assert.Contains("line 4, column STR3: \"2.5\" is not a whole number", error);
        Assert.Equal("previous result", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(folder, "*.json"));
    }

    [Fact]
    public void AnInvalidInstrumentFileExitsWithOneAndSaysWhatIsWrong()
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "mine.json");
        File.WriteAllText(instrument, """{ "id": "mine", "name": "Mine", "version": "1", "scale": { "min": 1, "max": 20 }, "dimensions": [ { "id": "d", "items": [ { "id": "I1" } ] } ] }""");

        var (code, _, error) = Cli.Run("score", Sample, "--instrument", instrument);

        Assert.Equal(1, code);
        Assert.Contains("mine.json is not a valid instrument", error);
        Assert.Contains("scale: 1..20 has 20 points; a scale must have 4 to 11 points", error);
    }

    [Fact]
    public void AnOutputFileThatCannotBeWrittenExitsWithOne()
    {
        var (code, _, error) = Cli.Run("score", Sample, "--out", "/nonexistent-folder/report.txt");
        Assert.Equal(1, code);
        Assert.Contains("cannot write /nonexistent-folder/report.txt", error);
    }

    [Fact]
    public void AMissingFileOrGroupColumnExitsWithOne()
    {
        var missing = Cli.Run("score", "/nonexistent/answers.csv");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.Error);

        var noColumn = Cli.Run("score", Sample, "--group-by", "region");
        Assert.Equal(1, noColumn.ExitCode);
        Assert.Contains("cannot group by \"region\": the header has no such column (it has: role, team)", noColumn.Error);
    }

    [Theory]
    [InlineData("score")]                                            // missing RESPONSES.csv
    [InlineData("score", "SAMPLE", "--phase", "series-a")]
    [InlineData("score", "SAMPLE", "--acv", "huge")]
    [InlineData("score", "SAMPLE", "--format", "pdf")]                // a file format without --out
    [InlineData("score", "SAMPLE", "--format", "png")]
    [InlineData("score", "SAMPLE", "--format", "pdf", "--out", "r.pdf", "--paper", "a3")]
    [InlineData("score", "SAMPLE", "--min-group", "2")]
    [InlineData("score", "SAMPLE", "--min-group", "five")]
    [InlineData("score", "SAMPLE", "--colour")]
    [InlineData("wheel")]
    public void UsageErrorsExitWithTwoAndShowTheUsage(params string[] args)
    {
        var (code, output, error) = Cli.Run(args.Select(a => a == "SAMPLE" ? Sample : a).ToArray());
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public void TheRealProgramReportsTheSameExitCodes()
    {
        Assert.Equal(0, Cli.Process("score", Sample, "--format", "json").ExitCode);
        Assert.Equal(1, Cli.Process("score", "/nonexistent.csv").ExitCode);
        var usage = Cli.Process("score", Sample, "--phase", "later");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--phase", usage.Error);
    }

    [Fact]
    public void HelpIsAvailableOnEveryCommand()
    {
        foreach (var command in new[] { "score", "instrument", "sample" })
        {
            var (code, output, _) = Cli.Run(command, "--help");
            Assert.Equal(0, code);
            Assert.Matches($@"Usage:\s+\S+ {command} ", output); // "saleswheel score …" when run as the program
            Assert.Contains("Options:", output);
        }
    }

    [Fact]
    public void ColumnsThatAreNotItemsAndEmptyRowsAreReportedAsWarnings()
    {
        var folder = Cli.TempFolder();
        var csv = Path.Combine(folder, "answers.csv");
        File.WriteAllText(csv, "email,STR1,STR2\na@b.c,4,5\nc@d.e,,\n");
        var (code, _, error) = Cli.Run("score", csv, "--format", "json");
        Assert.Equal(0, code);
        Assert.Contains("warning: ignored 1 column that is neither an item nor a --group-by attribute: email", error);
        Assert.Contains("warning: skipped 1 row with no answered item", error);
    }
}

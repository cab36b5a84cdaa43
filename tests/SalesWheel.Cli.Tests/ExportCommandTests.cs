using System.Text.Json.Nodes;
using SalesWheel.Tests.Exports;

namespace SalesWheel.Cli.Tests;

/// <summary>`saleswheel anonymize` and `saleswheel score --format xlsx`.</summary>
public sealed class ExportCommandTests
{
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    /// <summary>The JSON result without its breakdowns (which differ once rare values read "(other)").</summary>
    private static string Overall(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("breakdowns");
        return node.ToJsonString();
    }

    [Fact]
    public void AnAnonymizedCopyScoresToTheSameNumbersThroughTheRealCommandLine()
    {
        var folder = Cli.TempFolder();
        var copy = Path.Combine(folder, "shareable.csv");

        var (code, _, error) = Cli.Process("anonymize", Sample, "--group-by", "role,team", "--out", copy);

        Assert.True(code == 0, error);
        var original = Cli.Process("score", Sample, "--format", "json", "--group-by", "role,team", "--phase", "scale", "--acv", "15k-50k");
        var again = Cli.Process("score", copy, "--format", "json", "--group-by", "role,team", "--phase", "scale", "--acv", "15k-50k");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("", Cli.WithoutImportSummary(again.Error));
        Assert.Equal(Overall(original.Out), Overall(again.Out));
        Assert.Equal(60, (int)JsonNode.Parse(again.Out)!["respondents"]!);
    }

    [Fact]
    public void ColumnsThatAreNeitherItemsNorAttributesAreLeftOutOfTheCopy()
    {
        var folder = Cli.TempFolder();
        var source = Path.Combine(folder, "with-names.csv");
        var lines = File.ReadAllLines(Sample);
        File.WriteAllLines(source, [$"name,email,submitted,{lines[0]}", .. lines.Skip(1).Select((line, i) => $"Person {i},person{i}@example.com,2026-03-0{1 + (i % 9)} 09:{i % 60:00},{line}")]);
        var copy = Path.Combine(folder, "copy.csv");

        var (code, _, error) = Cli.Run("anonymize", source, "--group-by", "role,team", "--out", copy);

        Assert.Equal(0, code);
        Assert.Contains("left out 3 columns that are neither an item nor a --group-by attribute: name, email, submitted", error);
        var text = File.ReadAllText(copy);
        Assert.DoesNotContain("Person", text);
        Assert.DoesNotContain("@example.com", text);
        Assert.DoesNotContain("2026-03", text);
        Assert.StartsWith("role,team,STR1,", text);
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(copy)[..3]); // UTF-8 with BOM, for spreadsheet programs
        Assert.Equal(61, File.ReadAllLines(copy).Length);
    }

    [Fact]
    public void RareTeamsReadOtherAndTheCommandSaysHowManyRows()
    {
        var (code, output, error) = Cli.Run("anonymize", Sample, "--group-by", "role,team");

        Assert.Equal(0, code);
        // Partners has one seller: it cannot stay; and the managers, 2 or 3 per team, take the teams with them.
        Assert.DoesNotContain("Partners", output);
        Assert.Contains("(other)", output);
        Assert.Matches(@"note: \d+ of 60 rows read ""\(other\)"" in team", error);
    }

    [Fact]
    public void WithFewerRespondentsThanTheMinimumGroupSizeNothingIsWritten()
    {
        var folder = Cli.TempFolder();
        var source = Path.Combine(folder, "four.csv");
        File.WriteAllLines(source, File.ReadAllLines(Sample).Take(5));
        var copy = Path.Combine(folder, "copy.csv");

        var (code, output, error) = Cli.Run("anonymize", source, "--out", copy);

        Assert.Equal(1, code);
        Assert.Contains("4 respondents, fewer than the minimum group size 5", error);
        Assert.Equal("", output);
        Assert.False(File.Exists(copy));
    }

    [Fact]
    public void TheWorkbookHoldsTheSameNumbersAsTheJson()
    {
        var folder = Cli.TempFolder();
        var workbook = Path.Combine(folder, "results.xlsx");

        var (code, _, error) = Cli.Process("score", Sample, "--group-by", "role,team", "--phase", "scale", "--format", "xlsx", "--out", workbook);

        Assert.True(code == 0, error);
        var json = JsonNode.Parse(Cli.Run("score", Sample, "--group-by", "role,team", "--phase", "scale", "--format", "json").Out)!;
        var book = Workbook.Read(File.ReadAllBytes(workbook));
        Assert.Equal(["Summary", "Drivers", "Facets", "Items", "Breakdowns", "Answers"], book.SheetNames);
        Assert.Equal(60.0, book.Row("Summary", "Respondents")[1]);
        foreach (var dimension in json["dimensions"]!.AsArray())
        {
            var row = book.Row("Drivers", (string?)dimension!["name"]);
            Assert.Equal((double)dimension["score"]!, row[5]);
            Assert.Equal((double)dimension["ci95"]!["low"]!, row[6]);
            Assert.Equal((double)dimension["favorable"]!, row[8]);
        }

        Assert.Equal(61, book["Answers"].Count);
        Assert.Empty(Directory.GetFiles(folder, ".*"));
    }

    [Fact]
    public void AWorkbookNeedsAnOutputFile()
    {
        var (code, output, error) = Cli.Run("score", Sample, "--format", "xlsx");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--format xlsx writes a workbook, not text: give the file to write with --out FILE.xlsx.", error);
    }
}

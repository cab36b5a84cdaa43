using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

/// <summary>Survey-tool exports through the command line: score, inspect, and the import options.</summary>
public sealed class ImportCommandTests
{
    private static string Folder => Path.Combine(Cli.SharedData, "imports");

    public static TheoryData<string, string[]> Cases()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var truth in Directory.GetFiles(Folder, "*.truth.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(truth)[..^".truth.csv".Length];
            if (name != "m08_embedded_newlines_then_typo")
            {
                data.Add(name, name.StartsWith("m24_", StringComparison.Ordinal) ? ["--reverse-scale"] : []);
            }
        }

        return data;
    }

    /// <summary>The JSON result without its breakdowns (role values are named differently in the exports).</summary>
    private static string Overall(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("breakdowns");
        return node.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryExportScoresLikeItsTruthFile(string name, string[] options)
    {
        var export = Cli.Run(["score", Path.Combine(Folder, name + ".csv"), "--format", "json", .. options]);
        var truth = Cli.Run("score", Path.Combine(Folder, name + ".truth.csv"), "--format", "json");

        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal(Overall(truth.Out), Overall(export.Out));
        Assert.Contains("import: ", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTypoInM08ExitsWithOneNamingSpreadsheetRowAndFileLine()
    {
        var (code, output, error) = Cli.Run("score", Path.Combine(Folder, "m08_embedded_newlines_then_typo.csv"));

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("spreadsheet row 8 (file line 12), column ENB3: 44 is outside the scale 1..5", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersOnlyStateTheDirectionOnEveryRunAndReverseScaleFlipsIt()
    {
        var path = Path.Combine(Folder, "m24_numeric_codes_reversed_scale.csv");

        var assumed = Cli.Run("score", path, "--format", "json");
        var reversed = Cli.Run("score", path, "--format", "json", "--reverse-scale");

        Assert.Contains("numbers only, read as 1 = Strongly disagree … 5 = Strongly agree (as in your tool?", assumed.Error, StringComparison.Ordinal);
        Assert.Contains("read as 1 = Strongly agree … 5 = Strongly disagree (reversed)", reversed.Error, StringComparison.Ordinal);
        Assert.NotEqual(Overall(assumed.Out), Overall(reversed.Out));
    }

    [Fact]
    public void InspectPrintsEveryColumnEveryAnswerTextAndTheRolesFoundByTheirQuestion()
    {
        var (code, output, error) = Cli.Run("inspect", Path.Combine(Folder, "06_surveymonkey_condensed_text.csv"), "--group-by", "role,team");

        Assert.Equal((0, ""), (code, error));
        Assert.Contains("Header: line 2", output, StringComparison.Ordinal);
        Assert.Contains("\"Response\" (under \"What is your role?\") → attribute role, by the question above", output, StringComparison.Ordinal);
        Assert.Contains("→ statement STR1, by statement text", output, StringComparison.Ordinal);
        Assert.Matches("\"Neither agree nor disagree\" × \\d+ → 3 \\(label\\)", output);
        Assert.Contains("\"Sales leadership\" × ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ASavedMappingIsReplayedOnTheNextFile()
    {
        var folder = Cli.TempFolder();
        var mapping = Path.Combine(folder, "qualtrics.json");
        var path = Path.Combine(Folder, "08_qualtrics_choice_text.csv");

        var saved = Cli.Run("score", path, "--format", "json", "--group-by", "role,team", "--save-mapping", mapping);
        var replayed = Cli.Run("score", path, "--format", "json", "--group-by", "role,team", "--mapping", mapping);

        Assert.Equal(0, saved.ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(mapping))!;
        Assert.Equal(1, (int)json["version"]!);
        Assert.Contains(json["values"]!.AsArray(), v => (string?)v!["value"] == "Somewhat agree" && (int?)v["point"] == 4);
        Assert.Equal(0, replayed.ExitCode);
        Assert.Equal(saved.Out, replayed.Out);
        Assert.Contains("by the mapping", replayed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMappingFileThatIsNotOneIsRefused()
    {
        var bad = Path.Combine(Cli.TempFolder(), "mapping.json");
        File.WriteAllText(bad, "{ not json");

        var (code, _, error) = Cli.Run("score", Path.Combine(Folder, "m10_sep_hint_line.csv"), "--mapping", bad);

        Assert.Equal(1, code);
        Assert.Contains("not a saved import mapping", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFullFileScoredWithQuickIsFlagged()
    {
        var (code, _, error) = Cli.Run("score", Path.Combine(Folder, "m10_sep_hint_line.csv"), "--quick");

        Assert.Equal(0, code);
        Assert.Contains("warning: The quick form was chosen, but the file also answers 40 statements outside it", error, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

/// <summary>
/// Every number of <c>compare --format json</c> must equal the independent implementation of SCORING.md
/// "Comparing two waves" (tests/reference/score_reference.py compare: exact fractions, its own t distribution).
/// </summary>
public sealed class CompareCrossCheckTests
{
    private static readonly string Reference = Path.Combine(Cli.RepositoryRoot, "tests", "reference", "score_reference.py");

    /// <summary>
    /// Two small dimensions on 1..5 ("a": facets f1 [A1, A2], f2 [A3 reversed]; "b": B1, B2) and an outcome with one item.
    /// </summary>
    private const string SmallInstrument = """
        { "id": "small", "name": "Small", "version": "2", "scale": { "min": 1, "max": 5 },
          "dimensions": [
            { "id": "a", "name": "A", "facets": [
                { "id": "f1", "name": "F1", "items": [ { "id": "A1", "text": "a1" }, { "id": "A2", "text": "a2" } ] },
                { "id": "f2", "name": "F2", "items": [ { "id": "A3", "text": "a3", "reverse": true } ] } ] },
            { "id": "b", "name": "B", "items": [ { "id": "B1", "text": "b1" }, { "id": "B2", "text": "b2" } ] },
            { "id": "o", "name": "O", "kind": "outcome", "items": [ { "id": "O1", "text": "o" } ] } ] }
        """;

    [Fact]
    public void TheDemoCompanySplitIntoTwoWavesWithEnablementRaised()
    {
        var lines = File.ReadAllLines(Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv"));
        var header = lines[0].Split(',');
        var folder = Cli.TempFolder();
        var before = Path.Combine(folder, "before.csv");
        var after = Path.Combine(folder, "after.csv");
        File.WriteAllLines(before, lines.Take(1).Concat(lines.Skip(1).Where((_, r) => r % 2 == 0)));

        // The second wave: the other 30 people, each Enablement answer one point higher (up to 5).
        File.WriteAllLines(after, lines.Take(1).Concat(lines.Skip(1).Where((_, r) => r % 2 == 1).Select(line => string.Join(',', line.Split(',').Select((cell, i) =>
            header[i].StartsWith("ENB", StringComparison.Ordinal) && int.TryParse(cell, out var v) ? Math.Min(5, v + 1).ToString(CultureInfo.InvariantCulture) : cell)))));

        var ours = AssertSameAsReference(before, after, null, "--group-by", "role,team");
        var enablement = ours["dimensions"]!.AsArray().Single(d => (string)d!["id"]! == "enablement")!;
        Assert.True((double)enablement["change"]! > 0);
    }

    [Fact]
    public void TwoWavesOfTheBfiDataThroughACustomInstrument()
    {
        var lines = File.ReadAllLines(Path.Combine(Cli.SharedData, "bfi.csv"));
        var folder = Cli.TempFolder();
        var before = Path.Combine(folder, "bfi-1.csv");
        var after = Path.Combine(folder, "bfi-2.csv");

        // Unequal waves: the first 900 people, then the next 1,300.
        File.WriteAllLines(before, lines.Take(901));
        File.WriteAllLines(after, lines.Take(1).Concat(lines.Skip(901).Take(1300)));
        AssertSameAsReference(before, after, Path.Combine(Cli.RepositoryRoot, "tests", "reference", "bfi-instrument.json"), "--group-by", "gender,education");
    }

    [Fact]
    public void AOneRespondentWaveHasNoIntervalAndAOneRespondentGroupIsNotCompared()
    {
        var ours = CompareGenerated(seed: 3, beforeSize: 1, afterSize: 12, team: r => "t" + (r % 2), "--group-by", "team", "--min-group", "3");
        Assert.All(ours["dimensions"]!.AsArray(), d => Assert.Null(d!["ci95"]));
        Assert.All(ours["breakdowns"]![0]!["groups"]!.AsArray(), g => Assert.Null(g!["changes"]));
    }

    [Fact]
    public void ZeroVarianceGivesAPointIntervalAndNoP()
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "small.json");
        File.WriteAllText(instrument, SmallInstrument);
        var before = Path.Combine(folder, "before.csv");
        var after = Path.Combine(folder, "after.csv");

        // Everyone answers alike in each wave: "a" moves (se 0, change ≠ 0), "b" and "o" do not (se 0, change 0).
        File.WriteAllText(before, "team,A1,A2,A3,B1,B2,O1\n" + string.Concat(Enumerable.Range(0, 8).Select(r => $"t{r % 2},3,3,3,4,4,2\n")));
        File.WriteAllText(after, "team,A1,A2,A3,B1,B2,O1\n" + string.Concat(Enumerable.Range(0, 11).Select(r => $"t{r % 2},4,4,2,4,4,2\n")));
        var ours = AssertSameAsReference(before, after, instrument, "--group-by", "team", "--min-group", "3");
        var dimensions = ours["dimensions"]!.AsArray();
        Assert.Equal(25.0, (double)dimensions[0]!["change"]!);
        Assert.Equal(25.0, (double)dimensions[0]!["ci95"]!["low"]!);
        Assert.Null(dimensions[0]!["p"]);
        Assert.True((bool)dimensions[0]!["beyondNoise"]!);
        Assert.False((bool)dimensions[1]!["beyondNoise"]!);
    }

    [Fact]
    public void UnequalWavesWithSparseAnswersAndAGroupHiddenInOneWaveOnly()
    {
        // Team "t3" has 6 people before and 2 after: shown before, hidden after, so not compared.
        var ours = CompareGenerated(seed: 9, beforeSize: 37, afterSize: 14, team: r => r < 6 ? "t3" : "t" + (r % 3), "--group-by", "team", "--min-group", "5");
        var t3 = ours["breakdowns"]![0]!["groups"]!.AsArray().Single(g => (string)g!["value"]! == "t3")!;
        Assert.Null(t3["changes"]);
    }

    [Fact]
    public void ASevenPointInstrumentWithReverseKeysSemicolonsAndAGroupNotGiven()
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "seven.json");
        File.WriteAllText(instrument, """
            { "id": "seven", "name": "Seven", "version": "3", "scale": { "min": 1, "max": 7 },
              "dimensions": [
                { "id": "alpha", "name": "Alpha", "facets": [
                  { "id": "a1", "name": "A1", "items": [ { "id": "Q1", "text": "q" }, { "id": "Q2", "text": "q", "reverse": true } ] },
                  { "id": "a2", "name": "A2", "items": [ { "id": "Q3", "text": "q" } ] } ] },
                { "id": "beta", "name": "Beta", "items": [ { "id": "Q4", "text": "q", "reverse": true }, { "id": "Q5", "text": "q" }, { "id": "Q6", "text": "q" }, { "id": "Q7", "text": "q" } ] },
                { "id": "gamma", "name": "Gamma", "kind": "outcome", "items": [ { "id": "Q8", "text": "q" } ] } ] }
            """);
        var random = new Random(17);
        string[] depts = ["North", "North", "South", "East", "West", "", "Émile"];
        string[] tenures = ["new", "old", "mid"];
        string Wave(int size, int shift)
        {
            var text = new StringBuilder("dept;Q1;Q2;Q3;Q4;Q5;Q6;Q7;Q8;tenure\r\n");
            for (var r = 0; r < size; r++)
            {
                text.Append(depts[random.Next(depts.Length)]);
                for (var i = 0; i < 8; i++)
                {
                    text.Append(';').Append(random.NextDouble() < 0.15 ? "" : Math.Clamp(random.Next(1, 8) + shift, 1, 7).ToString(CultureInfo.InvariantCulture));
                }

                text.Append(';').Append(tenures[random.Next(3)]).Append("\r\n");
            }

            return text.ToString();
        }

        var before = Path.Combine(folder, "before.csv");
        var after = Path.Combine(folder, "after.csv");
        File.WriteAllText(before, Wave(53, 0));
        File.WriteAllText(after, Wave(77, 1));
        AssertSameAsReference(before, after, instrument, "--group-by", "dept,tenure", "--min-group", "4");
    }

    private static JsonNode CompareGenerated(int seed, int beforeSize, int afterSize, Func<int, string> team, params string[] options)
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "small.json");
        File.WriteAllText(instrument, SmallInstrument);
        var random = new Random(seed);
        string Wave(int size, int shift, Func<int, string> teamOf)
        {
            var text = new StringBuilder("team,A1,A2,A3,B1,B2,O1\n");
            for (var r = 0; r < size; r++)
            {
                text.Append(teamOf(r));
                for (var i = 0; i < 6; i++)
                {
                    text.Append(',').Append(random.NextDouble() < 0.2 ? "" : Math.Clamp(random.Next(1, 6) + shift, 1, 5).ToString(CultureInfo.InvariantCulture));
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        var before = Path.Combine(folder, "before.csv");
        var after = Path.Combine(folder, "after.csv");
        File.WriteAllText(before, Wave(beforeSize, 0, team));

        // In the later wave the teams keep their names but not their sizes: only its first 2 rows are "t3" when the first wave had 6.
        File.WriteAllText(after, Wave(afterSize, 1, r => team(r + 4)));
        return AssertSameAsReference(before, after, instrument, options);
    }

    private static JsonNode AssertSameAsReference(string before, string after, string? instrument, params string[] options)
    {
        var instrumentFile = instrument;
        if (instrumentFile is null)
        {
            instrumentFile = Path.Combine(Cli.TempFolder(), "builtin.json");
            File.WriteAllText(instrumentFile, Cli.Run("instrument").Out);
        }

        var ours = Cli.Run(["compare", before, after, "--format", "json", .. (instrument is null ? Array.Empty<string>() : ["--instrument", instrument]), .. options]);
        Assert.True(ours.ExitCode == 0, ours.Error);

        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Reference, "compare", before, after, instrumentFile }.Concat(options))
        {
            start.ArgumentList.Add(a);
        }

        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 is needed for the reference cross-check");
        var expected = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, "reference failed: " + error.Result);

        var actual = JsonNode.Parse(ours.Out)!;
        var same = JsonClose.Equal(JsonNode.Parse(expected.Result), actual, 1e-9, out var difference);
        Assert.True(same, difference);
        return actual;
    }
}

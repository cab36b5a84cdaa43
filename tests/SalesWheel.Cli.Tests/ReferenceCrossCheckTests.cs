using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

/// <summary>
/// Every number of <c>score --format json</c> must equal an independent implementation of SCORING.md
/// (tests/reference/score_reference.py, written from the specification alone, exact rational arithmetic).
/// </summary>
public sealed class ReferenceCrossCheckTests
{
    private static readonly string Reference = Path.Combine(Cli.RepositoryRoot, "tests", "reference", "score_reference.py");

    [Fact]
    public void TheDemoCompanyWithBreakdownsAndContext() =>
        AssertSameAsReference(Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv"), null, "--group-by", "role,team", "--phase", "scale", "--acv", "15k-50k");

    [Fact]
    public void TheBfiDataSetThroughACustomInstrument() =>
        AssertSameAsReference(Path.Combine(Cli.SharedData, "bfi.csv"), Path.Combine(Cli.RepositoryRoot, "tests", "reference", "bfi-instrument.json"), "--group-by", "gender,education");

    [Fact]
    public void ASevenPointInstrumentWithReverseKeysSemicolonsAndAByteOrderMark()
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
        var csv = Path.Combine(folder, "answers.csv");
        var random = new Random(7);
        var text = new StringBuilder("\uFEFFdept;Q1;Q2;Q3;Q4;Q5;Q6;Q7;Q8;tenure\r\n");
        string[] depts = ["North", "South", "East", "West", "", "Émile"];
        for (var r = 0; r < 41; r++)
        {
            // Department sizes vary so that complementary suppression is needed at k = 4.
            var dept = depts[r < 20 ? 0 : r < 30 ? 1 : r < 36 ? 2 : r < 38 ? 3 : r < 39 ? 4 : 5];
            text.Append(dept);
            for (var i = 0; i < 8; i++)
            {
                var roll = random.NextDouble();
                text.Append(';').Append(roll < 0.12 ? "" : roll < 0.15 ? "NA" : roll < 0.17 ? " n/a " : random.Next(1, 8).ToString(CultureInfo.InvariantCulture));
            }

            text.Append(';').Append(r % 3 == 0 ? "new" : "old").Append("\r\n");
        }

        File.WriteAllText(csv, text.ToString(), new UTF8Encoding(false));
        AssertSameAsReference(csv, instrument, "--group-by", "dept,tenure", "--min-group", "4", "--phase", "pmf", "--acv", "gt50k");
    }

    [Fact]
    public void AFourPointScaleWithNegativeValuesAndSparseAnswers()
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "four.json");
        File.WriteAllText(instrument, """
            { "id": "four", "name": "Four", "version": "1", "scale": { "min": -2, "max": 1 },
              "dimensions": [ { "id": "x", "name": "X", "items": [ { "id": "X1" }, { "id": "X2", "reverse": true }, { "id": "X3" }, { "id": "X4" }, { "id": "X5" } ] },
                              { "id": "y", "name": "Y", "items": [ { "id": "Y1" } ] } ] }
            """);
        var csv = Path.Combine(folder, "answers.csv");
        var random = new Random(11);
        var text = new StringBuilder("team\tX1\tX2\tX3\tX4\tX5\tY1\n");
        for (var r = 0; r < 30; r++)
        {
            text.Append('t').Append(random.Next(0, 7));
            for (var i = 0; i < 6; i++)
            {
                text.Append('\t').Append(random.NextDouble() < 0.45 ? "" : random.Next(-2, 2).ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(csv, text.ToString());
        AssertSameAsReference(csv, instrument, "--group-by", "team", "--min-group", "3");
    }

    [Fact]
    public void TheQuickFormWithEightDriversAndAnUnknownAcvBand()
    {
        var folder = Cli.TempFolder();
        var csv = Path.Combine(folder, "quick.csv");
        var instrument = Path.Combine(folder, "quick.json");
        Assert.Equal(0, Cli.Run("sample", "--quick", "--respondents", "23", "--seed", "5", "--out", csv).ExitCode);
        File.WriteAllText(instrument, Cli.Run("instrument", "--quick").Out);
        AssertSameAsReference(csv, instrument, "--group-by", "team", "--phase", "pmf");
    }

    internal static void AssertSameAsReference(string csv, string? instrument, params string[] options)
    {
        var instrumentFile = instrument;
        if (instrumentFile is null)
        {
            instrumentFile = Path.Combine(Cli.TempFolder(), "builtin.json");
            File.WriteAllText(instrumentFile, Cli.Run("instrument").Out);
        }

        var ours = Cli.Run(["score", csv, "--format", "json", .. (instrument is null ? Array.Empty<string>() : ["--instrument", instrument]), .. options]);
        Assert.True(ours.ExitCode == 0, ours.Error);

        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Reference, csv, instrumentFile }.Concat(options))
        {
            start.ArgumentList.Add(a);
        }

        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 is needed for the reference cross-check");
        var expected = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, "reference failed: " + error.Result);

        var same = JsonClose.Equal(JsonNode.Parse(expected.Result), JsonNode.Parse(ours.Out), 1e-9, out var difference);
        Assert.True(same, difference);
    }
}

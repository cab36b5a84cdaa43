namespace SalesWheel.Cli.Tests;

public sealed class InstrumentCommandTests
{
    [Fact]
    public void ThePrintedInstrumentCanBeEditedAndScoredWith()
    {
        var folder = Cli.TempFolder();
        var (code, json, _) = Cli.Run("instrument", "--quick");
        Assert.Equal(0, code);
        var file = Path.Combine(folder, "quick.json");
        File.WriteAllText(file, json);
        var answers = Path.Combine(folder, "answers.csv");
        Assert.Equal(0, Cli.Run("sample", "--quick", "--respondents", "12", "--out", answers).ExitCode);

        var (scored, report, error) = Cli.Run("score", answers, "--instrument", file, "--format", "json");

        Assert.True(scored == 0, error);
        Assert.Contains("\"id\": \"sales-performance-wheel-quick\"", report);
        Assert.Contains("\"respondents\": 12", report);
    }

    [Fact]
    public void TheTextFormListsEveryItemWithReverseKeysMarked()
    {
        var (code, text, _) = Cli.Run("instrument", "--format", "text");
        Assert.Equal(0, code);
        Assert.Contains("Strategy [strategy, organization]", text);
        Assert.Contains("Outcomes [outcomes, outcome]", text);
        Assert.Matches(@"STC\d .+ \(R\)", text);
    }
}

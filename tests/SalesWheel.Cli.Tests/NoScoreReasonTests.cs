using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Cli.Tests;

/// <summary>The command line says why a driver has no score, in every format that explains one.</summary>
public sealed partial class NoScoreReasonTests
{
    private const string Reason = "Strategy: no score: respondents answered fewer than half of its statements.";

    // Twelve people who answered every statement except Strategy's: of its six, only STR1.
    private static string OneOfSixStrategyStatements()
    {
        var items = BuiltInInstrument.Full.Items.ToList();
        var text = new StringBuilder("role,").AppendJoin(',', items.Select(i => i.Id)).Append('\n');
        for (var r = 0; r < 12; r++)
        {
            text.Append(r % 2 == 0 ? "seller" : "manager");
            foreach (var item in items)
            {
                var answered = !item.Id.StartsWith("STR", StringComparison.Ordinal) || item.Id == "STR1";
                text.Append(',').Append(answered ? (1 + ((r + item.Id.Length) % 5)).ToString(CultureInfo.InvariantCulture) : "");
            }

            text.Append('\n');
        }

        var path = Path.Combine(Cli.TempFolder(), "one-of-six.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Theory]
    [InlineData("text")]
    [InlineData("md")]
    public void AStrategyAnsweredOneStatementInSixIsSaidToHaveNoScoreBecauseFewerThanHalfItsStatementsWereAnswered(string format)
    {
        var (code, output, error) = Cli.Run("score", OneOfSixStrategyStatements(), "--format", format);

        Assert.True(code == 0, error);
        var text = Spaces().Replace(output, " ");
        Assert.Contains(Reason, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Structure: no score", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheJsonCarriesWhyADriverHasNoScoreAndNothingForADriverThatHasOne()
    {
        var (code, output, error) = Cli.Run("score", OneOfSixStrategyStatements(), "--format", "json");

        Assert.True(code == 0, error);
        var dimensions = JsonNode.Parse(output)!["dimensions"]!.AsArray();
        Assert.Equal("fewer-than-half-answered", (string?)dimensions.Single(d => (string?)d!["id"] == "strategy")!["noScore"]);
        Assert.Null(dimensions.Single(d => (string?)d!["id"] == "structure")!["noScore"]);
    }

    [Fact]
    public void ThePdfSaysWhyADriverHasNoScore()
    {
        var pdf = Path.Combine(Cli.TempFolder(), "report.pdf");
        var (code, _, error) = Cli.Run("score", OneOfSixStrategyStatements(), "--format", "pdf", "--out", pdf);

        Assert.True(code == 0, error);
        using var poppler = new Poppler(File.ReadAllBytes(pdf));
        Assert.Contains(Reason, Spaces().Replace(poppler.RawText(), " "), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

using System.Text.RegularExpressions;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Tests.Instruments;

public sealed partial class LeaderVoiceTests
{
    [Fact]
    public void NoQuickCheckStatementAsksTheLeaderAboutTheirOwnManagerOrAsIfTheyWereASeller()
    {
        var statements = BuiltInInstrument.Quick.Items.Select(LeaderVoice.Text).ToList();

        Assert.Equal(16, statements.Count);
        Assert.All(statements, s => Assert.DoesNotMatch(RespondentVoice(), s));
    }

    [Fact]
    public void AStatementThatAlreadyReadsTheSameFromEitherSideIsLeftAsWritten()
    {
        var crm = BuiltInInstrument.Quick.Items.Single(i => i.Id == "OPS2");

        Assert.Equal(crm.Text, LeaderVoice.Text(crm));
        Assert.Equal("Each seller gets a one-to-one coaching session with their manager at least every two weeks.",
            LeaderVoice.Text(BuiltInInstrument.Quick.Items.Single(i => i.Id == "ENB1")));
    }

    // A respondent speaking of themselves: "my manager", "for me", or a sentence opening with "I can" / "I get".
    [GeneratedRegex(@"\b(my|me)\b|^I ")]
    private static partial Regex RespondentVoice();
}

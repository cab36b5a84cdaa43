using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class ReliabilityTests
{
    [Theory]
    [InlineData(0.69, 10, new[] { "items-disagree" })]
    [InlineData(0.7, 10, new string[0])] // exactly at both thresholds: no flag
    [InlineData(0.9, 9, new[] { "few-answers" })]
    [InlineData(0.5, 2, new[] { "items-disagree", "few-answers" })]
    [InlineData(null, 3, new[] { "few-answers" })] // no alpha: nothing to disagree
    public void ADriverIsFlaggedBelowEachThreshold(double? alpha, int n, string[] flags) => Assert.Equal(flags, Reliability.Flags(alpha, n));

    [Fact]
    public void FlagsReadWithTheirThresholds()
    {
        Assert.Equal("items disagree (alpha < 0.7)", Reliability.NameWithThreshold(Reliability.ItemsDisagree));
        Assert.Equal("few answers (n < 10)", Reliability.NameWithThreshold(Reliability.FewAnswers));
        Assert.Equal("only 1 person answered enough of its statements (fewer than 10), so one more answer could move the score a lot; its interval shows how far.",
            Reliability.FewAnswersReason(1, "1"));
    }
}

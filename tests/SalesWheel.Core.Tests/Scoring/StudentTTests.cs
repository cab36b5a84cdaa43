using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

public sealed class StudentTTests
{
    // R 4.2.2: qt(0.975, df) (tests/reference/bfi_alpha_results.txt).
    [Theory]
    [InlineData(1, 12.706204736174694)]
    [InlineData(2, 4.3026527297494619)]
    [InlineData(5, 2.5705818356363137)]
    [InlineData(9, 2.2621571627982049)]
    [InlineData(29, 2.0452296421327034)]
    [InlineData(100, 1.9839715185235516)]
    [InlineData(2799, 1.9608118873453289)]
    public void TheCriticalValueIsExactNotFromATable(int df, double expected)
    {
        Assert.Equal(expected, StudentT.Critical975(df), 1e-10 * expected);
    }
}

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

public sealed class StudentTWelchTests
{
    // Reference values: the regularized incomplete beta in 40-digit arithmetic (mpmath 1.3), which R's pt/qt agree with
    // (R: 2 * pt(-2, 10) = 0.07338803, qt(0.975, 240.3) = 1.969885). Double precision loses digits as df grows (x = df/(df+t²)
    // near 1 is rounded before its logarithm is multiplied by df/2): 1e-12 relative up to a few hundred df, 1e-7 at millions.
    [Theory]
    [InlineData(2.0, 10, 0.073388034770740366)]
    [InlineData(-2.0, 10, 0.073388034770740366)]
    [InlineData(2.0, 240.3, 0.046625858820782004)]
    [InlineData(5, 3.7, 0.0091639676448933215)]
    [InlineData(0.3, 1.5, 0.80047219680358486)]
    [InlineData(4, 2000000, 6.3344758809110775e-5)]
    [InlineData(10, 52.5, 9.3472661814987766e-14)]
    [InlineData(1.96, 1e7, 0.049995818025314192)]
    [InlineData(0, 7.5, 1.0)]
    public void TheTwoSidedPIsExactForNonIntegerDegreesOfFreedom(double t, double df, double expected)
    {
        Assert.Equal(expected, StudentT.TwoSidedP(t, df), (df > 1000 ? 1e-7 : 1e-12) * expected);
    }

    [Theory]
    [InlineData(240.3, 1.9698851719536107)]
    [InlineData(2.5, 3.5746548420036832)]
    [InlineData(1.2, 8.6488265107488727)]
    [InlineData(52.38581645544917, 2.006295089993562)]
    [InlineData(9.642418097171863, 2.2393900241386866)]
    [InlineData(2000000, 1.959965170676375)]
    public void TheCriticalValueForWelchsDegreesOfFreedomIsExact(double df, double expected)
    {
        Assert.Equal(expected, StudentT.Critical975(df), (df > 1000 ? 1e-7 : 1e-12) * expected);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void DegreesOfFreedomThatAreNotPositiveAndFiniteAreRefused(double df)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Critical975(df));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.TwoSidedP(1, df));
    }
}

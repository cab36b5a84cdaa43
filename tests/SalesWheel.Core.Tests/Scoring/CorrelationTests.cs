using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>SCORING.md "Outcomes and key drivers": Pearson's r, its Fisher-z interval and its t p, with every null case.</summary>
public sealed class CorrelationTests
{
    [Fact]
    public void ATextbookExampleGivesRItsFisherIntervalAndTheTwoSidedP()
    {
        // Centred sums: Sxy = 14.5, Sxx = Syy = 17.5, so r = 29 / 35; t = r √(4 / (1 − r²)) = 2.9593 on 4 df.
        double[] x = [1, 2, 3, 4, 5, 6];
        double[] y = [2, 1, 4, 3, 6, 5];

        var c = Correlation.Pearson(x, y);

        Assert.Equal(6, c.N);
        Assert.Equal(29.0 / 35, c.R!.Value, 1e-14);
        var z = Math.Atanh(29.0 / 35);
        var half = 1.959963984540054 / Math.Sqrt(3);
        Assert.Equal(Math.Tanh(z - half), c.Ci95!.Low, 1e-14);
        Assert.Equal(Math.Tanh(z + half), c.Ci95.High, 1e-14);
        Assert.Equal(0.041562682215743, c.P!.Value, 1e-12); // P(|T4| ≥ 2.9593), as tests/reference/score_reference.py computes it
    }

    [Fact]
    public void FewerThanFourPairsGiveNoR()
    {
        var c = Correlation.Pearson([1, 2, 3], [3, 1, 2]);

        Assert.Equal(new Correlation(3, null, null, null), c);
    }

    [Fact]
    public void AVariableThatNeverVariesGivesNoREvenWhenItsMeanDoesNotRoundBack()
    {
        // The mean of ten 0.1s is not 0.1 in doubles; the variance must still be 0.
        var c = Correlation.Pearson(Enumerable.Repeat(0.1, 10).ToList(), Enumerable.Range(0, 10).Select(i => (double)i).ToList());

        Assert.Null(c.R);
        Assert.Equal(10, c.N);
    }

    [Fact]
    public void APerfectRelationHasPZeroAndAnIntervalOfItsOwnValue()
    {
        var up = Correlation.Pearson([1, 2, 3, 4, 5], [10, 20, 30, 40, 50]);
        var down = Correlation.FromR(12, -1.0);

        Assert.Equal(new Correlation(5, 1.0, new Core.Scoring.Interval(1.0, 1.0), 0.0), up);
        Assert.Equal(new Correlation(12, -1.0, new Core.Scoring.Interval(-1.0, -1.0), 0.0), down);
    }

    private static Arbitrary<(double[] X, double[] Y)> Pairs() =>
        (from n in Gen.Choose(0, 30)
         from x in Gen.Choose(-50, 50).Select(v => v / 4.0).ArrayOf(n)
         from y in Gen.Choose(0, 20).Select(v => v * 1.5).ArrayOf(n)
         select (x, y)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property RIsBetweenMinusOneAndOneAndInsideItsInterval() => Prop.ForAll(Pairs(), p =>
    {
        var c = Correlation.Pearson(p.X, p.Y);
        return c.R is null
            ? c.Ci95 is null && c.P is null
            : c.R is >= -1 and <= 1 && c.Ci95!.Low <= c.R && c.R <= c.Ci95.High && c.P is >= 0 and <= 1;
    });

    [Property(MaxTest = 300)]
    public Property SwappingXAndYGivesTheSameR() => Prop.ForAll(Pairs(), p =>
        Correlation.Pearson(p.X, p.Y) == Correlation.Pearson(p.Y, p.X));

    [Property(MaxTest = 200)]
    public Property ShufflingThePairsChangesNothingButRounding() => Prop.ForAll(Pairs(), Gen.Choose(0, 1000).ToArbitrary(), (p, seed) =>
    {
        var random = new Random(seed);
        int[] order = [.. Enumerable.Range(0, p.X.Length).OrderBy(_ => random.Next())];
        var a = Correlation.Pearson(p.X, p.Y);
        var b = Correlation.Pearson(order.Select(i => p.X[i]).ToList(), order.Select(i => p.Y[i]).ToList());
        return a.N == b.N && (a.R is null ? b.R is null : Math.Abs(a.R.Value - b.R!.Value) < 1e-12 && Math.Abs(a.P!.Value - b.P!.Value) < 1e-9);
    });
}

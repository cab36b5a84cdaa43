using MathNet.Numerics;

namespace SalesWheel.Core.Scoring;

/// <summary>Quantiles and tail probabilities of Student's t distribution, computed exactly (not from a table).</summary>
public static class StudentT
{
    /// <summary>The two-sided 95% critical value t(0.975, df).</summary>
    public static double Critical975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975);
    }

    /// <summary>The two-sided 95% critical value t(0.975, df) for non-integer degrees of freedom (Welch's df).</summary>
    /// <exception cref="ArgumentOutOfRangeException">df is not a positive finite number.</exception>
    public static double Critical975(double degreesOfFreedom)
    {
        ThrowUnlessPositive(degreesOfFreedom);
        var df = degreesOfFreedom;

        // MathNet's root finder stops about 1e-11 short; two Newton steps on the exact upper tail reach double precision.
        var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975);
        for (var step = 0; step < 2; step++)
        {
            var upper = 0.5 * SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + (t * t)));
            t += (upper - 0.025) / MathNet.Numerics.Distributions.StudentT.PDF(0, 1, df, t);
        }

        return t;
    }

    /// <summary>
    /// The two-sided p of a t statistic: P(|T| ≥ |t|) with df degrees of freedom, as the regularized incomplete beta
    /// I_x(df/2, 1/2) with x = df / (df + t²), so a tiny p keeps its digits (no 1 − CDF cancellation).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">df is not a positive finite number, or t is not a number.</exception>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        ThrowUnlessPositive(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), "t is not a number.");
        }

        return t == 0 ? 1.0 : SpecialFunctions.BetaRegularized(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + (t * t)));
    }

    private static void ThrowUnlessPositive(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "The degrees of freedom must be a positive finite number.");
        }
    }
}

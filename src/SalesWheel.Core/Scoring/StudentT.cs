namespace SalesWheel.Core.Scoring;

/// <summary>Quantiles of Student's t distribution.</summary>
public static class StudentT
{
    /// <summary>The two-sided 95% critical value t(0.975, df).</summary>
    public static double Critical975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975);
    }
}

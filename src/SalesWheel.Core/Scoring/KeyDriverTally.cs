using System.Numerics;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// Exact sums for the respondent-level key drivers (SCORING.md "Outcomes and key drivers"), filled in the engine's one
/// pass. Per (driver, outcome) pair, respondents with both means defined are grouped by how many items of each they
/// answered (c_d, c_o): with code sums x and y their means are x / c_d and y / c_o, so the sums Σx, Σy, Σx², Σy², Σxy
/// per class pair give Pearson's r exactly (scaled by the classes' least common multiples), whatever the row order.
/// </summary>
internal sealed class KeyDriverTally
{
    private readonly int[] _drivers;
    private readonly int[] _outcomes;
    private readonly int[] _driverClasses;
    private readonly int[] _outcomeClasses;
    private readonly int[] _offset;
    private readonly long[] _n;
    private readonly long[] _sx;
    private readonly long[] _sy;
    private readonly long[] _sxx;
    private readonly long[] _syy;
    private readonly long[] _sxy;

    /// <param name="drivers">Driver dimension indexes, in instrument order.</param>
    /// <param name="outcomes">Outcome dimension indexes, in instrument order.</param>
    /// <param name="itemCount">Items per dimension (by dimension index).</param>
    public KeyDriverTally(IReadOnlyList<int> drivers, IReadOnlyList<int> outcomes, IReadOnlyList<int> itemCount)
    {
        _drivers = [.. drivers];
        _outcomes = [.. outcomes];
        var pairs = _drivers.Length * _outcomes.Length;
        _driverClasses = new int[pairs];
        _outcomeClasses = new int[pairs];
        _offset = new int[pairs + 1];
        for (var o = 0; o < _outcomes.Length; o++)
        {
            for (var d = 0; d < _drivers.Length; d++)
            {
                var p = (o * _drivers.Length) + d;
                _driverClasses[p] = itemCount[_drivers[d]] + 1;
                _outcomeClasses[p] = itemCount[_outcomes[o]] + 1;
                _offset[p + 1] = _offset[p] + (_driverClasses[p] * _outcomeClasses[p]);
            }
        }

        var cells = _offset[^1];
        _n = new long[cells];
        _sx = new long[cells];
        _sy = new long[cells];
        _sxx = new long[cells];
        _syy = new long[cells];
        _sxy = new long[cells];
    }

    /// <summary>Whether there is anything to tally (the instrument has an outcome and a driver).</summary>
    public bool Any => _offset[^1] > 0;

    /// <summary>
    /// Adds one respondent: per dimension index, the sum of its (recoded) answer codes and how many it answered, with
    /// <paramref name="count"/> 0 where the respondent mean is not defined.
    /// </summary>
    public void Add(ReadOnlySpan<int> sum, ReadOnlySpan<int> count)
    {
        var drivers = _drivers.Length;
        for (var o = 0; o < _outcomes.Length; o++)
        {
            var co = count[_outcomes[o]];
            if (co == 0)
            {
                continue;
            }

            long y = sum[_outcomes[o]];
            for (var d = 0; d < drivers; d++)
            {
                var cd = count[_drivers[d]];
                if (cd == 0)
                {
                    continue;
                }

                var p = (o * drivers) + d;
                var cell = _offset[p] + (cd * _outcomeClasses[p]) + co;
                long x = sum[_drivers[d]];
                _n[cell]++;
                _sx[cell] += x;
                _sy[cell] += y;
                _sxx[cell] += x * x;
                _syy[cell] += y * y;
                _sxy[cell] += x * y;
            }
        }
    }

    /// <summary>The correlation of driver <paramref name="driver"/> (its place among the drivers) with outcome <paramref name="outcome"/>.</summary>
    public Correlation Of(int driver, int outcome)
    {
        var p = (outcome * _drivers.Length) + driver;
        var width = _outcomeClasses[p];
        long n = 0;
        BigInteger lx = 1, ly = 1;
        for (var cd = 1; cd < _driverClasses[p]; cd++)
        {
            for (var co = 1; co < width; co++)
            {
                if (_n[_offset[p] + (cd * width) + co] > 0)
                {
                    n += _n[_offset[p] + (cd * width) + co];
                    lx = Lcm(lx, cd);
                    ly = Lcm(ly, co);
                }
            }
        }

        if (n < Correlation.MinimumPairs)
        {
            return new Correlation((int)n, null, null, null);
        }

        // X = x · (Lx / c_d) is the respondent mean times Lx, an integer; likewise Y. All sums below are exact.
        BigInteger sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var cd = 1; cd < _driverClasses[p]; cd++)
        {
            var fx = lx / cd;
            for (var co = 1; co < width; co++)
            {
                var cell = _offset[p] + (cd * width) + co;
                if (_n[cell] == 0)
                {
                    continue;
                }

                var fy = ly / co;
                sx += _sx[cell] * fx;
                sy += _sy[cell] * fy;
                sxx += _sxx[cell] * fx * fx;
                syy += _syy[cell] * fy * fy;
                sxy += _sxy[cell] * fx * fy;
            }
        }

        var cxx = (n * sxx) - (sx * sx);
        var cyy = (n * syy) - (sy * sy);
        var cxy = (n * sxy) - (sx * sy);
        if (cxx.IsZero || cyy.IsZero)
        {
            return new Correlation((int)n, null, null, null);
        }

        // |r| = 1 exactly when Cauchy–Schwarz is an equality; otherwise r from the exact sums, rounded once.
        if (cxy * cxy == cxx * cyy)
        {
            return Correlation.FromR((int)n, cxy.Sign);
        }

        return Correlation.FromR((int)n, Ratio(cxy, cxx, cyy));
    }

    /// <summary>c / √(a b) for exact integers that may exceed a double's range when multiplied.</summary>
    private static double Ratio(BigInteger c, BigInteger a, BigInteger b)
    {
        // Scale each to about 2^60 significant bits before converting, keeping the exponents apart.
        var (cm, ce) = Split(c);
        var (am, ae) = Split(a);
        var (bm, be) = Split(b);
        var exponent = ce - ((ae + be) / 2.0);
        return cm / Math.Sqrt(am * bm) * Math.Pow(2, exponent);
    }

    private static (double Mantissa, long Exponent) Split(BigInteger value)
    {
        var bits = (long)BigInteger.Abs(value).GetBitLength();
        var shift = Math.Max(0, bits - 62);
        return ((double)(value >> (int)shift), shift);
    }

    private static BigInteger Lcm(BigInteger a, int b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;
}

using System.Globalization;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>How numbers read in written reports: scores to one decimal, shares as whole percentages.</summary>
public static class ReportFormat
{
    /// <summary>The text with its first letter in capitals ("leaders see" → "Leaders see").</summary>
    public static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A 0–100 score to one decimal, or "–" when there is none.</summary>
    public static string Score(double? score) => score is { } s ? ScoreBand.Printed(s, 1).ToString("0.0", Invariant) : "–";

    /// <summary>An interval as "low–high", or "–".</summary>
    public static string Interval(Interval? ci) => ci is null ? "–" : $"{Score(ci.Low)}–{Score(ci.High)}";

    /// <summary>A change in points to one decimal with its sign ("+12.3", "-4.0", "0.0"), or "–".</summary>
    public static string Change(double? change) => change is { } c ? c.ToString("+0.0;-0.0;0.0", Invariant) : "–";

    /// <summary>A change's interval as "low to high", each signed ("-1.2 to +8.4"), or "–".</summary>
    public static string ChangeInterval(Interval? ci) => ci is null ? "–" : $"{Change(ci.Low)} to {Change(ci.High)}";

    /// <summary>How a change reads against its noise: "changed beyond noise" or "within noise" (never "significant").</summary>
    public static string Noise(bool beyondNoise) => beyondNoise ? "changed beyond noise" : "within noise";

    /// <summary>A share as a whole percentage, or "–".</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", Invariant) + "%" : "–";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(int count) => count.ToString("N0", Invariant);

    /// <summary>A dimension's name in a table row or heading: an outcome says so, unless its name does ("Outcomes" stays "Outcomes").</summary>
    public static string DimensionName(DimensionResult dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return dimension.Kind == "outcome" && !dimension.Name.Contains("outcome", StringComparison.OrdinalIgnoreCase) ? $"{dimension.Name} (outcome)" : dimension.Name;
    }

    /// <summary>An attribute value as people read it: a blank value is "(not given)".</summary>
    public static string GroupValue(string value) => value.Length == 0 ? "(not given)" : value;

    /// <summary>
    /// What every hidden breakdown group says, whatever hid it (SCORING.md): true of a group under the minimum group size
    /// and of a larger group hidden by complementary suppression alike, so a reader cannot tell which one is small (and a
    /// 5-person group is never said to have fewer than 5 answers). <see cref="HiddenGroupsNote"/> gives both reasons.
    /// </summary>
    public static string HiddenGroup => "hidden to protect anonymity";

    /// <summary>The one sentence shown wherever hidden groups appear: why some of them may in fact be larger.</summary>
    public static string HiddenGroupsNote(int minimumGroupSize) =>
        $"Some hidden groups may have {minimumGroupSize} or more answers: they are hidden so that a smaller group cannot be worked out by subtraction.";
}

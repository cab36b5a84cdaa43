using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// One breakdown drawn as a heatmap: a row per dimension, a column per group, with the engine's suppression and gaps.
/// It only reads the engine's numbers; it picks which to show and words them.
/// </summary>
public sealed record Heatmap(Breakdown Breakdown, IReadOnlyList<DimensionResult> Dimensions, int MinimumGroupSize)
{
    /// <summary>A gap of this many points or more is highlighted (SCORING.md).</summary>
    public const double HighGap = PerceptionGap.Highlighted;

    /// <summary>Whether any group of the breakdown is hidden (too small, or hidden with a small one: the page never says which).</summary>
    public bool HasHiddenGroups => Breakdown.Groups.Any(g => g.Suppressed);

    public static string GroupName(string value) => ResultFormat.Value(value);

    /// <summary>What every hidden group's cells say, the same for all of them (see <see cref="ReportFormat.HiddenGroup"/>).</summary>
    public string HiddenText => ReportFormat.HiddenGroup;

    /// <summary>The sentence under a heatmap with hidden groups.</summary>
    public string HiddenNote => ReportFormat.HiddenGroupsNote(MinimumGroupSize);

    public double? Gap(DimensionResult dimension) => Breakdown.Gaps.GetValueOrDefault(dimension.Id);

    public static bool IsHigh(double? gap) => gap >= HighGap;

    /// <summary>
    /// The largest highlighted gap in words, e.g. "Leaders see Enablement at 70, sellers at 45.", from the shown groups
    /// holding the highest and lowest score (found and named as in the PDF report); null when no gap reaches <see cref="HighGap"/>.
    /// </summary>
    public string? LargestGapSentence()
    {
        if (PerceptionGap.Largest(Breakdown, Dimensions) is not { } gap || !IsHigh(gap.Gap))
        {
            return null;
        }

        return $"{ReportFormat.Capitalized(PerceptionGap.People(gap.By, gap.High.Value))} {gap.Sees} {gap.Dimension.Name} at {ResultFormat.Whole(gap.High.Score)}, "
            + $"{PerceptionGap.People(gap.By, gap.Low.Value)} at {ResultFormat.Whole(gap.Low.Score)}.";
    }
}

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
    public const double HighGap = 10;

    /// <summary>Groups hidden only so that a smaller hidden group cannot be recovered by subtraction.</summary>
    public bool HasComplementaryHiding => Breakdown.Groups.Any(g => g.Suppressed && g.N >= MinimumGroupSize);

    public bool HasSmallGroups => Breakdown.Groups.Any(g => g.Suppressed && g.N < MinimumGroupSize);

    public static string GroupName(string value) => ResultFormat.Value(value);

    /// <summary>What a suppressed group's cells say: the reason when the group is small, just "hidden" otherwise.</summary>
    public string HiddenText(BreakdownGroup group) =>
        group.N < MinimumGroupSize ? $"hidden (fewer than {MinimumGroupSize} answers)" : "hidden";

    public double? Gap(DimensionResult dimension) => Breakdown.Gaps.GetValueOrDefault(dimension.Id);

    public static bool IsHigh(double? gap) => gap >= HighGap;

    /// <summary>
    /// The largest highlighted gap in words, e.g. "Leaders see Enablement at 70, sellers at 45.", from the shown groups
    /// holding the highest and lowest score; null when no gap reaches <see cref="HighGap"/>.
    /// </summary>
    public string? LargestGapSentence()
    {
        var largest = Dimensions
            .Select(d => (Dimension: d, Gap: Gap(d)))
            .Where(x => IsHigh(x.Gap))
            .OrderByDescending(x => x.Gap)
            .FirstOrDefault();
        if (largest.Dimension is null)
        {
            return null;
        }

        var id = largest.Dimension.Id;
        var scored = Breakdown.Groups
            .Where(g => !g.Suppressed && g.Scores?.GetValueOrDefault(id) is not null)
            .Select(g => (g.Value, Score: g.Scores![id]!.Value))
            .ToList();
        if (scored.Count < 2)
        {
            return null;
        }

        var high = scored.MaxBy(g => g.Score);
        var low = scored.MinBy(g => g.Score);
        var name = largest.Dimension.Name;
        return Breakdown.By switch
        {
            "role" => $"{Capitalized(RolePeople(high.Value))} see {name} at {ResultFormat.Whole(high.Score)}, {RolePeople(low.Value)} at {ResultFormat.Whole(low.Score)}.",
            "team" => $"{Capitalized(TeamName(high.Value))} sees {name} at {ResultFormat.Whole(high.Score)}, {TeamName(low.Value)} at {ResultFormat.Whole(low.Score)}.",
            _ => $"{Capitalized(GroupName(high.Value))} sees {name} at {ResultFormat.Whole(high.Score)}, {GroupName(low.Value)} at {ResultFormat.Whole(low.Score)}.",
        };
    }

    private static string RolePeople(string role) => role.ToLowerInvariant() switch
    {
        "" => "people who gave no role",
        "leader" => "leaders",
        "manager" => "managers",
        "seller" => "sellers",
        "ops & enablement" => "ops & enablement",
        _ => $"people in the role {role}",
    };

    private static string TeamName(string team) => team.Length == 0 ? "the group without a team" : $"the {team} team";

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

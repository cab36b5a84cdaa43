namespace SalesWheel.Core.Scoring;

/// <summary>
/// The one place that decides which groups may be shown. A group smaller than the minimum group size is
/// suppressed; while the suppressed groups together hold more than 0 but fewer than that many people,
/// the smallest shown group is suppressed too, so no hidden group can be recovered by subtracting the
/// shown groups from the total.
/// </summary>
public static class Anonymity
{
    /// <summary>The default minimum group size.</summary>
    public const int DefaultMinimumGroupSize = 5;

    /// <summary>The smallest minimum group size anyone may set.</summary>
    public const int LowestMinimumGroupSize = 3;

    /// <summary>
    /// Which groups to suppress. <paramref name="sizes"/> are the groups' respondent counts in the order the
    /// groups are listed (ordinal order of their values), which also breaks ties.
    /// </summary>
    public static bool[] SuppressedGroups(IReadOnlyList<int> sizes, int minimumGroupSize)
    {
        var suppressed = new bool[sizes.Count];
        var hidden = 0;
        for (var g = 0; g < sizes.Count; g++)
        {
            if (sizes[g] < minimumGroupSize)
            {
                suppressed[g] = true;
                hidden += sizes[g];
            }
        }

        while (hidden > 0 && hidden < minimumGroupSize)
        {
            var smallest = -1;
            for (var g = 0; g < sizes.Count; g++)
            {
                if (!suppressed[g] && (smallest < 0 || sizes[g] < sizes[smallest]))
                {
                    smallest = g;
                }
            }

            if (smallest < 0)
            {
                break;
            }

            suppressed[smallest] = true;
            hidden += sizes[smallest];
        }

        return suppressed;
    }

    /// <summary>Whether an assessment's overall result may be shown: at least the minimum group size answered.</summary>
    public static bool OverallVisible(int respondents, int minimumGroupSize) => respondents >= minimumGroupSize;
}

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

    /// <summary>
    /// Hides the groups one breakdown would give away through another. If the shown groups of breakdown Y that lie
    /// wholly inside a shown group G of breakdown X hold between 1 and k − 1 people fewer than G (say team North, all
    /// managers, inside role "manager", whose one other member is the only manager in West), G's scores minus theirs
    /// are the scores of those few people. Until no such pair is left, the smallest of G and those groups is hidden
    /// too (ties: X's group, then the first in value order). Groups of one breakdown never overlap, and the whole result
    /// minus a breakdown's shown groups is already covered by <see cref="SuppressedGroups"/>. Combinations of three or
    /// more breakdowns are not searched.
    /// </summary>
    public static List<Breakdown> SuppressAcrossBreakdowns(ResponseSet responses, IReadOnlyList<AttributeColumn> columns, IReadOnlyList<Breakdown> breakdowns, int minimumGroupSize)
    {
        var count = breakdowns.Count;
        // Each respondent's group (index in the breakdown's list) per breakdown; rows with no answer are not respondents.
        var groupOfCode = new int[count][];
        for (var b = 0; b < count; b++)
        {
            var index = breakdowns[b].Groups.Select((g, i) => (g.Value, i)).ToDictionary(p => p.Value, p => p.i, StringComparer.Ordinal);
            groupOfCode[b] = columns[b].Values.Select(v => index.GetValueOrDefault(v, -1)).ToArray();
        }

        // together[x][y][gx, gy]: respondents in group gx of breakdown x and group gy of breakdown y.
        var together = new int[count][][,];
        for (var x = 0; x < count; x++)
        {
            together[x] = new int[count][,];
            for (var y = 0; y < count; y++)
            {
                together[x][y] = new int[breakdowns[x].Groups.Count, breakdowns[y].Groups.Count];
            }
        }

        var width = responses.Items.Count;
        var answers = responses.AnswerBytes;
        var groups = new int[count];
        for (var r = 0; r < responses.Count; r++)
        {
            if (!answers.Slice(r * width, width).ContainsAnyExcept((byte)0))
            {
                continue;
            }

            for (var b = 0; b < count; b++)
            {
                groups[b] = groupOfCode[b][columns[b].Codes[r]];
            }

            for (var x = 0; x < count; x++)
            {
                for (var y = 0; y < count; y++)
                {
                    if (x != y && groups[x] >= 0 && groups[y] >= 0)
                    {
                        together[x][y][groups[x], groups[y]]++;
                    }
                }
            }
        }

        var hidden = breakdowns.Select(b => b.Groups.Select(g => g.Suppressed).ToArray()).ToArray();
        while (NextToHide() is var (b, g))
        {
            hidden[b][g] = true;
        }

        return breakdowns.Select((breakdown, b) =>
        {
            if (breakdown.Groups.Select((g, i) => g.Suppressed == hidden[b][i]).All(same => same))
            {
                return breakdown;
            }

            var shown = breakdown.Groups.Select((g, i) => hidden[b][i] && !g.Suppressed ? g with { Suppressed = true, Scores = null } : g).ToList();
            return breakdown with { Groups = shown, Gaps = ScoringEngine.Gaps(breakdown.Gaps.Keys, shown) };
        }).ToList();

        // The first shown group G (breakdown by breakdown, in value order) whose shown groups of another breakdown leave
        // 1 to k − 1 people when subtracted from it, and which group to hide for it; null when there is none.
        (int Breakdown, int Group)? NextToHide()
        {
            for (var x = 0; x < count; x++)
            {
                for (var gx = 0; gx < hidden[x].Length; gx++)
                {
                    var size = breakdowns[x].Groups[gx].N;
                    for (var y = 0; y < count && !hidden[x][gx]; y++)
                    {
                        var inside = Enumerable.Range(0, hidden[y].Length)
                            .Where(gy => y != x && !hidden[y][gy] && together[x][y][gx, gy] == breakdowns[y].Groups[gy].N)
                            .ToList();
                        var rest = size - inside.Sum(gy => breakdowns[y].Groups[gy].N);
                        if (y == x || rest <= 0 || rest >= minimumGroupSize)
                        {
                            continue;
                        }

                        // A shown group holds at least k people, so a remainder under k means something inside it is shown.
                        var smallest = inside.MinBy(gy => (breakdowns[y].Groups[gy].N, gy));
                        return size <= breakdowns[y].Groups[smallest].N ? (x, gx) : (y, smallest);
                    }
                }
            }

            return null;
        }
    }
}

namespace SalesWheel.Core.Scoring;

/// <summary>
/// The one place that decides which groups may be shown. A group smaller than the minimum group size is
/// suppressed; while the suppressed groups together hold more than 0 but fewer than that many people,
/// the smallest shown group is suppressed too, so no hidden group can be recovered by subtracting the
/// shown groups from the total (<see cref="SuppressedGroups"/>, SCORING.md). Shared results also go through
/// <see cref="HideAcrossBreakdowns"/>, so no set of fewer people can be worked out by setting breakdowns against each other.
/// </summary>
public static class Anonymity
{
    /// <summary>The default minimum group size.</summary>
    public const int DefaultMinimumGroupSize = 5;

    /// <summary>The smallest minimum group size anyone may set.</summary>
    public const int LowestMinimumGroupSize = 3;

    /// <summary>
    /// The minimum group size that protects a set of answers: the one bound to it when it was promised to its respondents
    /// (<paramref name="bound"/>; null while nothing was promised yet, as for a draft), else the current setting; never
    /// below <see cref="LowestMinimumGroupSize"/>.
    /// </summary>
    public static int EffectiveMinimumGroupSize(int? bound, int setting) => Math.Max(LowestMinimumGroupSize, bound ?? setting);

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
    /// Hides more groups until differencing across breakdowns gives nothing away (SCORING.md, "Shared results").
    /// An insider is assumed to know how many people share each combination of group values (each cell: the org chart).
    /// Everything published — the total and every shown group of every breakdown, hence also each breakdown's hidden
    /// block — is a known sum over a set of cells, so any signed (rational) combination of published sums is known too.
    /// While some set of 1 to k − 1 people (a cell or a union of cells) is such a combination, the shown group with the
    /// fewest people among those the combination uses is hidden (ties: the first breakdown, then the first in the
    /// breakdown's order) and everything is checked again. The search is exact (rational arithmetic) and bounded: when
    /// it would take too long, the smallest shown group is hidden instead, so it errs on the side of hiding.
    /// </summary>
    /// <param name="cells">
    /// The people behind the breakdowns, one entry per combination of groups that holds anyone. <see cref="PopulationCell.Groups"/>
    /// gives the cell's group in each breakdown as an index into that breakdown's list in <paramref name="hidden"/>.
    /// With <see cref="PopulationCell.Measured"/>, each measure (say a driver, whose scores are means over only the people
    /// with a defined mean) is checked too, over the people it is about; the size of a recovered set still counts people.
    /// </param>
    /// <param name="hidden">Per breakdown, per group in the breakdown's order: whether it is hidden already (by <see cref="SuppressedGroups"/>).</param>
    /// <param name="minimumGroupSize">k: no set of fewer people may be recoverable. The total itself is exempt (it is published by its own rule).</param>
    /// <returns>Per breakdown, per group: whether it is hidden; every group hidden in <paramref name="hidden"/> stays hidden.</returns>
    /// <exception cref="ArgumentException">A cell names no group, or a group outside its breakdown, or cells disagree on how many measures there are.</exception>
    public static bool[][] HideAcrossBreakdowns(IReadOnlyList<PopulationCell> cells, IReadOnlyList<IReadOnlyList<bool>> hidden, int minimumGroupSize) =>
        HideAcrossBreakdownsWithin(cells, hidden, minimumGroupSize, Differencing.SearchBudget);

    /// <summary><see cref="HideAcrossBreakdowns"/> with a search budget of its own (for tests of running out).</summary>
    internal static bool[][] HideAcrossBreakdownsWithin(IReadOnlyList<PopulationCell> cells, IReadOnlyList<IReadOnlyList<bool>> hidden, int minimumGroupSize, int searchBudget)
    {
        var breakdowns = hidden.Count;
        var state = hidden.Select(h => h.ToArray()).ToArray();
        var measures = cells.Count == 0 ? 0 : cells[0].Measured?.Count ?? 0;
        var groupSize = state.Select(h => new long[h.Length]).ToArray();
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            if (cell.Groups.Count != breakdowns || (cell.Measured?.Count ?? 0) != measures || cell.People < 0)
            {
                throw new ArgumentException($"Cell {c} gives {cell.Groups.Count} groups and {cell.Measured?.Count ?? 0} measures for {breakdowns} breakdowns and {measures} measures.", nameof(cells));
            }

            for (var b = 0; b < breakdowns; b++)
            {
                if (cell.Groups[b] < 0 || cell.Groups[b] >= state[b].Length)
                {
                    throw new ArgumentException($"Cell {c} is in group {cell.Groups[b]} of breakdown {b}, which has {state[b].Length} groups.", nameof(cells));
                }

                groupSize[b][cell.Groups[b]] += cell.People;
            }
        }

        // The people layer, then one per measure; a measure whose non-empty cells are the same ones adds nothing.
        var layers = new List<int[]> { Enumerable.Range(0, cells.Count).Where(c => cells[c].People > 0).ToArray() };
        for (var m = 0; m < measures; m++)
        {
            var layer = Enumerable.Range(0, cells.Count).Where(c => cells[c].People > 0 && cells[c].Measured![m] > 0).ToArray();
            if (!layers.Any(l => l.AsSpan().SequenceEqual(layer)))
            {
                layers.Add(layer);
            }
        }

        while (true)
        {
            List<(int Breakdown, int Group)>? candidates = null;
            foreach (var layer in layers)
            {
                var rows = new List<(int Breakdown, int Group)>();
                var published = new List<int[]> { Enumerable.Range(0, layer.Length).ToArray() };
                for (var b = 0; b < breakdowns; b++)
                {
                    for (var g = 0; g < state[b].Length; g++)
                    {
                        if (!state[b][g])
                        {
                            rows.Add((b, g));
                            published.Add(Enumerable.Range(0, layer.Length).Where(i => cells[layer[i]].Groups[b] == g).ToArray());
                        }
                    }
                }

                var finding = Differencing.Find(layer.Select(c => cells[c].People).ToArray(), published, minimumGroupSize, searchBudget);
                if (finding is Differencing.Exposed exposed)
                {
                    candidates = exposed.Rows.Where(r => r > 0).Select(r => rows[r - 1]).ToList();
                    break;
                }

                if (finding is Differencing.TooHard)
                {
                    candidates = rows;
                    break;
                }
            }

            if (candidates is null || candidates.Count == 0)
            {
                return state;
            }

            var (hide, group) = candidates.OrderBy(c => groupSize[c.Breakdown][c.Group]).ThenBy(c => c.Breakdown).ThenBy(c => c.Group).First();
            state[hide][group] = true;
        }
    }
}

/// <summary>
/// The people of one combination of group values (one per breakdown), as an insider who knows the org chart counts them.
/// </summary>
/// <param name="Groups">The cell's group in each breakdown: an index into that breakdown's list of groups.</param>
/// <param name="People">How many people the cell holds (respondents for scores, people invited for participation).</param>
/// <param name="Measured">Optional, per measure (a driver): how many of the cell's people that measure's published numbers are about.</param>
public sealed record PopulationCell(IReadOnlyList<int> Groups, int People, IReadOnlyList<int>? Measured = null);

namespace SalesWheel.Core.Scoring;

/// <summary>One place in the ranking: every driver with that priority (more than one when they tie).</summary>
/// <param name="Rank">1 for the highest priority; after a tie the next rank skips the tied places (1, 2, 2, 4).</param>
/// <param name="Drivers">The tied drivers, in the engine's order (instrument order among equals).</param>
public sealed record PriorityRank(int Rank, IReadOnlyList<RankedDriver> Drivers);

/// <summary>
/// Priorities read as ranks with ties: drivers with equal priority share a rank, so a cut-off such as "the top three"
/// never drops one of them because of instrument order (the engine's <see cref="RankedDriver.Rank"/> breaks ties by
/// instrument order, as SCORING.md defines for the list itself).
/// </summary>
public static class PriorityRanks
{
    /// <summary>The number of ranks advised on wherever priorities are shown.</summary>
    public const int Top = 3;

    // Equal priorities computed along different paths (weight × (100 − score)) can differ in the last bits: a relative
    // 1e-9 absorbs that and nothing a person could see (priorities are shown to one decimal).
    private const double RelativeTolerance = 1e-9;

    /// <summary>True when two priorities are equal up to rounding noise in the last bits.</summary>
    public static bool Tied(double a, double b) => Math.Abs(a - b) <= RelativeTolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>
    /// Groups priorities into ranks, highest priority first; equal priorities (see <see cref="Tied"/>) share a rank,
    /// and the next rank counts the drivers before it (1, 2, 2, 4). Empty for no priorities.
    /// </summary>
    public static IReadOnlyList<PriorityRank> Of(IReadOnlyList<RankedDriver> priorities)
    {
        var ranks = new List<PriorityRank>();
        var placed = 0;
        List<RankedDriver>? group = null;
        foreach (var driver in priorities.OrderByDescending(p => p.Priority)) // stable: keeps the engine's order among ties
        {
            if (group is null || !Tied(group[0].Priority, driver.Priority))
            {
                group = [];
                ranks.Add(new PriorityRank(placed + 1, group));
            }

            group.Add(driver);
            placed++;
        }

        return ranks;
    }

    /// <summary>The ranks up to <paramref name="count"/> (every driver tied at the last of them included).</summary>
    public static IReadOnlyList<PriorityRank> First(IReadOnlyList<RankedDriver> priorities, int count = Top) =>
        Of(priorities).Where(r => r.Rank <= count).ToList();

    /// <summary>A driver's rank with ties; null when the driver is not ranked.</summary>
    public static PriorityRank? RankOf(IReadOnlyList<PriorityRank> ranks, string driverId) =>
        ranks.FirstOrDefault(r => r.Drivers.Any(d => d.Dimension == driverId));
}

using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// How relevant each driver is per company phase and per ACV band: High = 3, Medium = 2, Low = 1.
/// Organizations may edit these; <see cref="Default"/> holds the published defaults.
/// </summary>
public sealed class RelevanceTable
{
    private readonly Dictionary<string, int[]> _phase;
    private readonly Dictionary<string, int[]> _acv;

    /// <summary>Creates a table from per-driver levels, indexed by <see cref="CompanyPhase"/> and <see cref="AcvBand"/>.</summary>
    /// <exception cref="ArgumentException">A driver is missing or a level is not 1, 2 or 3.</exception>
    public RelevanceTable(IReadOnlyDictionary<string, (int Pmf, int GtmFit, int Scale)> phase,
        IReadOnlyDictionary<string, (int Under15K, int From15KTo50K, int Over50K)> acv)
    {
        _phase = new Dictionary<string, int[]>(StringComparer.Ordinal);
        _acv = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var id in Drivers.Ids)
        {
            if (!phase.TryGetValue(id, out var p) || !acv.TryGetValue(id, out var a))
            {
                throw new ArgumentException($"The relevance table has no levels for the driver \"{id}\".");
            }

            _phase[id] = Check(id, [p.Pmf, p.GtmFit, p.Scale]);
            _acv[id] = Check(id, [a.Under15K, a.From15KTo50K, a.Over50K]);
        }

        static int[] Check(string id, int[] levels) => levels.All(l => l is >= 1 and <= 3)
            ? levels
            : throw new ArgumentException($"Relevance levels of \"{id}\" must be 1 (low), 2 (medium) or 3 (high).");
    }

    /// <summary>The default levels of SCORING.md.</summary>
    public static RelevanceTable Default { get; } = new(
        new Dictionary<string, (int, int, int)>
        {
            ["strategy"] = (3, 3, 2),
            ["structure"] = (1, 2, 3),
            ["operations"] = (1, 2, 3),
            ["enablement"] = (2, 3, 3),
            ["talent-management"] = (2, 3, 3),
            ["training"] = (1, 2, 3),
            ["capabilities"] = (3, 3, 2),
            ["motivation"] = (2, 2, 2),
        },
        new Dictionary<string, (int, int, int)>
        {
            ["strategy"] = (2, 2, 3),
            ["structure"] = (3, 2, 2),
            ["operations"] = (3, 2, 2),
            ["enablement"] = (2, 3, 3),
            ["talent-management"] = (2, 2, 3),
            ["training"] = (2, 2, 3),
            ["capabilities"] = (2, 2, 3),
            ["motivation"] = (3, 2, 2),
        });

    /// <summary>The driver's level for a phase; 2 for an unknown phase.</summary>
    public int PhaseLevel(string driverId, CompanyPhase? phase) => phase is { } p ? _phase[driverId][(int)p] : 2;

    /// <summary>The driver's level for an ACV band; 2 for an unknown band.</summary>
    public int AcvLevel(string driverId, AcvBand? acv) => acv is { } a ? _acv[driverId][(int)a] : 2;
}

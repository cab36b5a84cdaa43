namespace SalesWheel.Core.Instruments;

/// <summary>The eight drivers of sales performance, by id, in wheel order.</summary>
public static class Drivers
{
    /// <summary>Driver ids in wheel order: the organization half, then the people half.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        "strategy", "structure", "operations", "enablement",
        "talent-management", "training", "capabilities", "motivation",
    ];

    /// <summary>True when the instrument's driver dimensions are exactly the eight drivers (in any order).</summary>
    public static bool AreTheEightDrivers(Instrument instrument)
    {
        var ids = instrument.Drivers.Select(d => d.Id).ToList();
        return ids.Count == Ids.Count && ids.ToHashSet(StringComparer.Ordinal).SetEquals(Ids);
    }
}

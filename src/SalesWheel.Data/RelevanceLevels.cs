using System.Text.Json;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Data;

/// <summary>Stores an organization's edited relevance table as JSON: { "strategy": [pmf, gtm, scale, lt15k, mid, gt50k], … }.</summary>
public static class RelevanceLevels
{
    public static RelevanceTable Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return RelevanceTable.Default;
        }

        var levels = JsonSerializer.Deserialize<Dictionary<string, int[]>>(json) ?? [];
        return From(levels);
    }

    public static RelevanceTable From(IReadOnlyDictionary<string, int[]> levels) => new(
        levels.ToDictionary(p => p.Key, p => (p.Value[0], p.Value[1], p.Value[2])),
        levels.ToDictionary(p => p.Key, p => (p.Value[3], p.Value[4], p.Value[5])));

    public static Dictionary<string, int[]> ToLevels(RelevanceTable table) => Drivers.Ids.ToDictionary(
        id => id,
        id => new[]
        {
            table.PhaseLevel(id, CompanyPhase.Pmf), table.PhaseLevel(id, CompanyPhase.GtmFit), table.PhaseLevel(id, CompanyPhase.Scale),
            table.AcvLevel(id, AcvBand.Under15K), table.AcvLevel(id, AcvBand.From15KTo50K), table.AcvLevel(id, AcvBand.Over50K),
        });

    public static string Serialize(RelevanceTable table) => JsonSerializer.Serialize(ToLevels(table));
}

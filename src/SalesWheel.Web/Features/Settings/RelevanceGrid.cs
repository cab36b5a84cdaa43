using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;

namespace SalesWheel.Web.Features.Settings;

/// <summary>The relevance table as the settings page shows it: eight drivers by six columns of High / Medium / Low.</summary>
public static class RelevanceGrid
{
    /// <summary>The columns in the order of <see cref="RelevanceLevels.ToLevels"/>: three phases, then three ACV bands.</summary>
    public static IReadOnlyList<(string Code, string Label)> Columns { get; } =
    [
        ("pmf", "PMF"), ("gtm-fit", "GTM Fit"), ("scale", "Scale"),
        ("lt15k", "ACV < $15K"), ("15k-50k", "$15K–$50K"), ("gt50k", "> $50K"),
    ];

    public static IReadOnlyList<(int Value, string Name)> Levels { get; } = [(3, "High"), (2, "Medium"), (1, "Low")];

    /// <summary>Driver ids in wheel order with the names people know them by.</summary>
    public static IReadOnlyList<(string Id, string Name)> Drivers { get; } = Core.Instruments.Drivers.Ids
        .Select(id => (id, BuiltInInstrument.Full.Dimensions.First(d => d.Id == id).Name)).ToList();

    public static string Key(string driverId, int column) => $"{driverId}:{Columns[column].Code}";

    public static string LevelName(int level) => Levels.FirstOrDefault(l => l.Value == level).Name ?? level.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The grid's cells as form values ("3", "2", "1"), keyed by <see cref="Key"/>.</summary>
    public static Dictionary<string, string?> ToForm(RelevanceTable table)
    {
        var levels = RelevanceLevels.ToLevels(table);
        var form = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (id, _) in Drivers)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                form[Key(id, c)] = levels[id][c].ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return form;
    }

    /// <summary>Cells whose level differs between two tables, in words: "Strategy · PMF: High → Medium".</summary>
    public static List<string> Differences(RelevanceTable before, RelevanceTable after)
    {
        var (a, b) = (RelevanceLevels.ToLevels(before), RelevanceLevels.ToLevels(after));
        var changes = new List<string>();
        foreach (var (id, name) in Drivers)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                if (a[id][c] != b[id][c])
                {
                    changes.Add($"{name} · {Columns[c].Label}: {LevelName(a[id][c])} → {LevelName(b[id][c])}");
                }
            }
        }

        return changes;
    }

    /// <summary>Whether a table holds exactly the published defaults (then nothing needs storing).</summary>
    public static bool IsDefault(RelevanceTable table) => Differences(RelevanceTable.Default, table).Count == 0;
}

using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Wheel;

/// <summary>
/// One wave (one assessment) as the trend chart and the wheel's outline draw it: its name, its date and each driver's
/// 0–100 score.
/// </summary>
/// <param name="Name">The wave's name as printed, e.g. "Q1 2026".</param>
/// <param name="Date">When the wave was taken (e.g. the day the assessment closed); null when unknown.</param>
/// <param name="Scores">Driver id → 0–100 score; null (or absent) when the driver was not scored in this wave, e.g. a pulse of other drivers.</param>
public sealed record TrendWave(string Name, DateOnly? Date, IReadOnlyDictionary<string, double?> Scores)
{
    /// <summary>The drivers' scores of a report (outcomes are not drivers and are left out).</summary>
    public static TrendWave From(string name, DateOnly? date, ScoreReport report) =>
        new(name, date, report.Dimensions.Where(d => d.Kind == "driver").ToDictionary(d => d.Id, d => d.Score, StringComparer.Ordinal));

    /// <summary>The score of a driver in this wave, or null when it was not scored.</summary>
    public double? ScoreOf(string driver) => Scores.TryGetValue(driver, out var score) ? score : null;
}

/// <summary>A driver as the trend chart labels it.</summary>
/// <param name="Id">The driver's id, the key of <see cref="TrendWave.Scores"/>.</param>
/// <param name="Name">The driver's name as printed.</param>
public sealed record TrendDriver(string Id, string Name);

/// <summary>Every driver across a series of waves: what <see cref="TrendSvg"/> draws.</summary>
/// <param name="Drivers">One line each, in this order (the instrument's).</param>
/// <param name="Waves">The x axis, left to right.</param>
public sealed record Trend(IReadOnlyList<TrendDriver> Drivers, IReadOnlyList<TrendWave> Waves)
{
    /// <summary>
    /// The trend of scored waves. Waves are put in date order when every wave has a date, else kept in the order given
    /// (the caller's order is then the only order known). Drivers are those of any wave, in order of first appearance,
    /// so a pulse's subset of drivers joins the full instrument's lines rather than replacing them.
    /// </summary>
    /// <param name="waves">Each wave's name, date (or null) and report; the reports should share an instrument.</param>
    public static Trend From(IEnumerable<(string Name, DateOnly? Date, ScoreReport Report)> waves)
    {
        var list = waves.ToList();
        if (list.All(w => w.Date is not null))
        {
            // OrderBy is stable: waves of the same day keep the order given.
            list = [.. list.OrderBy(w => w.Date)];
        }

        var drivers = new List<TrendDriver>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dimension in list.SelectMany(w => w.Report.Dimensions).Where(d => d.Kind == "driver"))
        {
            if (seen.Add(dimension.Id))
            {
                drivers.Add(new TrendDriver(dimension.Id, dimension.Name));
            }
        }

        return new Trend(drivers, [.. list.Select(w => TrendWave.From(w.Name, w.Date, w.Report))]);
    }
}

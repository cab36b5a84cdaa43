using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Comparison;

// Two waves compared, shaped as the JSON contract of SCORING.md "Comparing two waves" (property names camelCased).

/// <summary>
/// Two waves (assessments) of one instrument compared, driver by driver, facet by facet, statement by statement and
/// group by group (SCORING.md "Comparing two waves"). Every change is after − before in points on the 0–100 scale;
/// each wave is scored on its own (its own respondents, its own suppression).
/// </summary>
public sealed record WaveComparison
{
    /// <summary>The instrument (of the after wave).</summary>
    public required InstrumentInfo Instrument { get; init; }

    /// <summary>The earlier wave's respondents.</summary>
    public required WaveSize Before { get; init; }

    /// <summary>The later wave's respondents.</summary>
    public required WaveSize After { get; init; }

    /// <summary>Every dimension both waves' instruments have, in the after wave's order (outcomes included).</summary>
    public required IReadOnlyList<DimensionChange> Dimensions { get; init; }

    /// <summary>One per breakdown both waves have, in the after wave's order.</summary>
    public required IReadOnlyList<BreakdownChange> Breakdowns { get; init; }

    /// <summary>
    /// Compares two waves. Dimensions, facets and statements are matched by id (a pulse of fewer drivers compares the
    /// drivers it has); a change is given only where both reports show a score. A group is compared only where both
    /// reports show it (not suppressed, complementary suppression and any other hiding included): its changes use the
    /// group's own respondents with the same Welch test.
    /// </summary>
    /// <param name="before">The earlier wave, from <see cref="ScoringEngine.ScoreWave"/> (its report possibly a shared result).</param>
    /// <param name="after">The later wave, likewise.</param>
    public static WaveComparison Between(ScoredWave before, ScoredWave after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var earlier = before.Report.Dimensions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var dimensions = after.Report.Dimensions
            .Where(d => earlier.ContainsKey(d.Id))
            .Select(d => DimensionChange(earlier[d.Id], d, before, after))
            .ToList();

        var breakdowns = new List<BreakdownChange>();
        foreach (var later in after.Report.Breakdowns)
        {
            if (before.Report.Breakdowns.FirstOrDefault(b => b.By == later.By) is not { } first)
            {
                continue;
            }

            var shownBefore = first.Groups.Where(g => !g.Suppressed && g.Scores is not null).ToDictionary(g => g.Value, StringComparer.Ordinal);
            var shownAfter = later.Groups.Where(g => !g.Suppressed && g.Scores is not null).ToDictionary(g => g.Value, StringComparer.Ordinal);
            var groups = first.Groups.Select(g => g.Value).Union(later.Groups.Select(g => g.Value), StringComparer.Ordinal)
                .Order(CodePointOrder.Instance)
                .Select(value =>
                {
                    if (!shownBefore.TryGetValue(value, out var one) || !shownAfter.TryGetValue(value, out var two))
                    {
                        return new GroupChange(value, null);
                    }

                    var changes = new Dictionary<string, ChangeTest?>(StringComparer.Ordinal);
                    foreach (var d in dimensions)
                    {
                        changes[d.Id] = one.Scores!.GetValueOrDefault(d.Id) is { } x && two.Scores!.GetValueOrDefault(d.Id) is { } y
                            ? ChangeTest.Welch(y - x, before.Spreads.Group(first.By, value, d.Id), after.Spreads.Group(later.By, value, d.Id))
                            : null;
                    }

                    return new GroupChange(value, changes);
                })
                .ToList();
            breakdowns.Add(new BreakdownChange(later.By, groups));
        }

        return new WaveComparison
        {
            Instrument = after.Report.Instrument,
            Before = new WaveSize(before.Report.Respondents),
            After = new WaveSize(after.Report.Respondents),
            Dimensions = dimensions,
            Breakdowns = breakdowns,
        };
    }

    /// <summary>
    /// Scores two response sets of one instrument with the same options (<see cref="ScoringEngine.ScoreWave"/>) and
    /// compares them: what the command line does.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="ScoringEngine.Score"/> (e.g. a group-by column one set lacks).</exception>
    public static WaveComparison Between(ResponseSet before, ResponseSet after, ScoringOptions options) =>
        Between(ScoringEngine.ScoreWave(before, options), ScoringEngine.ScoreWave(after, options));

    private static DimensionChange DimensionChange(DimensionResult before, DimensionResult after, ScoredWave first, ScoredWave second)
    {
        var test = before.Score is { } x && after.Score is { } y
            ? ChangeTest.Welch(y - x, first.Spreads.Dimension(before.Id), second.Spreads.Dimension(after.Id))
            : null;
        var facets = before.Facets.ToDictionary(f => f.Id, f => f.Score, StringComparer.Ordinal);
        var items = before.Items.ToDictionary(i => i.Id, i => ItemScore(i, first.Report.Instrument.Scale), StringComparer.Ordinal);
        return new DimensionChange
        {
            Id = after.Id,
            Before = new WaveScore(before.N, before.Score),
            After = new WaveScore(after.N, after.Score),
            Change = test?.Change,
            Ci95 = test?.Ci95,
            Df = test?.Df,
            P = test?.P,
            BeyondNoise = test?.BeyondNoise ?? false,
            Facets = after.Facets.Where(f => facets.ContainsKey(f.Id))
                .Select(f => new PartChange(f.Id, f.Score is { } b && facets[f.Id] is { } a ? b - a : null)).ToList(),
            Items = after.Items.Where(i => items.ContainsKey(i.Id))
                .Select(i => new PartChange(i.Id, ItemScore(i, second.Report.Instrument.Scale) is { } b && items[i.Id] is { } a ? b - a : null)).ToList(),
        };
    }

    /// <summary>A statement's mean on 0–100, like a score: 100 × (mean − min) / (max − min).</summary>
    private static double? ItemScore(ItemResult item, ScaleInfo scale) =>
        item.Mean is { } mean ? 100.0 * (mean - scale.Min) / (scale.Max - scale.Min) : null;
}

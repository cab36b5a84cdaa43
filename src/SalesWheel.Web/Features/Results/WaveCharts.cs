using SalesWheel.Core.Wheel;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// What the wave charts of one assessment draw: the wave drawn as an outline on its wheel, and the trend of every
/// released wave up to and including it.
/// </summary>
/// <param name="Before">The wave outlined on the wheel and compared with (<see cref="AssessmentWaves.Before"/>); null when none.</param>
/// <param name="Outline">That wave's driver scores, for <see cref="WheelOptions.Previous"/>; null when there is none.</param>
/// <param name="Trend">
/// The released waves of the same instrument, oldest first, up to and including the assessment, each named by the
/// assessment's name and dated by the day it closed; no waves when the assessment itself is not released.
/// </param>
/// <param name="Waves">The waves of <paramref name="Trend"/>, with their shared results.</param>
/// <param name="UnknownWith">
/// True when a <c>with</c> was asked for that is not one of the assessment's other released waves (unknown, another
/// organization's, still open, too few answers or another instrument): downloads answer 404, the page draws no outline.
/// </param>
public sealed record WaveChartSet(ReleasedWave? Before, TrendWave? Outline, Trend Trend, IReadOnlyList<ReleasedWave> Waves, bool UnknownWith)
{
    /// <summary>Nothing to draw: no outline, an empty trend.</summary>
    public static WaveChartSet None { get; } = new(null, null, new Trend([], []), [], false);

    /// <summary>The trend is worth showing only with something to follow: two released waves or more.</summary>
    public bool ShowsTrend => Trend.Waves.Count >= 2;
}

/// <summary>
/// The wave charts of an assessment (the wheel's outline of an earlier wave, the trend across waves) for the results
/// page, its downloads, the API and the PDF. Which waves may be drawn is <see cref="AssessmentWaves"/>'s to decide
/// (released ones only, each through its shared result), so a chart never shows a number the wave's own results page
/// would not. Scoped (it uses the request's database context); inject it.
/// </summary>
public sealed class WaveCharts(AssessmentWaves waves)
{
    /// <summary>
    /// The charts of <paramref name="assessment"/> (the organization's): the wave <paramref name="with"/> (or, when null,
    /// the latest released wave before it, as the comparison picks it) as the outline, and the trend of its released
    /// waves up to it. When <paramref name="assessment"/> is not released there is nothing to draw.
    /// </summary>
    public async Task<WaveChartSet> ForAsync(Assessment assessment, Organization organization, Guid? with, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var released = await waves.ReleasedAsync(assessment, organization, cancellationToken);
        var at = released.ToList().FindIndex(w => w.Assessment.Id == assessment.Id);
        if (at < 0)
        {
            return WaveChartSet.None with { UnknownWith = with is not null };
        }

        // The trend stops at the wave being read: its page tells its story up to then, whatever came after.
        var upTo = released.Take(at + 1).ToList();
        var trend = Trend.From(upTo.Select(w => (w.Assessment.Name, (DateOnly?)w.ClosedOn, w.Result)));
        return AssessmentWaves.Before(released, assessment, with) is { } before
            ? new WaveChartSet(before, TrendWave.From(before.Assessment.Name, before.ClosedOn, before.Result), trend, upTo, false)
            : new WaveChartSet(null, null, trend, upTo, with is not null);
    }
}

using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// What the wave charts of one assessment draw: the wave drawn as an outline on its wheel, and the trend of every
/// released wave up to and including it.
/// </summary>
/// <param name="Before">The wave outlined on the wheel (<see cref="AssessmentWaves.BeforeAsync"/>), when it is released; else null.</param>
/// <param name="Outline">That wave's driver scores, for <see cref="WheelOptions.Previous"/>; null when there is none.</param>
/// <param name="Trend">
/// The released waves of the same instrument, oldest first, up to and including the assessment, each named by the
/// assessment's name and dated by the day it closed; no waves when the assessment itself is not released.
/// </param>
/// <param name="UnknownWith">
/// True when a <c>with</c> was asked for that is not one of the assessment's other released waves (unknown, another
/// organization's, still open, too few answers or another instrument): downloads answer 404, the page draws no outline.
/// </param>
public sealed record WaveChartSet(Assessment? Before, TrendWave? Outline, Trend Trend, bool UnknownWith)
{
    /// <summary>The trend is worth showing only with something to follow: two released waves or more.</summary>
    public bool ShowsTrend => Trend.Waves.Count >= 2;
}

/// <summary>
/// The wave charts of an assessment (the wheel's outline of an earlier wave, the trend across waves) for the results
/// page, its downloads, the API and the PDF: one place decides which waves may be drawn. Only released waves appear
/// (<see cref="ResultsRelease.StateOf"/>: closed, with enough answers), each through its cached shared result
/// (<see cref="AssessmentScoring.ResultAsync"/>), so a chart never shows a number the wave's own results page would not.
/// Scoped (it uses the request's database context); inject it.
/// </summary>
public sealed class WaveCharts(AssessmentWaves waves, AssessmentScoring scoring)
{
    /// <summary>
    /// The charts of <paramref name="assessment"/> (the organization's): the wave <paramref name="with"/> (or, when
    /// null, the previous closed wave, as the comparison picks it) as the outline when it is released, and the trend of
    /// its released waves. When <paramref name="assessment"/> is not released there is nothing to draw.
    /// </summary>
    public async Task<WaveChartSet> ForAsync(Assessment assessment, Organization organization, Guid? with, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var released = await ReleasedAsync(assessment, organization, cancellationToken);
        var at = released.FindIndex(w => w.Assessment.Id == assessment.Id);
        if (at < 0)
        {
            return new WaveChartSet(null, null, new Trend([], []), with is not null);
        }

        // The trend stops at the wave being read: its page tells its story up to then, whatever came after.
        var trend = Trend.From(released.Take(at + 1).Select(w => (w.Assessment.Name, (DateOnly?)ClosedOn(w.Assessment), w.Report)));
        var before = await waves.BeforeAsync(assessment, with, cancellationToken) is { } chosen
            ? released.FirstOrDefault(w => w.Assessment.Id == chosen.Id)
            : default;
        if (before.Assessment is null)
        {
            return new WaveChartSet(null, null, trend, with is not null);
        }

        return new WaveChartSet(before.Assessment, TrendWave.From(before.Assessment.Name, ClosedOn(before.Assessment), before.Report), trend, false);
    }

    /// <summary>
    /// The released waves of the assessment's instrument (itself included when released), oldest first, each with its
    /// shared result. A later wave may still be chosen as the outline (<see cref="AssessmentWaves.BeforeAsync"/> allows it).
    /// </summary>
    private async Task<List<(Assessment Assessment, ScoreReport Report)>> ReleasedAsync(Assessment assessment, Organization organization, CancellationToken cancellationToken)
    {
        var all = await waves.AllAsync(assessment, cancellationToken);
        var result = new List<(Assessment, ScoreReport)>();
        foreach (var wave in all)
        {
            var report = await scoring.ResultAsync(wave, organization, cancellationToken);
            if (ResultsRelease.StateOf(wave, report) == ResultsState.Released)
            {
                result.Add((wave, report));
            }
        }

        return result;
    }

    /// <summary>The day a wave closed (an uploaded one: the day it was uploaded), as <see cref="AssessmentWaves"/> orders them.</summary>
    private static DateOnly ClosedOn(Assessment wave) => DateOnly.FromDateTime(wave.ClosedAt ?? wave.CreatedAt);
}

using SalesWheel.Core.Comparison;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>
/// Two closed waves of one instrument compared as every shared output shows it (page, PDF, API): each wave's shared
/// result (<see cref="AssessmentScoring.WaveAsync"/>) through <see cref="WaveComparison.Between(Core.Scoring.ScoredWave, Core.Scoring.ScoredWave)"/>.
/// </summary>
public sealed class AssessmentComparison(AssessmentScoring scoring)
{
    /// <summary>
    /// <paramref name="after"/> compared with <paramref name="before"/>; both must be the organization's released waves
    /// of one instrument (<see cref="AssessmentWaves"/>), which the caller checks.
    /// </summary>
    public async Task<WaveComparison> BetweenAsync(Assessment before, Assessment after, Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var earlier = await scoring.WaveAsync(before, organization, cancellationToken);
        var later = await scoring.WaveAsync(after, organization, cancellationToken);
        return WaveComparison.Between(earlier, later);
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Comparison;
using SalesWheel.Core.Reports;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>
/// Two closed waves of one instrument compared as every shared output shows it (page, PDF, API): each wave's shared
/// result (<see cref="AssessmentScoring.WaveAsync"/>) through <see cref="WaveComparison.Between(Core.Scoring.ScoredWave, Core.Scoring.ScoredWave)"/>.
/// </summary>
/// <remarks>
/// The comparison itself is stored (table ComparisonResults, one row per (before, after) pair), not each wave's spreads:
/// it is small (a few numbers per driver and group) where the spreads of every group would not be, and reading it back
/// needs no scoring at all. A row is used only when its stamp still matches: both waves' response counts and both
/// waves' option fingerprints (minimum group size bound to each, phase, ACV band, relevance levels), so a new response
/// or a changed setting recomputes it, as <see cref="AssessmentScoring.ResultAsync"/> does for one wave.
/// </remarks>
public sealed class AssessmentComparison(AppDbContext db, AssessmentScoring scoring)
{
    /// <summary>
    /// <paramref name="after"/> compared with <paramref name="before"/>; both must be the organization's released waves
    /// of one instrument (<see cref="AssessmentWaves"/>), which the caller checks. Stored, and recomputed only when
    /// either wave's responses or scoring options changed.
    /// </summary>
    public async Task<WaveComparison> BetweenAsync(Assessment before, Assessment after, Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var stamp = await StampAsync(before, organization, cancellationToken) + await StampAsync(after, organization, cancellationToken);
        var cached = await db.ComparisonResults.FindAsync([before.Id, after.Id], cancellationToken);
        if (cached is not null && string.Equals(cached.Stamp, stamp, StringComparison.Ordinal))
        {
            return JsonSerializer.Deserialize<WaveComparison>(cached.ComparisonJson, ScoreReportJson.Options)!;
        }

        var earlier = await scoring.WaveAsync(before, organization, cancellationToken);
        var later = await scoring.WaveAsync(after, organization, cancellationToken);
        var comparison = WaveComparison.Between(earlier, later);
        var json = JsonSerializer.Serialize(comparison, ScoreReportJson.Options);
        if (cached is null)
        {
            db.ComparisonResults.Add(new ComparisonResult { BeforeAssessmentId = before.Id, AfterAssessmentId = after.Id, Stamp = stamp, ComparisonJson = json });
        }
        else
        {
            cached.Stamp = stamp;
            cached.ComparisonJson = json;
            cached.ComputedAt = DateTime.UtcNow;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request stored the same comparison at the same moment: theirs is as good as ours.
        }

        return comparison;
    }

    private async Task<string> StampAsync(Assessment assessment, Organization organization, CancellationToken cancellationToken)
    {
        var count = await db.SurveyResponses.CountAsync(r => r.AssessmentId == assessment.Id, cancellationToken);
        return $"{count}|" + AssessmentScoring.Fingerprint(await scoring.OptionsForAsync(assessment, organization, cancellationToken));
    }
}

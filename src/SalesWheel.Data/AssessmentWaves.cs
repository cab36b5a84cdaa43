using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>
/// The waves of an assessment: the organization's closed assessments of the same instrument (by instrument id, so a
/// pulse of a few drivers is a wave of the full instrument it was cut from; a leader's quick check is not), in the order
/// they closed. What the comparison and the trend chart put side by side.
/// </summary>
public sealed class AssessmentWaves(AppDbContext db)
{
    /// <summary>
    /// Every closed assessment of the organization with the same instrument as <paramref name="assessment"/> (itself
    /// included when closed), oldest first by close time (uploaded ones by their upload time), then by creation.
    /// </summary>
    public async Task<IReadOnlyList<Assessment>> AllAsync(Assessment assessment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var instrument = AssessmentScoring.InstrumentOf(assessment).Id;
        var today = ResultsRelease.Today;
        var candidates = await db.Assessments.AsNoTracking()
            .Where(a => a.OrganizationId == assessment.OrganizationId && a.QuickForm == assessment.QuickForm
                        && (a.Status == AssessmentStatus.Closed || a.Uploaded))
            .ToListAsync(cancellationToken);
        return [.. candidates
            .Where(a => ResultsRelease.IsClosed(a, today) && string.Equals(AssessmentScoring.InstrumentOf(a).Id, instrument, StringComparison.Ordinal))
            .OrderBy(a => a.ClosedAt ?? a.CreatedAt).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id)];
    }

    /// <summary>The closed wave just before <paramref name="assessment"/> (see <see cref="AllAsync"/>), or null when it is the first.</summary>
    public async Task<Assessment?> PreviousAsync(Assessment assessment, CancellationToken cancellationToken = default)
    {
        var waves = await AllAsync(assessment, cancellationToken);
        var at = waves.ToList().FindIndex(a => a.Id == assessment.Id);
        return at > 0 ? waves[at - 1] : null;
    }

    /// <summary>
    /// The wave to compare <paramref name="after"/> with: <paramref name="with"/> when it is another of its waves (else
    /// null: unknown, another organization's, still open or of another instrument), or, when none is asked for, the
    /// previous wave (null when it is the first).
    /// </summary>
    public async Task<Assessment?> BeforeAsync(Assessment after, Guid? with, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (with is not { } id)
        {
            return await PreviousAsync(after, cancellationToken);
        }

        return id == after.Id ? null : (await AllAsync(after, cancellationToken)).FirstOrDefault(a => a.Id == id);
    }
}

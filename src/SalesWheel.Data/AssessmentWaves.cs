using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>A wave whose results are released, with its shared result (<see cref="AssessmentScoring.ResultAsync"/>).</summary>
/// <param name="Assessment">The wave.</param>
/// <param name="Result">Its shared result: what its own results page shows.</param>
public sealed record ReleasedWave(Assessment Assessment, ScoreReport Result)
{
    /// <summary>The day the wave closed (an uploaded one: the day it was uploaded), as waves are ordered and dated.</summary>
    public DateOnly ClosedOn => DateOnly.FromDateTime(Assessment.ClosedAt ?? Assessment.CreatedAt);
}

/// <summary>
/// The waves of an assessment: the organization's assessments of the same instrument (by instrument id, so a pulse of a
/// few drivers is a wave of the full instrument it was cut from; a leader's quick check is not) whose results are
/// released (<see cref="ResultsRelease.StateOf"/>: closed, with enough answers), in the order they closed. The one place
/// that decides what the comparison, the wheel's outline, the trend chart and the PDF put side by side.
/// </summary>
public sealed class AssessmentWaves(AppDbContext db, AssessmentScoring scoring)
{
    // Scoped to a request: a page that draws the outline, the trend and the comparison reads the waves once.
    private readonly Dictionary<(Guid Organization, string Instrument, bool QuickForm), IReadOnlyList<ReleasedWave>> _read = [];

    /// <summary>
    /// Every released wave of the organization with the same instrument as <paramref name="assessment"/> (itself included
    /// when released), oldest first by close time (uploaded ones by their upload time), then by creation; each with its
    /// shared result, so a chart or comparison never shows a number the wave's own results page would not.
    /// </summary>
    public async Task<IReadOnlyList<ReleasedWave>> ReleasedAsync(Assessment assessment, Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(organization);
        var instrument = AssessmentScoring.InstrumentOf(assessment).Id;
        var key = (assessment.OrganizationId, instrument, assessment.QuickForm);
        if (_read.TryGetValue(key, out var read))
        {
            return read;
        }

        var candidates = await db.Assessments.AsNoTracking()
            .Where(a => a.OrganizationId == assessment.OrganizationId && a.QuickForm == assessment.QuickForm
                        && (a.Status == AssessmentStatus.Closed || a.Uploaded))
            .ToListAsync(cancellationToken);
        var released = new List<ReleasedWave>();
        foreach (var wave in candidates
                     .Where(a => string.Equals(AssessmentScoring.InstrumentOf(a).Id, instrument, StringComparison.Ordinal))
                     .OrderBy(a => a.ClosedAt ?? a.CreatedAt).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id))
        {
            var result = await scoring.ResultAsync(wave, organization, cancellationToken);
            if (ResultsRelease.StateOf(wave, result) == ResultsState.Released)
            {
                released.Add(new ReleasedWave(wave, result));
            }
        }

        _read[key] = released;
        return released;
    }

    /// <summary>
    /// The wave to compare <paramref name="after"/> with, among <paramref name="released"/> (from <see cref="ReleasedAsync"/>):
    /// <paramref name="with"/> when it is another released wave (else null: unknown, another organization's, still open,
    /// too few answers or another instrument), or, when none is asked for, the latest released wave that closed before
    /// it (null when there is none, or when <paramref name="after"/> is not released itself).
    /// </summary>
    public static ReleasedWave? Before(IReadOnlyList<ReleasedWave> released, Assessment after, Guid? with)
    {
        ArgumentNullException.ThrowIfNull(released);
        ArgumentNullException.ThrowIfNull(after);
        var at = released.ToList().FindIndex(w => w.Assessment.Id == after.Id);
        if (at < 0)
        {
            return null;
        }

        return with is { } id
            ? released.FirstOrDefault(w => w.Assessment.Id == id && id != after.Id)
            : at > 0 ? released[at - 1] : null;
    }
}

using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Comparison;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.Results;

/// <summary>A released wave compared with an earlier (or chosen) released wave of the same instrument.</summary>
/// <param name="Before">The wave compared with.</param>
/// <param name="Comparison">The comparison (stored, <see cref="AssessmentComparison"/>).</param>
/// <param name="Waves">Every other released wave of the instrument, oldest first: the choices.</param>
/// <param name="DoneBetween">The action plan's actions marked done between the two waves' close, by driver id.</param>
public sealed record WavePair(Assessment Before, WaveComparison Comparison, IReadOnlyList<Assessment> Waves, ILookup<string, PlannedAction> DoneBetween);

/// <summary>
/// Which wave a results page or the API compares an assessment with, and the comparison: the results page and
/// GET /api/v1/assessments/{id}/comparison go through here, so both answer 404 for the same waves.
/// </summary>
public sealed class ComparedWaves(AppDbContext db, AssessmentWaves waves, AssessmentComparison comparison)
{
    /// <summary>What was asked and what it found.</summary>
    public enum Finding
    {
        /// <summary>The pair is compared.</summary>
        Compared,

        /// <summary>No wave was asked for and there is no earlier released wave: nothing to compare.</summary>
        NoEarlierWave,

        /// <summary>The wave asked for is not another released wave of the organization and instrument (or this one is not released).</summary>
        NotFound,
    }

    /// <summary>
    /// <paramref name="after"/> (the organization's assessment, whose shared result is <paramref name="afterReleased"/>
    /// released or not) compared with <paramref name="with"/>, or, when none is asked for, with the latest released wave
    /// that closed before it. Only released waves (closed, enough answers) are compared, as only they have results.
    /// </summary>
    public async Task<(Finding Finding, WavePair? Pair)> FindAsync(
        Assessment after, bool afterReleased, Organization organization, Guid? with, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (!afterReleased)
        {
            return (with is null ? Finding.NoEarlierWave : Finding.NotFound, null);
        }

        var released = await waves.ReleasedAsync(after, organization, cancellationToken);
        if (AssessmentWaves.Before(released, after, with)?.Assessment is not { } before)
        {
            return (with is null ? Finding.NoEarlierWave : Finding.NotFound, null);
        }

        var result = await comparison.BetweenAsync(before, after, organization, cancellationToken);
        return (Finding.Compared, new WavePair(before, result, [.. released.Select(w => w.Assessment).Where(w => w.Id != after.Id)], await DoneBetweenAsync(before, after, cancellationToken)));
    }

    // Done after the earlier wave closed and by the time the later one did (uploaded waves date from their upload).
    private async Task<ILookup<string, PlannedAction>> DoneBetweenAsync(Assessment before, Assessment after, CancellationToken cancellationToken)
    {
        var (from, to) = (before.ClosedAt ?? before.CreatedAt, after.ClosedAt ?? after.CreatedAt);
        if (from > to)
        {
            (from, to) = (to, from);
        }

        var done = await db.PlannedActions.AsNoTracking()
            .Where(a => a.OrganizationId == after.OrganizationId && a.Status == PlannedActionStatus.Done && a.DoneAt > from && a.DoneAt <= to)
            .OrderBy(a => a.DoneAt)
            .ToListAsync(cancellationToken);
        return done.ToLookup(a => a.Driver, StringComparer.Ordinal);
    }
}

/// <summary>How the comparison section writes a change: signed, one decimal, and the words of SCORING.md (never "significant").</summary>
public static class ChangeFormat
{
    /// <summary>"changed beyond noise": the change's 95% interval leaves out zero (p below 0.05).</summary>
    public const string BeyondNoise = "changed beyond noise";

    /// <summary>The change is within what two samples of the same people would give.</summary>
    public const string WithinNoise = "within noise";

    /// <summary>+3.2, −1.5, 0.0, or – when there is no change to show.</summary>
    public static string Change(double? change) => change is { } c
        ? Math.Round(c, 1, MidpointRounding.AwayFromZero) switch
        {
            > 0 => "+" + ResultFormat.Score(c),
            < 0 => "−" + ResultFormat.Score(-c),
            _ => ResultFormat.Score(0),
        }
        : "–";

    /// <summary>The words for a change, or "" when there is none.</summary>
    public static string Reading(double? change, bool beyondNoise) => change is null ? "" : beyondNoise ? BeyondNoise : WithinNoise;
}

using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Survey;

/// <summary>What a respondent's link can show of the results.</summary>
public enum SummaryState
{
    /// <summary>The assessment is still taking answers (or closing): results come after it closes.</summary>
    NotYet,

    /// <summary>Released and shared: the overall scores and top priorities.</summary>
    Shown,

    /// <summary>Released, but the organization chose not to show a summary on respondents' links.</summary>
    NotShared,

    /// <summary>Closed with fewer answers than the minimum group size: no results were shown to anyone.</summary>
    TooFewAnswers,
}

/// <summary>
/// The participant summary on a respondent's link: once the assessment is closed and its results released
/// (<see cref="ResultsRelease.StateOf"/>), and unless the admin turned it off, the whole organization's driver scores
/// and top priorities from the shared result (<see cref="SharedResult.ForParticipants"/>): nothing below k, no groups,
/// no comments.
/// </summary>
public sealed record ParticipantSummary(SummaryState State, bool Shared, ScoreReport? Report)
{
    public static async Task<ParticipantSummary> ForAsync(AppDbContext db, AssessmentScoring scoring, Guid assessmentId, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.Id == assessmentId, cancellationToken);
        if (assessment.Status != AssessmentStatus.Closed)
        {
            return new ParticipantSummary(SummaryState.NotYet, assessment.ShareParticipantSummary, null);
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == assessment.OrganizationId, cancellationToken);
        var result = await scoring.ResultAsync(assessment, organization, cancellationToken);
        return ResultsRelease.StateOf(assessment, result) switch
        {
            ResultsState.Released when assessment.ShareParticipantSummary => new ParticipantSummary(SummaryState.Shown, true, SharedResult.ForParticipants(result)),
            ResultsState.Released => new ParticipantSummary(SummaryState.NotShared, false, null),
            ResultsState.TooFewAnswers => new ParticipantSummary(SummaryState.TooFewAnswers, assessment.ShareParticipantSummary, null),
            _ => new ParticipantSummary(SummaryState.NotYet, assessment.ShareParticipantSummary, null),
        };
    }
}

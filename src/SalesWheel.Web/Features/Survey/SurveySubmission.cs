using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Survey;

/// <summary>Turns a draft into an anonymous response, exactly once per invitation.</summary>
public static class SurveySubmission
{
    /// <summary>
    /// In one transaction: flips the invitation to Submitted only if it was not already, stores the response (random id,
    /// the day only, role and team, answers, comment — nothing that points back to the invitation) and deletes the draft.
    /// False, with nothing stored, when the invitation had already been submitted (another tab or browser got there first).
    /// </summary>
    public static async Task<bool> SubmitAsync(AppDbContext db, Invitation invitation, byte[] answers, string? comment, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var flipped = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.State != InvitationState.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, InvitationState.Submitted), cancellationToken);
        if (flipped == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        // "Don't know" is kept apart in the draft only; a response stores it as not answered.
        answers = answers.Select(b => b == SurveyPlan.DontKnowInDraft ? (byte)0 : b).ToArray();
        db.SurveyResponses.Add(new SurveyResponse
        {
            Id = Guid.NewGuid(), // random (version 4): neither sequential nor time-ordered, so ids cannot be matched to the order people answered in
            AssessmentId = invitation.AssessmentId,
            SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
            Role = invitation.Role,
            Team = invitation.Team,
            Answers = answers,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment,
        });
        await db.SurveyDrafts.Where(d => d.InvitationId == invitation.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Survey;

/// <summary>Turns a draft into a sealed submission, exactly once per invitation.</summary>
public static class SurveySubmission
{
    /// <summary>
    /// In one transaction: flips the invitation to Submitted only if it was not already and its assessment still takes
    /// answers, stores the submission sealed with the server's submission key (role, team, answers and comment:
    /// nothing that points back to the invitation), and turns this browser's draft into a receipt. The sealed submissions become anonymous responses, shuffled, when the assessment closes.
    /// False, with nothing stored, when the invitation had already been submitted (another tab or browser got there
    /// first) or the assessment closed a moment ago.
    /// </summary>
    public static async Task<bool> SubmitAsync(AppDbContext db, SubmissionSeal seal, SurveyLink link, CancellationToken cancellationToken = default)
    {
        var invitation = link.Invitation;
        var today = ResultsRelease.Today;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SubmissionRelease.KeepFromClosingAsync(db, invitation.AssessmentId, cancellationToken);
        var flipped = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.State != InvitationState.Submitted
                && db.Assessments.Any(a => a.Id == i.AssessmentId && a.Status == AssessmentStatus.Open && (a.CloseDate == null || a.CloseDate >= today)))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, InvitationState.Submitted), cancellationToken);
        if (flipped == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        // "Don't know" is kept apart in the draft only; a response stores it as not answered.
        var answers = link.Answers.Select(b => b == SurveyPlan.DontKnowInDraft ? (byte)0 : b).ToArray();
        var comment = link.Draft?.Comment;
        db.SealedSubmissions.Add(new SealedSubmission
        {
            Id = Guid.NewGuid(), // random (version 4): neither sequential nor time-ordered
            AssessmentId = invitation.AssessmentId,
            Sealed = seal.Seal(invitation.AssessmentId, new SubmissionContent(
                invitation.Role, invitation.Team, answers, string.IsNullOrWhiteSpace(comment) ? null : comment, invitation.AttributesJson)),
        });
        // This browser's draft becomes its receipt. Drafts other browsers saved with the same link stay (sealed, unreadable
        // here) until the assessment closes: deleting them now would change the "started" count and so tell whoever had
        // opened the link elsewhere that it was just used.
        var browserId = link.BrowserId;
        var receipt = await db.SurveyDrafts.Where(d => d.InvitationId == invitation.Id && d.BrowserId == browserId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Sealed, (byte[]?)null).SetProperty(d => d.Submitted, true), cancellationToken);
        if (receipt == 0)
        {
            db.SurveyDrafts.Add(new SurveyDraft { InvitationId = invitation.Id, BrowserId = browserId, Submitted = true });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

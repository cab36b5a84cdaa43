using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Text;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>What deleting an assessment did: nothing (with why, under a field), or it is gone.</summary>
public sealed record RemovalOutcome(bool Deleted, FieldErrors Errors);

/// <summary>
/// Deleting an assessment (owners and admins; page and API). A draft goes at once (nobody was asked yet). A closed or
/// uploaded one holds people's answers, so the caller must type its name to confirm. An open one is refused: close it
/// first, so nobody is half-way through a survey that vanishes. Everything of it goes in one transaction (invitations,
/// their links and drafts, sealed submissions, responses, the cached result); planned actions made from it stay, with
/// their text, without the link. Audited with its name.
/// </summary>
public sealed class AssessmentRemoval(AppDbContext db, AuditLog audit)
{
    /// <summary>Why an open assessment cannot be deleted.</summary>
    public const string OpenRefusal = "This assessment is open: people may be answering it right now. Close it first, then delete it.";

    /// <summary>Whether deleting this assessment needs its name typed (it holds answers or was closed).</summary>
    public static bool NeedsTypedName(Assessment assessment) => assessment.Status != AssessmentStatus.Draft || assessment.Uploaded;

    /// <summary>The name to type, as the pages show it.</summary>
    public static string NameToType(Assessment assessment) => PlainText.Line(assessment.Name).Trim();

    /// <summary>
    /// Deletes the assessment, or nothing with a message: under "confirm" when the typed name is missing or differs
    /// (compared exactly, after trimming), under "" when it is open.
    /// </summary>
    public async Task<RemovalOutcome> DeleteAsync(Guid organizationId, Actor actor, Assessment assessment, string? typedName, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (assessment.Status == AssessmentStatus.Open)
        {
            errors.Add("", OpenRefusal);
            return new RemovalOutcome(false, errors);
        }

        if (NeedsTypedName(assessment) && !string.Equals(typedName?.Trim(), NameToType(assessment), StringComparison.Ordinal))
        {
            errors.Add("confirm", string.IsNullOrWhiteSpace(typedName)
                ? $"Type the assessment's name, \u201c{NameToType(assessment)}\u201d, to confirm."
                : $"That is not this assessment's name: type \u201c{NameToType(assessment)}\u201d exactly to confirm. Nothing was deleted.");
            return new RemovalOutcome(false, errors);
        }

        var responses = await db.SurveyResponses.CountAsync(r => r.AssessmentId == assessment.Id, cancellationToken);
        var invitations = await db.Invitations.CountAsync(i => i.AssessmentId == assessment.Id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var id = assessment.Id;
        var invitationIds = db.Invitations.Where(i => i.AssessmentId == id).Select(i => i.Id);
        await db.InvitationTokens.Where(t => invitationIds.Contains(t.InvitationId)).ExecuteDeleteAsync(cancellationToken);
        await db.SurveyDrafts.Where(d => invitationIds.Contains(d.InvitationId)).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.AssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SealedSubmissions.Where(s => s.AssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SurveyResponses.Where(r => r.AssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.AssessmentResults.Where(r => r.AssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.TeamMetrics.Where(m => m.AssessmentId == id).ExecuteDeleteAsync(cancellationToken);
        await db.PlannedActions.Where(a => a.AssessmentId == id && a.OrganizationId == organizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AssessmentId, (Guid?)null), cancellationToken);
        // Only while it is still in the state the caller confirmed (an admin may have opened the draft meanwhile).
        var deleted = await db.Assessments.Where(a => a.Id == id && a.OrganizationId == organizationId && a.Status == assessment.Status)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            errors.Add("", "Someone else changed this assessment a moment ago; nothing was deleted.");
            return new RemovalOutcome(false, errors);
        }

        audit.Record(organizationId, actor, "assessment deleted",
            $"{NameToType(assessment)}: {StatusWords(assessment)}, {invitations} {(invitations == 1 ? "invitation" : "invitations")}, {responses} {(responses == 1 ? "response" : "responses")}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.Entry(assessment).State = EntityState.Detached;
        return new RemovalOutcome(true, errors);
    }

    private static string StatusWords(Assessment assessment) =>
        assessment.Uploaded ? "uploaded" : assessment.Status == AssessmentStatus.Draft ? "a draft" : "closed";
}

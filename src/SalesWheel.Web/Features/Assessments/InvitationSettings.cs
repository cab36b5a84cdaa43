using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// What respondents are told and shown beyond the survey: the invitation's note and sender name (changed while the
/// invitation or reminders can still go out) and whether their links show the participant summary once results are
/// released. Shared by the invitation page and the assessment page; each change audited.
/// </summary>
public sealed class InvitationSettings(AppDbContext db, AuditLog audit)
{
    /// <summary>Why the note of a closed or uploaded assessment cannot change: no email will go out any more.</summary>
    public const string NoMoreEmails = "This assessment is closed: no invitation or reminder will go out any more, so its note and sender name stay as they were.";

    /// <summary>
    /// Sets the note and sender name (the rules of <see cref="NewAssessment.CheckNote"/> and
    /// <see cref="NewAssessment.CheckSenderName"/>; an empty sender name keeps the current one), or nothing with a
    /// message under "note", "senderName" or "" (closed).
    /// </summary>
    public async Task<AssessmentOutcome> ChangeTextAsync(Guid organizationId, Actor actor, Assessment assessment, string? note, string? senderName, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (assessment.Uploaded || ResultsRelease.IsClosed(assessment, ResultsRelease.Today))
        {
            errors.Add("", NoMoreEmails);
            return new AssessmentOutcome(null, errors);
        }

        var checkedNote = NewAssessment.CheckNote(note, errors);
        var sender = NewAssessment.CheckSenderName(senderName, errors);
        if (!errors.IsEmpty)
        {
            return new AssessmentOutcome(null, errors);
        }

        sender = sender.Length > 0 ? sender : assessment.SenderName;
        if (checkedNote != assessment.InvitationNote || sender != assessment.SenderName)
        {
            assessment.InvitationNote = checkedNote;
            assessment.SenderName = sender;
            audit.Record(organizationId, actor, "invitation note changed", $"{assessment.Name}: {DescribeText(assessment)}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return new AssessmentOutcome(assessment, errors);
    }

    /// <summary>The audit log's words for an invitation's text: its sender and the length of its note, never the note itself.</summary>
    public static string DescribeText(Assessment assessment) =>
        $"from \u201c{assessment.SenderName}\u201d, {(assessment.InvitationNote is null ? "no note" : $"a note of {assessment.InvitationNote.Length} characters")}";

    /// <summary>Shares the participant summary with respondents, or stops sharing it (audited when it changes).</summary>
    public async Task ShareSummaryAsync(Guid organizationId, Actor actor, Assessment assessment, bool share, CancellationToken cancellationToken)
    {
        if (assessment.ShareParticipantSummary == share)
        {
            return;
        }

        assessment.ShareParticipantSummary = share;
        audit.Record(organizationId, actor, share ? "participant summary shared" : "participant summary not shared",
            $"{assessment.Name}: respondents' links {(share ? "show" : "do not show")} the overall scores and top priorities once results are released");
        await db.SaveChangesAsync(cancellationToken);
    }
}

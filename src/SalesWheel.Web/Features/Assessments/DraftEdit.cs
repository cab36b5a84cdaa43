using System.Globalization;
using SalesWheel.Core.Text;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// Changing a draft before it is opened (owners and admins, page and API rules alike): its name, its form (full or
/// quick), its close date and the invitation's note and sender name, checked as a new assessment's are, audited as
/// "before → after". Messages are keyed "name", "instrument", "closeDate", "note", "senderName".
/// </summary>
public sealed class DraftEdit(AppDbContext db, AuditLog audit)
{
    /// <summary>Why an assessment cannot be edited: only a draft can (its invitations, once sent, name the form).</summary>
    public static string? Refusal(Assessment assessment) =>
        assessment.Uploaded ? "This assessment was made from uploaded answers: its form is the file's, and only its name can change (Rename)."
        : assessment.Status != AssessmentStatus.Draft ? "Only a draft can be edited: once opened, the invitations already name its form and close date. Rename it instead."
        : null;

    /// <summary>
    /// Saves the draft's new name, form, close date, note and sender name, or nothing with a message per bad field. A
    /// pulse (a follow-up restricted to some drivers) keeps its instrument: <paramref name="instrument"/> is then
    /// ignored. An empty sender name keeps the current one, as on the invitation page.
    /// </summary>
    public async Task<AssessmentOutcome> EditAsync(
        Guid organizationId,
        Actor actor,
        Assessment assessment,
        string? name,
        string? instrument,
        string? closeDate,
        string? note,
        string? senderName,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (Refusal(assessment) is { } refusal)
        {
            errors.Add("", refusal);
            return new AssessmentOutcome(null, errors);
        }

        var cleaned = NewAssessment.CheckName(name, errors);
        var ownInstrument = assessment.InstrumentJson is not null;
        if (!ownInstrument && instrument is not ("full" or "quick"))
        {
            errors.Add("instrument", "Choose the full instrument or the quick form.");
        }

        var close = NewAssessment.CheckCloseDate(closeDate, errors);
        var checkedNote = NewAssessment.CheckNote(note, errors);
        var sender = NewAssessment.CheckSenderName(senderName, errors);
        if (!errors.IsEmpty)
        {
            return new AssessmentOutcome(null, errors);
        }

        var noteBefore = assessment.InvitationNote;
        var before = Describe(assessment);
        var textBefore = InvitationSettings.DescribeText(assessment);
        assessment.Name = cleaned;
        assessment.QuickForm = ownInstrument ? assessment.QuickForm : instrument == "quick";
        assessment.CloseDate = close;
        assessment.InvitationNote = checkedNote;
        assessment.SenderName = sender.Length > 0 ? sender : assessment.SenderName;
        var after = Describe(assessment);
        var textAfter = InvitationSettings.DescribeText(assessment);
        var textChanged = checkedNote != noteBefore || !string.Equals(textBefore, textAfter, StringComparison.Ordinal);
        if (textChanged || !string.Equals(before, after, StringComparison.Ordinal))
        {
            audit.Record(organizationId, actor, "draft edited", $"{before} \u2192 {after}" + (textChanged ? $"; the invitation: {textBefore} \u2192 {textAfter}" : ""));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new AssessmentOutcome(assessment, errors);
    }

    private static string Describe(Assessment assessment) =>
        $"\u201c{PlainText.Line(assessment.Name)}\u201d, {(assessment.InstrumentJson is not null ? "pulse" : assessment.QuickForm ? "quick form" : "full instrument")}, "
        + $"closes {assessment.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "by hand"}";
}

using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Close now: 35 of 61 answered; this cannot be undone": the confirmation before closing. Nothing changes until its
/// button posts to the assessment page's Close handler.
/// </summary>
public sealed class CloseModel(AppDbContext db, AssessmentActions actions) : OpenAssessmentConfirmationModel(actions)
{
    protected override string DraftRefusal => "This assessment was never opened, so there is nothing to close.";

    protected override string ClosedRefusal => "This assessment is already closed.";

    protected override async Task<ConfirmationStep> AskAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        var invited = await db.Invitations.CountAsync(i => i.AssessmentId == assessment.Id, cancellationToken);
        var answered = await Submissions.CountAsync(db, assessment.Id, cancellationToken);
        var k = MinimumGroupSizes.Of(assessment, Organization);
        var back = $"/assessments/{assessment.Id}";
        return ConfirmationStep.Ask(new Confirmation(
            $"Close now: {answered} of {invited} answered; this cannot be undone",
            "Closing stops all answers at once: every link stops working, and answers saved but not submitted are not counted. It cannot be reopened.",
            "Close now",
            $"{back}?handler=Close",
            back,
            Danger: true)
        {
            Notes = answered < k
                ? [$"With fewer than {k} answers, no results will be shown: they are hidden to protect anonymity."]
                : ["The results are ready to read as soon as it is closed."],
        });
    }
}

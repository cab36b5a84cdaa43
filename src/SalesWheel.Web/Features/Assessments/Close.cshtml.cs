using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Close now: 35 of 61 answered; this cannot be undone": the confirmation before closing. Nothing changes until its
/// button posts to the assessment page's Close handler.
/// </summary>
public sealed class CloseModel(AppDbContext db, AssessmentActions actions) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Guid AssessmentId { get; private set; }

    public string AssessmentName { get; private set; } = "";

    /// <summary>Why there is nothing to close, or null.</summary>
    public string? Refusal { get; private set; }

    public Confirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(OrganizationId, id, toChange: false, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        AssessmentId = assessment.Id;
        AssessmentName = assessment.Name;
        if (assessment.Uploaded || assessment.Status != AssessmentStatus.Open)
        {
            Refusal = assessment.Uploaded ? AssessmentActions.UploadedRefusal
                : assessment.Status == AssessmentStatus.Draft ? "This assessment was never opened, so there is nothing to close."
                : "This assessment is already closed.";
            return Page();
        }

        var invited = await db.Invitations.CountAsync(i => i.AssessmentId == assessment.Id, cancellationToken);
        var answered = await Submissions.CountAsync(db, assessment.Id, cancellationToken);
        var k = MinimumGroupSizes.Of(assessment, Organization);
        var back = $"/assessments/{assessment.Id}";
        Confirmation = new Confirmation(
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
        };
        return Page();
    }
}

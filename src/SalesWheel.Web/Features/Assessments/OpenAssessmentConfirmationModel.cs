using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// The confirmation before an action on an open assessment (remind, close; admins): an uploaded, draft or closed one is
/// refused with the page's own words; the button posts to the assessment page's handler.
/// </summary>
public abstract class OpenAssessmentConfirmationModel(AssessmentActions actions) : ConfirmationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Guid AssessmentId { get; private set; }

    public string AssessmentName { get; private set; } = "";

    protected AssessmentActions Actions => actions;

    /// <summary>Why a draft has nothing to confirm.</summary>
    protected abstract string DraftRefusal { get; }

    /// <summary>Why a closed assessment has nothing to confirm.</summary>
    protected abstract string ClosedRefusal { get; }

    protected sealed override async Task<ConfirmationStep?> AskAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(OrganizationId, id, toChange: false, cancellationToken) is not { } assessment)
        {
            return null;
        }

        AssessmentId = assessment.Id;
        AssessmentName = assessment.Name;
        return assessment.Uploaded ? ConfirmationStep.Refuse(AssessmentActions.UploadedRefusal)
            : assessment.Status == AssessmentStatus.Draft ? ConfirmationStep.Refuse(DraftRefusal)
            : assessment.Status != AssessmentStatus.Open ? ConfirmationStep.Refuse(ClosedRefusal)
            : await AskAsync(assessment, cancellationToken);
    }

    /// <summary>What to ask about an open assessment of the organization (or why not, for the action's own reasons).</summary>
    protected abstract Task<ConfirmationStep> AskAsync(Assessment assessment, CancellationToken cancellationToken);
}

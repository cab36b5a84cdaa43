using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Delete this assessment?": a GET page saying what will go, and a POST form (typing the name for one that holds
/// answers), through the shared confirmation step. Works without JavaScript.
/// </summary>
public sealed class DeleteModel(AppDbContext db, AssessmentActions actions, AssessmentRemoval removal) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    /// <summary>The name typed to confirm, kept as typed when refused.</summary>
    [BindProperty]
    public string? Confirm { get; set; }

    public Assessment Assessment { get; private set; } = null!;

    public int Responses { get; private set; }

    public int Invitations { get; private set; }

    public int PlannedActions { get; private set; }

    /// <summary>What deleting it would remove and the button; null while it is open (it cannot be deleted then).</summary>
    public Confirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, toChange: false, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        Assessment = assessment;
        Confirmation = ConfirmationFor(assessment);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, toChange: true, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        Assessment = assessment;
        ModelState.Clear();
        var outcome = await removal.DeleteAsync(OrganizationId, Actor.Of(CurrentUser), assessment, Confirm, cancellationToken);
        if (!outcome.Deleted)
        {
            outcome.Errors.ShowOn(ModelState, field => field == "confirm" ? nameof(Confirm) : "");
            Confirmation = ConfirmationFor(assessment);
            return Page();
        }

        TempData["Deleted"] = AssessmentRemoval.NameToType(assessment);
        return Redirect("/assessments");
    }

    private Confirmation? ConfirmationFor(Assessment assessment)
    {
        if (assessment.Status == AssessmentStatus.Open && !assessment.Uploaded)
        {
            return null;
        }

        var url = $"/assessments/{assessment.Id}";
        var question = $"Delete \u201c{assessment.Name}\u201d?";
        if (!AssessmentRemoval.NeedsTypedName(assessment))
        {
            return new Confirmation(question, "This draft was never opened: nobody was invited and nothing was answered. Deleting it removes it for good.",
                "Delete the assessment", $"{url}/delete", url, Danger: true)
            {
                What = "draft",
                CancelText = "Cancel, keep it",
            };
        }

        return new Confirmation(question, "This cannot be undone. Deleting it removes, for good:", "Delete the assessment", $"{url}/delete", url, Danger: true)
        {
            What = "answers",
            Items = assessment.Uploaded
                ? [$"its {Counted(Responses, "response", "responses")} and its results (the wheel, the report and every download)"]
                :
                [
                    $"its {Counted(Responses, "response", "responses")} and its results (the wheel, the report and every download),",
                    $"its {Counted(Invitations, "invitation", "invitations")} and their survey links (which then stop working).",
                ],
            Notes =
            [
                .. PlannedActions > 0
                    ? [$"Your action plan keeps its {Counted(PlannedActions, "action", "actions")} made from these results, with their text; they just no longer point to this assessment."]
                    : Array.Empty<string>(),
                "The audit log keeps a line saying who deleted it and when.",
            ],
            Typed = new TypedConfirmation(nameof(Confirm), "the assessment's name", AssessmentRemoval.NameToType(assessment), Confirm),
            CancelText = "Cancel, keep it",
        };
    }

    private static string Counted(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    /// <summary>The assessment and what deleting it would remove; one past its close date is closed first on a POST.</summary>
    private async Task<Assessment?> LoadAsync(Guid id, bool toChange, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(OrganizationId, id, toChange, cancellationToken) is not { } assessment)
        {
            return null;
        }

        Responses = await Submissions.CountAsync(db, id, cancellationToken);
        Invitations = await db.Invitations.CountAsync(i => i.AssessmentId == id, cancellationToken);
        PlannedActions = await db.PlannedActions.CountAsync(a => a.AssessmentId == id && a.OrganizationId == OrganizationId, cancellationToken);
        return assessment;
    }
}

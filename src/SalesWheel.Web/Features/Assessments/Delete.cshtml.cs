using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Delete this assessment?": a GET page saying what will go, and a POST form (typing the name for one that holds
/// answers). Works without JavaScript.
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

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, toChange: false, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        Assessment = assessment;
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
            return Page();
        }

        TempData["Deleted"] = AssessmentRemoval.NameToType(assessment);
        return Redirect("/assessments");
    }

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

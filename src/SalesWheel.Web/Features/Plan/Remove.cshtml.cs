using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Plan;

/// <summary>Removing an action: a confirmation page (works without JavaScript), then the POST.</summary>
public sealed class RemoveModel(ActionPlan plan) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public PlannedAction Action { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await plan.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } action)
        {
            return NotFound();
        }

        Action = action;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await plan.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } action)
        {
            return NotFound();
        }

        await plan.RemoveAsync(OrganizationId, Actor.Of(CurrentUser), action, HttpContext.RequestAborted);
        TempData["Notice"] = $"\"{action.Title}\" was removed from the plan.";
        return Redirect("/plan");
    }
}

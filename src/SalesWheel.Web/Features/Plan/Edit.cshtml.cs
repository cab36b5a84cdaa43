using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Plan;

public sealed class EditModel(ActionPlan plan) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public PlannedActionForm Form { get; set; } = new();

    public IReadOnlyList<PlanMember> Members { get; private set; } = [];

    public PlannedAction Action { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await plan.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } action)
        {
            return NotFound();
        }

        Action = action;
        Members = await plan.MembersAsync(OrganizationId, HttpContext.RequestAborted);
        Form = PlannedActionForm.From(action, Members);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await plan.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } action)
        {
            return NotFound();
        }

        Action = action;
        ModelState.Clear(); // the use case checks every rule, as for the API
        var outcome = await plan.ChangeAsync(OrganizationId, Actor.Of(CurrentUser), action, Form.Input, HttpContext.RequestAborted);
        if (outcome.Action is null)
        {
            Members = await plan.MembersAsync(OrganizationId, HttpContext.RequestAborted);
            outcome.Errors.ShowOn(ModelState, PlannedActionFields.PageKey);
            return Page();
        }

        TempData["Notice"] = outcome.Changes.Count == 0 ? $"Nothing changed in \"{action.Title}\"." : $"\"{action.Title}\" was saved.";
        return Redirect("/plan");
    }
}

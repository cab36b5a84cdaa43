using Microsoft.AspNetCore.Mvc;
using SalesWheel.Core.Actions;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Plan;

/// <summary>
/// A new action, from scratch or prefilled from the query (<c>/plan/new?driver=enablement&amp;facet=coaching&amp;action=…&amp;assessment=…</c>):
/// a playbook action gives its title, driver and facet.
/// </summary>
public sealed class NewModel(ActionPlan plan) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public PlannedActionForm Form { get; set; } = new();

    public IReadOnlyList<PlanMember> Members { get; private set; } = [];

    public PlaybookAction? FromPlaybook { get; private set; }

    public async Task OnGetAsync(string? driver, string? facet, string? action, string? assessment)
    {
        Members = await plan.MembersAsync(OrganizationId, HttpContext.RequestAborted);
        Form = PlannedActionForm.From(ActionPlan.Prefill(driver, facet, action, assessment), Members);
        FromPlaybook = Playbook.BuiltIn.Actions.FirstOrDefault(a => a.Id == Form.PlaybookAction);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear(); // the use case checks every rule, as for the API
        var outcome = await plan.AddAsync(OrganizationId, Actor.Of(CurrentUser), Form.Input, HttpContext.RequestAborted);
        if (outcome.Action is not { } added)
        {
            Members = await plan.MembersAsync(OrganizationId, HttpContext.RequestAborted);
            FromPlaybook = Playbook.BuiltIn.Actions.FirstOrDefault(a => a.Id == Form.PlaybookAction);
            outcome.Errors.ShowOn(ModelState, PlannedActionFields.PageKey);
            return Page();
        }

        TempData["Notice"] = $"\"{added.Title}\" was added to the plan.";
        return Redirect("/plan");
    }
}

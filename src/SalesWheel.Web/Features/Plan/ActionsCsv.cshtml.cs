using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Plan;

/// <summary>The plan as CSV, with the plan page's filters (driver, owner, status).</summary>
public sealed class ActionsCsvModel(ActionPlan plan) : OrganizationPageModel
{
    public async Task<IActionResult> OnGetAsync(string? driver, string? owner, string? status)
    {
        var actions = await plan.List(OrganizationId, new PlanFilter(driver, owner, PlannedActionStatuses.Parse(status))).ToListAsync(HttpContext.RequestAborted);
        return File(PlanCsv.Write(actions, ActionPlan.Today), PlanCsv.ContentType, PlanCsv.FileName);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Plan;

/// <summary>The organization's action plan, filtered by driver, owner and status from the query (works without JavaScript).</summary>
public sealed class IndexModel(ActionPlan plan) : OrganizationPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Driver { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<Data.Entities.PlannedAction> Actions { get; private set; } = [];

    /// <summary>Everyone who owns an action in the plan (value: the member's user id or the typed name; text: the name).</summary>
    public IReadOnlyList<(string Value, string Name)> Owners { get; private set; } = [];

    public DateOnly Today { get; } = ActionPlan.Today;

    public bool Filtered => !string.IsNullOrEmpty(Driver) || !string.IsNullOrEmpty(Owner) || !string.IsNullOrEmpty(Status);

    public string? Notice { get; private set; }

    /// <summary>The CSV download of what is shown, with the same filters.</summary>
    public string CsvLink => "/plan/actions.csv" + Request.QueryString.Value;

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        var ct = HttpContext.RequestAborted;
        Actions = await plan.List(OrganizationId, new PlanFilter(Driver, Owner, PlannedActionStatuses.Parse(Status))).ToListAsync(ct);
        var owners = await plan.List(OrganizationId, new PlanFilter()).Where(a => a.OwnerName != "")
            .Select(a => new { a.OwnerUserId, a.OwnerName }).Distinct().ToListAsync(ct);
        Owners = owners.Select(o => (o.OwnerUserId ?? o.OwnerName, o.OwnerName)).Distinct()
            .OrderBy(o => o.OwnerName, StringComparer.OrdinalIgnoreCase).ToList();
    }
}

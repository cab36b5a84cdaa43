using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>Removing one of the organization's roles: a confirmation page (works without JavaScript), then the POST.</summary>
public sealed class RemoveRoleModel(RoleSettings roleSettings) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public OrganizationRole Role { get; private set; } = null!;

    public int Holders { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await roleSettings.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } role)
        {
            return NotFound();
        }

        Role = role;
        Holders = await roleSettings.HoldersAsync(OrganizationId, id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await roleSettings.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } role)
        {
            return NotFound();
        }

        await roleSettings.RemoveAsync(OrganizationId, Actor.Of(CurrentUser), role, HttpContext.RequestAborted);
        TempData["Notice"] = $"{role.Name} was removed; its people count as {role.Family.DisplayName()}.";
        return Redirect("/settings/people");
    }
}

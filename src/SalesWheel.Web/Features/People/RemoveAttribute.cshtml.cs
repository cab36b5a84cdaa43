using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>Removing one of the organization's attributes: a confirmation page (works without JavaScript), then the POST.</summary>
public sealed class RemoveAttributeModel(AttributeSettings attributeSettings) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public AttributeDefinition Attribute { get; private set; } = null!;

    public int Holders { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await attributeSettings.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } attribute)
        {
            return NotFound();
        }

        Attribute = attribute;
        Holders = await attributeSettings.HoldersAsync(OrganizationId, id, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await attributeSettings.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } attribute)
        {
            return NotFound();
        }

        await attributeSettings.RemoveAsync(OrganizationId, Actor.Of(CurrentUser), attribute, HttpContext.RequestAborted);
        TempData["Notice"] = $"{attribute.Name} was removed.";
        return Redirect("/settings/people#attributes");
    }
}

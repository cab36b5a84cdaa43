using Microsoft.AspNetCore.Mvc;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Members;

/// <summary>The header's organization switcher: a small form (no JavaScript), shown only to a member of several organizations.</summary>
public sealed class OrganizationSwitcher(CurrentMember member) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (HttpContext.User.Identity?.IsAuthenticated != true)
        {
            return Content("");
        }

        var organizations = await member.OrganizationsAsync(HttpContext.RequestAborted);
        if (organizations.Count < 2 || await member.GetAsync(HttpContext.RequestAborted) is not { } current)
        {
            return Content("");
        }

        return View("/Features/Members/_OrganizationSwitcher.cshtml", (current.Organization.Id, organizations));
    }
}

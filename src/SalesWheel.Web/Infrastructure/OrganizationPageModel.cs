using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// Base of every page inside an organization: loads the member, refuses anyone below <see cref="RequiredRole"/>,
/// and gives <see cref="OrganizationId"/> for scoping every query.
/// </summary>
public abstract class OrganizationPageModel : PageModel
{
    protected virtual MemberRole RequiredRole => MemberRole.Viewer;

    public Organization Organization { get; private set; } = null!;

    public Membership Membership { get; private set; } = null!;

    public AppUser CurrentUser { get; private set; } = null!;

    public Guid OrganizationId => Organization.Id;

    public bool CanAdminister => Membership.Role >= MemberRole.Admin;

    public bool IsOwner => Membership.Role == MemberRole.Owner;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var member = await context.HttpContext.RequestServices.GetRequiredService<CurrentMember>().GetAsync(context.HttpContext.RequestAborted);
        if (member is null)
        {
            context.Result = new RedirectToPageResult("/Account/SignIn");
            return;
        }

        (Membership, Organization, CurrentUser) = member.Value;
        if (Membership.Role < RequiredRole)
        {
            context.Result = new ForbidResult();
            return;
        }

        ViewData["Organization"] = Organization.Name;
        await next();
    }
}
